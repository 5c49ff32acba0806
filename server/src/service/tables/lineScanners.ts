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

// ---- The general scanners: every valid line of the kind, not only the commonest shape. ----
// Each takes whatever the full checks find nothing wrong with in the forms people write
// (corpus files, cf/README's examples: tags in any case, quoted error texts, IPv6 keys,
// numbers, FRIEND/HATER, ...) and leaves the rest (and everything that earns a diagnostic,
// even a hint) to the full checks. One pass over the line, no allocation.

const DQUOTE = 34, AT = 64, HASH = 35, CR = 13, PERCENT = 37, STAR = 42, SLASH = 47;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isUpper = (c: number) => c >= 65 && c <= 90;
const isAlpha = (c: number) => isUpper(c) || (c >= 97 && c <= 122);
const isHex = (c: number) => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
const lower = (c: number) => (isUpper(c) ? c + 32 : c);
/** Printable ASCII other than a blank. */
const isGraph = (c: number) => c > 32 && c < 127;

/** Is text[at, at+len) `word` (upper case), compared without regard to case? */
function wordIs(text: string, at: number, len: number, word: string): boolean {
  if (len !== word.length) return false;
  for (let k = 0; k < len; k++) { const c = text.charCodeAt(at + k); if ((c >= 97 && c <= 122 ? c - 32 : c) !== word.charCodeAt(k)) return false; }
  return true;
}

/**
 * End of the value that starts at `at`: the offset of the line end (one CR before it allowed).
 * -1 when the value has a control character, a non-ASCII one, a '#' (makemap has no comments
 * there) or trailing blanks: the full checks report those.
 */
function valueEnd(text: string, at: number): number {
  let i = at, c = text.charCodeAt(i), last = c;
  for (; c === c && c !== NL; c = text.charCodeAt(++i)) {
    if (c === HASH || (c < 32 && c !== SP && c !== TAB && !(c === CR && (i + 1 === text.length || text.charCodeAt(i + 1) === NL))) || c >= 127) return -1;
    if (c !== CR) last = c;
  }
  const end = text.charCodeAt(i - 1) === CR ? i - 1 : i;
  return end === at || last === SP || last === TAB ? -1 : end;
}

/** Skips blanks from `i`; returns the offset of the first other character. */
function skipBlanks(text: string, i: number): number {
  let c = text.charCodeAt(i);
  while (c === TAB || c === SP) c = text.charCodeAt(++i);
  return i;
}

/**
 * An error reply text at [at, end): `[D.S.N:]NNN text`, the whole of it optionally in double
 * quotes (`ERROR:"550 5.7.1 No thanks"`). The SMTP code is 4xx or 5xx and a status agrees with it
 * (errorValue.ts checkErrorValue, checkStatusColon). Anything else: false (the full checks decide).
 */
function cleanErrorText(text: string, at: number, end: number): boolean {
  let i = skipBlanks(text, at);
  const quoted = text.charCodeAt(i) === DQUOTE;
  if (quoted) {
    if (text.charCodeAt(end - 1) !== DQUOTE || end - 1 <= i) return false;
    i++; end--;
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
  }
  const code = text.charCodeAt(i);
  if ((code !== 52 && code !== 53) || !isDigit(text.charCodeAt(i + 1)) || !isDigit(text.charCodeAt(i + 2))) return false;
  if (dsnClass !== 0 && dsnClass !== code) return false;
  i += 3;
  if (i < end && text.charCodeAt(i) !== SP && text.charCodeAt(i) !== TAB) return false;
  if (quoted) for (; i < end; i++) if (text.charCodeAt(i) === DQUOTE) return false; // quotes only around the whole text
  return true;
}

