// Checks a saved sendmail.mc with the real programs, as rust-analyzer runs `cargo check` on save:
// m4 builds the cf the way Rebuild does, sendmail reads it the way a starting daemon does, and
// each complaint becomes a problem on the mc line that caused it.
//  1. m4: Rebuild's invocation (planM4, the errprint prelude, in the mc's own directory, on the
//     saved file: include() paths are relative to it, so there is no unsaved-text variant) plus
//     `-s`. The synclines are dropped (m4Output.ts), which gives the very text Rebuild writes, and
//     give each cf line its source. m4's and cf.m4's messages go through parseM4Stderr, the same
//     reading Rebuild makes, so "Rebuild would refuse this mc" is said exactly when it would.
//  2. "end of file in argument list": a second, traced m4 run finds the call left open
//     (m4Output.ts unclosedCall) — m4 itself names only where its input ran out.
//  3. A cf cut short (m4 reached end of input inside a call, string or comment, or the cf has no
//     V line) is an error, and sendmail is not run on it: its complaints would only be echoes.
//  4. sendmail -bC on the cf in the private directory (probe.ts: why -bC, what it covers, and the
//     60 s wait on a host whose name is not qualified). `<cf>: line N:` complaints are mapped
//     back through the synclines (cfOrigin.ts); the others, and lines we cannot map, go on the
//     mc's first line with the cf line named in the message.
// Severity: error when m4 fails, cf.m4 says *** ERROR, the cf is cut short, or sendmail exits
// non-zero (a daemon would not start; sendmail does not say which complaint stopped it, so all of
// them are errors then, except those it words as warnings); warning when sendmail starts anyway.
// Nothing is written but the private temporary directory (types.ts withTempDir); the mc's
// directory and the installed sendmail.cf are only read. Programs come from the caller
// (machine-scoped settings), run without a shell, each with a time limit and the caller's
// AbortSignal. Like Rebuild, this runs what the mc asks for (m4 esyscmd, a cf `F|program` class):
// the caller offers it only in trusted workspaces.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runProgram, type Log } from '../commands/run';
import { planM4, ERRPRINT_PRELUDE, type M4Plan } from '../commands/m4Plan';
import { parseM4Stderr, hasFatal } from '../commands/m4Diagnostics';
import { cfPathFor, hasMakefile } from '../commands/rebuildCf';
import { resolvePrograms, type ProgramPaths } from '../commands/programs';
import { mailerFileDefining } from '../../../server/src/service/catalog';
import { undefinedMailers, type UndefinedMailer } from './cfMailers';
import { parseSynclines, unclosedCall, type SyncedOutput } from './m4Output';
import { cachedReader, callLine, liveText, mcLineFor, type OriginContext } from './cfOrigin';
import { HOST_WAIT_MS, STEP_TIMEOUT_MS, hostMayWait, isWarningText, parseProbeOutput, probeArgs } from './probe';
import { CHECK_CODES, finish, newResult, stepFailed, stepOf, withTempDir, type CheckProblem, type CheckResult } from './types';

export interface McCheckOptions {
  /** Program paths (machine-scoped settings); empty entries get the usual locations. */
  programs?: Partial<ProgramPaths>;
  /** The sendmail-cf tree setting, as for Rebuild. */
  cfDirectory?: string;
  signal?: AbortSignal;
  log?: Log;
  /** Each step's time limit; default 20 s, and 80 s for sendmail when the host name has no dot. */
  timeoutMs?: number;
}

const EOF_IN = /end of file in (argument list|string|comment)/;

/** `s` ending with a full stop (sendmail's messages have none). */
const sentence = (s: string) => (/[.!?]$/.test(s) ? s : `${s}.`);

interface Context extends OriginContext {
  opts: McCheckOptions;
  result: CheckResult;
  tmp: string;
  /** What Rebuild and make would do with this cf, said after m4 problems. */
  consequence: string;
  cfName: string;
}

const m4Problem = (line: number, message: string, severity: 'error' | 'warning', code: string): CheckProblem =>
  ({ line, message, severity, source: 'sendmail (m4)', code });

export async function checkMc(mcPath: string, opts: McCheckOptions = {}): Promise<CheckResult> {
  const result = newResult();
  let mcText: string;
  try { mcText = fs.readFileSync(mcPath, 'utf8'); } catch (e) {
    result.skipped = `cannot read ${mcPath}: ${(e as Error).message}`;
    return finish(result);
  }
  const programs = resolvePrograms(opts.programs);
  return withTempDir('sendmail-check-', async (tmp) => {
    const mcLines = mcText.split('\n');
    const ctx: Context = {
      mcPath, mcLines, readLines: cachedReader(path.dirname(mcPath)), opts, result, tmp, consequence: '', cfName: path.basename(cfPathFor(mcPath)),
    };
    const synced = await m4Step(ctx, mcText, programs.m4);
    if (synced) {
      mailerProblems(ctx, synced.text);
      await sendmailStep(ctx, synced, programs.sendmail);
    }
    return finish(result);
  });
}

