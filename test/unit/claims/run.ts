// Runs the real programs for the claims table (claims.ts): m4, the extension's Rebuild
// (generateCf), sendmail -bt, an SMTP session with sendmail -bs, sendmail -bD in a private
// network namespace, makemap, and a delivery to a small SMTP server of the test. Each gives
// back what the program printed (or, for a delivery, what the server received) and its exit
// status. Programs run with argument arrays; the only shell is the fixed script that gives
// sendmail a qualified host name (and for -bD its own loopback), as in commands/etcMail.ts.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { CF_DIR, MAKEMAP, SENDMAIL } from '../commands/etcMail';
import { generateCf } from '../../../client/src/commands/rebuildCf';

export interface Ran {
  /** stdout and stderr (m4, sendmail, makemap), the SMTP replies (-bs), or what the test's SMTP server received (deliver). */
  output: string;
  /** Exit status; null when the program was still running and the test stopped it. */
  status: number | null;
  /** Rebuild: did generateCf refuse the file? */
  refused?: boolean;
}

const HOST = 'mail.example.test';

/** Fixed script: $1 = 1 for a private network namespace with its loopback up, then the program and its arguments. */
const QUALIFIED = 'if [ "$1" = 1 ]; then ip link set lo up || exit 97; fi; shift; hostname "$0" || exit 97; exec "$@"';

/** Can we give sendmail a qualified name (and a private loopback for -bD)? */
export function canUnshare(netns: boolean): boolean {
  const args = netns ? ['-n', '-u', 'ip', 'link', 'set', 'lo', 'up'] : ['-u', 'true'];
  return spawnSync('unshare', args, { stdio: 'ignore' }).status === 0;
}

/** sendmail as a host named mail.example.test (it sleeps 60 s at start without a qualified name), optionally alone on its own loopback. */
function sendmailArgv(args: string[], netns = false): [string, string[]] {
  return ['unshare', [...(netns ? ['-n'] : []), '-u', 'sh', '-c', QUALIFIED, HOST, netns ? '1' : '0', SENDMAIL, ...args]];
}

/** Runs a program to its end (or `timeoutMs`), stdin from `input`. */
function runToEnd(cmd: string, args: string[], input = '', timeoutMs = 120_000, cwd?: string): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    let output = '';
    p.stdout.on('data', (d: Buffer) => { output += d.toString(); });
    p.stderr.on('data', (d: Buffer) => { output += d.toString(); });
    const timer = setTimeout(() => { try { process.kill(-p.pid!, 'SIGKILL'); } catch { /* gone */ } }, timeoutMs);
    p.on('error', (e) => { clearTimeout(timer); reject(e); });
    p.on('close', (status) => { clearTimeout(timer); resolve({ output, status }); });
    p.stdin.on('error', () => undefined);
    p.stdin.end(input);
  });
}

export function m4(dir: string): Promise<Ran> { return runToEnd('m4', ['sendmail.mc'], '', 60_000, dir); }

/** The extension's Rebuild sendmail.cf, up to the point where it would write (generateCf). */
export async function rebuild(dir: string): Promise<Ran> {
  const gen = await generateCf(path.join(dir, 'sendmail.mc'), { cfDirectory: undefined });
  return { output: `${gen.run.stderr}${gen.reason ? `\n(refused: ${gen.reason})` : ''}`, status: gen.run.code, refused: !gen.ok };
}

export function sendmailBt(cf: string, input: string): Promise<Ran> {
  const [cmd, args] = sendmailArgv(['-C', cf, '-bt']);
  return runToEnd(cmd, args, input);
}

/** An SMTP session with `sendmail -bs` (each command after the previous reply); output: the replies and anything else printed. */
export function sendmailBs(cf: string, commands: string[], timeoutMs = 150_000): Promise<Ran> {
  const [cmd, args] = sendmailArgv(['-C', cf, '-bs']);
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    // Replies before the greeting (a "missing map file" line, say) are not answers to anything.
    let buf = '', output = '', next = 0, greeted = false;
    const timer = setTimeout(() => { try { process.kill(-p.pid!, 'SIGKILL'); } catch { /* gone */ } }, timeoutMs);
    p.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
        const line = buf.slice(0, nl).replace(/\r$/, '');
        buf = buf.slice(nl + 1);
        output += `${line}\n`;
        if (!/^\d{3} /.test(line)) continue; // not the last line of a reply
        if (!greeted && !/^220 /.test(line)) continue;
        greeted = true;
        if (next < commands.length) p.stdin.write(`${commands[next++]}\r\n`); else p.stdin.end();
      }
    });
    p.stderr.on('data', (d: Buffer) => { output += d.toString(); });
    p.stdin.on('error', () => undefined);
    p.on('error', (e) => { clearTimeout(timer); reject(e); });
    p.on('close', (status) => { clearTimeout(timer); resolve({ output: output + buf, status }); });
  });
}

/**
 * `sendmail -bD` alone on a private loopback (so ports 25 and 587 are its own): runs until it
 * exits, until its output matches `until`, or for `forMs`; then it is stopped (status null).
 */
