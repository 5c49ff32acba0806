// Runs one program without a shell: argument arrays only, so nothing a user typed is ever
// parsed by a shell. Every run is logged (program, arguments, exit status) through `log`.
// The program gets its own process group, so a cancel or timeout ends everything it started
// (SIGTERM to the group, SIGKILL after a grace period), and a program still running when our
// process exits is sent SIGTERM then. Plain Node (no `vscode`), so unit tests run it against
// the real m4/makemap/sendmail.
import { spawn } from 'node:child_process';

export type Log = (line: string) => void;

export interface RunOptions {
  cwd?: string;
  /** Written to the program's stdin, then stdin is closed. */
  input?: string | Buffer;
  /** Kill the program after this many ms (default 120 s). */
  timeoutMs?: number;
  /** Cancellation: aborting kills the program. */
  signal?: AbortSignal;
  log?: Log;
  env?: NodeJS.ProcessEnv;
}

export interface RunResult {
  command: string;
  args: string[];
  /** Exit code; null when killed or when the program could not be started. */
  code: number | null;
  stdout: string;
  stderr: string;
  /** Set when the program could not be started (ENOENT, EACCES) or was killed. */
  error?: string;
  cancelled?: boolean;
  timedOut?: boolean;
}

/** How a run reads in the log: arguments JSON-quoted so spaces and odd characters are visible. */
export function describeCommand(command: string, args: readonly string[]): string {
  return [command, ...args].map((a) => (/^[\w@%+=:,./<>[\]-]+$/.test(a) ? a : JSON.stringify(a))).join(' ');
}

/** How long a killed program's group may take to end after SIGTERM before it gets SIGKILL. */
const KILL_GRACE_MS = 2000;

/** Process groups of the programs still running, ended when our process exits. */
const running = new Set<number>();
let exitHookInstalled = false;

function signalGroup(pgid: number, sig: NodeJS.Signals | 0): boolean {
  try { process.kill(-pgid, sig); return true; } catch { return false; }
}

function trackGroup(pgid: number): void {
  running.add(pgid);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => { for (const g of running) signalGroup(g, 'SIGTERM'); });
}

export function runProgram(command: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  const log = opts.log ?? (() => undefined);
  const argv = [...args];
  log(`$ ${describeCommand(command, argv)}${opts.cwd ? `   (in ${opts.cwd})` : ''}`);
  return new Promise((resolve) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let settled = false;
    let cancelled = false;
    let timedOut = false;
    const finish = (r: Omit<RunResult, 'command' | 'args' | 'stdout' | 'stderr'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      const result: RunResult = {
        command, args: argv, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), ...r,
      };
      log(`  -> ${result.error ? result.error : `exit status ${result.code}`}`);
      resolve(result);
    };
    if (opts.signal?.aborted) { finish({ code: null, cancelled: true, error: 'cancelled before start' }); return; }
    let child: ReturnType<typeof spawn>;
    try {
      // detached: its own process group (not unref'ed: we still wait for it).
      child = spawn(command, argv, { cwd: opts.cwd, shell: false, detached: true, env: opts.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    } catch (e) {
      finish({ code: null, error: `could not start ${command}: ${(e as Error).message}` });
      return;
    }
    const pgid = child.pid;
    if (pgid) trackGroup(pgid);
    let killTimer: NodeJS.Timeout | undefined;
    const kill = () => {
      if (!pgid || killTimer) return;
      signalGroup(pgid, 'SIGTERM');
      killTimer = setTimeout(() => { signalGroup(pgid, 'SIGKILL'); running.delete(pgid); }, KILL_GRACE_MS);
    };
    const onAbort = () => { cancelled = true; kill(); };
    opts.signal?.addEventListener('abort', onAbort);
    const timer = setTimeout(() => { timedOut = true; kill(); }, opts.timeoutMs ?? 120_000);
    child.stdout?.on('data', (b: Buffer) => out.push(b));
    child.stderr?.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e: NodeJS.ErrnoException) => finish({ code: null, error: `could not start ${command}: ${e.code ?? e.message}` }));
    child.on('close', (code, sig) => {
      // Done: forget the group (what a program that ended normally started is not ours to end);
      // what a killed program left behind still gets its SIGKILL unless the group is already gone.
      if (pgid && (!killTimer || !signalGroup(pgid, 0))) { running.delete(pgid); clearTimeout(killTimer); }
      if (cancelled) finish({ code, cancelled, error: 'cancelled' });
      else if (timedOut) finish({ code, timedOut, error: `timed out after ${Math.round((opts.timeoutMs ?? 120_000) / 1000)} s` });
      else finish({ code, error: sig ? `killed by ${sig}` : undefined });
    });
    child.stdin?.on('error', () => undefined); // program exited before reading all input
    child.stdin?.end(opts.input ?? '');
  });
}