/** Runs m4 (and the trace run when needed); returns the cf when sendmail should read it. */
async function m4Step(ctx: Context, mcText: string, m4: string): Promise<SyncedOutput | undefined> {
  const { opts, result } = ctx;
  const plan = planM4(ctx.mcPath, mcText, opts.cfDirectory);
  opts.log?.(`check ${ctx.mcPath}: m4 with ${plan.how}`);
  const t0 = Date.now();
  const run = await runProgram(m4, ['-s', ...plan.args], { cwd: plan.cwd, input: ERRPRINT_PRELUDE, log: opts.log, signal: opts.signal, timeoutMs: opts.timeoutMs ?? STEP_TIMEOUT_MS });
  result.steps.m4 = stepOf(run, t0);
  if (stepFailed(result, result.steps.m4, 'm4 did not finish')) return undefined;
  const synced = parseSynclines(run.stdout);
  const found = parseM4Stderr(run.stderr, ctx.mcPath, mcText);
  // generateCf's rule for refusing to write the cf.
  const refused = run.code !== 0 || hasFatal(found) || !synced.text.trim();
  const make = hasMakefile(ctx.mcPath);
  ctx.consequence = refused
    ? `Rebuild refuses this mc${make ? '; make (the Makefile beside it) would install the cf anyway' : ''}.`
    : `Rebuild${make ? ' and make' : ''} would install this cf as it is.`;
  let cutShort = false;
  for (const p of found) {
    const eof = EOF_IN.exec(p.message);
    if (eof) {
      cutShort = true;
      result.problems.push(await cutShortProblem(ctx, plan, m4, p.line, eof[1], p.origin));
      continue;
    }
    const text = sentence(`${p.message}${p.origin ? ` (${p.origin})` : ''}`);
    result.problems.push(m4Problem(p.line, p.severity === 'error' ? `${text} ${ctx.consequence}` : text, p.severity, p.severity === 'error' ? CHECK_CODES.m4Error : CHECK_CODES.m4Warning));
  }
  if (result.cancelled) return undefined;
  if (run.code !== 0 && !hasFatal(found)) {
    result.problems.push(m4Problem(0, `m4 exited with status ${run.code}. ${ctx.consequence}`, 'error', CHECK_CODES.m4Error));
  }
  if (!synced.text.trim()) {
    result.problems.push(m4Problem(0, `m4 produced no output. ${ctx.consequence}`, 'error', CHECK_CODES.m4Error));
    result.skipped = 'sendmail was not run: m4 produced no cf';
    return undefined;
  }
  if (!cutShort && !/^V\d/m.test(synced.text)) {
    cutShort = true;
    result.problems.push(m4Problem(0, `The generated ${ctx.cfName} has no V (version) line: m4's output ends early (m4exit?), so sendmail would read an incomplete configuration. ${ctx.consequence}`, 'error', CHECK_CODES.cfCutShort));
  }
  if (cutShort) {
    result.skipped = `sendmail was not run: the generated ${ctx.cfName} is cut short`;
    return undefined;
  }
  return synced;
}

/** The problem for m4 reaching end of input inside a call, a string or a comment. */
async function cutShortProblem(ctx: Context, plan: M4Plan, m4: string, line: number, inside: string, origin?: string): Promise<CheckProblem> {
  const after = `so the rest of the mc went into it and the generated ${ctx.cfName} is cut short. ${ctx.consequence}`;
  if (inside === 'string') return m4Problem(line, `m4 reached the end of the mc inside a quoted string opened here (a \` without its '), ${after}`, 'error', CHECK_CODES.cfCutShort);
  if (inside === 'comment') return m4Problem(line, `m4 reached the end of the mc inside a comment started here, ${after}`, 'error', CHECK_CODES.cfCutShort);
  const call = await traceOpenCall(ctx, plan, m4);
  const at = call ? mcLineFor(call, '', ctx) : undefined;
  if (call && at !== undefined) {
    const p = m4Problem(at, `m4 reached the end of the mc inside this ${call.name}( call, never closed, ${after}`, 'error', CHECK_CODES.cfCutShort);
    const col = ctx.mcLines[at].indexOf(`${call.name}(`);
    if (col >= 0) p.character = col;
    return p;
  }
  return m4Problem(line, `m4: end of file in argument list${origin ? ` (${origin})` : ''}: a macro call is never closed, ${after}`, 'error', CHECK_CODES.cfCutShort);
}

