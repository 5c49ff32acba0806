// m4 syntax mistakes: quotes and parentheses that are never closed, close quotes and
// typographic quotes where an opening ` was meant, define() with a value cut at a comma.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { clip } from '../../clip';
import { argValue } from '../../m4/scanner';
import type { M4Arg, M4Call } from '../../m4/types';
import type { McBranch, McProblem } from '../branches';
import { diag, edit, lineNo, type McContext, type McFix } from '../context';
import { apostropheChecks, backquoteApostrophe, isLiteralApostrophe } from './apostrophes';

const OPENERS = '‘“';

function lineEndOf(text: string, pos: number): number {
  const e = text.indexOf('\n', pos);
  return e < 0 ? text.length : e;
}

/** Where to insert a missing closer on the line of `pos` (not beyond `limit`): before a trailing dnl/comment, after the last non-blank. */
function insertionPoint(mc: McContext, pos: number, stopAt?: RegExp, limit = Infinity): number {
  const text = mc.model.text;
  const end = Math.min(lineEndOf(text, pos), limit);
  let line = text.slice(pos, end);
  if (stopAt) { const m = stopAt.exec(line); if (m) line = line.slice(0, m.index); }
  const dnl = /\bdnl\b/.exec(line);
  if (dnl) line = line.slice(0, dnl.index);
  return pos + line.replace(/\s+$/, '').length;
}

/** `start` is the outermost quote left open on its line; `open` counts it and those nested in it there. */
function unclosedQuote(mc: McContext, start: number, open: number): Diagnostic {
  const text = mc.model.text;
  const lines = text.slice(start).split('\n').length - 1;
  // The quote most likely ends before the next ',' or ')' on its line.
  const at = Math.max(start + 1, insertionPoint(mc, start + 1, /[,)]/));
  const nested = open === 2 ? ', nor is the ` opened after it on this line'
    : open > 2 ? `, nor are the ${open - 1} \` opened after it on this line` : '';
  const close = open > 1 ? ` Inside a quote every \` opens a nested one that needs its own ': close them with ${"'".repeat(open)}.` : " Close it with '.";
  return diag(mc, start, start + 1, DiagnosticSeverity.Error, 'mc.unclosed-quote',
    `This \` is never closed${nested}: m4 reads the rest of the file (${lines} more line${lines === 1 ? '' : 's'}) into one quoted string, so nothing after it takes effect, and stops with "end of file in string" at line ${lineNo(mc, start)}.${close}`,
    [{ title: open > 1 ? `Insert the ${open} missing closing quotes` : "Insert the missing closing quote '", edits: [edit(mc, at, at, "'".repeat(open))] }]);
}

function unclosedCall(mc: McContext, call: M4Call, branch?: McBranch): Diagnostic {
  const at = Math.max(call.open + 1, insertionPoint(mc, call.open + 1, undefined, branch?.end));
  const what = branch
    ? `${call.name}( is not closed inside this ${branch.owner.name} branch: when m4 uses the branch, it reads on past its end, takes the rest of the file as arguments of ${call.name} and stops with "end of file in argument list". Add the missing ) before the branch's closing quote.`
    : `${call.name}( is never closed: m4 takes the rest of the file as its arguments and stops with "end of file in argument list". Add the missing ).`;
  return diag(mc, call.start, call.open + 1, DiagnosticSeverity.Error, 'mc.unclosed-paren', what,
    [{ title: 'Insert the missing )', edits: [edit(mc, at, at, ')')] }]);
}

/** A close quote where an opening one was meant: m4 copies it into the value literally. */
function strayQuote(mc: McContext, call: M4Call, index: number, arg: M4Arg, pos: number): Diagnostic {
  const text = mc.model.text;
  const value = argValue(text, arg).trim();
  let valueStart = arg.start;
  while (valueStart < arg.end && /\s/.test(text[valueStart])) valueStart++;
  const fixes: McFix[] = [];
  if (pos === valueStart) fixes.push({ title: "Use ` as the opening quote", edits: [edit(mc, pos, pos + 1, '`')] });
  else if (!text.slice(valueStart, pos).includes('`')) fixes.push({ title: 'Insert the missing opening quote `', edits: [edit(mc, valueStart, valueStart, '`')] });
  const what = call.name === 'define' && index === 0
    ? `m4 defines a macro literally named ${clip(value)}, which sendmail-cf never reads`
    : `m4 does not treat ' as an opening quote and keeps it in the value, which becomes ${clip(value)}`;
  return diag(mc, pos, pos + 1, DiagnosticSeverity.Error, 'mc.stray-quote',
    `Closing quote ' with no opening \` in argument ${index + 1} of ${call.name}: ${what}. m4 quotes open with \` and close with '.`, fixes);
}

