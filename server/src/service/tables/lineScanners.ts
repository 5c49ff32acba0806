// Hand-written checks for the commonest clean line of a big map, tried before the fast-path
// regexes (fastPaths.ts). One loop over charCodeAt validates the line and hashes its key at
// the same time: no regex call, no substring, no allocation per line. On a 200,000-line
// mailertable this is what makes opening cost about as much as reading the text.
//
// Contract (checked in test/unit/tables/fastPath.test.ts against the full checks, on
// sample and random lines): a scanner returns 0 — "not sure, run the regular checks" — or
// the keyHash of the line's folded key, and only for a line the full checks find nothing
// wrong with. It accepts a strict subset of what the regex fast path accepts.
import type { TableEnv } from './env';
import { FNV_OFFSET, FNV_PRIME, finishHash } from './keyIndex';

/** Checks the line that starts at `from` in `text` (it ends at the next '\n' or the end of the text). */
export type LineScanner = (text: string, from: number) => number;

const TAB = 9, NL = 10, SP = 32, DASH = 45, DOT = 46, COLON = 58, LBRACKET = 91, RBRACKET = 93, UNDERSCORE = 95;
/** Longest host name isHostName accepts, and longest label. */
const MAX_HOST = 255, MAX_LABEL = 63;

/**
 * Character classes by char code (a table lookup is cheaper than a chain of comparisons, per
 * character of a 10 MB file). EDGE: a-z, 0-9, '_' — may start or end a label (upper case is
 * left to the full checks: it earns a hint). INNER: also '-'.
 */
const EDGE = 1, INNER = 2;
const CLASS = new Uint8Array(0x10000);
for (let c = 0; c < 128; c++) {
  const edge = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === UNDERSCORE;
  CLASS[c] = edge ? EDGE | INNER : c === DASH ? INNER : 0;
}
/** charCodeAt past the end gives NaN: class 0. */
const classOf = (c: number) => (c === c ? CLASS[c] : 0);
const isLabelEdge = (c: number) => (classOf(c) & EDGE) !== 0;
const isLabelChar = (c: number) => (classOf(c) & INNER) !== 0;

/**
 * A host name of lower-case labels at `at` (labels 1-63 characters, '-' only inside, no
 * trailing dot, at most 255 characters). Returns the offset just after it, or -1.
 * charCodeAt past the end gives NaN, which fails every test here.
 */
function hostEnd(text: string, at: number): number {
  let i = at;
  for (;;) {
    const labelStart = i;
    let c = text.charCodeAt(i);
    if (!isLabelEdge(c)) return -1;
    let last = c;
    for (c = text.charCodeAt(++i); isLabelChar(c); c = text.charCodeAt(++i)) last = c;
    if (last === DASH || i - labelStart > MAX_LABEL) return -1;
    if (c !== DOT) break;
    i++;
  }
  return i - at > MAX_HOST ? -1 : i;
}

/** Only digits and dots between `from` and `to`: unbracketed, that is an address (or a port), not a name. */
function numeric(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== DOT && (c < 48 || c > 57)) return false;
  }
  return true;
}

/** Is text[at, at+len) one of `names`? (compared in place) */
function oneOf(names: readonly string[], text: string, at: number, len: number): boolean {
  for (let k = 0; k < names.length; k++) if (names[k].length === len && text.startsWith(names[k], at)) return true;
  return false;
}

/**
 * mailertable: `key<blanks>mailer:host` where the key is ".", or a lower-case domain with an
 * optional leading dot, the mailer is one the configuration defines (not error/local, whose
 * values mean something else), and the host is a lower-case name or a bracketed name/address.
 */
export function mailertableScanner(env: TableEnv): LineScanner {
  const mailers = [...env.mailers.keys()].filter((m) => !['error', 'local'].includes(m.toLowerCase()));
  const longest = mailers.reduce((n, m) => Math.max(n, m.length), 0);
  // Locals, not imports: unbundled CommonJS reads an imported binding through a getter, per character.
  const offset = FNV_OFFSET, prime = FNV_PRIME, finish = finishHash;
  return (text, from) => {
    let i = from, a = offset;
    let c = text.charCodeAt(i);
    if (c === DOT) { a = Math.imul(a ^ c, prime); c = text.charCodeAt(++i); }
    if (c !== TAB && c !== SP) {
      // the domain, hashed as it is checked (same walk as hostEnd)
      const nameStart = i;
      for (;;) {
        const labelStart = i;
        if (!isLabelEdge(c)) return 0;
        let last = c;
        a = Math.imul(a ^ c, prime);
        for (c = text.charCodeAt(++i); isLabelChar(c); c = text.charCodeAt(++i)) { last = c; a = Math.imul(a ^ c, prime); }
        if (last === DASH || i - labelStart > MAX_LABEL) return 0;
        if (c !== DOT) break;
        a = Math.imul(a ^ c, prime);
        c = text.charCodeAt(++i);
      }
      if (i - nameStart > MAX_HOST || (c !== TAB && c !== SP)) return 0;
    } else if (i === from) return 0; // starts with a blank: makemap's "leading space" error
    do c = text.charCodeAt(++i); while (c === TAB || c === SP);
    const mailerStart = i;
    while (c !== COLON && i - mailerStart < longest) c = text.charCodeAt(++i);
    if (c !== COLON || !oneOf(mailers, text, mailerStart, i - mailerStart)) return 0;
    i++;
    if (text.charCodeAt(i) === LBRACKET) {
      const e = hostEnd(text, i + 1);
      if (e < 0 || text.charCodeAt(e) !== RBRACKET) return 0;
      i = e + 1;
    } else {
      const e = hostEnd(text, i);
      if (e < 0 || numeric(text, i, e)) return 0;
      i = e;
    }
    return i === text.length || text.charCodeAt(i) === NL ? finish(a) : 0;
  };
}

const cache = new Map<string, LineScanner>();

/** The `kind` scanner for `env`, kept while the configuration's identity (env.key) is unchanged. */
export function cachedScanner(kind: string, env: TableEnv, make: (env: TableEnv) => LineScanner): LineScanner {
  const id = `${kind}\n${env.key}`;
  let s = cache.get(id);
  if (!s) {
    s = make(env);
    if (cache.size > 16) cache.clear();
    cache.set(id, s);
  }
  return s;
}
