// sendmail-lint: checks files with the same language service the editor uses.
import { LanguageService, diskWorkspace } from '../service';
import { parseArgs, USAGE } from './args';
import { discover } from './discover';
import { report } from './format';
import type { Diagnostic } from 'vscode-languageserver-types';

export const VERSION = '0.1.0';

export interface Io { stdout: (s: string) => void; stderr: (s: string) => void }

/** Runs the checker; returns the exit status (0 clean, 1 problems, 2 usage/unreadable/internal error). */
export function lint(argv: string[], io: Io, fromPrograms?: (path: string, statics: Diagnostic[]) => Diagnostic[]): number {
  const args = parseArgs(argv);
  if (typeof args === 'string') { io.stderr(`sendmail-lint: ${args}\n\n${USAGE}\n`); return 2; }
  if (args.help) { io.stdout(USAGE + '\n'); return 0; }
  if (args.version) { io.stdout(`sendmail-lint ${VERSION}\n`); return 0; }

  const found = discover(args.paths, args.lang, { name: args.stdinFilename });
  for (const p of found.problems) io.stderr(`sendmail-lint: ${p}\n`);
  // All files are opened in one service so map files see the sendmail.mc beside them.
  const svc = new LanguageService(diskWorkspace(), { cfDirectory: args.cfDirectory });
  const uriOf = (p: string) => 'file://' + p.split('/').map(encodeURIComponent).join('/');
  for (const f of found.files) svc.open(uriOf(f.at), f.languageId, 1, f.text);
  // Then checked and written one file at a time: the whole output is never held in memory.
  const out = report(args.format, io.stdout, { quiet: args.quiet, version: VERSION });
  const failures: { family: string; message: string; path: string }[] = [];
  for (const f of found.files) {
    const uri = uriOf(f.at);
    out.file({
      path: f.path, languageId: f.languageId,
      diagnostics: (fromPrograms ? fromPrograms(f.at, svc.diagnostics(uri)) : svc.diagnostics(uri)).sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character),
    });
    // A check that threw found nothing, which must not pass for a clean file.
    failures.push(...svc.failureDetails(uri).map((x) => ({ ...x, path: f.path })));
    // Closing drops the file's cached findings; files checked later read it from the disk
    // (the same text). Standard input is not on the disk: it stays open.
    if (f.onDisk) svc.close(uri);
  }
  const t = out.end();

  for (const x of failures) io.stderr(`sendmail-lint: internal error in check ${x.family} while checking ${x.path}: ${x.message}\n`);
  if (found.problems.length || failures.length) return 2;
  if (t.errors > 0) return 1;
  if (args.maxWarnings !== undefined && t.warnings > args.maxWarnings) return 1;
  return 0;
}

/**
 * `--check-with-programs`: first runs the real programs on every sendmail.mc and map source
 * found (checkOnSave.ts's engine and merge, as the editor does on save), then lints with their
 * findings merged into each file's diagnostics.
 */
export async function lintWithPrograms(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string' || args.help || args.version || !args.checkWithPrograms) return lint(argv, io);
  const { checkMc } = await import('../../../client/src/check/mcCheck');
  const { checkMap } = await import('../../../client/src/check/mapCheck');
  const { toDiagnostic, mergeDiagnostics } = await import('../checkOnSave');
  const { MAP_LANGUAGES } = await import('../service/languages');
  const found = discover(args.paths, args.lang, { name: args.stdinFilename });
  const extra = new Map<string, Diagnostic[]>();
  for (const f of found.files) {
    if (!f.onDisk) continue;
    const isMc = f.languageId === 'sendmail-mc' && f.at.endsWith('.mc');
    if (!isMc && !MAP_LANGUAGES.includes(f.languageId)) continue;
    const r = isMc ? await checkMc(f.at, { programs: args.programs, cfDirectory: args.cfDirectory })
      : await checkMap(f.at, undefined, { programs: args.programs });
    if (r.skipped) io.stderr(`sendmail-lint: ${f.path}: the check with the programs did not finish: ${r.skipped}\n`);
    for (const n of r.notes) io.stderr(`sendmail-lint: ${f.path}: ${n}\n`);
    extra.set(f.at, r.problems.map(toDiagnostic));
  }
  return lint(argv, io, (p, statics) => mergeDiagnostics(statics, extra.get(p) ?? []));
}
