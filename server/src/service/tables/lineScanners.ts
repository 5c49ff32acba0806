// Hand-written checks of the clean lines of big maps (access, virtusertable, mailertable,
// aliases), tried before the fast-path regexes (fastPaths.ts) and the full checks. One pass
// over charCodeAt validates the line and hashes its key at the same time: no regex call, no
// substring, no allocation per line. Every valid line shape of the corpus and cf/README is
// taken here, so no shape falls to the slow path (ARCHITECTURE.md's 2x invariant).
//
// Contract (checked in test/unit/tables/scanners.test.ts and fastPath.test.ts against the
// full checks, on corpus, sample, mutated and random lines): a scanner returns 0 — "not
// sure, run the regular checks" — or the keyHash of the line's folded key, and only for a
// line the full checks find nothing wrong with. A third answer, CLEAN_NO_KEY (-0), says "clean,
// and the line has no key" (an aliases continuation line): it compares equal to 0, so a caller
// that does not know it simply runs the full checks (see CLEAN_NO_KEY).
import type { TableEnv } from './env';
import { FNV_OFFSET, FNV_PRIME, finishHash } from './keyIndex';

/** Checks the line that starts at `from` in `text` (it ends at the next '\n' or the end of the text). */
export type LineScanner = (text: string, from: number) => number;

/**
 * What a scanner returns for a line the full checks find nothing wrong with and that has no key:
 * an aliases continuation line (`\tbob,`: more targets of the alias above; whether there is an
 * alias above is orphanContinuations' business in diagnose.ts, not the line's). It is -0: it
 * compares equal to 0 (NO_KEY, "not sure"), so a caller that does not tell them apart runs the
 * full checks as before, and setKey(line, -0) stores no key. Tell it apart with isCleanNoKey.
 */
export const CLEAN_NO_KEY = -0;
/** Is `h` (a scanner's answer) CLEAN_NO_KEY? (-0 is the one number equal to 0 whose reciprocal is negative.) */
export const isCleanNoKey = (h: number): boolean => h === 0 && 1 / h < 0;

/** Module-level copies: unbundled CommonJS reads an imported binding through a getter, per character. */
const OFFSET = FNV_OFFSET, PRIME = FNV_PRIME;
const TAB = 9, NL = 10, SP = 32, DASH = 45, DOT = 46, COLON = 58, LBRACKET = 91, RBRACKET = 93, UNDERSCORE = 95;
/** Longest host name isHostName accepts, and longest label. */
const MAX_HOST = 255, MAX_LABEL = 63;

/**
 * Character classes by char code (a table lookup is cheaper than a chain of comparisons, per
 * character of a 10 MB file). EDGE: a-z, 0-9, '_' — may start or end a label (upper case is
 * left to the full checks: it earns a hint). INNER: also '-'. UPPER: A-Z, for names where case
 * earns nothing (the hosts of a mailertable value).
 */
const EDGE = 1, INNER = 2, UPPER = 4;
const CLASS = new Uint8Array(0x10000);
for (let c = 0; c < 128; c++) {
  const edge = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === UNDERSCORE;
  CLASS[c] = edge ? EDGE | INNER : c === DASH ? INNER : c >= 65 && c <= 90 ? UPPER : 0;
}
/** charCodeAt past the end gives NaN: class 0. */
const classOf = (c: number) => (c === c ? CLASS[c] : 0);
const isLabelEdge = (c: number) => (classOf(c) & EDGE) !== 0;
const isLabelChar = (c: number) => (classOf(c) & INNER) !== 0;
const isAnyCaseChar = (c: number) => (classOf(c) & (INNER | UPPER)) !== 0;

/**
 * A host name at `at` whose labels start and end with a character of class `edge` and hold
 * characters of class `inner` (labels 1-63 characters, no trailing dot, at most 255 characters).
 * Returns the offset just after it, or -1. charCodeAt past the end gives NaN, which fails every test here.
 */
function labelsEnd(text: string, at: number, edge: number, inner: number): number {
  let i = at;
  for (;;) {
    const labelStart = i;
    let c = text.charCodeAt(i);
    if ((classOf(c) & edge) === 0) return -1;
    let last = c;
    for (c = text.charCodeAt(++i); (classOf(c) & inner) !== 0; c = text.charCodeAt(++i)) last = c;
    if (last === DASH || i - labelStart > MAX_LABEL) return -1;
    if (c !== DOT) break;
    i++;
  }
  return i - at > MAX_HOST ? -1 : i;
}

/** A host name of lower-case labels at `at` ('-' only inside): the offset just after it, or -1. */
const hostEnd = (text: string, at: number) => labelsEnd(text, at, EDGE, INNER);

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

/** A host name at `at` (as hostEnd) in which upper case is allowed too: a value's host, where case earns no hint. */
const anyCaseHostEnd = (text: string, at: number) => labelsEnd(text, at, EDGE | UPPER, INNER | UPPER);

/**
 * `[IPv6:groups]` from `at` (just after the '['): 1 to 8 groups of 1-4 hex digits, at most one
 * '::', then ']' (hosts.ts isIPv6ish, without the IPv4-embedded form). The offset after ']', or -1.
 */