async function traceOpenCall(ctx: Context, plan: M4Plan, m4: string) {
  const { opts, result } = ctx;
  const traceFile = path.join(ctx.tmp, 'm4.trace');
  const t0 = Date.now();
  const run = await runProgram(m4, ['--debug=tcxfl', `--debugfile=${traceFile}`, ...plan.args], { cwd: plan.cwd, input: ERRPRINT_PRELUDE, log: opts.log, signal: opts.signal, timeoutMs: opts.timeoutMs ?? STEP_TIMEOUT_MS });
  result.steps.m4Trace = stepOf(run, t0);
  if (run.cancelled) { stepFailed(result, result.steps.m4Trace, 'the traced m4 run did not finish'); return undefined; }
  try { return unclosedCall(fs.readFileSync(traceFile, 'utf8')); } catch { return undefined; }
}

/** Rules using mailers no M line defines (cfMailers.ts): one problem per MAILER() file, on its call if any. */
function mailerProblems(ctx: Context, cfText: string): void {
  const live = liveText(ctx.mcLines);
  const byFile = new Map<string, UndefinedMailer[]>();
  for (const u of undefinedMailers(cfText)) {
    const file = mailerFileDefining(u.name)?.file ?? u.name;
    byFile.set(file, [...(byFile.get(file) ?? []), u]);
  }
  for (const [file, missing] of byFile) {
    const at = callLine(live, 'MAILER', file);
    const names = missing.map((u) => `${u.name} (line ${u.cfLine})`).join(', ');
    const fix = at === undefined ? `MAILER(\`${file}') defines ${missing.length > 1 ? 'them' : 'it'}.` : `This MAILER(\`${file}') did not take effect (inside an unquoted ifdef or ifelse argument?).`;
    ctx.result.problems.push({
      line: at ?? 0,
      message: `Rules of the generated ${ctx.cfName} deliver with ${missing.length > 1 ? 'mailers' : 'mailer'} ${names}, which it never defines: mail routed there fails with "554 5.3.5 buildaddr: unknown mailer ${missing[0].name}". ${fix}`,
      severity: 'warning', source: 'sendmail (readcf)', code: CHECK_CODES.unknownMailer,
    });
  }
}

async function sendmailStep(ctx: Context, synced: SyncedOutput, sendmail: string): Promise<void> {
  const { opts, result, tmp } = ctx;
  const cfPath = path.join(tmp, ctx.cfName);
  const queue = path.join(tmp, 'queue');
  fs.writeFileSync(cfPath, synced.text, { mode: 0o600 });
  fs.mkdirSync(queue);
  fs.chmodSync(queue, 0o755);
  fs.chmodSync(tmp, 0o711);
  const mayWait = hostMayWait();
  const t0 = Date.now();
  const run = await runProgram(sendmail, probeArgs(cfPath, queue), {
    cwd: tmp, log: opts.log, signal: opts.signal, timeoutMs: opts.timeoutMs ?? STEP_TIMEOUT_MS + (mayWait ? HOST_WAIT_MS : 0),
  });
  const step = result.steps.sendmail = stepOf(run, t0);
  if (mayWait && step.ms >= HOST_WAIT_MS - 5000) {
    result.notes.push(`sendmail waited ${Math.round(step.ms / 1000)} s before reading the cf: this machine's host name is not fully qualified, so sendmail sleeps 60 s at each start (cf/README, "WHO AM I?").`);
  }
  if (stepFailed(result, step, 'sendmail -bC did not finish')) return;
  const stops = run.code !== 0;
  const cfLines = synced.text.split('\n');
  const live = liveText(ctx.mcLines);
  const complaints = parseProbeOutput(`${run.stdout}\n${run.stderr}`, cfPath, tmp);
  for (const c of complaints) {
    const severity = stops && !isWarningText(c.message) ? 'error' : 'warning';
    let line: number | undefined;
    let where = '';
    if (c.cfLine) {
      const origin = synced.origins[c.cfLine - 1];
      line = mcLineFor(origin, cfLines[c.cfLine - 1] ?? '', ctx);
      where = ` (line ${c.cfLine} of the generated ${ctx.cfName}${line === undefined && origin ? `, written by ${origin.file}:${origin.line}` : ''})`;
    } else if (/^No (local|prog) mailer defined/.test(c.message)) {
      line = callLine(live, 'MAILER', 'local');
    }
    const tail = severity === 'error' ? ` sendmail would stop at start (exit status ${run.code}).` : stops ? '' : ' sendmail starts anyway.';
    result.problems.push({ line: line ?? 0, message: `${sentence(`${c.message}${where}`)}${tail}`, severity, source: 'sendmail (readcf)', code: severity === 'error' ? CHECK_CODES.sendmailRefuses : CHECK_CODES.sendmailWarning });
  }
  if (stops && !complaints.length) {
    result.problems.push({ line: 0, message: `sendmail -bC exited with status ${run.code} without saying why: a daemon would not start with this cf.`, severity: 'error', source: 'sendmail (readcf)', code: CHECK_CODES.sendmailRefuses });
  }
}
