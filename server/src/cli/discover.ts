// Finds the sendmail files to check under the paths given on the command line.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { languageFromPath } from '../service/languages';
import type { LanguageId } from '../service/types';

export interface FoundFile { path: string; languageId: LanguageId; text: string }
export interface Discovery { files: FoundFile[]; problems: string[] }

const SKIP_DIRS = new Set(['.git', 'node_modules', '.svn', '.hg']);
const MAX_BYTES = 64 * 1024 * 1024;

function readText(p: string): string | undefined {
  const buf = fs.readFileSync(p);
  // Databases (.db, .cdb) and other binaries are not sources: skip files with NUL bytes.
  if (buf.subarray(0, 8192).includes(0)) return undefined;
  return buf.toString('utf8');
}

/** Explicitly named files must be readable and recognisable; files found in directories are skipped silently if not. */
export function discover(paths: string[], forced: LanguageId | undefined): Discovery {
  const out: Discovery = { files: [], problems: [] };
  const visit = (p: string, explicit: boolean): void => {
    let st: fs.Stats;
    try { st = fs.statSync(p); } catch (e) {
      out.problems.push(`${p}: cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
      return;
    }
    if (st.isDirectory()) {
      let names: string[];
      try { names = fs.readdirSync(p).sort(); } catch (e) {
        out.problems.push(`${p}: cannot list directory (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
        return;
      }
      for (const n of names) if (!SKIP_DIRS.has(n)) visit(path.join(p, n), false);
      return;
    }
    if (!st.isFile()) return;
    if (st.size > MAX_BYTES) { out.problems.push(`${p}: larger than 64 MB, not checked`); return; }
    const byName = forced && explicit ? forced : languageFromPath(p);
    if (!byName && !/\.mc$/.test(p) && !/\.cf$/.test(p)) {
      if (explicit) out.problems.push(`${p}: not a sendmail file I recognise by name; use --lang to say which it is`);
      return;
    }
    let text: string | undefined;
    try { text = readText(p); } catch (e) {
      out.problems.push(`${p}: cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
      return;
    }
    if (text === undefined) { if (explicit) out.problems.push(`${p}: binary file, not a configuration source`); return; }
    const languageId = (forced && explicit ? forced : languageFromPath(p, text));
    if (!languageId) { if (explicit) out.problems.push(`${p}: does not look like a sendmail file; use --lang to say which it is`); return; }
    if (languageId === 'sendmail-cf') return; // generated; edits belong in the .mc
    out.files.push({ path: path.resolve(p), languageId, text });
  };
  for (const p of paths) visit(p, true);
  return out;
}