function bracketedIPv6End(text: string, at: number): number {
  if (!wordIs(text, at, 4, 'ipv6') || text.charCodeAt(at + 4) !== COLON) return -1;
  let i = at + 5, groups = 0, doubled = false, c = text.charCodeAt(i);
  if (c === COLON) { if (text.charCodeAt(i + 1) !== COLON) return -1; doubled = true; i += 2; c = text.charCodeAt(i); }
  for (;;) {
    const s = i;
    while (isHex(c)) c = text.charCodeAt(++i);
    if (i - s > 4) return -1;
    if (i > s) groups++;
    if (c !== COLON) break;
    if (i === s) return -1; // ':::' or a '::' after the leading one
    c = text.charCodeAt(++i);
    if (c === COLON) { if (doubled) return -1; doubled = true; c = text.charCodeAt(++i); }
  }
  return groups >= 1 && groups <= 8 && c === RBRACKET ? i + 1 : -1;
}

/**
 * mailertable: `key<blanks>value`. The key is ".", or a lower-case domain with an optional
 * leading dot. The value is one the checks (dialects/mailertable.ts checkValue) have nothing
 * to say about: `local:` with anything, `error:` with a status and code that agree (as
 * access's ERROR:) or a keyword (`error:nouser:550 ...`), a defined mailer that does not connect to a host (procmail, uucp, ...)
 * with anything, or a network mailer (`network`: smtp, esmtp, relay, ...) with a list of hosts
 * (names, `[name]`, `[address]`, `[IPv6:address]`; `%1`-style names under a .domain key).
 */
