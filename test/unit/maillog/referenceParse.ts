// REFERENCE for scanEquivalence.test.ts: server/src/service/maillog/parse.ts as it was before the
// allocation-free rewrite (regexes, slices, closures), kept verbatim. Not used by the product.
// Reads one line of a mail log (syslog, journal, rsyslog RFC 3339, Solaris, BSD) written by
// sendmail: timestamp, host, program[pid], Solaris message id, queue id(s) and the key=value
// fields. Lines of other programs give undefined. Linear in the line length and never throws:
// only the first MAX_SCAN characters of a line are read, every scan is a single pass.
//
// This is the shared reader of the log (the language module, the CLI log mode and the client
// commands import it): its exported types and functions are a stable API.
//
// All offsets are character offsets in the line as given (0-based, end exclusive).

/** Text of one part of a line and where it is. */
export interface LogToken { text: string; start: number; end: number }

/**
 * How the timestamp is written:
 *  - `syslog`  classic BSD syslog, space-padded day: `Jan  5 10:00:01` (also `Nov 9` unpadded)
 *  - `journal` journalctl short format, zero-padded day: `Jan 05 10:00:01`
 *  - `rfc3339` with a zone: `2020-11-30T04:23:31.117593+00:00`, `...Z`
 *  - `iso`     ISO date and time without a zone (journal exports; may be glued to the host:
 *              `2019-03-27T22:22:13.222416kismet.example.com`)
 */
export type TimestampStyle = 'syslog' | 'journal' | 'rfc3339' | 'iso';

export interface LogTimestamp extends LogToken { style: TimestampStyle }

/** `key=value`: start/end cover both; the value is valueStart..end (trailing blanks excluded). */
export interface LogField extends LogToken {
  key: string;
  value: string;
  valueStart: number;
}

export interface LogLine {
  /** Raw syslog priority `<22>` at the start of a datagram. */
  pri?: LogToken;
  timestamp?: LogTimestamp;
  /** BSD `syslogd -v` facility.level before the host: `<mail.info>` (text without the brackets). */
  facility?: LogToken;
  /** Whatever stands between the timestamp and the program (usually one host name). */
  host?: LogToken;
  /** `sm-mta[1517]`: name (sendmail, sm-mta, sm-msp-queue, ...) and pid; start..end covers `name[pid]`. */
  program: LogToken & { name: string; pid: string };
  /** Solaris `[ID 801593 mail.info]`: the message id and facility.level. */
  solarisId?: LogToken & { id: string; facility: string };
  /** The queue id the line is about (`oBMH9mVv001357`), or `NOQUEUE`. */
  qid?: LogToken;
  /** A second queue id right after the first: the DSN or clone created from the message (`qid: newqid: sender notify: ...`). */
  qid2?: LogToken;
  /** The message after the queue id(s) (or after the program when there is none), trailing blanks excluded. */
  message: LogToken;
  /** Free text before the first field (`Milter:`, `DSN: User unknown`, `AUTH failure (LOGIN): ...`); may be empty. */
  text: LogToken;
  /** The key=value fields in order (`to`, `delay`, `stat`, `STARTTLS`, ...). */
  fields: LogField[];
}

/** Lines longer than this are read only this far (syslog lines are at most a few KB). */
export const MAX_SCAN = 16384;
/** The program name is looked for this far into the line. */
const MAX_PREFIX = 512;

/** sendmail's process names: sendmail, sm-mta, sm-msp-queue, sm-acceptingconnections, ... */
export function isSendmailProgram(name: string): boolean {
  return /^(?:send[\w.-]*|sm-[\w.-]+)$/.test(name) && !/^sendmail-?(?:qf|ctl)$/.test(name);
}

/** Queue ids: 8.12+ `oBMH9mVv001357` / `xA32R2PQ3529566` (8 characters + pid), older `PAA12345`; and NOQUEUE. */
export function isQueueId(s: string): boolean {
  return s === 'NOQUEUE' || (s.length >= 8 && s.length <= 20 && /^(?=[0-9]{0,8}[A-Za-z])[A-Za-z0-9]{3,9}[0-9]{5,11}$/.test(s));
}

const MONTHS = 'Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec';
const SYSLOG_TS = new RegExp(`(?:${MONTHS}) (?: \\d|\\d{1,2}) \\d\\d:\\d\\d:\\d\\d(?:\\.\\d{1,9})?`, 'y');
const ISO_TS = /\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d{1,9})?(Z|[+-]\d\d:?\d\d)?/y;
const SYSLOG_TS_ANY = new RegExp(`(?:^|\\s)((?:${MONTHS}) (?: \\d|\\d{1,2}) \\d\\d:\\d\\d:\\d\\d)(?=\\s)`);
const PRI = /<\d{1,3}>/y;
const FACILITY = /<([a-z0-9]+\.[a-z]+)>/y;
const SOLARIS_ID = /\[ID (\d{1,12}) ([\w.]{1,40})\]/y;

