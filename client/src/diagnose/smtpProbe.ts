// Step 3 of Diagnose delivery: can this machine reach a mail server? A TCP connect with a time
// limit, the SMTP greeting, EHLO (is STARTTLS offered, which AUTH mechanisms), then QUIT. It
// never sends MAIL FROM, RCPT TO or AUTH: nothing is delivered and no password is ever sent.
// Every step is logged. The reader is bounded: a server that talks too much or never ends a
// line is cut off.
import * as net from 'node:net';
import * as os from 'node:os';
import type { Log } from '../commands/run';

export type ProbeState =
  | 'ok'              // greeted with 220 and answered EHLO
  | 'refused'         // connection refused: nothing listens on that port
  | 'connect-timeout' // no answer to the connection attempt (a filter drops it)
  | 'no-greeting'     // connected, but no greeting in time
  | 'rejected'        // greeted with 421/554: the server does not want this client
  | 'unreachable'     // no route to the host or network
  | 'error'
  | 'cancelled';

export interface Probe {
  name: string;
  address: string;
  port: number;
  state: ProbeState;
  /** The greeting (multi-line replies joined with '\n'). */
  greeting?: string;
  /** EHLO reply lines, without the code. */
  ehlo?: string[];
  starttls: boolean;
  auth: string[];
  detail?: string;
  connectMs?: number;
  ms: number;
  /** What was said, both ways ("> EHLO ...", "< 220 ..."). */
  transcript: string[];
}

export interface ProbeOptions { timeoutMs?: number; helo?: string; log?: Log; signal?: AbortSignal }

const MAX_BUFFER = 64 * 1024;

/** STARTTLS and AUTH mechanisms from the EHLO reply lines (code stripped). */
export function parseEhlo(lines: string[]): { starttls: boolean; auth: string[] } {
  let starttls = false;
  const auth = new Set<string>();
  for (const l of lines) {
    const [kw, ...rest] = l.trim().split(/[\s=]+/);
    if (/^STARTTLS$/i.test(kw)) starttls = true;
    if (/^AUTH$/i.test(kw)) for (const m of rest) if (/^[A-Z0-9_-]{1,20}$/i.test(m)) auth.add(m.toUpperCase());
  }
  return { starttls, auth: [...auth] };
}

/** Splits complete SMTP replies off a buffer: [replies (lines of each), rest]. */
export function takeReplies(buf: string): [string[][], string] {
  const replies: string[][] = [];
  let block: string[] = [];
  let rest = buf;
  for (let nl = rest.indexOf('\n'); nl >= 0; nl = rest.indexOf('\n')) {
    const line = rest.slice(0, nl).replace(/\r$/, '');
    rest = rest.slice(nl + 1);
    block.push(line);
    if (/^\d{3}-/.test(line)) continue;
    replies.push(block);
    block = [];
  }
  return [replies, block.length ? block.map((l) => l + '\n').join('') + rest : rest];
}

const heloName = () => (os.hostname().includes('.') ? os.hostname() : 'localhost.localdomain');

/** Talks to one server: connect, greeting, EHLO, QUIT. Never rejects. */
export function probeSmtp(name: string, address: string, port: number, o: ProbeOptions = {}): Promise<Probe> {
  const timeoutMs = o.timeoutMs ?? 10_000;
  const log = o.log ?? (() => undefined);
  const t0 = Date.now();
  const p: Probe = { name, address, port, state: 'error', starttls: false, auth: [], ms: 0, transcript: [] };
  log(`smtp: connecting to ${name} [${address}] port ${port} (time limit ${Math.round(timeoutMs / 1000)} s)`);
  return new Promise((resolve) => {
    const c = net.connect({ host: address, port });
    let buf = '';
    let phase: 'connect' | 'greeting' | 'ehlo' | 'quit' = 'connect';
    let done = false;
    let timer: NodeJS.Timeout;
    const finish = (state: ProbeState, detail?: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      o.signal?.removeEventListener('abort', onAbort);
      c.destroy();
      Object.assign(p, { state, detail, ms: Date.now() - t0 });
      log(`smtp: ${name} [${address}]:${port}: ${state}${detail ? ` (${detail})` : ''} after ${p.ms} ms`);
      resolve(p);
    };
    const arm = (what: ProbeState, detail: string) => { clearTimeout(timer); timer = setTimeout(() => finish(what, detail), timeoutMs); };
    const send = (line: string) => { p.transcript.push(`> ${line}`); log(`smtp: > ${line}`); c.write(`${line}\r\n`); };
    const onAbort = () => finish('cancelled');
    if (o.signal?.aborted) { finish('cancelled'); return; }
    o.signal?.addEventListener('abort', onAbort);
    arm('connect-timeout', `no answer to the connection attempt within ${Math.round(timeoutMs / 1000)} s`);
    c.setEncoding('latin1');
    c.on('connect', () => {
      p.connectMs = Date.now() - t0;
      phase = 'greeting';
      arm('no-greeting', `connected, but no greeting within ${Math.round(timeoutMs / 1000)} s`);
    });
    c.on('data', (d: string) => {
      buf += d;
      if (buf.length > MAX_BUFFER) { finish('error', 'the server sent more than 64 KiB without ending its reply'); return; }
      const [replies, rest] = takeReplies(buf);
      buf = rest;
      for (const r of replies) {
        for (const l of r) { p.transcript.push(`< ${l}`); log(`smtp: < ${l}`); }
        const code = r[r.length - 1].slice(0, 3);
        if (phase === 'greeting') {
          p.greeting = r.join('\n');
          if (code !== '220') { send('QUIT'); finish('rejected', `greeted with ${code}`); return; }
          send(`EHLO ${o.helo ?? heloName()}`);
          phase = 'ehlo';
          arm('error', 'no reply to EHLO in time');
        } else if (phase === 'ehlo') {
          p.ehlo = r.map((l) => l.slice(4));
          Object.assign(p, parseEhlo(code === '250' ? p.ehlo.slice(1) : []));
          send('QUIT');
          if (code !== '250') { finish('error', `EHLO answered ${r[r.length - 1]}`); return; }
          phase = 'quit';
          arm('ok', 'no reply to QUIT');
        } else if (phase === 'quit') { finish('ok'); return; }
      }
    });
    c.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ECONNREFUSED') finish('refused', 'connection refused');
      else if (e.code === 'ETIMEDOUT') finish('connect-timeout', 'the connection attempt timed out');
      else if (e.code === 'EHOSTUNREACH' || e.code === 'ENETUNREACH') finish('unreachable', e.code === 'EHOSTUNREACH' ? 'no route to host' : 'network unreachable');
      else finish('error', e.code ?? e.message);
    });
    c.on('close', () => {
      if (phase === 'quit') finish('ok');
      else if (phase === 'greeting') finish('no-greeting', 'the server closed the connection without a greeting');
      else finish('error', 'the server closed the connection');
    });
  });
}
