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
  return isSendmailProgramAt(name, 0, name.length);
}

/**
 * isSendmailProgram of text[s, e), read in place (it runs on every line): `send[\w.-]*` or
 * `sm-[\w.-]+` (\w: ASCII letters, digits, `_`), but not the helper names sendmail(-)qf and sendmail(-)ctl.
 */
function isSendmailProgramAt(text: string, s: number, e: number): boolean {
  if (e - s < 4) return false;
  let p: number;
  if (text.startsWith('send', s)) p = s + 4;
  else if (text.startsWith('sm-', s)) p = s + 3;
  else return false;
  for (; p < e; p++) {
    const c = text.charCodeAt(p);
    if (!isKeyChar(c) && c !== 46 /* . */ && c !== 45 /* - */) return false;
  }
  if (e - s >= 10 && text.startsWith('sendmail', s)) {
    let r = s + 8;
    if (text.charCodeAt(r) === 45 /* - */) r++;
    if ((e - r === 2 && text.startsWith('qf', r)) || (e - r === 3 && text.startsWith('ctl', r))) return false;
  }
  return true;
}

/** Queue ids: 8.12+ `oBMH9mVv001357` / `xA32R2PQ3529566` (8 characters + pid), older `PAA12345`; and NOQUEUE. */
export function isQueueId(s: string): boolean {
  return isQueueIdAt(s, 0, s.length);
}

/**
 * isQueueId of text[s, e) in place, without a regex. `^(?=[0-9]{0,8}[A-Za-z])[A-Za-z0-9]{3,9}[0-9]{5,11}$`
 * (8 to 20 characters) holds exactly when all characters are letters or digits, the first
 * letter is one of the first 9 characters, and the text ends in at least 5 digits with at most
 * 9 characters before them (then a split into 3..9 + 5..11 characters exists).
 */
function isQueueIdAt(text: string, s: number, e: number): boolean {
  const n = e - s;
  if (n === 7) return text.startsWith('NOQUEUE', s);
  if (n < 8 || n > 20) return false;
  let letter = -1;
  for (let p = s; p < e; p++) {
    const c = text.charCodeAt(p);
    if (isDigit(c)) continue;
    if (!isLetter(c)) return false;
    if (letter < 0) letter = p - s;
  }
  if (letter < 0 || letter > 8) return false;
  let digits = 0;
  while (digits < n && isDigit(text.charCodeAt(e - 1 - digits))) digits++;
  return digits >= 5 && n - digits <= 9;
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

/**
 * The part of a sendmail line up to its message: program[pid]: [ID n f] qid: [qid2:], as
 * offsets in the text. One object, overwritten by each readHead: the per-line path allocates nothing.
 */
class Head {
  /** End of the line without its line end and trailing blanks. */
  end = 0;
  progStart = 0;
  /** The '[' and ']' around the pid. */
  bracket = 0;
  close = 0;
  solaris: RegExpExecArray | undefined = undefined;
  solarisAt = 0;
  /** The queue ids [start, end), -1 when absent. */
  qidStart = -1;
  qidEnd = -1;
  qid2Start = -1;
  qid2End = -1;
  /** The first queue id's key (QKEY). */
  k0 = 0;
  k1 = 0;
  k2 = 0;
  msgStart = 0;
}
const H = new Head();

/** Reads the head of the line text[start, stop) (stop may include the line end) into H; false for lines that are not sendmail's. */
function readHead(text: string, start: number, stop: number): boolean {
  let end = Math.min(stop, start + MAX_SCAN);
  while (end > start && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13)) end--;
  if (!programAt(text, start, end) || !sendmailName(text, H.progStart, H.bracket)) return false;
  let p = H.close + 2; // past ']:'
  while (p < end && isBlank(text.charCodeAt(p))) p++;
  H.solaris = undefined;
  H.qidStart = H.qidEnd = H.qid2Start = H.qid2End = -1;
  if (text.charCodeAt(p) === 91 /* [ */) {
    SOLARIS_ID.lastIndex = p;
    const sol = SOLARIS_ID.exec(text);
    if (sol && p + sol[0].length <= end) {
      H.solaris = sol;
      H.solarisAt = p;
      p += sol[0].length;
      while (p < end && isBlank(text.charCodeAt(p))) p++;
    }
  }
  const q1 = queueIdAt(text, p, end);
  if (q1 >= 0) {
    H.qidStart = p;
    H.qidEnd = q1;
    H.k0 = QKEY[0];
    H.k1 = QKEY[1];
    H.k2 = QKEY[2];
    p = skipColonBlanks(text, q1, end);
    const q2 = queueIdAt(text, p, end);
    if (q2 >= 0) {
      H.qid2Start = p;
      H.qid2End = q2;
      p = skipColonBlanks(text, q2, end);
    }
  }
  while (end > p && isBlank(text.charCodeAt(end - 1))) end--;
  H.end = end;
  H.msgStart = p;
  return true;
}

