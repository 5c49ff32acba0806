// Hand-written checks of the clean lines of big maps (access, virtusertable, mailertable,
// aliases), tried before the fast-path regexes (fastPaths.ts) and the full checks. One pass
// over charCodeAt validates the line and hashes its key at the same time: no regex call, no
// substring, no allocation per line. Every valid line shape of the corpus and cf/README is
// taken here, so no shape falls to the slow path (ARCHITECTURE.md's 2x invariant).
//
// Contract (checked in test/unit/tables/scanners.test.ts and fastPath.test.ts against the
// full checks, on corpus, sample, mutated and random lines): a scanner returns 0 — "not
// sure, run the regular checks" — or the keyHash of the line's folded key, and only for a
// line the full checks find nothing wrong with.
import type { TableEnv } from './env';
import { FNV_OFFSET, FNV_PRIME, finishHash } from './keyIndex';

/** Checks the line that starts at `from` in `text` (it ends at the next '\n' or the end of the text). */
export type LineScanner = (text: string, from: number) => number;

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
const isAnyCaseEdge = (c: number) => (classOf(c) & (EDGE | UPPER)) !== 0;
const isAnyCaseChar = (c: number) => (classOf(c) & (INNER | UPPER)) !== 0;

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
 * A host name at `at` (as hostEnd) in which upper case is allowed too: a value's host, where
 * case earns no hint. Returns the offset just after it, or -1.
 */
function anyCaseHostEnd(text: string, at: number): number {
  let i = at;
  for (;;) {
    const labelStart = i;
    let c = text.charCodeAt(i);
    if (!isAnyCaseEdge(c)) return -1;
    let last = c;
    for (c = text.charCodeAt(++i); isAnyCaseChar(c); c = text.charCodeAt(++i)) last = c;
    if (last === DASH || i - labelStart > MAX_LABEL) return -1;
    if (c !== DOT) break;
    i++;
  }
  return i - at > MAX_HOST ? -1 : i;
}

/**
 * `[IPv6:groups]` from `at` (just after the '['): 1 to 8 groups of 1-4 hex digits, at most one
 * '::', then ']' (hosts.ts isIPv6ish, without the IPv4-embedded form). The offset after ']', or -1.
 */
