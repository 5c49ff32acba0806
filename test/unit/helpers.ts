// Helpers for unit tests of the language service: analyse a text as a file in an
// in-memory workspace, find diagnostics by code, apply edits.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic, TextEdit, Position } from 'vscode-languageserver-types';
import { LanguageService, memoryWorkspace, type LanguageId } from '../../server/src/service';

export const ROOT = path.resolve(__dirname, '../../..');
export const FIXTURES = path.join(ROOT, 'test/fixtures');
/**
 * The shared real-world corpus (read-only, outside the repository): $SENDMAIL_CORPUS, else
 * ../shared/corpus beside the checkout, else /work/shared/corpus. Corpus tests skip when absent.
 */
export const CORPUS = [process.env.SENDMAIL_CORPUS, path.resolve(ROOT, '../shared/corpus'), '/work/shared/corpus']
  .find((p): p is string => !!p && fs.existsSync(path.join(p, 'MANIFEST.tsv'))) ?? path.resolve(ROOT, '../shared/corpus');

export function fixture(rel: string): string { return fs.readFileSync(path.join(FIXTURES, rel), 'utf8'); }

/** Opens `text` as `file` (default /etc/mail/<name>) with other workspace files; returns the service and uri. */
export function openDoc(languageId: LanguageId, text: string, file = '/etc/mail/sendmail.mc', others: Record<string, string> = {}, mtimes: Record<string, number> = {}, modes: Record<string, number> = {}) {
  const svc = new LanguageService(memoryWorkspace({ ...others, [file]: text }, mtimes, modes));
  const uri = 'file://' + file;
  svc.open(uri, languageId, 1, text);
  return { svc, uri };
}

export function diagnose(languageId: LanguageId, text: string, file?: string, others?: Record<string, string>): Diagnostic[] {
  const { svc, uri } = openDoc(languageId, text, file, others);
  return svc.diagnostics(uri);
}

export function codes(ds: Diagnostic[]): string[] { return ds.map((d) => String(d.code)); }

/** Applies non-overlapping text edits to a text (edits in any order). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const off = (p: Position) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => off(b.range.start) - off(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, off(e.range.start)) + e.newText + out.slice(off(e.range.end));
  return out;
}

/** mulberry32: a small seeded PRNG, so every failure can be replayed from its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
