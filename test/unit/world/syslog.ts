// A syslog daemon for tests: listens on a Unix stream socket (glibc's syslog(3) falls back to
// SOCK_STREAM when /dev/log is not a datagram socket; messages then end with a NUL byte) and
// writes each message to a file as classic syslog does ("Mar  5 07:12:40 host tag[pid]: text").
// The socket is bound over /dev/log in a private mount namespace (see namespace.ts), so only
// the programs of the test log into it.
import * as fs from 'node:fs';
import * as net from 'node:net';

export interface SyslogListener {
  socket: string;
  file: string;
  /** The lines written so far. */
  lines(): string[];
  /** Resolves with the lines once `done(lines)` holds; rejects after timeoutMs with what was logged. */
  waitFor(done: (lines: string[]) => boolean, timeoutMs: number, what?: string): Promise<string[]>;
  close(): Promise<void>;
}

/** "<22>Mar  5 07:12:40 sm-mta[123]: text" -> "Mar  5 07:12:40 host sm-mta[123]: text" (undefined if not a syslog record). */
export function syslogLine(record: string, host: string): string | undefined {
  const m = /^<\d{1,3}>([A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d) ([\s\S]*)$/.exec(record.replace(/\n+$/, ''));
  return m ? `${m[1]} ${host} ${m[2].replace(/\n/g, ' ')}` : undefined;
}

export function startSyslog(socket: string, file: string, host: string): Promise<SyslogListener> {
  fs.rmSync(socket, { force: true });
  fs.writeFileSync(file, '');
  const written: string[] = [];
  const waiters = new Set<() => void>();
  const connections = new Set<net.Socket>();
  const server = net.createServer((c) => {
    connections.add(c);
    let buf = '';
    c.setEncoding('utf8');
    c.on('data', (d: string) => {
      buf += d;
      for (let nul = buf.indexOf('\0'); nul >= 0; nul = buf.indexOf('\0')) {
        const line = syslogLine(buf.slice(0, nul), host);
        buf = buf.slice(nul + 1);
        if (line === undefined) continue;
        fs.appendFileSync(file, line + '\n');
        written.push(line);
      }
      for (const w of [...waiters]) w();
    });
    c.on('error', () => undefined);
    c.on('close', () => connections.delete(c));
  });
  const listener: SyslogListener = {
    socket, file,
    lines: () => [...written],
    waitFor: (done, timeoutMs, what = 'the expected log lines') => new Promise((resolve, reject) => {
      const check = () => {
        if (!done(written)) return false;
        waiters.delete(check); clearTimeout(timer); resolve([...written]);
        return true;
      };
      const timer = setTimeout(() => { waiters.delete(check); reject(new Error(`syslog: no ${what} within ${timeoutMs} ms; logged so far:\n${written.join('\n')}`)); }, timeoutMs);
      waiters.add(check);
      check();
    }),
    close: () => new Promise((resolve) => {
      for (const c of connections) c.destroy();
      server.close(() => resolve());
    }),
  };
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(socket, () => { fs.chmodSync(socket, 0o666); resolve(listener); });
  });
}