function tok(line: string, start: number, end: number): LogToken { return { text: line.slice(start, end), start, end }; }

function timestampAt(line: string, at: number): LogTimestamp | undefined {
  SYSLOG_TS.lastIndex = at;
  let m = SYSLOG_TS.exec(line);
  if (m) return { text: m[0], start: at, end: at + m[0].length, style: line.charCodeAt(at + 4) === 48 /* '0' */ ? 'journal' : 'syslog' };
  ISO_TS.lastIndex = at;
  m = ISO_TS.exec(line);
  if (m) return { text: m[0], start: at, end: at + m[0].length, style: m[1] ? 'rfc3339' : 'iso' };
  return undefined;
}

const isBlank = (c: number) => c === 32 || c === 9;

/** The part of a sendmail line up to its message: program[pid]: [ID n f] qid: [qid2:] (offsets in `text`). */
interface Head {
  text: string;
  /** End of the line without its line end and trailing blanks. */
  end: number;
  progStart: number;
  name: string;
  pid: string;
  solaris?: RegExpExecArray & { at: number };
  qid?: [number, number];
  qid2?: [number, number];
  msgStart: number;
}

/** Reads the head of the line text[start, stop) (stop may include the line end). */
function readHead(text: string, start: number, stop: number): Head | undefined {
  let end = Math.min(stop, start + MAX_SCAN);
  while (end > start && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13)) end--;
  const pm = programAt(text, start, end);
  if (!pm) return undefined;
  const name = text.slice(pm[0], pm[1]);
  if (!isSendmailProgram(name)) return undefined;
  const pid = text.slice(pm[1] + 1, pm[2]);
  let p = pm[2] + 2; // past ']:'
  while (p < end && isBlank(text.charCodeAt(p))) p++;
  const h: Head = { text, end, progStart: pm[0], name, pid, msgStart: p };
  if (text.charCodeAt(p) === 91 /* [ */) {
    SOLARIS_ID.lastIndex = p;
    const sol = SOLARIS_ID.exec(text);
    if (sol && p + sol[0].length <= end) {
      h.solaris = Object.assign(sol, { at: p });
      p += sol[0].length;
      while (p < end && isBlank(text.charCodeAt(p))) p++;
    }
  }
  const q1 = queueIdAt(text, p, end);
  if (q1 >= 0) {
    h.qid = [p, q1];
    p = skipColonBlanks(text, q1, end);
    const q2 = queueIdAt(text, p, end);
    if (q2 >= 0) { h.qid2 = [p, q2]; p = skipColonBlanks(text, q2, end); }
  }
  while (end > p && isBlank(text.charCodeAt(end - 1))) end--;
  h.end = end;
  h.msgStart = p;
  return h;
}

/**
 * The first `name[pid]:` followed by a blank or the line end, within MAX_PREFIX of `start`:
 * [name start, '[' offset, ']' offset], or undefined. The name starts a word (line start,
 * blank, '>' or ']' before it) with a letter and holds letters, digits and `_ . / -`.
 * A scan, not a regex: it runs on every line of the log.
 */
