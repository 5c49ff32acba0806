// Checks of a single line, independent of every other line: the part of the analysis that
// is cached per line and redone only for edited lines (or all lines when the mc changes);
// and loneCrIssues, the one check of line ends (they are not part of a line's text).
import type { Dialect } from './dialect';
import type { TableEnv } from './env';
import { issue, ERROR, WARNING, HINT, type Issue } from './issues';
import type { TableState } from './state';
import { clip } from '../clip';
import { lineKind, splitEntry, type Entry } from './syntax';
import { splitAlias, splitContinuation } from './dialects/aliases';

export interface LineResult { key: string | undefined; issues: Issue[] | undefined }

/** The entry on a line as the dialect sees it (undefined for blank/comment lines). */
export function entryOf(d: Dialect, text: string): Entry | undefined {
  const kind = lineKind(text);
  if (kind === 'blank' || kind === 'comment') return undefined;
  if (d.syntax === 'aliases') return kind === 'indented' ? splitContinuation(text) : splitAlias(text);
  if (d.syntax === 'class') {
    const s = text.length - text.trimStart().length;
    if (text[s] === '#' || s === text.length) return undefined;
    const e = splitEntry(text.slice(s));
    return { ...e, text, keyStart: s, keyEnd: s + e.keyEnd, valueStart: s + e.valueStart, valueEnd: s + e.valueEnd };
  }
  return kind === 'indented' ? undefined : splitEntry(text);
}

function controlChars(text: string, out: Issue[]): void {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && !(c === 13 && i === text.length - 1)) || c === 127) {
      out.push(issue('table.control-char', WARNING, i, i + 1, `Invisible control character (code ${c}) — makemap stores it as part of the ${i === 0 ? 'key' : 'entry'}, so lookups will not match what you see.`));
      return;
    }
  }
}

export function checkLine(d: Dialect, text: string, env: TableEnv): LineResult {
  const out: Issue[] = [];
  const kind = lineKind(text);
  if (kind === 'blank' || kind === 'comment') return { key: undefined, issues: undefined };
  if (d.syntax === 'map' && kind === 'indented') {
    out.push(issue('table.leading-space', ERROR, 0, text.length, 'makemap rejects a line that starts with a blank ("syntax error (leading space)"), skips it and exits 65; remove the indentation (or the blank line\'s spaces).', { trimStart: true }));
    return { key: undefined, issues: out };
  }
  controlChars(text, out);
  // A CR before LF (Windows line ends) is harmless: makemap keeps it at the end of the value and
  // sendmail 8.17 reads it as a blank (mailertable, access, virtusertable, aliases and class files
  // all matched, test/unit/claims). A lone CR is another matter: loneCrIssues below.
  let e = entryOf(d, text);
  if (!e) return { key: undefined, issues: out.length ? out : undefined };
  if (d.syntax === 'map') {
    if (e.valueStart === e.valueEnd) {
      out.push(issue('table.missing-value', ERROR, e.keyStart, e.keyEnd, `\`${clip(e.key)}\` has no value: makemap rejects the line ("no RHS for LHS") and exits with an error.`));
      return { key: d.foldKey(e.key), issues: out };
    }
    const hash = /[ \t]#/.exec(e.value);
    if (hash) {
      out.push(issue('table.inline-comment', WARNING, e.valueStart + hash.index + 1, e.valueEnd, 'makemap has no end-of-line comments: this text becomes part of the value. Put comments on their own line starting with #.', { cut: e.valueStart + hash.index }));
      const v = e.value.slice(0, hash.index).trimEnd(); // judge the value the user meant
      e = { ...e, value: v, valueEnd: e.valueStart + v.length };
    }
    const tail = text.slice(e.valueEnd);
    if (!hash && /[ \t]/.test(tail)) out.push(issue('table.trailing-space', HINT, e.valueEnd, e.valueEnd + tail.replace(/\r$/, '').length, 'Trailing blanks are stored in the value by makemap.', { cut: e.valueEnd }));
    const from = d.caseHintFrom?.(e) ?? -1;
    if (from >= 0 && /[A-Z]/.test(e.key.slice(from))) {
      out.push(issue('table.key-case', HINT, e.keyStart + from, e.keyEnd, `makemap stores this key in lower case (\`${clip(e.key.toLowerCase())}\`) and sendmail lowercases what it looks up, so case does not matter here.`));
    }
  }
  if (d.syntax === 'aliases' && kind === 'indented') {
    d.checkEntry(e, env, out);
    return { key: undefined, issues: out.length ? out : undefined };
  }
  d.checkEntry(e, env, out);
  return { key: e.key ? d.foldKey(e.key) : undefined, issues: out.length ? out : undefined };
}

/** Does line i of `st` end with a CR that no LF follows, with another line after it? */
function endsWithLoneCr(st: TableState, i: number): boolean {
  const r = st.refs[i], next = st.refs[i + 1];
  // Both lines in the opened text: the character before the next line is the line end's last.
  if (r >= 0 && next >= 0) return st.base.charCodeAt(next - 1) === 13;
  if (r < 0) return st.edited[-r - 1].endsWith('\r');
  const t = st.line(i); // kept with its CR; the opened text tells what followed it
  return t.endsWith('\r') && st.base.charCodeAt(r + t.length) !== 10;
}

/**
 * Lines ended by a lone CR (old Mac line ends). The editor shows them as lines, but makemap ends
 * a line only at LF (8.17, test/unit/claims): it reads such a line and the ones after it, up to
 * the next LF, as one entry, so their keys are never stored. One issue, at the first such line.
 */
export function loneCrIssues(st: TableState): [number, Issue][] {
  // A CR that ends the file joins nothing (the empty "line" after it is no line for makemap).
  const last = st.lineCount - 1 - (st.line(st.lineCount - 1) === '' ? 1 : 0);
  if (last < 1 || (!st.baseHasCR && !st.edited.some((t) => t.includes('\r')))) return [];
  let first = -1, count = 0;
  for (let i = 0; i < last; i++) if (endsWithLoneCr(st, i)) { if (first < 0) first = i; count++; }
  if (first < 0) return [];
  const text = st.line(first);
  const nextKey = /^[^ \t\r]*/.exec(st.line(first + 1))?.[0] ?? '';
  const more = count > 1 ? ` ${count} lines end this way.` : '';
  return [[first, issue('table.lone-cr', ERROR, Math.max(0, text.length - 1), text.length,
    `This line ends with a carriage return without a line feed (old Mac line end). makemap ends lines only at line feeds, so it reads the next line as part of this one${nextKey ? ` and never stores the key \`${clip(nextKey)}\`` : ''}.${more} Save the file with LF line ends.`)]];
}
