// Checks of a single line, independent of every other line: the part of the analysis that
// is cached per line and redone only for edited lines (or all lines when the mc changes).
import type { Dialect } from './dialect';
import type { TableEnv } from './env';
import { issue, ERROR, WARNING, HINT, type Issue } from './issues';
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
    out.push(issue('table.leading-space', ERROR, 0, text.length, 'makemap rejects a line that starts with a blank ("syntax error (leading space)") and skips it; remove the indentation (or the blank line\'s spaces).', { trimStart: true }));
    return { key: undefined, issues: out };
  }
  controlChars(text, out);
  if (text.endsWith('\r')) out.push(issue('table.crlf', WARNING, text.length - 1, text.length, 'Windows line ending: the carriage return becomes part of the value (or class entry) and lookups will not match. Save the file with LF line endings.'));
  let e = entryOf(d, text);
  if (!e) return { key: undefined, issues: out.length ? out : undefined };
  if (d.syntax === 'map') {
    if (e.valueStart === e.valueEnd) {
      out.push(issue('table.missing-value', ERROR, e.keyStart, e.keyEnd, `\`${e.key}\` has no value: makemap rejects the line ("no RHS for LHS") and exits with an error.`));
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
      out.push(issue('table.key-case', HINT, e.keyStart + from, e.keyEnd, `makemap stores this key as \`${e.key.toLowerCase()}\` and sendmail lowercases what it looks up, so case does not matter here.`));
    }
  }
  if (d.syntax === 'aliases' && kind === 'indented') {
    d.checkEntry(e, env, out);
    return { key: undefined, issues: out.length ? out : undefined };
  }
  d.checkEntry(e, env, out);
  return { key: e.key ? d.foldKey(e.key) : undefined, issues: out.length ? out : undefined };
}