export function mailertableScanner(env: TableEnv, network: readonly string[]): LineScanner {
  const net: string[] = [], other: string[] = [];
  for (const m of env.mailers.keys()) {
    const l = m.toLowerCase();
    if (l !== 'error' && l !== 'local' && l !== 'discard') (network.includes(l) ? net : other).push(m);
  }
  const longest = [...net, ...other].reduce((n, m) => Math.max(n, m.length), 5);
  // Locals, not imports: unbundled CommonJS reads an imported binding through a getter, per character.
  const offset = FNV_OFFSET, prime = FNV_PRIME, finish = finishHash;
  return (text, from) => {
    let i = from, a = offset;
    let c = text.charCodeAt(i);
    if (c === DOT) { a = Math.imul(a ^ c, prime); c = text.charCodeAt(++i); }
    const dotted = i > from;
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
    const v = skipBlanks(text, i);
    const end = valueEnd(text, v);
    if (end < 0) return 0;
    // mailer: up to the first ':'
    let j = v;
    for (c = text.charCodeAt(j); c !== COLON && j < end && j - v <= longest; c = text.charCodeAt(++j));
    if (c !== COLON || j === v) return 0;
    const mlen = j - v;
    if (wordIs(text, v, mlen, 'local') || oneOf(other, text, v, mlen)) return finish(a);
    // error:[D.S.N:]NNN text, or error:keyword:... (the mailertable's keyword form; `error:keyword 550`,
    // the virtusertable's, is left to the full checks: errorValue.ts errorFormTrap)
    if (wordIs(text, v, mlen, 'error')) {
      const k = keywordEnd(text, j + 1);
      return (k >= 0 ? text.charCodeAt(k) === COLON : cleanErrorText(text, j + 1, end)) ? finish(a) : 0;
    }
    if (!oneOf(net, text, v, mlen)) return 0;
    // The hosts, separated by ':' or ','. Unbracketed all-digit names (addresses, "ports") and
    // three or more hex-looking ones (an unbracketed IPv6 address) are left to the full checks.
    let hosts = 0, hexOnly = true;
    for (i = j + 1; ; i++) {
      c = text.charCodeAt(i);
      let e: number;
      if (c === LBRACKET) {
        hexOnly = false;
        e = (c = text.charCodeAt(i + 1)) === 73 || c === 105 ? bracketedIPv6End(text, i + 1) : -1;
        if (e < 0) { e = anyCaseHostEnd(text, i + 1); if (e < 0 || text.charCodeAt(e) !== RBRACKET) return 0; e++; }
      } else {
        let percent = false;
        for (e = i, c = text.charCodeAt(e); e < end && c !== COLON && c !== 44; c = text.charCodeAt(++e)) {
          if (c === PERCENT) percent = true;
          else if (!isHex(c) && c !== DOT) hexOnly = false;
        }
        if (percent) {
          // %1.relay.example: filled in from a .domain key (percent-needs-dot otherwise)
          if (!dotted || e === i) return 0;
          for (let k = i; k < e; k++) { const x = text.charCodeAt(k); if (x !== PERCENT && x !== DOT && !isAnyCaseChar(x)) return 0; }
        } else if (anyCaseHostEnd(text, i) !== e || numeric(text, i, e)) return 0;
      }
      hosts++;
      if (e === end) break;
      c = text.charCodeAt(e);
      if (c !== COLON && c !== 44) return 0;
      i = e;
    }
    return hexOnly && hosts >= 3 ? 0 : finish(a);
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

// ---- The general scanners: every valid line of the kind, not only the commonest shape. ----
// Each takes whatever the full checks find nothing wrong with in the forms people write
// (corpus files, cf/README's examples: tags in any case, quoted error texts, IPv6 keys,
// numbers, FRIEND/HATER, ...) and leaves the rest (and everything that earns a diagnostic,
// even a hint) to the full checks. One pass over the line, no allocation.

const DQUOTE = 34, AT = 64, HASH = 35, CR = 13, PERCENT = 37, STAR = 42, SLASH = 47, COMMA = 44, PLUS = 43, EQ = 61, SEMI = 59;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isUpper = (c: number) => c >= 65 && c <= 90;
const isAlpha = (c: number) => isUpper(c) || (c >= 97 && c <= 122);
const isHex = (c: number) => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

/** ASCII lower case by char code (one lookup instead of a test per character). */
const LOWER = new Uint8Array(128);
for (let c = 0; c < 128; c++) LOWER[c] = isUpper(c) ? c + 32 : c;

/** Letters, digits, '_' and '-' (an access tag's characters, a queue group's), lower-cased; 0 for every other character. */
const WORD_LOWER = new Uint8Array(128);
for (let c = 0; c < 128; c++) WORD_LOWER[c] = isAlpha(c) || isDigit(c) || c === UNDERSCORE || c === DASH ? LOWER[c] : 0;

/** Is text[at, at+len) `word` (lower case), compared without regard to case? One lookup per character, no branch on case. */
function wordIs(text: string, at: number, len: number, word: string): boolean {
  if (len !== word.length) return false;
  for (let k = 0; k < len; k++) { const c = text.charCodeAt(at + k); if ((c < 128 ? LOWER[c] : c) !== word.charCodeAt(k)) return false; }
  return true;
}

/**
 * The characters a value holds with nothing more to look at, by char code: printable ASCII but
 * '#', '"' and '%', and tab. The value walk is one lookup per character; '"' and '%' are
 * counted on the way (valueQuotes, valuePercent), so no check walks the value a second time.
 */
const VALUE_PLAIN = new Uint8Array(128);
for (let c = 32; c < 127; c++) VALUE_PLAIN[c] = c === HASH || c === DQUOTE || c === PERCENT ? 0 : 1;
VALUE_PLAIN[TAB] = 1;

/** Set by valueEnd for the value it walked: how many '"' it holds. */
let valueQuotes = 0;
/** Set by valueEnd: the highest n of the value's %n (0: no '%'; 10: a '%' not followed by a digit 1-9). */
let valuePercent = 0;

/**
 * End of the value that starts at `at`: the offset of the line end (one CR before it allowed).
 * -1 when the value has a control character, a non-ASCII one, a '#' (makemap has no comments
 * there) or trailing blanks: the full checks report those. Sets valueQuotes and valuePercent.
 */
function valueEnd(text: string, at: number): number {
  let i = at, c = text.charCodeAt(i), quotes = 0, percent = 0;
  for (;;) {
    // NaN (past the end) fails `c < 128`
    while (c < 128 && VALUE_PLAIN[c] === 1) c = text.charCodeAt(++i);
    if (c === DQUOTE) quotes++;
    else if (c === PERCENT) { const n = text.charCodeAt(i + 1) - 48; percent = Math.max(percent, n >= 1 && n <= 9 ? n : 10); }
    else break;
    c = text.charCodeAt(++i);
  }
  valueQuotes = quotes;
  valuePercent = percent;
  if (c === CR) { const n = text.charCodeAt(i + 1); if (n === NL || n !== n) c = NL; }
  if (c !== NL && c === c) return -1;
  const last = text.charCodeAt(i - 1);
  return i === at || last === SP || last === TAB ? -1 : i;
}

/** Skips blanks from `i`; returns the offset of the first other character. */
function skipBlanks(text: string, i: number): number {
  let c = text.charCodeAt(i);
  while (c === TAB || c === SP) c = text.charCodeAt(++i);
  return i;
}

/**
 * The end of an error keyword at `at` (`nouser` in `error:nouser 550 text`): a letter, then
 * letters, digits, '_' and '-' (a sendmail token, and no more). -1 when there is none.
 */
function keywordEnd(text: string, at: number): number {
  if (!isAlpha(text.charCodeAt(at))) return -1;
  let i = at + 1, c = text.charCodeAt(i);
  while (c < 128 && WORD_LOWER[c] !== 0) c = text.charCodeAt(++i);
  return i;
}

/** The '"' at `k` and the one that ends the value at `end` are the value's only two (valueQuotes: no second walk for quotes inside). */
function quotedToEnd(text: string, k: number, end: number): boolean {
  return valueQuotes === 2 && text.charCodeAt(end - 1) === DQUOTE && end - 1 > k;
}

/**
 * An error reply text at [at, end): `[D.S.N:]NNN text`, the whole of it or what follows the
 * status optionally in double quotes (`ERROR:"550 5.7.1 No thanks"`, `error:5.1.1:"550 No"`).
 * The SMTP code is 4xx or 5xx and a status agrees with it (errorValue.ts checkErrorValue,
 * checkStatusColon). `statusFirst`: only the `D.S.N:NNN text` form (the one the virtusertable reads
 * as written). Anything else: false (the full checks decide). Call it right after valueEnd
 * walked the value that holds [at, end), with no '"' in that value before `at` (it reads valueQuotes).
 */
function cleanErrorText(text: string, at: number, end: number, statusFirst = false): boolean {
  let i = skipBlanks(text, at);
  if (statusFirst && !isDigit(text.charCodeAt(i))) return false;
  let unquoted = true;
  if (text.charCodeAt(i) === DQUOTE) {
    if (!quotedToEnd(text, i, end)) return false;
    i++; end--; unquoted = false;
  }
  let dsnClass = 0;
  if (isDigit(text.charCodeAt(i)) && text.charCodeAt(i + 1) === DOT) {
    // D.S.N: — one class digit (2, 4 or 5), then two numbers, then a colon
    dsnClass = text.charCodeAt(i);
    i += 2;
    for (let part = 0; part < 2; part++) {
      const s = i;
      while (isDigit(text.charCodeAt(i))) i++;
      if (i === s || i - s > 3 || text.charCodeAt(i) !== (part === 0 ? DOT : COLON)) return false;
      i++;
    }
    i = skipBlanks(text, i);
    if (unquoted && text.charCodeAt(i) === DQUOTE) {
      if (!quotedToEnd(text, i, end)) return false;
      i++; end--;
    }
  }
  if (statusFirst && dsnClass === 0) return false;
  const code = text.charCodeAt(i);
  if ((code !== 52 && code !== 53) || !isDigit(text.charCodeAt(i + 1)) || !isDigit(text.charCodeAt(i + 2))) return false;
  if (dsnClass !== 0 && dsnClass !== code) return false;
  i += 3;
  return i >= end || text.charCodeAt(i) === SP || text.charCodeAt(i) === TAB;
}

/**
 * The characters of an access key after its tag, as bits by char code (one lookup and no
 * branch per character): UPPER (it earns the case hint after the last '@'), AT, OTHER (not a
 * digit or a dot: not an IPv4 network), BRACKET, and STOP: a blank, the line end, or what the
 * full checks must see ('*', '/', ':', '"', '#' (a comment line starts with it), controls, non-ASCII).
 */
const KB_UPPER = 1, KB_AT = 2, KB_OTHER = 4, KB_BRACKET = 8, KB_STOP = 16;
const KEY_BITS = new Uint8Array(128).fill(KB_STOP);
for (let c = 33; c < 127; c++) KEY_BITS[c] = c === STAR || c === SLASH || c === COLON || c === DQUOTE || c === HASH ? KB_STOP : KB_OTHER;
for (let c = 48; c <= 57; c++) KEY_BITS[c] = 0;
for (let c = 65; c <= 90; c++) KEY_BITS[c] = KB_UPPER | KB_OTHER;
KEY_BITS[DOT] = 0; KEY_BITS[AT] = KB_AT | KB_OTHER; KEY_BITS[LBRACKET] = KEY_BITS[RBRACKET] = KB_BRACKET | KB_OTHER;

/** An IPv4 network at [from, to) (digits and dots only there): 1-4 octets of 1-3 digits, 0-255. */
function ipv4Prefix(text: string, from: number, to: number): boolean {
  let octets = 1, octet = 0, digits = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === DOT) { if (digits === 0) return false; octets++; octet = 0; digits = 0; }
    else { octet = octet * 10 + c - 48; if (++digits > 3 || octet > 255) return false; }
  }
  return digits > 0 && octets <= 4;
}