function typographic(mc: McContext, call: M4Call, pos: number): Diagnostic {
  const ch = mc.model.text[pos];
  const replacement = OPENERS.includes(ch) ? '`' : "'";
  // Fix all of the call's typographic quotes at once: replacing only the opening one would
  // leave an m4 string that never closes.
  const all = call.args.flatMap((a) => a.typographic);
  const edits = all.map((p) => edit(mc, p, p + 1, OPENERS.includes(mc.model.text[p]) ? '`' : "'"));
  return diag(mc, pos, pos + 1, DiagnosticSeverity.Error, 'mc.typographic-quote',
    `${ch} is a typographic quote: m4 only knows \` and ' as quotes, so it copies ${ch} into the argument of ${call.name} literally. Use ${replacement} instead.`,
    [{ title: all.length > 1 ? `Replace the typographic quotes of ${call.name} with \` and '` : `Replace ${ch} with ${replacement}`, edits }]);
}

/** define(`NAME', a, b): m4 keeps only `a`; the rest is dropped. */
function defineArgs(mc: McContext, call: M4Call): Diagnostic | undefined {
  if (call.args.length <= 2 || call.close === undefined) return undefined;
  const text = mc.model.text;
  const v1 = argValue(text, call.args[1]);
  const fixes: McFix[] = [];
  const valueStart = call.args[1].start + (text.slice(call.args[1].start, call.args[1].end).length - text.slice(call.args[1].start, call.args[1].end).trimStart().length);
  const whole = text.slice(valueStart, call.close);
  if (!/[`']/.test(whole)) fixes.push({ title: 'Quote the whole value', edits: [edit(mc, valueStart, valueStart, '`'), edit(mc, call.close, call.close, "'")] });
  return diag(mc, call.args[2].start - 1, call.close, DiagnosticSeverity.Warning, 'mc.define-args',
    `define takes a name and one value, but this one has ${call.args.length - 1} values: m4 defines it as "${clip(v1.trim())}" and ignores everything after the second comma (line ${lineNo(mc, call.args[2].start)}). Quote the value if it contains commas.`, fixes);
}

/** The scan stopped (scanner.ts and model.ts bound their work): say what is not checked. */
function analysisStopped(mc: McContext, p: McProblem): Diagnostic {
  const at = `Analysis stopped at line ${lineNo(mc, p.start)}`;
  const rest = `the rest of ${p.branch ? `this ${p.branch.owner.name} branch` : 'the file'} is not checked`;
  const message = p.reason === 'branches'
    ? `${at}: the file has too much quoted ifdef/ifelse text to read, so the branches from here on are not checked.`
    : p.reason === 'budget'
      ? `${at}: reading the text again after each unclosed quote or parenthesis would take too long, so ${rest}. Fix the problems above to have it checked.`
      : `${at} after ${p.reason?.recoveries ?? 'many'} unclosed quotes and parentheses: ${rest}. Fix the problems above to have it checked.`;
  return diag(mc, p.start, Math.max(p.end, p.start + 1), DiagnosticSeverity.Information, 'mc.analysis-stopped', message);
}

export function syntaxChecks(mc: McContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  let stopped = false;
  for (const p of mc.model.problems) {
    if (p.kind === 'unclosed-quote') out.push(backquoteApostrophe(mc, p) ?? unclosedQuote(mc, p.start, p.openQuotes ?? 1));
    else if (p.kind === 'stopped') { if (!stopped) out.push(analysisStopped(mc, p)); stopped = true; }
    else if (p.call) out.push(unclosedCall(mc, p.call, p.branch));
  }
  const apostrophes = apostropheChecks(mc);
  out.push(...apostrophes.diagnostics);
  for (const call of mc.model.calls) {
    call.args.forEach((arg, i) => {
      // A ' between two strings (`it''`s') is the deliberate way to write an apostrophe.
      const stray = arg.strays.find((p) => !isLiteralApostrophe(mc.model.text, p));
      if (stray !== undefined && !apostrophes.handled.has(arg)) out.push(strayQuote(mc, call, i, arg, stray));
      for (const t of arg.typographic) out.push(typographic(mc, call, t));
    });
    if (call.name === 'define') {
      const d = defineArgs(mc, call);
      if (d) out.push(d);
    }
  }
  return out;
}
