// What "Sendmail: Open Mail Log" shows, without VS Code: the end of a log file (at most
// MAX_TAIL_BYTES, whole lines), or the lines of one message (queue id) or of the messages of
// one address or @domain, read as a stream; refresh() follows the file as sendmail writes it
// (appended whole lines only; a truncated or replaced file — rotation — is read again); and the
// next/previous line of a message for the navigation commands.
// Reading a log runs no program: this works in Restricted Mode.
import * as fs from 'node:fs';
import { bareAddress, fieldOf, isQueueId, parseLogLine, splitAddresses, type LogLine } from '../../../server/src/service/maillog/parse';
import { splitLines } from '../../../server/src/cli/logInput';

/** The end of the log shown: enough for days of a busy server, small enough for the editor. */
export const MAX_TAIL_BYTES = 4 * 1024 * 1024;
/** A filtered view stops growing here. */
export const MAX_FILTER_LINES = 100_000;

export type LogFilter = { kind: 'qid'; value: string } | { kind: 'address'; value: string } | { kind: 'domain'; value: string };

/** A queue id, an address (`user@example.com`, `<user@example.com>`) or `@example.com` (every address of the domain). */
export function parseFilter(text: string): LogFilter | undefined {
  const t = text.trim();
  if (!t || /\s/.test(t.replace(/^<|>$/g, '')) || t.toUpperCase() === 'NOQUEUE') return undefined;
  if (isQueueId(t) && t !== 'NOQUEUE') return { kind: 'qid', value: t };
  if (/^@[^@\s]+$/.test(t)) return { kind: 'domain', value: t.slice(1).toLowerCase().replace(/\.$/, '') };
  const a = bareAddress(t);
  return /^[^@\s<>]+(@[^@\s<>]+)?$/.test(a) ? { kind: 'address', value: a } : undefined;
}

/** Addresses a line is about: to=, from=, ctladdr= and orcpt=. */
function addressesOf(l: LogLine): string[] {
  const out: string[] = [];
  for (const key of ['to', 'from', 'ctladdr', 'orcpt']) {
    const f = fieldOf(l, key);
    if (f) for (const a of splitAddresses(f.value.replace(/^rfc822;/i, ''))) out.push(a.address);
  }
  return out;
}

/**
 * The next (step 1) or previous (step -1) line of the message of line `from`: the same queue
 * id, first or second (a DSN line names the original message first). Undefined: none, or the
 * line names no message.
 */
export function messageLine(lineAt: (n: number) => string, lineCount: number, from: number, step: 1 | -1): number | undefined {
  const id = parseLogLine(lineAt(from))?.qid?.text;
  if (!id || id === 'NOQUEUE') return undefined;
  for (let n = from + step; n >= 0 && n < lineCount; n += step) {
    const text = lineAt(n);
    if (!text.includes(id)) continue; // cheap test first: most lines are of other messages
    const l = parseLogLine(text);
    if (l?.qid?.text === id || l?.qid2?.text === id) return n;
  }
  return undefined;
}

const qidsOf = (l: LogLine) => [l.qid?.text, l.qid2?.text].filter((q): q is string => !!q && q !== 'NOQUEUE');

export class LogView {
  /** The text shown (whole lines, each ending with '\n'). */
  text = '';
  /** Bytes of the file read so far: up to the end of its last whole line (where refresh() continues). */
  private offset = 0;
  private ino = -1;
  /** Filtered by address or domain: the queue ids of the messages that mention it. */
  private readonly qids = new Set<string>();
  private lineCount = 0;
  /** The filtered view hit MAX_FILTER_LINES; the tail view starts after the file's first line. */
  truncated = false;

  constructor(readonly file: string, readonly filter?: LogFilter, private readonly maxTail = MAX_TAIL_BYTES) {}

  /** Reads the view from the file (again). Rejects when the file cannot be read. */
  async load(): Promise<void> {
    const st = await fs.promises.stat(this.file);
    this.ino = st.ino;
    this.text = '';
    this.lineCount = 0;
    this.qids.clear();
    this.truncated = false;
    if (this.filter) {
      this.offset = await lastNewline(this.file, st.size);
      await this.filterFile();
    } else {
      const start = Math.max(0, st.size - this.maxTail);
      const { text, end } = await wholeLines(this.file, start, st.size);
      // Starting inside the file: the first (partial) line is dropped.
      this.text = start > 0 ? text.slice(text.indexOf('\n') + 1) : text;
      this.truncated = start > 0;
      this.offset = end;
    }
  }