/**
 * A TLS_Srv/TLS_Clt/TLS_Rcpt value at [at, end): [TEMP+|PERM+](VERIFY[:bits]|ENCR:bits|OK)
 * [+ext[++ext...]], an ext being letters, optionally ':' and any non-blank text to the end
 * (access.ts TLS_RE), in any case.
 */
function cleanTlsValue(text: string, at: number, end: number): boolean {
  let w = at;
  if (wordIs(text, w, 5, 'temp+') || wordIs(text, w, 5, 'perm+')) w += 5;
  let s: number;
  if (wordIs(text, w, 6, 'verify')) { w += 6; if (text.charCodeAt(w) === COLON) { s = ++w; while (isDigit(text.charCodeAt(w))) w++; if (w === s) return false; } }
  else if (wordIs(text, w, 5, 'encr:')) { s = w += 5; while (isDigit(text.charCodeAt(w))) w++; if (w === s) return false; }
  else if (wordIs(text, w, 2, 'ok')) w += 2;
  else return false;
  if (w === end) return true;
  if (text.charCodeAt(w++) !== PLUS) return false;
  for (;;) {
    s = w;
    while (w < end && isAlpha(text.charCodeAt(w))) w++;
    if (w === s) return false;
    if (w === end) return true;
    const c = text.charCodeAt(w);
    if (c === COLON) { for (w++; w < end; w++) { const x = text.charCodeAt(w); if (x === SP || x === TAB) return false; } return true; }
    if (c !== PLUS || text.charCodeAt(w + 1) !== PLUS) return false;
    w += 2;
  }
}

/**
 * A TLS_Srv_Features/TLS_Clt_Features value at [at, end): `Name=value` pairs separated by ';',
 * one ';' allowed at the end (access.ts checkValue: /^\s*([A-Za-z]+\s*=[^;]*;?\s*)+$/).
 */