export function sendmailBD(cf: string, opts: { until?: RegExp; forMs: number }): Promise<Ran> {
  const [cmd, args] = sendmailArgv(['-C', cf, '-bD'], true);
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '', done = false;
    const stop = () => { if (!done) { done = true; try { process.kill(-p.pid!, 'SIGKILL'); } catch { /* gone */ } resolve({ output, status: null }); } };
    const timer = setTimeout(stop, opts.forMs);
    const seen = (d: Buffer) => { output += d.toString(); if (opts.until?.test(output)) { clearTimeout(timer); stop(); } };
    p.stdout.on('data', seen);
    p.stderr.on('data', seen);
    p.on('error', (e) => { clearTimeout(timer); if (!done) { done = true; reject(e); } });
    p.on('close', (status) => { clearTimeout(timer); if (!done) { done = true; resolve({ output, status }); } });
  });
}

/** `makemap hash file < file` again, then what the database holds (makemap -u), one `key<TAB>value` per line. */
export async function makemap(file: string): Promise<Ran> {
  const built = await runToEnd(MAKEMAP, ['hash', file], fs.readFileSync(file, 'latin1'));
  const dump = spawnSync(MAKEMAP, ['-u', 'hash', file], { encoding: 'latin1' });
  return { output: `${built.output}--- stored:\n${dump.stdout}`, status: built.status };
}

/** `sendmail -bi` (newaliases) for the cf's alias file, then what the database holds. */
export async function newaliases(cf: string, aliasFile: string): Promise<Ran> {
  const [cmd, args] = sendmailArgv(['-C', cf, '-bi']);
  const built = await runToEnd(cmd, args);
  const dump = spawnSync(MAKEMAP, ['-u', 'hash', aliasFile], { encoding: 'latin1' });
  return { output: `${built.output}--- stored:\n${dump.stdout}`, status: built.status };
}

/** A self-signed certificate and its key (mode `keyMode`) in `dir`, as cert.pem and key.pem. */
export function certificate(dir: string, keyMode: number): void {
  spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'),
    '-days', '2', '-subj', `/CN=${HOST}`], { stdio: 'ignore' });
  fs.chmodSync(path.join(dir, 'key.pem'), keyMode);
}

/** A small SMTP server of the test: answers everything with 250 (AUTH with 235 when `auth`), keeps the client's lines. */
export function smtpSink(host: string, auth: boolean): Promise<{ port: number; lines: string[]; close: () => Promise<void> }> {
  const lines: string[] = [];
  const server = net.createServer((s) => {
    s.write('220 sink.example.test ESMTP\r\n');
    let buf = '', data = false;
    s.on('error', () => undefined);
    s.on('data', (d: Buffer) => {
      buf += d.toString();
      for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
        const l = buf.slice(0, nl).replace(/\r$/, '');
        buf = buf.slice(nl + 1);
        if (data) { if (l === '.') { data = false; s.write('250 2.0.0 kept\r\n'); } continue; }
        lines.push(l);
        if (/^EHLO/i.test(l)) s.write(auth ? '250-sink.example.test\r\n250 AUTH PLAIN LOGIN\r\n' : '250 sink.example.test\r\n');
        else if (/^AUTH/i.test(l)) s.write('235 2.7.0 Authentication successful\r\n');
        else if (/^DATA/i.test(l)) { data = true; s.write('354 go on\r\n'); }
        else if (/^QUIT/i.test(l)) s.end('221 2.0.0 bye\r\n');
        else s.write('250 2.0.0 ok\r\n');
      }
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve({
      port: (server.address() as net.AddressInfo).port, lines,
      close: () => new Promise((r) => server.close(() => r())),
    }));
  });
}

/** `sendmail -odi` of one message to `rcpt` (delivered at once, as a local program would). */
export function deliver(cf: string, rcpt: string): Promise<Ran> {
  const [cmd, args] = sendmailArgv(['-C', cf, '-odi', '-oi', '-f', `sender@${HOST}`, rcpt]);
  return runToEnd(cmd, args, `From: sender@${HOST}\nTo: ${rcpt}\nSubject: claims table\n\nA test message.\n`, 90_000);
}

/** Does anything answer on `host`:`port` (a real MTA on port 25 would take deliveries meant to fail)? */
export function answers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host, port, timeout: 2000 }, () => { s.destroy(); resolve(true); });
    s.on('error', () => resolve(false));
    s.on('timeout', () => { s.destroy(); resolve(false); });
  });
}

/** Are the real tools there (the claims table is skipped otherwise)? */
export function haveTools(): boolean {
  const runs = (c: string, a: string[]) => spawnSync(c, a, { stdio: 'ignore' }).status === 0;
  return fs.existsSync(`${CF_DIR}/m4/cf.m4`) && fs.existsSync(SENDMAIL) && fs.existsSync(MAKEMAP) && runs('m4', ['--version']) && canUnshare(false);
}