/** What the access scanner needs to know of one tag under the configuration (see access.ts accessScanFacts). */
export interface AccessTagFacts {
  /** Lower-case tag name ('' for untagged keys). */
  name: string;
  /** The values it takes that the scanner knows: an action, a number, FRIEND/HATER, NO/YES, feature letters. */
  values: 'action' | 'number' | 'spam' | 'try_tls' | 'features';
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
 * access: `[Tag:]key<blanks>value` for the tags in `facts` (untagged keys too). Keys: IPv4
 * networks, `IPv6:` addresses in the form sendmail looks up, host and domain names (lower
 * case), user@domain, user@, [address]. Values: OK, RELAY, REJECT, DISCARD, SKIP (any case),
 * ERROR:[D.S.N:]NNN text (quoted or not), QUARANTINE:text, numbers, FRIEND/HATER, NO/YES,
 * feature letters, as the tag takes them.
 */
export function accessScanner(facts: AccessScanFacts): LineScanner {
  const byHash = new Map<number, AccessTagFacts>();
  let untagged: AccessTagFacts | undefined;
  for (const t of facts.tags) {
    if (t.name === '') { untagged = t; continue; }
    let a = FNV_OFFSET;
    for (let k = 0; k < t.name.length; k++) a = Math.imul(a ^ t.name.charCodeAt(k), FNV_PRIME);
    byHash.set(a, t);
  }
  const offset = FNV_OFFSET, prime = FNV_PRIME, finish = finishHash, compressed = facts.compressedIPv6;
  return (text, from) => {
    let i = from, a = offset, c = text.charCodeAt(i);
    let tag = untagged;
    // The tag: a letter, then letters, digits, '_' and '-', then ':' ("IPv6:" is a key, not a tag).
    if (isAlpha(c)) {
      let j = i, th = offset;
      for (; isAlpha(c) || isDigit(c) || c === UNDERSCORE || c === DASH; c = text.charCodeAt(++j)) th = Math.imul(th ^ lower(c), prime);
      if (c === COLON && !wordIs(text, i, j - i, 'IPV6')) {
        tag = byHash.get(th);
        if (!tag || !wordIs(text, i, j - i, tag.name.toUpperCase())) return 0;
        a = Math.imul(th ^ COLON, prime);
        i = j + 1;
      }
      c = text.charCodeAt(i);
    }
    if (!tag) return 0;
    // The key after the tag, hashed in lower case as it is checked.
    const restStart = i;
    if (c === TAB || c === SP) {
      if (i === from || !tag.defaultKey) return 0;
    } else if ((c === 73 || c === 105) && text.charCodeAt(i + 4) === COLON && wordIs(text, i, 4, 'IPV6')) {
      // IPv6:groups, as sendmail 8.15+ writes client addresses: no "::", no leading zeros
      if (compressed) return 0;
      for (let k = 0; k < 5; k++) a = Math.imul(a ^ lower(text.charCodeAt(i + k)), prime);
      i += 5;
      for (let groups = 0; ; groups++) {
        const s = i;
        for (c = text.charCodeAt(i); isHex(c); c = text.charCodeAt(++i)) a = Math.imul(a ^ lower(c), prime);
        if (i === s || i - s > 4 || (i - s > 1 && text.charCodeAt(s) === 48) || groups >= 8) return 0;
        if (c !== COLON) break;
        a = Math.imul(a ^ c, prime);
        i++;
      }
    } else {
      // numeric: an IPv4 network (1-4 octets of 0-255); otherwise a name or address, upper case
      // only before its last '@' (the case hint), no '*' (wildcard), '/' (CIDR) or ':'.
      let numeric = true, other = false, octets = 1, octet = 0, digits = 0, lastAt = -1, upper = -1, bracket = false;
      for (; c === c && c !== TAB && c !== SP && c !== NL; c = text.charCodeAt(++i)) {
        if (isDigit(c)) { octet = octet * 10 + c - 48; if (++digits > 3 || octet > 255) numeric = false; }
        else if (c === DOT) { if (digits === 0) numeric = false; octets++; octet = 0; digits = 0; }
        else {
          other = true;
          if (c === AT) lastAt = i;
          else if (isUpper(c)) upper = i;
          else if (c === 91 || c === 93) bracket = true;
          else if (c <= 32 || c >= 127 || c === STAR || c === SLASH || c === COLON || c === DQUOTE) return 0;
        }
        a = Math.imul(a ^ lower(c), prime);
      }
      if (i === restStart || upper > lastAt) return 0;
      if (!other && (!numeric || digits === 0 || octets > 4)) return 0; // digits and dots, but not an IPv4 network
      if (bracket && (text.charCodeAt(restStart) !== 91 || text.charCodeAt(i - 1) !== 93)) return 0;
    }
    c = text.charCodeAt(i);
    if (c !== TAB && c !== SP) return 0;
    const v = skipBlanks(text, i);
    const end = valueEnd(text, v);
    if (end < 0) return 0;
    const len = end - v;
    switch (tag.values) {
      case 'number':
        for (let k = v; k < end; k++) if (!isDigit(text.charCodeAt(k))) return 0;
        break;
      case 'spam':
        if (!tag.spamWord || !wordIs(text, v, len, tag.spamWord)) return 0;
        break;
      case 'try_tls':
        if (!wordIs(text, v, len, 'NO') && !wordIs(text, v, len, 'YES')) return 0;
        break;
      case 'features':
        for (let k = v; k < end; k++) if (!isAlpha(text.charCodeAt(k))) return 0;
        break;
      default: {
        let w = v;
        while (w < end && isAlpha(text.charCodeAt(w))) w++;
        const wl = w - v;
        if (w === end) {
          if (wordIs(text, v, wl, 'OK') || wordIs(text, v, wl, 'RELAY') || wordIs(text, v, wl, 'SKIP')) break;
          if ((wordIs(text, v, wl, 'REJECT') || wordIs(text, v, wl, 'DISCARD')) && !tag.refusalsIgnored) break;
          return 0;
        }
        if (text.charCodeAt(w) !== COLON) return 0;
        if (wordIs(text, v, wl, 'ERROR')) { if (tag.refusalsIgnored || !cleanErrorText(text, w + 1, end)) return 0; break; }
        if (wordIs(text, v, wl, 'QUARANTINE')) { if (skipBlanks(text, w + 1) >= end) return 0; break; }
        return 0;
      }
    }
    return finish(a);
  };
}

/** Where the virtusertable scanner learns which domains sendmail looks up (virtualDomains.ts). */
export interface VirtualFacts { names: Map<number, string[]>; virt: Map<number, string[]>; entireDomain: boolean }

/** keyHash-style FNV of text[from, to) (already lower case), unfinished. */
function fnv(text: string, from: number, to: number): number {
  let a = FNV_OFFSET;
  for (let k = from; k < to; k++) a = Math.imul(a ^ text.charCodeAt(k), FNV_PRIME);
  return a;
}

function listed(m: Map<number, string[]>, h: number, text: string, from: number, to: number): boolean {
  const names = m.get(h);
  if (names) for (const n of names) if (n.length === to - from && text.startsWith(n, from)) return true;
  return false;
}

/**
 * virtusertable: `[user]@domain<blanks>target` with a lower-case domain that sendmail looks
 * up (`facts`: class {w} and {VirtHost}; undefined when they are not known: every domain), a
 * user part of the usual characters, and a target that is a local name or an address, with
 * %1-%3 only where they are filled in (not for a key with a literal +detail).
 */
export function virtusertableScanner(facts: VirtualFacts | undefined): LineScanner {
  const offset = FNV_OFFSET, prime = FNV_PRIME, finish = finishHash;
  return (text, from) => {
    let i = from, a = offset, c = text.charCodeAt(i), plus = false;
    for (; c !== AT; c = text.charCodeAt(++i)) {
      if (!(isAlpha(c) || isDigit(c) || c === DOT || c === DASH || c === UNDERSCORE || c === 43 || c === STAR || c === 61)) return 0;
      if (c === 43) plus = true;
      a = Math.imul(a ^ lower(c), prime);
    }
    // virtuserPercents (addressMaps.ts): a user part with a literal +detail gets %1 only
    const p = text.charCodeAt(i - 1);
    const literalDetail = plus && !(i - 2 >= from && text.charCodeAt(i - 2) === 43 && (p === 43 || p === STAR));
    a = Math.imul(a ^ AT, prime);
    const d = ++i;
    const e = hostEnd(text, d);
    if (e < 0) return 0;
    for (let k = d; k < e; k++) a = Math.imul(a ^ text.charCodeAt(k), prime);
    if (facts) {
      let known = listed(facts.names, fnv(text, d, e), text, d, e)
        || ((e - d === 9 || e - d === 21) && (text.startsWith('localhost', d) && (e - d === 9 || text.startsWith('.localdomain', d + 9))));
      for (let k = d; !known && facts.entireDomain && k < e; k++) if (text.charCodeAt(k) === DOT) known = listed(facts.virt, fnv(text, k + 1, e), text, k + 1, e);
      if (!known) return 0;
    }
    c = text.charCodeAt(e);
    if (c !== TAB && c !== SP) return 0;
    const v = skipBlanks(text, e);
    const end = valueEnd(text, v);
    if (end < 0) return 0;
    for (let k = v; k < end; k++) {
      c = text.charCodeAt(k);
      if (c === COLON || c === DQUOTE || c === TAB || c === SP) return 0; // error:, :include:, quoted or several words: the full checks
      if (c === PERCENT) { const n = text.charCodeAt(k + 1); if (literalDetail || n < 49 || n > 51) return 0; }
    }
    return finish(a);
  };
}