function cleanTlsFeatures(text: string, at: number, end: number): boolean {
  for (let i = at; ;) {
    i = skipBlanks(text, i);
    const s = i;
    while (i < end && isAlpha(text.charCodeAt(i))) i++;
    if (i === s) return false;
    i = skipBlanks(text, i);
    if (i >= end || text.charCodeAt(i) !== EQ) return false;
    const semi = text.indexOf(';', i + 1);
    if (semi < 0 || semi >= end - 1) return true; // the last pair, or a ';' that ends the value
    i = semi + 1;
  }
}

/**
 * An AuthInfo: value at [at, end): blank-separated "X:text" fields, every one in double quotes
 * (sendmail reads only those), U I P M R (P= too), with a password and a user (authinfo.ts
 * checkAuthFields).
 */
function cleanAuthInfo(text: string, at: number, end: number): boolean {
  let seen = 0; // 1: U or I, 2: P
  for (let i = at; i < end;) {
    if (text.charCodeAt(i) !== DQUOTE) return false;
    const q = text.indexOf('"', i + 1);
    if (q < 0 || q >= end || q < i + 3) return false;
    const letter = LOWER[text.charCodeAt(i + 1)] ?? 0, sep = text.charCodeAt(i + 2);
    if (sep === EQ ? letter !== 112 : sep !== COLON || (letter !== 117 && letter !== 105 && letter !== 112 && letter !== 109 && letter !== 114)) return false;
    seen |= letter === 112 ? 2 : letter === 117 || letter === 105 ? 1 : 0;
    i = q + 1;
    if (i < end) { const c = text.charCodeAt(i); if (c !== SP && c !== TAB) return false; i = skipBlanks(text, i); }
  }
  return seen === 3;
}

/** What the access scanner needs to know of one tag under the configuration (see access.ts accessScanFacts). */
export interface AccessTagFacts {
  /** Lower-case tag name ('' for untagged keys). */
  name: string;
  /** The values it takes (accessTags.ts AccessValues): an action, a number, FRIEND/HATER, NO/YES, feature letters, ... */
  values: 'action' | 'number' | 'spam' | 'try_tls' | 'features' | 'tls' | 'cert' | 'compat' | 'qgrp' | 'authinfo' | 'tls_features' | 'address';
  /** An empty key after the tag is meaningful (GreetPause:). */
  defaultKey: boolean;
  /** To: without FEATURE(`blocklist_recipients'): REJECT, DISCARD and ERROR: are ignored (a warning). */
  refusalsIgnored: boolean;
  /** For Spam: the one word delay_checks acts on ('' when neither works). */
  spamWord?: string;
}

export interface AccessScanFacts {
  /** Tags whose lines the scanner may take: the ones sendmail looks up under this configuration. */
  tags: AccessTagFacts[];
  /** The mc wants compressed IPv6 addresses: IPv6 keys are left to the full checks. */
  compressedIPv6: boolean;
}

/**
 * An action at [v, end) (valueEnd walked it): OK, RELAY, SKIP, REJECT, DISCARD (any case),
 * ERROR:[D.S.N:]NNN text, QUARANTINE:text; for Compat: DISCARD, ERROR:, TEMP:, QUARANTINE:.
 * By length and then the word, not a chain of comparisons of every word.
 */
function cleanAction(text: string, v: number, end: number, tag: AccessTagFacts): boolean {
  const compat = tag.values === 'compat';
  switch (end - v) {
    case 2: if (wordIs(text, v, 2, 'ok')) return !compat; break;
    case 4: if (wordIs(text, v, 4, 'skip')) return !compat; break;
    case 5: if (wordIs(text, v, 5, 'relay')) return !compat; break;
    case 6: if (wordIs(text, v, 6, 'reject')) return !compat && !tag.refusalsIgnored; break;
    case 7: if (wordIs(text, v, 7, 'discard')) return !tag.refusalsIgnored; break;
  }
  // WORD:text (a word shorter than the value: the ':' is inside it, no match can run past the line end)
  if (text.charCodeAt(v + 5) === COLON && wordIs(text, v, 5, 'error')) return !tag.refusalsIgnored && cleanErrorText(text, v + 6, end);
  if (text.charCodeAt(v + 10) === COLON && wordIs(text, v, 10, 'quarantine')) return skipBlanks(text, v + 11) < end;
  if (compat && text.charCodeAt(v + 4) === COLON && wordIs(text, v, 4, 'temp')) return cleanErrorText(text, v + 5, end);
  return false;
}

/**
 * access: `[Tag:]key<blanks>value` for the tags in `facts` (untagged keys too). Keys: IPv4
 * networks, `IPv6:` addresses in the form sendmail looks up, host and domain names (lower
 * case), user@domain, user@, [address], certificate DNs. Values: OK, RELAY, REJECT, DISCARD,
 * SKIP (any case), ERROR:[D.S.N:]NNN text (quoted or not), QUARANTINE:text, Compat's TEMP:,
 * numbers, FRIEND/HATER, NO/YES, feature letters, TLS requirements and options, queue group
 * names, quoted AuthInfo fields, bcc addresses, as the tag takes them.
 */