function bracketedIPv6End(text: string, at: number): number {
  if (!wordIs(text, at, 4, 'IPV6') || text.charCodeAt(at + 4) !== COLON) return -1;
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
 * access's ERROR:), a defined mailer that does not connect to a host (procmail, uucp, ...)
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
    if (wordIs(text, v, mlen, 'LOCAL') || oneOf(other, text, v, mlen)) return finish(a);
    if (wordIs(text, v, mlen, 'ERROR')) return cleanErrorText(text, j + 1, end) ? finish(a) : 0;
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

const DQUOTE = 34, AT = 64, HASH = 35, CR = 13, PERCENT = 37, STAR = 42, SLASH = 47, COMMA = 44, PLUS = 43;
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
  let i = at, c = text.charCodeAt(i);
  // printable ASCII but '#', and tabs: one test for most characters (NaN past the end fails it)
  while ((c >= 32 && c < 127 && c !== HASH) || c === TAB) c = text.charCodeAt(++i);
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

/**
 * The characters of an access key after its tag, by char code (one lookup instead of a chain of
 * tests per character): PLAIN is any other character a name or address may hold; BAD ('*', '/',
 * ':', '"', controls) leaves the line to the full checks; END is a blank or the line end.
 */
const K_BAD = 0, K_PLAIN = 1, K_DIGIT = 2, K_DOT = 3, K_END = 4, K_UPPER = 5, K_AT = 6, K_BRACKET = 7;
const KEY_CLASS = new Uint8Array(128);
for (let c = 33; c < 127; c++) KEY_CLASS[c] = c === STAR || c === SLASH || c === COLON || c === DQUOTE ? K_BAD : K_PLAIN;
for (let c = 48; c <= 57; c++) KEY_CLASS[c] = K_DIGIT;
for (let c = 65; c <= 90; c++) KEY_CLASS[c] = K_UPPER;
KEY_CLASS[DOT] = K_DOT; KEY_CLASS[AT] = K_AT; KEY_CLASS[91] = KEY_CLASS[93] = K_BRACKET;
KEY_CLASS[TAB] = KEY_CLASS[SP] = KEY_CLASS[NL] = K_END;

/**
 * A TLS_Srv/TLS_Clt/TLS_Rcpt value at [at, end): [TEMP+|PERM+](VERIFY[:bits]|ENCR:bits|OK)
 * [+ext[++ext...]], an ext being letters, optionally ':' and any non-blank text to the end
 * (access.ts TLS_RE), in any case.
 */
function cleanTlsValue(text: string, at: number, end: number): boolean {
  let w = at;
  if (wordIs(text, w, 5, 'TEMP+') || wordIs(text, w, 5, 'PERM+')) w += 5;
  const digits = () => { const s = w; while (isDigit(text.charCodeAt(w))) w++; return w > s; };
  if (wordIs(text, w, 6, 'VERIFY')) { w += 6; if (text.charCodeAt(w) === COLON) { w++; if (!digits()) return false; } }
  else if (wordIs(text, w, 5, 'ENCR:')) { w += 5; if (!digits()) return false; }
  else if (wordIs(text, w, 2, 'OK')) w += 2;
  else return false;
  if (w === end) return true;
  if (text.charCodeAt(w++) !== PLUS) return false;
  for (;;) {
    const s = w;
    while (w < end && isAlpha(text.charCodeAt(w))) w++;
    if (w === s) return false;
    if (w === end) return true;
    const c = text.charCodeAt(w);
    if (c === COLON) { for (w++; w < end; w++) { const x = text.charCodeAt(w); if (x === SP || x === TAB) return false; } return true; }
    if (c !== PLUS || text.charCodeAt(w + 1) !== PLUS) return false;
    w += 2;
  }
}

/** What the access scanner needs to know of one tag under the configuration (see access.ts accessScanFacts). */
export interface AccessTagFacts {
  /** Lower-case tag name ('' for untagged keys). */
  name: string;
  /** The values it takes that the scanner knows: an action, a number, FRIEND/HATER, NO/YES, feature letters. */
  values: 'action' | 'number' | 'spam' | 'try_tls' | 'features' | 'tls' | 'cert';
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
  // By the unfinished hash of the lower-case name: the tag and its name in upper case (for wordIs, made once).
  const byHash = new Map<number, [AccessTagFacts, string]>();
  let untagged: AccessTagFacts | undefined;
  for (const t of facts.tags) {
    if (t.name === '') { untagged = t; continue; }
    let a = FNV_OFFSET;
    for (let k = 0; k < t.name.length; k++) a = Math.imul(a ^ t.name.charCodeAt(k), FNV_PRIME);
    byHash.set(a, [t, t.name.toUpperCase()]);
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
        const named = byHash.get(th);
        if (!named || !wordIs(text, i, j - i, named[1])) return 0;
        tag = named[0];
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
    } else if (tag.values === 'cert') {
      // a certificate's DN (/C=US/O=Example/CN=...): any printable text, case and all (no key checks)
      for (; c > 32 && c < 127; c = text.charCodeAt(++i)) a = Math.imul(a ^ lower(c), prime);
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
      for (; ; c = text.charCodeAt(++i)) {
        const k = c < 128 ? KEY_CLASS[c] : c === c ? K_BAD : K_END;
        if (k === K_PLAIN) other = true;
        else if (k === K_DIGIT) { octet = octet * 10 + c - 48; if (++digits > 3 || octet > 255) numeric = false; }
        else if (k === K_DOT) { if (digits === 0) numeric = false; octets++; octet = 0; digits = 0; }
        else if (k === K_END) break;
        else if (k === K_UPPER) { other = true; upper = i; c += 32; }
        else if (k === K_AT) { other = true; lastAt = i; }
        else if (k === K_BRACKET) { other = true; bracket = true; }
        else return 0;
        a = Math.imul(a ^ c, prime);
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
      case 'cert':
        if (!wordIs(text, v, len, 'RELAY') && !wordIs(text, v, len, 'SUBJECT') && !wordIs(text, v, len, 'OK')) return 0;
        break;
      case 'tls':
        if (!cleanTlsValue(text, v, end)) return 0;
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
  let a = OFFSET;
  for (let k = from; k < to; k++) a = Math.imul(a ^ text.charCodeAt(k), PRIME);
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
 * %1-%3 only where they are filled in (not for a key with a literal +detail), or an error:.
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
      let known = (nameLength[e - d] === 1 && listed(facts.names, fnv(text, d, e), text, d, e))
        || ((e - d === 9 || e - d === 21) && (text.startsWith('localhost', d) && (e - d === 9 || text.startsWith('.localdomain', d + 9))));
      for (let k = d; !known && facts.entireDomain && k < e; k++) if (text.charCodeAt(k) === DOT && virtLength[e - k - 1] === 1) known = listed(facts.virt, fnv(text, k + 1, e), text, k + 1, e);
      if (!known) return 0;
    }
    c = text.charCodeAt(e);
    if (c !== TAB && c !== SP) return 0;
    const v = skipBlanks(text, e);
    const end = valueEnd(text, v);
    if (end < 0) return 0;
    if (wordIs(text, v, 5, 'ERROR') && text.charCodeAt(v + 5) === COLON) {
      // error:[D.S.N:]NNN text as the access map's ERROR:, or error:keyword text (no status to check); no %n
      const b = v + 6;
      if (!isAlpha(text.charCodeAt(b)) && !cleanErrorText(text, b, end)) return 0;
      for (let k = b; k < end; k++) if (text.charCodeAt(k) === PERCENT) return 0;
      return finish(a);
    }
    for (let k = v; k < end; k++) {
      c = text.charCodeAt(k);
      if (c === COLON || c === DQUOTE || c === TAB || c === SP) return 0; // error:, :include:, quoted or several words: the full checks
      if (c === PERCENT) { const n = text.charCodeAt(k + 1); if (literalDetail || n < 49 || n > 51) return 0; }
    }
    return finish(a);
  };
}

/**
 * aliases: `name: target, target, ...` on one line (continuation lines are left to the full
 * checks). The name is printable ASCII without blanks, or a "quoted name" (blanks before the colon are allowed);
 * the targets anything printable, with every `:include:` followed by an absolute path
 * (aliases.ts checkTargets: targets split at commas, a target that starts with '"' runs to the
 * next '"').
 */
export function aliasesScanner(): LineScanner {
  const offset = OFFSET, prime = PRIME, finish = finishHash;
  return (text, from) => {
    let i = from, a = offset, c = text.charCodeAt(i);
    if (c === DQUOTE) {
      // "quoted name": blanks kept (no colon inside: the first colon of the line ends the name)
      do { a = Math.imul(a ^ lower(c), prime); c = text.charCodeAt(++i); } while ((c >= 32 && c < 127 && c !== COLON && c !== DQUOTE) || c === TAB);
      if (c !== DQUOTE) return 0;
      a = Math.imul(a ^ c, prime);
      c = text.charCodeAt(++i);
    } else {
      for (; c > 32 && c < 127 && c !== COLON; c = text.charCodeAt(++i)) a = Math.imul(a ^ lower(c), prime);
      if (i === from) return 0;
    }
    if (c === TAB || c === SP) c = text.charCodeAt(i = skipBlanks(text, i));
    if (c !== COLON) return 0;
    const v = skipBlanks(text, i + 1);
    const end = valueEnd(text, v);
    if (end < 0) return 0;
    for (let p = v; p < end;) {
      c = text.charCodeAt(p);
      if (c === COMMA) { p++; continue; }
      if (c === DQUOTE) { const q = text.indexOf('"', p + 1); if (q >= 0 && q < end) { p = q + 1; continue; } }
      let e = p;
      while (e < end && text.charCodeAt(e) !== COMMA) e++;
      const s = skipBlanks(text, p);
      if (e - s >= 9 && wordIs(text, s, 9, ':INCLUDE:')) { const r = skipBlanks(text, s + 9); if (r >= e || text.charCodeAt(r) !== SLASH) return 0; }
      p = e;
    }
    return finish(a);
  };
}
