// Apostrophes in define values (greetings, reject messages). m4 has no escape for its quote
// characters, and cf.README says a value cannot simply contain one:
//  - `$j it's ready': the apostrophe closes the quoted value; m4 keeps "s ready" as plain text
//    and the final ' literally, so the value becomes "$j its ready'";
//  - `$j it`'s ready': the empty quotes `' survive define but are removed when the value is
//    expanded, so sendmail.cf gets "$j its ready" — the apostrophe silently disappears.
//  - `$j it`s ready': the backquote opens a nested quote, the final ' closes that one, and the
//    value's own quote never closes: m4 reads the rest of the file into it and stops with
//    "end of file in string" (reported at the value's quote; we explain it at the backquote).
// What works (checked with the real m4 for the message options below): close the quote, write
// a bare ' (m4 copies a ' found outside quotes), reopen: `$j it''`s ready'.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { argValue } from '../../m4/scanner';
import type { M4Arg, M4Token } from '../../m4/types';
import type { McProblem } from '../branches';
import { diag, edit, lineNo, type McContext, type McFix } from '../context';
import { firstArg, type McCallItem } from '../model';
import { isKnownCallable } from '../vocabulary';

/** Options whose value cf.m4 copies as text: the ''` form is verified to give an apostrophe. */
const MESSAGE_OPTIONS = new Set(['confSMTP_LOGIN_MSG', 'confREJECT_MSG', 'confRELAY_MSG']);
/** Endings of English contractions (it's, don't, we're, I've, you'll, I'd, I'm). */
const CONTRACTION = /^(?:s|t|re|ve|ll|d|m)(?![A-Za-z0-9_])/;
const LETTER = /[A-Za-z]/;

/** A ' that closes one string and is followed by another: the deliberate `...''`...' form. */
export function isLiteralApostrophe(text: string, pos: number): boolean {
  return text[pos - 1] === "'" && text[pos + 1] === '`';
}

/**
 * The ''` fix (replacing [start, end) with `newText`), offered where it is verified to work and
 * the define is not itself inside a quoted branch (there the extra quotes would end the branch).
 */
function apostropheFix(item: McCallItem, mc: McContext, start: number, end: number, newText: string): McFix[] {
  if (item.branch || !MESSAGE_OPTIONS.has(firstArg(item))) return [];
  return [{ title: "Keep the apostrophe: write it as ''` (close the quote, a bare ', reopen)", edits: [edit(mc, start, end, newText)] }];
}

function stringsIn(tokens: M4Token[], arg: M4Arg): M4Token[] {
  return tokens.filter((t) => t.kind === 'string' && t.start >= arg.start && t.start < arg.end);
}

/** `it's': the value's quote closes at an apostrophe between letters and the rest of the value is unquoted. */
function closingApostrophe(mc: McContext, item: McCallItem, arg: M4Arg, out: Diagnostic[], handled: Set<M4Arg>): void {
  const text = mc.model.text;
  const strays = arg.strays.filter((p) => !isLiteralApostrophe(text, p));
  if (!strays.length) return;
  const first = stringsIn(mc.model.tokens, arg)[0];
  if (!first || !first.closed || first.end >= strays[0]) return;
  const q = first.end - 1;
  if (!LETTER.test(text[q - 1] ?? '') || !CONTRACTION.test(text.slice(q + 1, q + 4))) return;
  handled.add(arg);
  const word = /[A-Za-z]*$/.exec(text.slice(Math.max(0, q - 30), q))![0] + "'" + /^[A-Za-z]*/.exec(text.slice(q + 1, q + 30))![0];
  out.push(diag(mc, q, q + 1, DiagnosticSeverity.Error, 'mc.apostrophe-closes-quote',
    `The apostrophe in ${word} closes the quoted value of ${firstArg(item)}: m4 reads the rest as plain text and copies the last ' literally, so the value becomes "${argValue(text, arg).trim()}". m4 has no escape for quote characters: reword without the apostrophe, or write it as ''\` (close the quote, a bare ', reopen).`,
    apostropheFix(item, mc, q + 1, q + 1, "'`")));
}