export function accessScanner(facts: AccessScanFacts): LineScanner {
  // The tags by the unfinished hash of their lower-case name, in a small open-addressing table
  // (cheaper than a Map keyed by numbers outside the small-integer range); spamWord in lower case for wordIs.
  let untagged: AccessTagFacts | undefined;
  const tags: AccessTagFacts[] = [];
  for (const t of facts.tags) { if (t.name === '') untagged = t; else tags.push({ ...t, spamWord: t.spamWord?.toLowerCase() }); }
  let size = 16;
  while (size < tags.length * 4) size *= 2;
  const mask = size - 1, slotHash = new Int32Array(size), slotTag = new Int8Array(size).fill(-1);
  tags.forEach((t, n) => {
    let a = FNV_OFFSET;
    for (let k = 0; k < t.name.length; k++) a = Math.imul(a ^ t.name.charCodeAt(k), FNV_PRIME);
    let s = a & mask;
    while (slotTag[s] >= 0) s = (s + 1) & mask;
    slotHash[s] = a;
    slotTag[s] = n;
  });
  const offset = FNV_OFFSET, prime = FNV_PRIME, finish = finishHash, compressed = facts.compressedIPv6;
  return (text, from) => {
    let i = from, a = offset, c = text.charCodeAt(i);
    let tag = untagged;
    // Bits of the key so far (KEY_BITS), and whether upper case follows its last '@'.
    let flags = 0, caseAfterAt = 0, general = false;
    // The tag: a letter, then letters, digits, '_' and '-', then ':' ("IPv6:" is a key, not a tag).
    if (isAlpha(c)) {
      let j = i, th = offset, upper = 0;
      for (let l = WORD_LOWER[c]; l !== 0; l = c < 128 ? WORD_LOWER[c] : 0) { th = Math.imul(th ^ l, prime); upper |= l ^ c; c = text.charCodeAt(++j); }
      if (c !== COLON) {
        // no tag: that run is the start of an untagged key, hashed already (not walked twice)
        a = th; flags = KB_OTHER; caseAfterAt = upper; i = j; general = true;
      } else if (j - i !== 4 || !wordIs(text, i, 4, 'ipv6')) {
        let s = th & mask, n = slotTag[s];
        while (n >= 0 && slotHash[s] !== th) n = slotTag[s = (s + 1) & mask];
        if (n < 0 || !wordIs(text, i, j - i, tags[n].name)) return 0;
        tag = tags[n];
        a = Math.imul(th ^ COLON, prime);
        i = j + 1;
        c = text.charCodeAt(i);
      } else c = text.charCodeAt(i);
    }
    if (!tag) return 0;
    // The key after the tag, hashed in lower case as it is checked.
    const restStart = general ? from : i;
    if (general) { /* the untagged key goes on below */ }
    else if (c === TAB || c === SP) {
      if (i === from || !tag.defaultKey) return 0;
    } else if (tag.values === 'cert') {
      // a certificate's DN (/C=US/O=Example/CN=...): any printable text, case and all (no key checks)
      for (; c > 32 && c < 127; c = text.charCodeAt(++i)) a = Math.imul(a ^ LOWER[c], prime);
    } else if ((c === 73 || c === 105) && text.charCodeAt(i + 4) === COLON && wordIs(text, i, 4, 'ipv6')) {
      // IPv6:groups, as sendmail 8.15+ writes client addresses: no "::", no leading zeros
      if (compressed) return 0;
      for (let k = 0; k < 5; k++) a = Math.imul(a ^ LOWER[text.charCodeAt(i + k)], prime);
      i += 5;
      for (let groups = 0; ; groups++) {
        const s = i;
        for (c = text.charCodeAt(i); isHex(c); c = text.charCodeAt(++i)) a = Math.imul(a ^ LOWER[c], prime);
        if (i === s || i - s > 4 || (i - s > 1 && text.charCodeAt(s) === 48) || groups >= 8) return 0;
        if (c !== COLON) break;
        a = Math.imul(a ^ c, prime);
        i++;
      }
    } else general = true;
    if (general) {
      // a name or address (upper case only before its last '@': the case hint; no '*' wildcard,
      // '/' CIDR or ':'), or digits and dots: an IPv4 network. No branch per character but the end.
      for (; ; c = text.charCodeAt(++i)) {
        const k = c < 128 ? KEY_BITS[c] : KB_STOP;
        if (k >= KB_STOP) break;
        flags |= k;
        caseAfterAt = (caseAfterAt & (((k >> 1) & 1) - 1)) | (k & KB_UPPER); // an '@' clears it, upper case sets it
        a = Math.imul(a ^ (c | ((k & KB_UPPER) << 5)), prime);
      }
      if (i === restStart || caseAfterAt !== 0) return 0;
      if ((flags & KB_OTHER) === 0) { if (!ipv4Prefix(text, restStart, i)) return 0; }
      else if ((flags & KB_BRACKET) !== 0 && (text.charCodeAt(restStart) !== LBRACKET || text.charCodeAt(i - 1) !== RBRACKET)) return 0;
    }
    c = text.charCodeAt(i);
    if (c !== TAB && c !== SP) return 0;
    const v = skipBlanks(text, i);
    const end = valueEnd(text, v);
    if (end < 0) return 0;
    const len = end - v;
    switch (tag.values) {
      case 'action':
      case 'compat':
        if (!cleanAction(text, v, end, tag)) return 0;
        break;
      case 'number':
        for (let k = v; k < end; k++) if (!isDigit(text.charCodeAt(k))) return 0;
        break;
      case 'spam':
        if (!tag.spamWord || !wordIs(text, v, len, tag.spamWord)) return 0;
        break;
      case 'try_tls':
        if (!wordIs(text, v, len, 'no') && !wordIs(text, v, len, 'yes')) return 0;
        break;
      case 'features':
        // letters, blanks between them allowed (`l L`)
        for (let k = v; k < end; k++) { const x = text.charCodeAt(k); if (!isAlpha(x) && x !== SP && x !== TAB) return 0; }
        break;
      case 'cert':
        if (!wordIs(text, v, len, 'relay') && !wordIs(text, v, len, 'subject') && !wordIs(text, v, len, 'ok')) return 0;
        break;
      case 'tls':
        if (!cleanTlsValue(text, v, end)) return 0;
        break;
      case 'qgrp':
        // a queue group name: letters, digits, '_', '-', '.'
        for (let k = v; k < end; k++) { const x = text.charCodeAt(k); if (WORD_LOWER[x] === 0 && x !== DOT) return 0; }
        break;
      case 'tls_features':
        if (!cleanTlsFeatures(text, v, end)) return 0;
        break;
      case 'authinfo':
        if (!cleanAuthInfo(text, v, end)) return 0;
        break;
      case 'address':
        break; // bcc: any address (the full checks have nothing to say about it)
      default:
        return 0;
    }
    return finish(a);
  };
}