function programAt(text: string, start: number, end: number): [number, number, number] | undefined {
  const limit = Math.min(end, start + MAX_PREFIX);
  for (let close = text.indexOf(']:', start); close >= 0 && close < limit; close = text.indexOf(']:', close + 1)) {
    if (close + 2 < end && !isBlank(text.charCodeAt(close + 2))) continue;
    let open = close;
    while (open > start && isDigit(text.charCodeAt(open - 1))) open--;
    if (open === close || close - open > 12 || open - 1 <= start || text.charCodeAt(open - 1) !== 91 /* [ */) continue;
    const bracket = open - 1;
    let name = bracket;
    while (name > start && isNameChar(text.charCodeAt(name - 1))) name--;
    while (name < bracket && !isLetter(text.charCodeAt(name))) name++; // the name starts with a letter
    if (name === bracket) continue;
    const before = name === start ? 32 : text.charCodeAt(name - 1);
    if (isBlank(before) || before === 62 /* > */ || before === 93 /* ] */) return [name, bracket, close];
  }
  return undefined;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isNameChar = (c: number) => isAlnum(c) || c === 95 || c === 46 || c === 47 || c === 45; // _ . / -

/** Parses one line (without or with its line end). Undefined for lines that are not sendmail's. */
export function parseLogLine(raw: string): LogLine | undefined {
  const h = readHead(raw, 0, raw.length);
  if (!h) return undefined;
  const { text: line, end, progStart, msgStart } = h;
  const progEnd = progStart + h.name.length + h.pid.length + 2;
  const out: LogLine = {
    program: { text: line.slice(progStart, progEnd), start: progStart, end: progEnd, name: h.name, pid: h.pid },
    message: tok(line, msgStart, end), text: tok(line, msgStart, end), fields: [],
  };
  readPrefix(line, progStart, out);
  if (h.solaris) out.solarisId = { text: h.solaris[0], start: h.solaris.at, end: h.solaris.at + h.solaris[0].length, id: h.solaris[1], facility: h.solaris[2] };
  if (h.qid) out.qid = tok(line, h.qid[0], h.qid[1]);
  if (h.qid2) out.qid2 = tok(line, h.qid2[0], h.qid2[1]);
  const first = eachField(line, msgStart, end, (k, eq, vEnd) => {
    const value = line.slice(eq + 1, vEnd);
    out.fields.push({ key: line.slice(k, eq), value, start: k, end: vEnd, text: line.slice(k, vEnd), valueStart: eq + 1 });
  });
  if (first >= 0) {
    let tEnd = first;
    while (tEnd > msgStart && isBlank(line.charCodeAt(tEnd - 1))) tEnd--;
    out.text = tok(line, msgStart, tEnd);
  }
  return out;
}

/** What the per-document state needs of a line, read without building the whole LogLine (a million lines open in seconds). */
export interface LineSummary {
  qid?: string;
  /** The to= value, when the line has one. */
  to?: string;
  outcome?: Outcome;
  /** sendmail gave the message back to its sender (`sender notify: Cannot send message for 5 days`). */
  gaveUp: boolean;
}

const GAVE_UP = /^(?:sender notify: Cannot send message|return to sender:|Cannot send message for)/;

/** The summary of a sendmail line (undefined for other lines); agrees with parseLogLine + outcomeOf. */
export function summarizeLine(raw: string): LineSummary | undefined {
  return summarizeAt(raw, 0, raw.length);
}

/** summarizeLine of the line text[start, stop), without copying it out of a big text. */
export function summarizeAt(text: string, start: number, stop: number): LineSummary | undefined {
  const h = readHead(text, start, stop);
  if (!h) return undefined;
  let to: string | undefined, stat: string | undefined, dsn: string | undefined;
  eachField(text, h.msgStart, h.end, (k, eq, vEnd) => {
    const n = eq - k;
    if (n === 2 && to === undefined && text.startsWith('to', k)) to = text.slice(eq + 1, vEnd);
    else if (n === 4 && stat === undefined && text.startsWith('stat', k)) stat = text.slice(eq + 1, vEnd);
    else if (n === 3 && dsn === undefined && text.startsWith('dsn', k)) dsn = text.slice(eq + 1, vEnd);
  });
  return {
    qid: h.qid ? text.slice(h.qid[0], h.qid[1]) : undefined,
    to,
    outcome: stat === undefined ? undefined : outcomeFrom(stat, dsn),
    gaveUp: GAVE_UP.test(text.slice(h.msgStart, Math.min(h.end, h.msgStart + 40))),
  };
}

/** Timestamp, facility and host in front of the program. */
function readPrefix(line: string, progStart: number, out: LogLine): void {
  let p = 0;
  if (line.charCodeAt(0) === 60 /* < */) {
    PRI.lastIndex = 0;
    const pri = PRI.exec(line);
    if (pri && pri[0].length < progStart) { out.pri = tok(line, 0, pri[0].length); p = pri[0].length; }
  }
  let ts = p < progStart ? timestampAt(line, p) : undefined;
  if (!ts && p < progStart) {
    // A prefix of another tool (loghub: `- 1131566490 2005.11.09 node Nov 9 12:01:30 src@node`).
    const m = SYSLOG_TS_ANY.exec(line.slice(p, progStart));
    if (m) {
      const at = p + m.index + m[0].length - m[1].length;
      ts = { text: m[1], start: at, end: at + m[1].length, style: 'syslog' };
    }
  }
  if (ts && ts.end <= progStart) { out.timestamp = ts; p = ts.end; }
  while (p < progStart && isBlank(line.charCodeAt(p))) p++;
  if (line.charCodeAt(p) === 60 /* < */) {
    FACILITY.lastIndex = p;
    const fac = FACILITY.exec(line);
    if (fac && p + fac[0].length <= progStart) {
      out.facility = tok(line, p + 1, p + fac[0].length - 1);
      p += fac[0].length;
      while (p < progStart && isBlank(line.charCodeAt(p))) p++;
    }
  }
  let hEnd = progStart;
  while (hEnd > p && isBlank(line.charCodeAt(hEnd - 1))) hEnd--;
  if (hEnd > p) out.host = tok(line, p, hEnd);
}

/** End of the queue id at p (the offset of its ':'), or -1. */
function queueIdAt(line: string, p: number, end: number): number {
  let e = p;
  while (e < end && e - p <= 20 && isAlnum(line.charCodeAt(e))) e++;
  if (e === p || e >= end || line.charCodeAt(e) !== 58 /* ':' */) return -1;
  if (e + 1 < end && !isBlank(line.charCodeAt(e + 1))) return -1;
  return isQueueId(line.slice(p, e)) ? e : -1;
}

function skipColonBlanks(line: string, p: number, end: number): number {
  p++; // ':'
  while (p < end && isBlank(line.charCodeAt(p))) p++;
  return p;
}

const isAlnum = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isKeyChar = (c: number) => isAlnum(c) || c === 95 /* _ */;

/**
 * Field names sendmail writes. A value ends at `, key=`; before one of these it also ends at a
 * bare ` key=` (a log that lost its comma: `to=XXXXX ctladdr=...`).
 */
export const KNOWN_FIELDS = new Set([
  'from', 'to', 'ctladdr', 'delay', 'xdelay', 'mailer', 'pri', 'relay', 'dsn', 'stat', 'reject', 'ruleset',
  'arg1', 'arg2', 'msgid', 'proto', 'daemon', 'size', 'class', 'nrcpts', 'bodytype', 'ntries', 'orcpt',
  'version', 'verify', 'cipher', 'bits', 'authid', 'mech', 'quarantine', 'tries',
]);

/** Start of the key that ends at `eq` (the '=' sign), or -1 when there is none. */
function keyStartBefore(line: string, eq: number, from: number): number {
  let k = eq;
  while (k > from && isKeyChar(line.charCodeAt(k - 1))) k--;
  if (k === eq) return -1;
  const c = line.charCodeAt(k);
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? k : -1;
}

/** stat= and reject= run to the end of the line (they hold commas, spaces and `=`). */
const runsToEnd = (line: string, k: number, eq: number) =>
  (eq - k === 4 && line.startsWith('stat', k)) || (eq - k === 6 && line.startsWith('reject', k));

/**
 * Calls `f(keyStart, '=' offset, value end)` for each key=value field of the message part
 * [from, end), in order; returns where the first field starts (-1: none). One pass over the '=' signs.
 */
function eachField(line: string, from: number, end: number, f: (k: number, eq: number, vEnd: number) => void): number {
  if (line.startsWith('SYSERR', from)) return -1; // free text with (uid=0, gid=1)
  // The first field: a key at the start or after a blank, ',' or ';'.
  let first = -1;
  for (let eq = line.indexOf('=', from); eq >= 0 && eq < end; eq = line.indexOf('=', eq + 1)) {
    const k = keyStartBefore(line, eq, from);
    if (k < 0) continue;
    const before = k === from ? 32 : line.charCodeAt(k - 1);
    if (isBlank(before) || before === 44 || before === 59) { first = k; break; }
  }
  let k = first;
  while (k >= 0 && k < end) {
    const eq = line.indexOf('=', k);
    const vStart = eq + 1;
    let vEnd = end;
    let next = -1;
    if (!runsToEnd(line, k, eq)) {
      for (let e2 = line.indexOf('=', vStart); e2 >= 0 && e2 < end; e2 = line.indexOf('=', e2 + 1)) {
        const k2 = keyStartBefore(line, e2, vStart);
        if (k2 < 0) continue;
        if (line.charCodeAt(k2 - 1) === 32 && line.charCodeAt(k2 - 2) === 44) { next = k2; vEnd = k2 - 2; break; }
        if (isBlank(line.charCodeAt(k2 - 1)) && KNOWN_FIELDS.has(line.slice(k2, e2))) { next = k2; vEnd = k2 - 1; break; }
      }
    }
    while (vEnd > vStart && isBlank(line.charCodeAt(vEnd - 1))) vEnd--;
    f(k, eq, vEnd);
    k = next;
  }
  return first;
}

/** The first field with this key. */
export function fieldOf(l: LogLine, key: string): LogField | undefined {
  for (const f of l.fields) if (f.key === key) return f;
  return undefined;
}

/** The field whose key or value holds character `ch`. */
export function fieldAt(l: LogLine, ch: number): LogField | undefined {
  for (const f of l.fields) if (ch >= f.start && ch <= f.end) return f;
  return undefined;
}

/** One address of a `to=` list, with its offsets in the line. */
export interface LogAddress extends LogToken {
  /** Lower case, without <>, display name or trailing dot: the key deliveries are compared by. */
  address: string;
}

/** Splits a to= value (`<a@x>,<b@y>,` or `Name <a@x>` or `root`) into addresses; `at` is the value's offset in the line. */
export function splitAddresses(value: string, at = 0): LogAddress[] {
  const out: LogAddress[] = [];
  let depth = 0, quoted = false, start = 0;
  const push = (s: number, e: number) => {
    while (s < e && isBlank(value.charCodeAt(s))) s++;
    while (e > s && isBlank(value.charCodeAt(e - 1))) e--;
    if (e > s) out.push({ text: value.slice(s, e), start: at + s, end: at + e, address: bareAddress(value.slice(s, e)) });
  };
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (quoted) continue;
    else if (c === 60) depth++;
    else if (c === 62) depth = Math.max(0, depth - 1);
    else if (c === 44 && depth === 0) { push(start, i); start = i + 1; }
  }
  push(start, value.length);
  return out;
}

