// Checks a map source (mailertable, access, virtusertable, ...) with the real makemap: makemap
// builds a throwaway database from the text in a private temporary directory (types.ts
// withTempDir), and its `line N:` complaints (a duplicate key, a key without a value) become
// problems on those lines. The real database beside the source is never touched. The text may be
// the editor's (makemap reads stdin, so where the text lives does not matter) or, when not given,
// the file on disk. Sources larger than MAX_MAP_BYTES (5 MB) are not checked: a database build
// on every save would cost seconds there, and the language service checks them line by line.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runProgram, type Log } from '../commands/run';
import { parseMakemapStderr } from '../commands/makemapDiagnostics';
import { planForSource } from '../commands/mapPlan';
import { resolvePrograms, type ProgramPaths } from '../commands/programs';
import { STEP_TIMEOUT_MS, aboutOwnDir } from './probe';
import { CHECK_CODES, finish, newResult, stepFailed, stepOf, withTempDir, type CheckResult } from './types';

export const MAX_MAP_BYTES = 5 * 1024 * 1024;

export interface MapCheckOptions {
  programs?: Partial<ProgramPaths>;
  /** Database type (hash, btree, ...); default: as the mc beside the source declares the map. */
  type?: string;
  /** makemap flags that change the keys (-N, -f); default: from the map's declaration. */
  flags?: string[];
  signal?: AbortSignal;
  log?: Log;
  /** makemap's time limit (default 20 s). */
  timeoutMs?: number;
  /** Larger sources are not checked (default MAX_MAP_BYTES). */
  maxBytes?: number;
}

export async function checkMap(sourcePath: string, text: string | undefined, opts: MapCheckOptions = {}): Promise<CheckResult> {
  const result = newResult();
  let input: Buffer;
  try { input = text === undefined ? fs.readFileSync(sourcePath) : Buffer.from(text, 'utf8'); } catch (e) {
    result.skipped = `cannot read ${sourcePath}: ${(e as Error).message}`;
    return finish(result);
  }
  const maxBytes = opts.maxBytes ?? MAX_MAP_BYTES;
  if (input.length > maxBytes) {
    result.skipped = `not checked with makemap: ${path.basename(sourcePath)} is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`;
    return finish(result);
  }
  let type = opts.type;
  let flags = opts.flags ?? [];
  if (!type) {
    const plan = planForSource(sourcePath);
    if (plan.unsupported) { result.skipped = plan.unsupported; return finish(result); }
    type = plan.type;
    flags = opts.flags ?? plan.makemapFlags;
  }
  const makemap = resolvePrograms(opts.programs).makemap;
  const lineCount = input.toString('utf8').split('\n').length;
  return withTempDir('sendmail-mapcheck-', async (tmp) => {
    const t0 = Date.now();
    const run = await runProgram(makemap, [...flags, type!, path.join(tmp, path.basename(sourcePath))], {
      input, cwd: tmp, log: opts.log, signal: opts.signal, timeoutMs: opts.timeoutMs ?? STEP_TIMEOUT_MS,
    });
    const step = result.steps.makemap = stepOf(run, t0);
    if (stepFailed(result, step, 'makemap did not finish')) return finish(result);
    const fails = run.code !== 0;
    // makemap, like sendmail, warns that /tmp above our private directory is world writable.
    for (const p of parseMakemapStderr(run.stderr).filter((q) => !aboutOwnDir(q.message, tmp))) {
      result.problems.push({
        line: Math.max(0, Math.min(p.line, lineCount - 1)),
        message: fails ? `${p.message} (makemap exits with status ${run.code}: Rebuild keeps the old database)` : p.message,
        severity: fails ? 'error' : 'warning', source: 'sendmail (makemap)', code: CHECK_CODES.makemap,
      });
    }
    if (fails && !result.problems.length) {
      result.problems.push({ line: 0, message: `makemap exited with status ${run.code} without saying why: Rebuild keeps the old database.`, severity: 'error', source: 'sendmail (makemap)', code: CHECK_CODES.makemap });
    }
    return finish(result);
  });
}