/** Where the virtusertable scanner learns which domains sendmail looks up (virtualDomains.ts). */
export interface VirtualFacts { names: Map<number, string[]>; virt: Map<number, string[]>; entireDomain: boolean }

/** keyHash-style FNV of text[from, to) (already lower case), unfinished. */
function fnv(text: string, from: number, to: number): number {
  let a = OFFSET;
  for (let k = from; k < to; k++) a = Math.imul(a ^ text.charCodeAt(k), PRIME);
  return a;
}

function listed(m: Map<number, string[]>, h: number, text: string, from: number, to: number): boolean {
  const names = m.get(h);
  if (names) for (const n of names) if (n.length === to - from && text.startsWith(n, from)) return true;
  return false;
}

/** The characters of a virtusertable user part (letters, digits, . - _ + * =), lower-cased; 0 for every other. */
const USER_LOWER = new Uint8Array(128);
for (let c = 0; c < 128; c++) USER_LOWER[c] = isAlpha(c) || isDigit(c) || c === DOT || c === DASH || c === UNDERSCORE || c === PLUS || c === STAR || c === EQ ? LOWER[c] : 0;

/**
 * virtusertable: `[user]@domain<blanks>target` with a lower-case domain that sendmail looks
 * up (`facts`: class {w} and {VirtHost}; undefined when they are not known: every domain), a
 * user part of the usual characters, and a target the checks have nothing to say about: any
 * text (a local name, an address, several, :include:, "|program") with %1-%3 only where they
 * are filled in (%1 only for a key with a literal +detail), or an error: in a form the
 * virtusertable reads as written (error:D.S.N:NNN text, error:keyword text).
 */