/** `Name <User@Example.com.>` -> `user@example.com`. */
export function bareAddress(text: string): string {
  const angle = /<([^<>]*)>/.exec(text);
  return (angle ? angle[1] : text).trim().replace(/\.$/, '').toLowerCase();
}

/** A relay= value: `host. [ip]`, `[ip] [ip]`, `host [ip] (may be forged)`, `host`, `[ip]`, `user@host` (MSP). */
export interface RelayParts {
  /** Host name without the trailing dot, or undefined when only an address is given. */
  host?: string;
  /** The address in brackets (or a bare IPv4 address), without the brackets. */
  ip?: string;
  /** `(may be forged)`: the name the address resolves back to does not resolve to it. */
  forged: boolean;
}

export function relayParts(value: string): RelayParts {
  const forged = /\(may be forged\)/.test(value);
  const words = value.replace(/\(may be forged\)/, '').trim().split(/\s+/).filter(Boolean);
  let host: string | undefined, ip: string | undefined;
  for (const w of words.slice(0, 2)) {
    const br = /^\[(.*)\]$/.exec(w);
    if (br) ip ??= br[1];
    else if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(w)) ip ??= w;
    else host ??= w.replace(/^'(.*)'$/, '$1').replace(/\.$/, '');
  }
  return { host, ip, forged };
}

