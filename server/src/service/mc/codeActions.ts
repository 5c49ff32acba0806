// Quick fixes: each mc diagnostic carries its fixes in Diagnostic.data (computed with the
// diagnostic, so the edit matches exactly what was reported); here they become CodeActions.
// Plus "fix all m4 quoting": on one line (a quick fix, when the line has several quoting
// mistakes) and in the whole file (source.fixAll.sendmail, VS Code's "Fix All" and
// editor.codeActionsOnSave). Both apply the quoting fixes pass after pass — edits of one pass
// never overlap — until none is left, so a pasted how-to with a dozen lost backticks is mended
// in one step and running the fix again changes nothing.
import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { McFix } from './context';

/** The code action kind of the whole-file fix (advertised by the server). */
export const FIX_ALL_KIND = 'source.fixAll.sendmail';

/** Mistakes of m4 quoting whose first fix is mechanical (no choice of meaning involved). */
export const QUOTING_CODES = new Set([
  'mc.stray-quote', 'mc.unclosed-quote', 'mc.typographic-quote', 'mc.backquote-apostrophe',
  'mc.apostrophe-closes-quote', 'mc.apostrophe-removed', 'mc.define-args',
]);

const overlaps = (a: Range, b: Range) =>
  !(a.end.line < b.start.line || (a.end.line === b.start.line && a.end.character < b.start.character)
    || b.end.line < a.start.line || (b.end.line === a.start.line && b.end.character < a.start.character));

const fixesOf = (d: Diagnostic): McFix[] => ((d.data as { fixes?: McFix[] } | undefined)?.fixes) ?? [];
const isQuoting = (d: Diagnostic) => d.source === 'sendmail' && QUOTING_CODES.has(String(d.code)) && fixesOf(d).length > 0;

export function mcCodeActions(uri: string, range: Range, diagnostics: Diagnostic[]): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.source !== 'sendmail' || !String(d.code ?? '').startsWith('mc.') || !overlaps(d.range, range)) continue;
    fixesOf(d).forEach((f, i) => out.push({
      title: f.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: i === 0,
      edit: { changes: { [uri]: f.edits } },
    }));
  }
  return out;
}

/** Analyses a text as the same sendmail.mc: its diagnostics, with their fixes in data. */
export type Analyse = (text: string) => Diagnostic[];

/** The first fixes of the chosen diagnostics, leaving out any edit that touches one already taken. */
function onePass(ds: Diagnostic[]): TextEdit[] {
  const taken: TextEdit[] = [];
  for (const d of ds) {
    const edits = fixesOf(d)[0].edits;
    if (edits.some((e) => taken.some((t) => overlaps(e.range, t.range)))) continue;
    taken.push(...edits);
  }
  return taken;
}

/** The text after applying the quoting fixes `pick` accepts, pass after pass, until none is left (at most `maxPasses`). */
export function fixQuoting(text: string, analyse: Analyse, pick: (d: Diagnostic) => boolean, maxPasses = 20): string {
  let current = text;
  for (let pass = 0; pass < maxPasses; pass++) {
    const edits = onePass(analyse(current).filter((d) => isQuoting(d) && pick(d)));
    if (!edits.length) break;
    const next = TextDocument.applyEdits(TextDocument.create('file:///fix', 'sendmail-mc', 0, current), edits);
    if (next === current) break;
    current = next;
  }
  return current;
}

/** One edit turning `from` into `to`: the part between their common start and end. */
function diffEdit(from: string, to: string): TextEdit {
  let s = 0;
  while (s < from.length && s < to.length && from[s] === to[s]) s++;
  let e = 0;
  while (e < from.length - s && e < to.length - s && from[from.length - 1 - e] === to[to.length - 1 - e]) e++;
  const doc = TextDocument.create('file:///fix', 'sendmail-mc', 0, from);
  return { range: { start: doc.positionAt(s), end: doc.positionAt(from.length - e) }, newText: to.slice(s, to.length - e) };
}

/** Does a code action request with this `only` want actions of `kind`? (LSP: a kind matches its prefixes.) */
export function wants(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/**
 * The fix-all actions for a request: per line of `range` with two or more quoting mistakes, a
 * quick fix for all of them; and, when asked for (`only` holds source.fixAll or a prefix), the
 * whole-file fix. `all` are the document's diagnostics.
 */
export function mcFixAllActions(uri: string, text: string, range: Range, all: Diagnostic[], analyse: Analyse, only: string[] | undefined): CodeAction[] {
  const out: CodeAction[] = [];
  if (wants(only, CodeActionKind.QuickFix)) {
    for (let line = range.start.line; line <= range.end.line; line++) {
      const here = all.filter((d) => isQuoting(d) && d.range.start.line === line);
      if (here.length < 2) continue;
      const fixed = fixQuoting(text, analyse, (d) => d.range.start.line === line);
      if (fixed !== text) out.push({ title: `Fix all m4 quoting on line ${line + 1}`, kind: CodeActionKind.QuickFix, diagnostics: here, edit: { changes: { [uri]: [diffEdit(text, fixed)] } } });
    }
  }
  // The whole-file fix only on request: VS Code asks for it by kind (Fix All, codeActionsOnSave).
  if (only && wants(only, FIX_ALL_KIND) && all.some(isQuoting)) {
    const fixed = fixQuoting(text, analyse, () => true);
    if (fixed !== text) out.push({ title: 'Fix all m4 quoting', kind: FIX_ALL_KIND, diagnostics: all.filter(isQuoting), edit: { changes: { [uri]: [diffEdit(text, fixed)] } } });
  }
  return out;
}
