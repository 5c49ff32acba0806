// Rebuild one map database from its source with makemap, safely: makemap writes a hidden
// temp database beside the real one; only when it exits 0 is that renamed over the real
// database (previous one kept as <db>.bak). On any complaint the old database stays as it was.
// A symlinked database is written through (the temp sits beside the link's file, so the rename
// stays atomic); a read-only file system is told apart from "not writable" (no sudo offer);
// stale temp databases of an interrupted makemap are removed first.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runProgram, type Log } from './run';
import { atomicInstall, replaceFailure, replaceProblem, removeStaleTemps, resolveTarget, tempPathFor } from './atomicWrite';
import type { MapPlan } from './mapPlan';
import { databaseFor } from '../../../server/src/service/tables/mapSpec';
import { parseMakemapStderr } from './makemapDiagnostics';
import type { ToolProblem } from './m4Diagnostics';

export interface MapOptions { makemap?: string; log?: Log; signal?: AbortSignal }

export interface RebuildMapResult {
  ok: boolean;
  source: string;
  database: string;
  type: string;
  backup?: string;
  problems: ToolProblem[];
  reason?: string;
  notWritable?: boolean;
  /** Set when the database is on a read-only file system (sudo cannot help: offer nothing). */
  readOnly?: boolean;
  /** The makemap argument list used for the real target (for the sudo fallback). */
  makemapArgs: string[];
}

export async function rebuildMap(plan: MapPlan, opts: MapOptions = {}): Promise<RebuildMapResult> {
  const makemapArgs = [...plan.makemapFlags, plan.type, plan.source];
  const base = { source: plan.source, database: plan.database, type: plan.type, makemapArgs };
  if (plan.unsupported) return { ...base, ok: false, problems: [], reason: plan.unsupported };
  let input: Buffer;
  try { input = fs.readFileSync(plan.source); } catch (e) {
    return { ...base, ok: false, problems: [], reason: `cannot read ${plan.source}: ${(e as Error).message}` };
  }
  const problem = replaceProblem(plan.database);
  if (problem) return { ...base, ok: false, problems: [], ...problem };
  const realDb = resolveTarget(plan.database);
  const tmpBase = tempPathFor(path.join(path.dirname(realDb), path.basename(plan.source)));
  const tmpDb = databaseFor(plan.type, tmpBase);
  removeStaleTemps(realDb, opts.log, { name: path.basename(plan.source), suffix: tmpDb.slice(tmpBase.length) });
  const run = await runProgram(opts.makemap || '/usr/sbin/makemap', [...plan.makemapFlags, plan.type, tmpBase], { input, log: opts.log, signal: opts.signal });
  const problems = parseMakemapStderr(run.stderr);
  const reason = run.error ? `makemap did not run: ${run.error}`
    : run.code !== 0 ? `makemap exited with status ${run.code}`
    : !fs.existsSync(tmpDb) ? `makemap did not create ${tmpDb}` : undefined;
  if (reason) {
    fs.rmSync(tmpDb, { force: true });
    opts.log?.(`not installing ${plan.database}: ${reason}; the existing database is unchanged`);
    return { ...base, ok: false, problems, reason };
  }
  try {
    const { backup } = atomicInstall(tmpDb, plan.database);
    opts.log?.(`installed ${plan.database} (${plan.type})${backup ? `, previous kept as ${backup}` : ''}`);
    return { ...base, ok: true, backup, problems };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    opts.log?.(`not installing ${plan.database}: ${err.message}`);
    return { ...base, ok: false, problems, ...replaceFailure(err, `could not install ${plan.database}`) };
  }
}
