// sendmail-lint: checks files with the same language service the editor uses.
import { LanguageService, diskWorkspace } from '../service';
import { parseArgs, USAGE } from './args';
import { discover } from './discover';
import { formatJson, formatSarif, formatText, totals, type FileResult } from './format';

export const VERSION = '0.1.0';

export interface Io { stdout: (s: string) => void; stderr: (s: string) => void }

/** Runs the checker; returns the exit status (0 clean, 1 problems, 2 usage/unreadable). */
export function lint(argv: string[], io: Io): number {
  const args = parseArgs(argv);
  if (typeof args === 'string') { io.stderr(`sendmail-lint: ${args}\n\n${USAGE}\n`); return 2; }
  if (args.help) { io.stdout(USAGE + '\n'); return 0; }
  if (args.version) { io.stdout(`sendmail-lint ${VERSION}\n`); return 0; }

  const found = discover(args.paths, args.lang);
  for (const p of found.problems) io.stderr(`sendmail-lint: ${p}\n`);
  // All files are opened in one service so map files see the sendmail.mc beside them.
  const svc = new LanguageService(diskWorkspace(), { cfDirectory: args.cfDirectory });
  const uriOf = (p: string) => 'file://' + p.split('/').map(encodeURIComponent).join('/');
  for (const f of found.files) svc.open(uriOf(f.path), f.languageId, 1, f.text);
  const results: FileResult[] = found.files.map((f) => ({
    path: f.path, languageId: f.languageId,
    diagnostics: svc.diagnostics(uriOf(f.path)).sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character),
  }));

  io.stdout(args.format === 'json' ? formatJson(results) : args.format === 'sarif' ? formatSarif(results, VERSION) : formatText(results, args.quiet));
  if (found.problems.length) return 2;
  const t = totals(results);
  if (t.errors > 0) return 1;
  if (args.maxWarnings !== undefined && t.warnings > args.maxWarnings) return 1;
  return 0;
}