/** The last program name read and its verdict: names repeat from line to line, compared in place. */
let lastName = '', lastNameIsSendmail = false;

function sendmailName(text: string, s: number, e: number): boolean {
  if (e - s === lastName.length && text.startsWith(lastName, s)) return lastNameIsSendmail;
  lastName = text.slice(s, e);
  return (lastNameIsSendmail = isSendmailProgramAt(text, s, e));
}

/**
 * The first `name[pid]:` followed by a blank or the line end, within MAX_PREFIX of `start`:
 * sets H.progStart (name start), H.bracket ('[') and H.close (']'); false when there is none.
 * The name starts a word (line start, blank, '>' or ']' before it) with a letter and holds
 * letters, digits and `_ . / -`. A scan, not a regex: it runs on every line of the log.
 */
function programAt(text: string, start: number, end: number): boolean {
  const limit = Math.min(end, start + MAX_PREFIX);
  for (let close = nextIn(M_PROG, text, ']:', start, limit); close >= 0; close = nextIn(M_PROG, text, ']:', close + 1, limit)) {
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
    if (isBlank(before) || before === 62 /* > */ || before === 93 /* ] */) {
      H.progStart = name;
      H.bracket = bracket;
      H.close = close;
      return true;
    }
  }
  return false;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isNameChar = (c: number) => isAlnum(c) || c === 95 || c === 46 || c === 47 || c === 45; // _ . / -

/** Parses one line (without or with its line end). Undefined for lines that are not sendmail's. */
export function parseLogLine(raw: string): LogLine | undefined {
  beginScan();
  if (!readHead(raw, 0, raw.length)) return undefined;
  const line = raw;
  const { end, progStart, bracket, close, msgStart, solaris, solarisAt, qidStart, qidEnd, qid2Start, qid2End } = H;
  const progEnd = close + 1;
  const out: LogLine = {
    program: { text: line.slice(progStart, progEnd), start: progStart, end: progEnd, name: line.slice(progStart, bracket), pid: line.slice(bracket + 1, close) },
    message: tok(line, msgStart, end), text: tok(line, msgStart, end), fields: [],
  };
  readPrefix(line, progStart, out);
  if (solaris) out.solarisId = { text: solaris[0], start: solarisAt, end: solarisAt + solaris[0].length, id: solaris[1], facility: solaris[2] };
  if (qidStart >= 0) out.qid = tok(line, qidStart, qidEnd);
  if (qid2Start >= 0) out.qid2 = tok(line, qid2Start, qid2End);
  const first = firstField(line, msgStart, end);
  for (let k = first; k >= 0 && k < end; k = F.next) {
    readField(line, k, end);
    const eq = F.eq, vEnd = F.vEnd;
    out.fields.push({ key: line.slice(k, eq), value: line.slice(eq + 1, vEnd), start: k, end: vEnd, text: line.slice(k, vEnd), valueStart: eq + 1 });
  }
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

/** The summary of a sendmail line (undefined for other lines); agrees with parseLogLine + outcomeOf. */
export function summarizeLine(raw: string): LineSummary | undefined {
  return summarizeAt(raw, 0, raw.length);
}

/** summarizeLine of the line text[start, stop), without copying it out of a big text. */
export function summarizeAt(text: string, start: number, stop: number): LineSummary | undefined {
  const s = SCAN;
  beginScan();
  if (!scanLine(text, start, stop, false)) return undefined;
  return {
    qid: s.qidStart >= 0 ? text.slice(s.qidStart, s.qidEnd) : undefined,
    to: s.toStart >= 0 ? text.slice(s.toStart, s.toEnd) : undefined,
    outcome: s.outcome,
    gaveUp: s.gaveUp,
  };
}

/** A LineSummary as offsets in the text (-1: absent). */
export class LineScan {
  qidStart = -1;
  qidEnd = -1;
  /** The queue id's key (QKEY), when there is one. */
  k0 = 0;
  k1 = 0;
  k2 = 0;
  /** The value of the first to= field. */
  toStart = -1;
  toEnd = -1;
  outcome: Outcome | undefined = undefined;
  gaveUp = false;
}
/** The one LineScan that scanLine fills: the per-document state reads a million lines without allocating. */
export const SCAN = new LineScan();

/**
 * summarizeAt into SCAN (overwritten by the next call), without objects; false (SCAN unchanged)
 * for lines that are not sendmail's. Lines of one text in order, after beginScan(). With
 * `deliveriesOnly`, to= is read only on lines with stat= (toStart -1 on the others): the
 * fields of a line without `stat=` are not read at all.
 */
export function scanLine(text: string, start: number, stop: number, deliveriesOnly: boolean): boolean {
  if (!readHead(text, start, stop)) return false;
  const from = H.msgStart, end = H.end;
  const s = SCAN;
  s.qidStart = H.qidStart;
  s.qidEnd = H.qidEnd;
  s.k0 = H.k0;
  s.k1 = H.k1;
  s.k2 = H.k2;
  let toS = -1, toE = -1, statS = -1, statE = -1, dsnS = -1, dsnE = -1;
  const fields = !deliveriesOnly || nextIn(M_STAT, text, 'stat=', from, end) >= 0;
  for (let k = fields ? firstField(text, from, end) : -1; k >= 0 && k < end; k = F.next) {
    readField(text, k, end);
    const n = F.eq - k;
    if (n === 2 && toS < 0 && text.startsWith('to', k)) { toS = F.eq + 1; toE = F.vEnd; }
    else if (n === 4 && statS < 0 && text.startsWith('stat', k)) { statS = F.eq + 1; statE = F.vEnd; }
    else if (n === 3 && dsnS < 0 && text.startsWith('dsn', k)) { dsnS = F.eq + 1; dsnE = F.vEnd; }
  }
  s.toStart = toS;
  s.toEnd = toE;
  s.outcome = statS < 0 ? undefined : outcomeAt(text, statS, statE, text, dsnS, dsnE);
  s.gaveUp = gaveUpAt(text, from, Math.min(end, from + 40));
  return true;
}

/** sendmail gave the message back: the message text[from, end) starts with one of these. */
const GAVE_UP = ['sender notify: Cannot send message', 'return to sender:', 'Cannot send message for'];

function gaveUpAt(text: string, from: number, end: number): boolean {
  for (let i = 0; i < GAVE_UP.length; i++) if (from + GAVE_UP[i].length <= end && text.startsWith(GAVE_UP[i], from)) return true;
  return false;
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
  // isQueueIdAt in the same pass (where the first letter is, how many digits end the id), and the id's key (QKEY).
  let e = p, letter = -1, digits = 0, k0 = 0, k1 = 0, k2 = 0;
  for (; e < end && e - p <= 20; e++) {
    const c = line.charCodeAt(e);
    let code: number;
    if (isDigit(c)) { digits++; code = c - 47; }
    else if (isLetter(c)) { digits = 0; if (letter < 0) letter = e - p; code = c <= 90 ? c - 54 : c - 60; }
    else break;
    const j = e - p;
    if (j < 7) k0 = k0 * 64 + code; else if (j < 14) k1 = k1 * 64 + code; else k2 = k2 * 64 + code;
  }
  QKEY[0] = k0;
  QKEY[1] = k1;
  QKEY[2] = k2;
  if (e === p || e >= end || line.charCodeAt(e) !== 58 /* ':' */) return -1;
  if (e + 1 < end && !isBlank(line.charCodeAt(e + 1))) return -1;
  const n = e - p;
  if (n === 7) return line.startsWith('NOQUEUE', p) ? e : -1;
  return n >= 8 && n <= 20 && letter >= 0 && letter <= 8 && digits >= 5 && n - digits <= 9 ? e : -1;
}

/**
 * A queue id as three numbers: its letters and digits as 1..62, seven to a number (42 bits:
 * exact in a double), so two ids are equal exactly when their keys are. queueIdAt leaves the
 * key of the id it read here; the per-document state compares ids by key without strings.
 */
export const QKEY = new Float64Array(3);

/** The key of a queue id (see QKEY) into `out`; false when `qid` is not one (or is NOQUEUE). */
export function queueIdKey(qid: string, out: Float64Array): boolean {
  const e = queueIdAt(qid + ':', 0, qid.length + 1);
  if (e !== qid.length || qid === 'NOQUEUE') return false;
  out.set(QKEY);
  return true;
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

/** KNOWN_FIELDS.has(line.slice(k, e)) without the slice (reached only for a key after a blank without a comma). */
function isKnownFieldAt(line: string, k: number, e: number): boolean {
  const n = e - k;
  for (const f of KNOWN_FIELDS) if (f.length === n && line.startsWith(f, k)) return true;
  return false;
}

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
 * A remembered search: `at` is where `text.indexOf(what, from)` found `what` (-1: nowhere).
 * Lines are read in order, so a search that ran past its line's end is answered from memory
 * for the next lines until they reach that offset: a text whose lines lack `=` (or `]:`) is
 * searched once, not once per line. Valid for one text: beginScan (or each public entry) resets.
 */
class Memo { from = Infinity; at = -1; text = '' }
const M_EQ = new Memo(), M_PROG = new Memo(), M_STAT = new Memo();

/** Forgets the remembered searches: call it before reading the lines of a(nother) text with scanLine. */
export function beginScan(): void {
  M_EQ.from = M_PROG.from = M_STAT.from = Infinity;
  M_EQ.text = M_PROG.text = M_STAT.text = ''; // and no text kept alive
}

/** text.indexOf(what, from) when it is before `end`, else -1. */
function nextIn(m: Memo, text: string, what: string, from: number, end: number): number {
  let at: number;
  if (from >= m.from && (m.at < 0 || from <= m.at) && m.text === text) at = m.at;
  else { at = text.indexOf(what, from); m.from = from; m.at = at; m.text = text; }
  return at < end ? at : -1;
}

const equalsIn = (line: string, from: number, end: number) => nextIn(M_EQ, line, '=', from, end);

/**
 * The key=value fields of the message part [from, end), in order, one pass over the '=' signs,
 * allocation-free: firstField gives where the first one starts (-1: none); readField(k) reads
 * the field at k into F: its '=', its value end and the start of the next field (-1: none).
 * Searches run through the memo of '=' signs (see nextIn).
 *   for (let k = firstField(line, from, end); k >= 0 && k < end; k = F.next) { readField(line, k, end); ... }
 */
function firstField(line: string, from: number, end: number): number {
  if (line.startsWith('SYSERR', from)) return -1; // free text with (uid=0, gid=1)
  // The first field: a key at the start or after a blank, ',' or ';'.
  for (let eq = equalsIn(line, from, end); eq >= 0; eq = equalsIn(line, eq + 1, end)) {
    const k = keyStartBefore(line, eq, from);
    if (k < 0) continue;
    const before = k === from ? 32 : line.charCodeAt(k - 1);
    if (isBlank(before) || before === 44 || before === 59) { F.nextEq = eq; return k; }
  }
  return -1;
}

/** readField's result (overwritten by each call); nextEq: the '=' of the field at `next` (firstField sets it too). */
const F = { eq: 0, vEnd: 0, next: -1, nextEq: -1 };

/** Reads the field at k, whose '=' is F.nextEq (as firstField or the previous readField left it). */
function readField(line: string, k: number, end: number): void {
  const eq = F.nextEq;
  const vStart = eq + 1;
  let vEnd = end;
  let next = -1, nextEq = -1;
  if (!runsToEnd(line, k, eq)) {
    for (let e2 = equalsIn(line, vStart, end); e2 >= 0; e2 = equalsIn(line, e2 + 1, end)) {
      const k2 = keyStartBefore(line, e2, vStart);
      if (k2 < 0) continue;
      if (line.charCodeAt(k2 - 1) === 32 && line.charCodeAt(k2 - 2) === 44) { next = k2; nextEq = e2; vEnd = k2 - 2; break; }
      if (isBlank(line.charCodeAt(k2 - 1)) && isKnownFieldAt(line, k2, e2)) { next = k2; nextEq = e2; vEnd = k2 - 1; break; }
    }
  }
  while (vEnd > vStart && isBlank(line.charCodeAt(vEnd - 1))) vEnd--;
  F.eq = eq;
  F.vEnd = vEnd;
  F.next = next;
  F.nextEq = nextEq;
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
  for (let s = 0, e = addressEnd(value, 0); s <= value.length; s = e + 1, e = addressEnd(value, s)) {
    const [ts, te] = trimmed(value, s, e);
    if (te > ts) {
      const text = value.slice(ts, te);
      out.push({ text, start: at + ts, end: at + te, address: bareAddress(text) });
    }
  }
  return out;
}

/** splitAddresses(value).map((a) => a.address), without the LogAddress objects. */
export function addressKeys(value: string): string[] {
  const out: string[] = [];
  for (let s = 0, e = addressEnd(value, 0); s <= value.length; s = e + 1, e = addressEnd(value, s)) {
    let ts = s, te = e;
    while (ts < te && isBlank(value.charCodeAt(ts))) ts++;
    while (te > ts && isBlank(value.charCodeAt(te - 1))) te--;
    if (te > ts) out.push(bareAddress(ts === 0 && te === value.length ? value : value.slice(ts, te)));
  }
  return out;
}

/** Where the address that starts at `from` ends: the next ',' outside quotes and <>, or the end. */
function addressEnd(value: string, from: number): number {
  let depth = 0, quoted = false;
  for (let i = from; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (quoted) continue;
    else if (c === 60) depth++;
    else if (c === 62) depth = Math.max(0, depth - 1);
    else if (c === 44 && depth === 0) return i;
  }
  return value.length;
}

function trimmed(value: string, s: number, e: number): [number, number] {
  while (s < e && isBlank(value.charCodeAt(s))) s++;
  while (e > s && isBlank(value.charCodeAt(e - 1))) e--;
  return [s, e];
}

/** `Name <User@Example.com.>` -> `user@example.com`. */
export function bareAddress(text: string): string {
  // The text of the first <...> without '<' or '>' inside (/<([^<>]*)>/), else all of it.
  let s = 0, e = text.length;
  for (let i = text.indexOf('<'); i >= 0;) {
    let j = i + 1;
    while (j < text.length && text.charCodeAt(j) !== 60 && text.charCodeAt(j) !== 62) j++;
    if (j >= text.length) break;
    if (text.charCodeAt(j) === 62) { s = i + 1; e = j; break; }
    i = j; // another '<': the match can only start there
  }
  // trim(): ASCII white space here; anything else at either end goes the general way.
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  if (e > s && (text.charCodeAt(s) > 127 || text.charCodeAt(e - 1) > 127)) return text.slice(s, e).trim().replace(/\.$/, '').toLowerCase();
  if (e > s && text.charCodeAt(e - 1) === 46 /* . */) e--;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c > 127) return text.slice(s, e).toLowerCase();
  }
  return text.slice(s, e);
}
const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);

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
  return outcomeAt(stat, 0, stat.length, dsn ?? '', 0, dsn === undefined ? -1 : dsn.length);
}

