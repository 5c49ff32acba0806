// Rebuild sendmail.cf from a sendmail.mc.
//  generateCf: runs m4 and returns the text plus problems mapped to mc lines; writes nothing.
//  rebuildCf:  generateCf, then, only when m4 succeeded with non-empty output and no `*** ERROR`,
//              replaces <name>.cf atomically and keeps the previous one as <name>.cf.bak
//              (atomicWrite: every byte checked, mode/owner kept, a symlink written through;
//              a full or read-only file system fails clearly and offers no sudo). Stale temp
//              files of an interrupted rebuild are removed first.
//  rebuildCfWithMake: the Debian way (`make -C /etc/mail`), when a Makefile sits beside the mc.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runProgram, type Log, type RunResult } from './run';
import { planM4, ERRPRINT_PRELUDE } from './m4Plan';
import { parseM4Stderr, hasFatal, type ToolProblem } from './m4Diagnostics';
import { atomicWrite, replaceFailure, replaceProblem, removeStaleTemps, resolveTarget } from './atomicWrite';

export interface CfOptions {
  m4?: string;
  cfDirectory?: string;
  log?: Log;
  signal?: AbortSignal;
}

export interface GeneratedCf {
  ok: boolean;
  cfText: string;
  problems: ToolProblem[];
  run: RunResult;
  /** Why ok is false, in words for the user. */
  reason?: string;
}

/** The .cf a .mc builds: sendmail.mc -> sendmail.cf, submit.mc -> submit.cf. */
export function cfPathFor(mcPath: string): string { return mcPath.replace(/\.mc$/, '') + '.cf'; }

export async function generateCf(mcPath: string, opts: CfOptions = {}): Promise<GeneratedCf> {
  const mcText = fs.readFileSync(mcPath, 'utf8');
  const plan = planM4(mcPath, mcText, opts.cfDirectory);
  opts.log?.(`m4 for ${mcPath}: ${plan.how}`);
  const run = await runProgram(opts.m4 || 'm4', plan.args, { cwd: plan.cwd, input: ERRPRINT_PRELUDE, log: opts.log, signal: opts.signal });
  const problems = parseM4Stderr(run.stderr, mcPath, mcText);
  let reason: string | undefined;
  if (run.error) reason = `m4 did not run: ${run.error}`;
  else if (run.code !== 0) reason = `m4 exited with status ${run.code}`;
  else if (hasFatal(problems)) reason = 'cf.m4 reported *** ERROR';
  else if (!run.stdout.trim()) reason = 'm4 produced no output';
  return { ok: !reason, cfText: run.stdout, problems, run, reason };
}

export interface RebuildCfResult {
  ok: boolean;
  mcPath: string;
  cfPath: string;
  /** The previous sendmail.cf, kept when it was replaced. */
  backup?: string;
  problems: ToolProblem[];
  reason?: string;
  /** Set when the target is not writable by us (offer sudo). */
  notWritable?: boolean;
  /** Set when the target is on a read-only file system (sudo cannot help: offer nothing). */
  readOnly?: boolean;
  method: 'm4' | 'make';
}

export async function rebuildCf(mcPath: string, opts: CfOptions = {}): Promise<RebuildCfResult> {
  const cfPath = cfPathFor(mcPath);
  const base = { mcPath, cfPath, method: 'm4' as const };
  const problem = replaceProblem(cfPath);
  if (problem) return { ...base, ok: false, problems: [], ...problem };
  removeStaleTemps(resolveTarget(cfPath), opts.log);
  const gen = await generateCf(mcPath, opts);
  if (!gen.ok) {
    opts.log?.(`not writing ${cfPath}: ${gen.reason}; the existing file is unchanged`);
    return { ...base, ok: false, problems: gen.problems, reason: gen.reason };
  }
  try {
    const { target, backup } = atomicWrite(cfPath, gen.cfText);
    opts.log?.(`wrote ${cfPath}${target !== cfPath ? ` (the link's file ${target})` : ''}${backup ? ` (previous version kept as ${backup})` : ''}`);
    return { ...base, ok: true, backup, problems: gen.problems };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    opts.log?.(`not writing ${cfPath}: ${err.message}`);
    return { ...base, ok: false, problems: gen.problems, ...replaceFailure(err, `could not write ${cfPath}`) };
  }
}

/** True when a Makefile sits beside the mc (Debian's /etc/mail/Makefile). */
export function hasMakefile(mcPath: string): boolean { return fs.existsSync(path.join(path.dirname(mcPath), 'Makefile')); }

/** Runs `make -C <dir>` (Debian: rebuilds sendmail.cf, submit.cf and the maps that changed). */
export async function rebuildCfWithMake(mcPath: string, opts: { make?: string; log?: Log; signal?: AbortSignal } = {}): Promise<RebuildCfResult & { run: RunResult }> {
  const dir = path.dirname(mcPath);
  const run = await runProgram(opts.make || 'make', ['-C', dir], { log: opts.log, signal: opts.signal, timeoutMs: 300_000 });
  const mcText = fs.readFileSync(mcPath, 'utf8');
  // Debian's Makefile runs `m4 /etc/mail/sendmail.mc`, so messages name the mc by its full path.
  const problems = parseM4Stderr(run.stderr + '\n' + run.stdout.split('\n').filter((l) => /^m4:|\*\*\* (ERROR|WARNING)/.test(l)).join('\n'), mcPath, mcText);
  const ok = run.code === 0 && !hasFatal(problems);
  return {
    ok, run, mcPath, cfPath: cfPathFor(mcPath), problems, method: 'make',
    reason: ok ? undefined : run.error ? `make did not run: ${run.error}` : run.code !== 0 ? `make exited with status ${run.code}` : 'm4 reported errors (the Makefile may still have installed the result)',
    notWritable: /Permission denied|Operation not permitted/.test(run.stderr),
    readOnly: /Read-only file system/.test(run.stderr) || undefined,
  };
}
