// Macro calls m4 makes where the author did not mean one:
//  - a '#' line after include(cf.m4): cf.m4 turns m4 comments off (changecom), so the line
//    is ordinary text and the macros on it run ("# the FEATURE list" calls FEATURE);
//  - FEATURE/MAILER/OSTYPE/DOMAIN/HACK not directly followed by '(' (e.g. "FEATURE (`x')"):
//    m4 calls them with no arguments, and they try to include feature/.m4 and so on.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { M4Call } from '../../m4/types';
import { diag, edit, type McContext, type McFix } from '../context';
import { CF_MACROS, RAW_SECTIONS } from '../vocabulary';
import { lowerBound } from '../branches';

/** Macros that include <dir>/<first argument>.m4. */
const FILE_MACROS: Record<string, string> = { FEATURE: 'feature', MAILER: 'mailer', OSTYPE: 'ostype', DOMAIN: 'domain', HACK: 'hack' };
const CF = new Set(CF_MACROS);

/** What m4 does with `call`, in words, and whether that breaks the build. */
function effect(mc: McContext, call: M4Call): { what: string; severity: DiagnosticSeverity } {
  const dir = FILE_MACROS[call.name];
  if (dir && call.open < 0) {
    const where = `${mc.installed ? `${mc.installed.dir}/` : ''}${dir}/.m4`;
    return { what: `m4 calls ${call.name} with no arguments, which fails with "cannot open ${where}"`, severity: DiagnosticSeverity.Error };
  }
  if (RAW_SECTIONS.has(call.name)) {
    return { what: `m4 runs ${call.name}, so the lines after it go into that part of sendmail.cf`, severity: DiagnosticSeverity.Warning };
  }
  if (call.open >= 0) return { what: `m4 runs ${call.name}(...) on this line: it is not commented out`, severity: DiagnosticSeverity.Warning };
  return { what: `m4 expands ${call.name} here`, severity: DiagnosticSeverity.Warning };
}

/** Is this call worth reporting on a '#' line? Value macros (confFOO) only change the comment text. */
function matters(call: M4Call): boolean {
  return call.open >= 0 || CF.has(call.name) || ['divert', 'undivert', 'changequote', 'changecom', 'm4exit'].includes(call.name);
}

/** '#' lines m4 reads as text: one diagnostic per line, at its first macro that matters. */
function hashLines(mc: McContext, out: Diagnostic[], reported: Set<M4Call>): void {
  const text = mc.model.text;
  const commentStarts = new Set(mc.model.tokens.filter((t) => t.kind === 'comment').map((t) => t.start));
  const seenLines = new Set<number>();
  // The '#' must itself be outside any string (strings are sorted and do not overlap).
  const strings = mc.model.tokens.filter((t) => t.kind === 'string');
  const inString = (pos: number): boolean => {
    let lo = 0; let hi = strings.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (strings[mid].end <= pos) lo = mid + 1;
      else if (strings[mid].start > pos) hi = mid - 1;
      else return strings[mid].start < pos;
    }
    return false;
  };
  // Calls are sorted: follow the line starts forward instead of searching back from each call
  // (which is quadratic on a long single-line file).
  let ls = 0;
  let le = text.indexOf('\n');
  for (const call of mc.model.calls) {
    while (le >= 0 && le < call.start) { ls = le + 1; le = text.indexOf('\n', ls); }
    if (!matters(call)) continue;
    if (seenLines.has(ls)) continue;
    let hash = ls;
    while (hash < call.start && (text[hash] === ' ' || text[hash] === '\t')) hash++;
    if (text[hash] !== '#' || commentStarts.has(hash)) continue;
    if (inString(hash)) continue;
    seenLines.add(ls);
    // One diagnostic per line: the other macros on it are covered by the same fix.
    const calls = mc.model.calls;
    for (let k = lowerBound(calls, ls); k < calls.length && (le < 0 || calls[k].start < le); k++) reported.add(calls[k]);
    const { what, severity } = effect(mc, call);
    const why = mc.model.cfInclude && mc.model.cfInclude.call.start < hash
      ? 'cf.m4 (included above) turns m4 comments off'
      : 'this file is read after cf.m4, which turns m4 comments off';
    const fix: McFix = { title: 'Comment the line out with dnl', edits: [edit(mc, hash, hash, 'dnl ')] };
    out.push(diag(mc, call.start, call.nameEnd, severity, 'mc.hash-comment',
      `This '#' line is not a comment to m4 (${why}): ${what}. Start the line with dnl to make m4 skip it.`, [fix]));
  }
}

/** FEATURE (`x') and friends: the name without '(' right after it. */
function bareFileMacros(mc: McContext, out: Diagnostic[], reported: Set<M4Call>): void {
  const text = mc.model.text;
  for (const call of mc.model.calls) {
    if (!FILE_MACROS[call.name] || call.open >= 0 || reported.has(call)) continue;
    const gap = /^[ \t]+\(/.exec(text.slice(call.nameEnd, call.nameEnd + 200));
    const { what } = effect(mc, call);
    const fixes: McFix[] = gap ? [{ title: `Remove the space after ${call.name}`, edits: [edit(mc, call.nameEnd, call.nameEnd + gap[0].length - 1, '')] }] : [];
    out.push(diag(mc, call.start, call.nameEnd, DiagnosticSeverity.Error, 'mc.call-without-args',
      gap
        ? `Space between ${call.name} and '(': m4 only collects arguments when '(' follows the name directly, so ${what}, and the parenthesised text is copied to sendmail.cf as it is.`
        : `${call.name} without arguments: ${what}.`,
      fixes));
  }
}

export function callChecks(mc: McContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const reported = new Set<M4Call>();
  hashLines(mc, out, reported);
  bareFileMacros(mc, out, reported);
  return out;
}
