// How makemap splits a source line, as observed with the real `makemap hash` (8.17):
//  - an empty line or one starting with '#' is skipped;
//  - a line starting with a space or tab is rejected ("syntax error (leading space)");
//  - the key runs to the first space or tab, the value is everything after the blank run,
//    INCLUDING trailing blanks, a '\r' and any " # text" (there are no end-of-line comments);
//  - a key without a value is rejected ("no RHS for LHS").
// This module only slices; what the pieces mean is each dialect's business.

export interface Entry {
  /** The whole line (without '\n'). */
  text: string;
  key: string;
  keyStart: number;
  keyEnd: number;
  /** Value without trailing blanks/CR; valueStart === valueEnd when missing. */
  value: string;
  valueStart: number;
  valueEnd: number;
}

export type LineKind = 'blank' | 'comment' | 'entry' | 'indented';

const isBlank = (c: number) => c === 32 || c === 9;
const isTrailing = (c: number) => c === 32 || c === 9 || c === 13;

export function lineKind(text: string): LineKind {
  if (text.length === 0) return 'blank';
  const c = text.charCodeAt(0);
  if (c === 35) return 'comment';
  if (isBlank(c) || c === 13) {
    for (let i = 0; i < text.length; i++) if (!isTrailing(text.charCodeAt(i))) return 'indented';
    return c === 13 ? 'blank' : 'indented';
  }
  return 'entry';
}

/** Splits an 'entry' line at its first blank run (makemap rules). */
export function splitEntry(text: string): Entry {
  const n = text.length;
  let k = 0;
  while (k < n && !isBlank(text.charCodeAt(k)) && !(text.charCodeAt(k) === 13 && k === n - 1)) k++;
  let v = k;
  while (v < n && isBlank(text.charCodeAt(v))) v++;
  let e = n;
  while (e > v && isTrailing(text.charCodeAt(e - 1))) e--;
  return { text, key: text.slice(0, k), keyStart: 0, keyEnd: k, value: text.slice(v, e), valueStart: v, valueEnd: e };
}

/** Position of the first space/tab-separated word covering `ch`, or undefined. */
export function wordAt(text: string, ch: number, extraStops = ''): { start: number; end: number; word: string } | undefined {
  const stop = (c: string) => c === ' ' || c === '\t' || c === '\r' || extraStops.includes(c);
  if (ch > text.length) return undefined;
  let s = ch, e = ch;
  while (s > 0 && !stop(text[s - 1])) s--;
  while (e < text.length && !stop(text[e])) e++;
  return s === e ? undefined : { start: s, end: e, word: text.slice(s, e) };
}