/** What became of a delivery (a line with stat=). */
export type Outcome = 'sent' | 'deferred' | 'failed' | 'queued';

/**
 * The outcome of a delivery line: from the dsn= class when there is one (2 success, 4 try
 * again, 5 permanent), else from the stat= text. Undefined for lines without stat=.
 */
export function outcomeOf(l: LogLine): Outcome | undefined {
  const stat = fieldOf(l, 'stat')?.value;
  return stat === undefined ? undefined : outcomeFrom(stat, fieldOf(l, 'dsn')?.value);
}

function outcomeFrom(stat: string, dsn: string | undefined): Outcome {
  if (/^queued\b/i.test(stat)) return 'queued';
  const klass = /^([245])\./.exec(dsn ?? '');
  if (klass) return klass[1] === '2' ? 'sent' : klass[1] === '4' ? 'deferred' : 'failed';
  if (/^Sent\b/i.test(stat)) return 'sent';
  if (/^Deferred\b/i.test(stat)) return 'deferred';
  return 'failed';
}

/** delay=/xdelay= values: `1+05:19:58`, `00:00:15`. */
export interface Delay { days: number; hours: number; minutes: number; seconds: number }

export function parseDelay(value: string): Delay | undefined {
  const m = /^(?:(\d{1,6})\+)?(\d{1,3}):(\d\d):(\d\d)$/.exec(value.trim());
  return m ? { days: Number(m[1] ?? 0), hours: Number(m[2]), minutes: Number(m[3]), seconds: Number(m[4]) } : undefined;
}

/** Does this text look like a mail log written by sendmail (the first lines carry one of its programs)? */
export function looksLikeMailLog(text: string): boolean {
  const head = text.slice(0, 4096).split(/\r?\n|\r/, 6);
  return head.some((l) => /(?:^|[\s>\]])(?:sm-mta|sendmail|sm-msp-queue)\[\d+\]:/.test(l));
}