export function virtusertableScanner(facts: VirtualFacts | undefined): LineScanner {
  const offset = FNV_OFFSET, prime = FNV_PRIME, finish = finishHash;
  // The lengths of the listed names: a domain (or suffix) of another length is hashed and looked up for nothing.
  const lengths = (m: Map<number, string[]> | undefined) => {
    const has = new Uint8Array(MAX_HOST + 1);
    for (const names of m?.values() ?? []) for (const n of names) if (n.length <= MAX_HOST) has[n.length] = 1;
    return has;
  };
  const nameLength = lengths(facts?.names), virtLength = lengths(facts?.virt);
  return (text, from) => {
    let i = from, a = offset, c = text.charCodeAt(i), plus = false;
    for (; c !== AT; c = text.charCodeAt(++i)) {
      const l = c < 128 ? USER_LOWER[c] : 0;
      if (l === 0) return 0;
      if (c === PLUS) plus = true;
      a = Math.imul(a ^ l, prime);
    }
    // virtuserPercents (addressMaps.ts): a user part with a literal +detail gets %1 only
    const p = text.charCodeAt(i - 1);
    const literalDetail = plus && !(i - 2 >= from && text.charCodeAt(i - 2) === 43 && (p === 43 || p === STAR));
    a = Math.imul(a ^ AT, prime);
    // the domain (as hostEnd), hashed into the key and on its own (for the class lookup) in one walk
    const d = ++i;
    let dh = offset;
    c = text.charCodeAt(i);
    for (;;) {
      const labelStart = i;
      if (!isLabelEdge(c)) return 0;
      let last = c;
      a = Math.imul(a ^ c, prime); dh = Math.imul(dh ^ c, prime);
      for (c = text.charCodeAt(++i); isLabelChar(c); c = text.charCodeAt(++i)) { last = c; a = Math.imul(a ^ c, prime); dh = Math.imul(dh ^ c, prime); }
      if (last === DASH || i - labelStart > MAX_LABEL) return 0;
      if (c !== DOT) break;
      a = Math.imul(a ^ c, prime); dh = Math.imul(dh ^ c, prime);
      c = text.charCodeAt(++i);
    }
    const e = i;
    if (e - d > MAX_HOST) return 0;
    if (facts) {
      let known = (nameLength[e - d] === 1 && listed(facts.names, dh, text, d, e))
        || ((e - d === 9 || e - d === 21) && (text.startsWith('localhost', d) && (e - d === 9 || text.startsWith('.localdomain', d + 9))));
      for (let k = d; !known && facts.entireDomain && k < e; k++) if (text.charCodeAt(k) === DOT && virtLength[e - k - 1] === 1) known = listed(facts.virt, fnv(text, k + 1, e), text, k + 1, e);
      if (!known) return 0;
    }
    if (c !== TAB && c !== SP) return 0;
    const v = skipBlanks(text, e);
    const end = valueEnd(text, v);
    if (end < 0) return 0;
    if (text.charCodeAt(v + 5) === COLON && wordIs(text, v, 5, 'error')) {
      // error:D.S.N:NNN text, or error:keyword text (a keyword, a blank, more text: cf/README's form);
      // no %n. `error:550 text`, `error:keyword:550 text` and one word are not read as written
      // (errorValue.ts errorFormTrap): the full checks say so.
      const b = v + 6, k = keywordEnd(text, b);
      if (valuePercent !== 0) return 0;
      if (k >= 0 ? (text.charCodeAt(k) !== SP && text.charCodeAt(k) !== TAB) || k >= end : !cleanErrorText(text, b, end, true)) return 0;
      return finish(a);
    }
    return valuePercent > (literalDetail ? 1 : 3) ? 0 : finish(a);
  };
}

/**
 * The targets at [v, end) (valueEnd walked them): every `:include:` followed by an absolute path
 * (aliases.ts checkTargets: targets split at commas, a target that starts with '"' runs to the
 * next '"').
 */
function cleanTargets(text: string, v: number, end: number): boolean {
  // Only a target that starts with `:include:` can fail: a value without one anywhere (found with
  // the native indexOf, ':' by ':') is not walked again.
  for (let q = text.indexOf(':', v); ; q = text.indexOf(':', q + 1)) {
    if (q < 0 || q >= end) return true;
    if (wordIs(text, q, 9, ':include:')) break;
  }
  for (let p = v; p < end;) {
    let c = text.charCodeAt(p);
    if (c === COMMA) { p++; continue; }
    if (c === DQUOTE) { const q = text.indexOf('"', p + 1); if (q >= 0 && q < end) { p = q + 1; continue; } }
    let e = p;
    while (e < end && text.charCodeAt(e) !== COMMA) e++;
    const s = skipBlanks(text, p);
    if (e - s >= 9 && (c = text.charCodeAt(s)) === COLON && wordIs(text, s, 9, ':include:')) { const r = skipBlanks(text, s + 9); if (r >= e || text.charCodeAt(r) !== SLASH) return false; }
    p = e;
  }
  return true;
}

/**
 * aliases: `name: target, target, ...` (a trailing comma too: the list goes on below), and
 * continuation lines (`<blank>target, ...`: more targets of the alias above), for which the
 * answer is CLEAN_NO_KEY. The name is printable ASCII without blanks, or a "quoted name"
 * (blanks before the colon are allowed); the targets anything printable, with every
 * `:include:` followed by an absolute path (cleanTargets).
 */
export function aliasesScanner(): LineScanner {
  const offset = OFFSET, prime = PRIME, finish = finishHash;
  return (text, from) => {
    let i = from, a = offset, c = text.charCodeAt(i);
    if (c === TAB || c === SP) {
      // a continuation line: checked as targets, no key (whether an alias is above is not the line's business)
      const v = skipBlanks(text, i);
      const end = valueEnd(text, v);
      return end >= 0 && cleanTargets(text, v, end) ? CLEAN_NO_KEY : 0;
    }
    if (c === HASH) return 0; // a comment line
    if (c === DQUOTE) {
      // "quoted name": blanks kept (no colon inside: the first colon of the line ends the name)
      do { a = Math.imul(a ^ LOWER[c], prime); c = text.charCodeAt(++i); } while ((c >= 32 && c < 127 && c !== COLON && c !== DQUOTE) || c === TAB);
      if (c !== DQUOTE) return 0;
      a = Math.imul(a ^ c, prime);
      c = text.charCodeAt(++i);
    } else {
      for (; c > 32 && c < 127 && c !== COLON; c = text.charCodeAt(++i)) a = Math.imul(a ^ LOWER[c], prime);
      if (i === from) return 0;
    }
    if (c === TAB || c === SP) c = text.charCodeAt(i = skipBlanks(text, i));
    if (c !== COLON) return 0;
    const v = skipBlanks(text, i + 1);
    const end = valueEnd(text, v);
    return end >= 0 && cleanTargets(text, v, end) ? finish(a) : 0;
  };
}