/**
 * outcomeFrom of the stat= value text[statS, statE) and the dsn= value dsnText[dsnS, dsnE)
 * (dsnE -1: none), in place: `^queued\b`, `^Sent\b`, `^Deferred\b` (ignoring case), dsn `^[245]\.`.
 */
function outcomeAt(text: string, statS: number, statE: number, dsnText: string, dsnS: number, dsnE: number): Outcome {
  if (startsWord(text, statS, statE, 'queued')) return 'queued';
  if (dsnE - dsnS >= 2 && dsnText.charCodeAt(dsnS + 1) === 46 /* . */) {
    const c = dsnText.charCodeAt(dsnS);
    if (c === 50) return 'sent';
    if (c === 52) return 'deferred';
    if (c === 53) return 'failed';
  }
  if (startsWord(text, statS, statE, 'sent')) return 'sent';
  if (startsWord(text, statS, statE, 'deferred')) return 'deferred';
  return 'failed';
}

/** `^word\b` on text[s, e), ignoring ASCII case; `word` is in lower case. */
function startsWord(text: string, s: number, e: number, word: string): boolean {
  const n = word.length;
  if (e - s < n) return false;
  for (let i = 0; i < n; i++) if ((text.charCodeAt(s + i) | 32) !== word.charCodeAt(i)) return false;
  return s + n === e || !isKeyChar(text.charCodeAt(s + n));
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
