// How sendmail is asked about a generated cf without starting a daemon, binding a port or
// touching the queue: `sendmail -bC -C <tmp>/sendmail.cf -O QueueDirectory=<tmp>/queue`.
//
// Why -bC ("check configuration" mode) — sendmail 8.17.1.9, tried on the broken mcs of the tests:
//  - `-bt < /dev/null` prints readcf's complaints and exits with their status, but skips the
//    queue set-up (a cut-short cf gets no "QueueDirectory (Q) option must be set") and prints a banner.
//  - `-bs` + QUIT and `-bv postmaster` stop at the first complaint (-bs as an SMTP reply,
//    "554 5.0.0 <cf>: line 253: ..."), and go on to milters, aliases or DNS when there is none.
//  - `-bC` reads the cf and runs the start-up checks a daemon runs (main.c: the mailers local, prog,
//    *file* and *include* exist, the queue is set up, then "if checking config or have had errors
//    so far, exit now"), prints every complaint on stdout, and exits with the status a daemon
//    would stop with. strace shows it opens the cf, the F files and /etc/hosts for reading, asks
//    DNS for its own name, stats the queue directory, and writes nothing.
//  So: exit status 0 means a daemon starts (complaints are things it ignores); non-zero means it
//  would exit at start (70 EX_SOFTWARE for readcf's syserr lines, 78 EX_CONFIG, 64 EX_USAGE for an
//  unknown DeliveryMode, which stops reading the cf right there).
// What -bC does not cover: milter sockets, listening sockets (DAEMON_OPTIONS addresses), TLS
// files — a daemon meets those later. The queue is pointed at an empty private directory: the
// real queue is never read (a non-root user could not chdir into it, and that would fail the
// check), so a wrong QUEUE_DIR is not reported. The private directory is made traversable
// (0711, queue 0755) because a cf with RunAsUser (submit.cf: smmsp) switches user before it
// looks at the queue. sendmail warns that the directories above it (/tmp) are world writable;
// those lines about our own directory are dropped.
//
// Host name: before it reads any cf, sendmail looks up its own name; when that name has no dot and
// no lookup qualifies it, it sleeps 60 s and tries again ("My unqualified host name ... sleeping
// for retry", which -bC does not print). No option avoids this (the cf is not read yet). The
// check then allows 60 s more and says so in the result's notes.
import * as os from 'node:os';
import * as path from 'node:path';

/** Each step's time limit. */
export const STEP_TIMEOUT_MS = 20_000;
/** What sendmail sleeps before reading the cf when this machine's name is not qualified. */
export const HOST_WAIT_MS = 60_000;

/** True when sendmail may sleep 60 s at start here (the host name has no dot). */
export const hostMayWait = (hostname = os.hostname()): boolean => !hostname.includes('.');

export function probeArgs(cfPath: string, queueDir: string): string[] {
  return ['-bC', '-C', cfPath, '-O', `QueueDirectory=${queueDir}`];
}

export interface Complaint {
  /** 1-based line of the checked cf, when sendmail named one. */
  cfLine?: number;
  /** sendmail's words, without the `<cf>: line N: ` prefix. */
  message: string;
}

/** True when `inner` is `outer` or below it. */
function within(outer: string, inner: string): boolean {
  const rel = path.relative(path.resolve(outer), path.resolve(inner));
  return !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** True for sendmail's and makemap's world-writable warning about `ownDir`, a parent of it (/tmp) or a directory in it. */
export function aboutOwnDir(text: string, ownDir: string): boolean {
  const ww = /^WARNING: World writable directory (.+)$/.exec(text);
  return !!ww && (within(ww[1], ownDir) || within(ownDir, ww[1]));
}

/** sendmail's complaints in its output, without the world-writable warnings about `ownDir`, its parents and what is in it. */
export function parseProbeOutput(output: string, cfPath: string, ownDir: string): Complaint[] {
  const out: Complaint[] = [];
  for (const raw of output.split('\n')) {
    const text = raw.trim();
    if (!text) continue;
    if (aboutOwnDir(text, ownDir)) continue;
    const at = /^(.*?): line (\d+): (.*)$/.exec(text);
    if (at && path.resolve(at[1]) === path.resolve(cfPath)) out.push({ cfLine: Number(at[2]), message: at[3] });
    else out.push({ message: text });
  }
  return out;
}

/** Words of sendmail's that are only warnings even when it exits non-zero for another line. */
export const isWarningText = (message: string): boolean => /^warning\b/i.test(message);