/** `it`'s': the empty quotes are removed when the value is expanded, and the apostrophe with them. */
function emptyQuotes(mc: McContext, item: McCallItem, arg: M4Arg, out: Diagnostic[]): void {
  const text = mc.model.text;
  if (arg.quotes && (arg.quotes.open !== '`' || arg.quotes.close !== "'")) return;
  const raw = text.slice(arg.start, arg.end);
  for (let at = raw.indexOf("`'"); at >= 0; at = raw.indexOf("`'", at + 2)) {
    const word = /[A-Za-z_][A-Za-z0-9_]*$/.exec(raw.slice(0, at))?.[0];
    const rest = raw.slice(at + 2);
    // `' right after a macro name keeps it apart from the next word on purpose (confFOO`'s).
    if (!word || !LETTER.test(word[word.length - 1]) || !CONTRACTION.test(rest)) continue;
    if (isKnownCallable(word) || mc.model.definedNames.has(word)) continue;
    const start = arg.start + at;
    const shown = `${word}\`'${/^[A-Za-z]*/.exec(rest)![0]}`;
    out.push(diag(mc, start, start + 2, DiagnosticSeverity.Warning, 'mc.apostrophe-removed',
      `m4 removes the empty quotes in ${shown} when it expands ${firstArg(item)}, so sendmail.cf gets "${shown.replace("`'", '')}" without an apostrophe. m4 has no escape for quote characters: reword, or write the apostrophe as ''\` (close the quote, a bare ', reopen).`,
      apostropheFix(item, mc, start, start + 2, "''`")));
  }
}

/** Returns the diagnostics and the value arguments they explain (the generic stray-quote report skips those). */
export function apostropheChecks(mc: McContext): { diagnostics: Diagnostic[]; handled: Set<M4Arg> } {
  const out: Diagnostic[] = [];
  const handled = new Set<M4Arg>();
  for (const item of mc.model.defines) {
    const arg = item.call.args[1];
    if (!arg) continue;
    closingApostrophe(mc, item, arg, out, handled);
    emptyQuotes(mc, item, arg, out);
  }
  return { diagnostics: out, handled };
}

/**
 * `$j it`s ready': an unclosed quote that is a define value whose only nested quote on the line
 * opens at a backquote between a word and a contraction ending. Returns the diagnostic that
 * replaces the generic unclosed-quote report, or undefined when the quote is something else.
 */
export function backquoteApostrophe(mc: McContext, problem: McProblem): Diagnostic | undefined {
  if (problem.kind !== 'unclosed-quote' || problem.openQuotes !== 1) return undefined;
  const text = mc.model.text;
  const item = mc.model.defines.find((i) => {
    const arg = i.call.args[1];
    return arg && arg.start <= problem.start && problem.start < arg.end && !text.slice(arg.start, problem.start).trim();
  });
  if (!item) return undefined;
  let lineEnd = text.indexOf('\n', problem.start);
  if (lineEnd < 0) lineEnd = text.length;
  let at = -1;
  for (let b = text.indexOf('`', problem.start + 1); b >= 0 && b < lineEnd; b = text.indexOf('`', b + 1)) {
    if (LETTER.test(text[b - 1]) && CONTRACTION.test(text.slice(b + 1, b + 4))) { at = b; break; }
  }
  if (at < 0) return undefined;
  const word = /[A-Za-z]*$/.exec(text.slice(Math.max(0, at - 30), at))![0] + '`' + /^[A-Za-z]*/.exec(text.slice(at + 1, at + 30))![0];
  const rest = text.slice(problem.start).split('\n').length - 1;
  const fixes: McFix[] = [
    ...apostropheFix(item, mc, at, at + 1, "''`"),
    { title: `Remove the \` (write ${word.replace('`', '')})`, edits: [edit(mc, at, at + 1, '')] },
  ];
  return diag(mc, at, at + 1, DiagnosticSeverity.Error, 'mc.backquote-apostrophe',
    `The \` in ${word} is m4's opening quote, not an apostrophe: it opens a quote nested in the value of ${firstArg(item)}, the ' meant to end the value closes that nested quote instead, and the value's own quote (line ${lineNo(mc, problem.start)}) never closes. m4 reads the rest of the file (${rest} more line${rest === 1 ? '' : 's'}) into the value and stops with "end of file in string". m4 has no escape for quote characters: reword without the apostrophe, or write it as ''\` (close the quote, a bare ', reopen).`,
    fixes);
}