  /** Reads the whole lines appended since; true when the text changed. A shrunk or replaced file is read again. */
  async refresh(): Promise<boolean> {
    let st: fs.Stats;
    try { st = await fs.promises.stat(this.file); } catch { return false; } // rotated away: wait for the new file
    if (st.ino !== this.ino || st.size < this.offset) {
      const before = this.text;
      await this.load();
      return this.text !== before;
    }
    const { text, end } = await wholeLines(this.file, this.offset, st.size);
    if (end === this.offset) return false;
    this.offset = end;
    if (!this.filter) {
      this.text += text;
      // Keep the view near MAX_TAIL_BYTES: drop the oldest lines once it has doubled.
      if (this.text.length > 2 * this.maxTail) { this.text = this.text.slice(this.text.indexOf('\n', this.text.length - this.maxTail) + 1); this.truncated = true; }
      return true;
    }
    const before = this.text.length;
    const known = this.qids.size;
    const parsed = text.slice(0, -1).split('\n').map((raw) => ({ raw, l: parseLogLine(raw) }));
    for (const { l } of parsed) if (l && this.mentions(l)) for (const q of qidsOf(l)) this.qids.add(q);
    // A message that matches only now had earlier lines: read the file again for them.
    if (this.qids.size > known && this.filter.kind !== 'qid') { await this.load(); return true; }
    for (const { raw, l } of parsed) if (l && this.shows(l)) this.add(raw);
    return this.text.length !== before;
  }

  /** Is the line about the filter's queue id, address or domain? */
  private mentions(l: LogLine): boolean {
    const f = this.filter!;
    if (f.kind === 'qid') return qidsOf(l).includes(f.value);
    return addressesOf(l).some((a) => (f.kind === 'address' ? a === f.value : a.endsWith(`@${f.value}`)));
  }

  /** Shown: lines that mention it, and every line of a message that does. */
  private shows(l: LogLine): boolean {
    return this.mentions(l) || qidsOf(l).some((q) => this.qids.has(q));
  }

  private add(raw: string): void {
    if (this.lineCount >= MAX_FILTER_LINES) { this.truncated = true; return; }
    this.text += raw.replace(/\r$/, '') + '\n';
    this.lineCount++;
  }

  /**
   * Address and domain filters read the file twice: the first pass finds the queue ids of the
   * messages that mention it, the second keeps every line of those messages (their from= line
   * comes before the to= line that names the address).
   */
  private async filterFile(): Promise<void> {
    if (this.filter!.kind !== 'qid') {
      for await (const raw of lines(this.file, this.offset)) {
        const l = parseLogLine(raw);
        if (l && this.mentions(l)) for (const q of qidsOf(l)) this.qids.add(q);
      }
    }
    for await (const raw of lines(this.file, this.offset)) {
      const l = parseLogLine(raw);
      if (l && this.shows(l)) this.add(raw);
      if (this.truncated) break;
    }
  }
}

/** The whole lines in bytes [start, end) of a file, as UTF-8 text, and the offset after the last one. */
async function wholeLines(file: string, start: number, end: number): Promise<{ text: string; end: number }> {
  if (end <= start) return { text: '', end: start };
  const fh = await fs.promises.open(file, 'r');
  try {
    const buf = Buffer.alloc(end - start);
    let got = 0;
    while (got < buf.length) {
      const { bytesRead } = await fh.read(buf, got, buf.length - got, start + got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    // Cut after the last newline: a line still being written (and a character cut in two) waits for the next read.
    const cut = buf.subarray(0, got).lastIndexOf(0x0a) + 1;
    return { text: buf.subarray(0, cut).toString('utf8'), end: start + cut };
  } finally { await fh.close(); }
}

/** The offset after the last newline in the first `size` bytes (reads backwards from the end). */
async function lastNewline(file: string, size: number): Promise<number> {
  const step = 65536;
  for (let end = size; end > 0; end -= step) {
    const { end: at } = await wholeLines(file, Math.max(0, end - step), end);
    if (at > Math.max(0, end - step)) return at;
  }
  return 0;
}

/** The lines of the first `size` bytes of a file, streamed (very long lines cut: splitLines). */
async function* lines(file: string, size: number): AsyncGenerator<string> {
  if (size === 0) return;
  yield* splitLines(fs.createReadStream(file, { start: 0, end: size - 1 }));
}
