// What a check with the real programs (m4 + sendmail for a sendmail.mc, makemap for a map
// source) returns, shared by mcCheck.ts and mapCheck.ts, plus the private temporary directory
// every check works in (created with mkdtemp under os.tmpdir(), always removed afterwards).
// Plain Node: no `vscode` import, so the client, the server and the CLI can all use it.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RunResult } from '../commands/run';

export type CheckSource = 'sendmail (m4)' | 'sendmail (readcf)' | 'sendmail (makemap)';
export type CheckSeverity = 'error' | 'warning';

/** Stable codes of the problems a check reports (CheckProblem.code). */
export const CHECK_CODES = {
  /** m4 or cf.m4 (`*** ERROR`) failed: Rebuild refuses the mc. */
  m4Error: 'check.m4-error',
  m4Warning: 'check.m4-warning',
  /** m4 stopped inside a macro call, string or comment, or the cf has no V line: the cf is cut short. */
  cfCutShort: 'check.cf-cut-short',
  /** sendmail -bC exited non-zero: the daemon would not start with this cf. */
  sendmailRefuses: 'check.sendmail-refuses',
  /** sendmail complained but would start. */
  sendmailWarning: 'check.sendmail-warning',
  /** Rules deliver with a mailer the cf never defines (sendmail starts; that mail fails). */
  unknownMailer: 'check.unknown-mailer',
  makemap: 'check.makemap',
} as const;

export interface CheckProblem {
  /** 0-based line in the checked file (the mc, or the map source). */
  line: number;
  /** 0-based column, when the program's message pins one (else the whole line is meant). */
  character?: number;
  endLine?: number;
  message: string;
  severity: CheckSeverity;
  source: CheckSource;
  code: string;
}

export interface CheckStep {
  /** The program and its arguments. */
  command: string;
  args: string[];
  /** Exit status; null when the program did not start or was killed. */
  code: number | null;
  /** Why the program did not finish normally (could not start, timed out, cancelled, killed). */
  error?: string;
  timedOut?: boolean;
  cancelled?: boolean;
  ms: number;
}

export interface CheckResult {
  /** True when every step ran to its end and no problem is an error. */
  ok: boolean;
  problems: CheckProblem[];
  steps: { m4?: CheckStep; m4Trace?: CheckStep; sendmail?: CheckStep; makemap?: CheckStep };
  /** Set when a step was not run or did not finish, in words for the user. */
  skipped?: string;
  timedOut?: boolean;
  cancelled?: boolean;
  /** Facts about this machine that shaped the check (e.g. sendmail's 60 s wait for a host name). */
  notes: string[];
}

export function newResult(): CheckResult { return { ok: false, problems: [], steps: {}, notes: [] }; }

export function stepOf(run: RunResult, startedAt: number): CheckStep {
  const step: CheckStep = { command: run.command, args: run.args, code: run.code, ms: Date.now() - startedAt };
  if (run.error) step.error = run.error;
  if (run.timedOut) step.timedOut = true;
  if (run.cancelled) step.cancelled = true;
  return step;
}

/**
 * Records a step that did not run to its end (could not start, timed out, cancelled, killed by a
 * signal) on the result and says so in `skipped`; returns true when that happened.
 */
export function stepFailed(result: CheckResult, step: CheckStep, what: string): boolean {
  if (!step.error) return false;
  if (step.timedOut) result.timedOut = true;
  if (step.cancelled) result.cancelled = true;
  result.skipped = `${what}: ${step.error}`;
  return true;
}

/** Runs `fn` in a fresh private directory (mode 0700) under os.tmpdir(), removed afterwards whatever happens. */
export async function withTempDir<T>(prefix: string, fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  try {
    return await fn(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const finish = (result: CheckResult): CheckResult => {
  result.ok = !result.skipped && !result.problems.some((p) => p.severity === 'error');
  return result;
};
