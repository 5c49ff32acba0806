// REFERENCE for scanEquivalence.test.ts: server/src/service/maillog/messages.ts as it was before the
// allocation-free rewrite (a Map of queue ids, an undo record per line), on referenceParse.ts. Not used by the product.
// Per-document state of an open mail log: its lines, the messages grouped by queue id, and
// per message the recipients whose latest delivery attempt was deferred or failed (each with
// its own line and outcome: one message may have recipients deferred and others bounced).
// Built in one pass over the text; text appended at the end (a log being written) parses
// only the new lines. Stored in columns, so a million-line log costs a few bytes per line on
// top of its text:
//  - the text as opened (the very string the document holds: no copy) and the appended
//    texts (`chunks`), and per line its start offset;
//  - per line its message (Int32Array) and the next line of the same message (a linked list);
//  - per message its queue id, first/last line and latest delivery line;
//  - only messages with an outstanding problem get a small map recipient -> line and outcome.
// Lines are the document's lines: '\r\n', a lone '\r' and '\n' each end one, as
// vscode-languageserver-textdocument counts them.
import { splitAddresses, summarizeAt } from './referenceParse';

/** A part of the text: lines never span two chunks. `liveEnd`: where its last line ends (text after it moved on). */
interface Chunk { text: string; start: number; liveEnd: number }

/** A recipient's latest trouble: its line, and whether sendmail tries again or gave up (returned: the message went back to its sender). */
export interface Problem { line: number; outcome: 'deferred' | 'failed' | 'returned' }

/** Recipients still in the queue (deferred) or given up (failed, returned): each kind gets its own diagnostic. */
export type TroubleKind = 'deferred' | 'bounced';

/** The troubled recipients of one kind of one message, and the latest of their lines. */
export interface Trouble { msg: number; kind: TroubleKind; line: number; recipients: [recipient: string, problem: Problem][] }

export const troubleKind = (p: Problem): TroubleKind => (p.outcome === 'deferred' ? 'deferred' : 'bounced');

/** What applying the last, still unterminated line changed, to take it back when that line grows. */
interface Undo {
  line: number;
  msg: number;
  created: boolean;
  prevLast: number;
  prevStatus: number;
  ops: [recipient: string, before: Problem | undefined][];
}

const NONE = -1;

function grown(a: Int32Array<ArrayBuffer>, need: number): Int32Array<ArrayBuffer> {
  if (need <= a.length) return a;
  const b = new Int32Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

export class LogState {
  private chunks: Chunk[] = [];
  private starts = new Float64Array(1024);
  lineCount = 0;
  /** Per line: its message, or -1 (other programs, no queue id, NOQUEUE). */
  msgOf = new Int32Array(1024);
  /** Per line: the next line of the same message, or -1. */
  nextInMsg = new Int32Array(1024);
  /** Per message: queue id, first and last line, latest line with stat= (or -1). */
  readonly qids: string[] = [];
  readonly byQid = new Map<string, number>();
  firstLine = new Int32Array(256);
  lastLine = new Int32Array(256);
  lastStatus = new Int32Array(256);
  /** Per message with outstanding trouble: recipient (bare, lower case) -> its latest deferral or failure. */
  readonly problems = new Map<number, Map<string, Problem>>();
  private tailUndo: Undo | undefined;

  constructor(text: string) {
    this.addChunk(text, 0);
    this.applyFrom(0);
  }

  get messageCount(): number { return this.qids.length; }

  /** Text of line n without its line end ('' past the end). */
  line(n: number): string {
    if (n < 0 || n >= this.lineCount) return '';
    const [text, s, e] = this.span(n);
    return text.slice(s, e);
  }

  /** Where line n is: [chunk text, start, end without the line end]. */
  private span(n: number): [string, number, number] {
    const c = this.chunkOf(this.starts[n]);
    const next = n + 1 < this.lineCount ? this.starts[n + 1] : Infinity;
    let e = (next >= c.start && next <= c.liveEnd ? next : c.liveEnd) - c.start;
    const s = this.starts[n] - c.start;
    while (e > s && (c.text.charCodeAt(e - 1) === 10 || c.text.charCodeAt(e - 1) === 13)) e--;
    return [c.text, s, e];
  }

  /** Length of the last line (where an append lands). */
  private tailLength(): number { return this.line(this.lineCount - 1).length; }

  /** Is (line, character) the end of the text? */
  isEnd(line: number, character: number): boolean {
    return line === this.lineCount - 1 && character === this.tailLength();
  }

  /**
   * Appends `text` at the end. Returns false when it cannot (the text ends with a lone '\r'
   * that the new text could join): the caller rebuilds the state from the whole text.
   */
  append(text: string): boolean {
    if (!text) return true;
    const last = this.chunks[this.chunks.length - 1];
    if (last.liveEnd > last.start && last.text.charCodeAt(last.liveEnd - last.start - 1) === 13) return false;
    const tail = this.lineCount - 1;
    const tailText = this.line(tail);
    this.undoTail();
    const at = this.starts[tail];
    const from = this.chunkOf(at);
    from.liveEnd = at; // the unterminated tail continues in the new chunk
    this.lineCount = tail;
    this.addChunk(tailText + text, last.start + last.text.length + 1);
    this.applyFrom(tail);
    return true;
  }

  private chunkOf(offset: number): Chunk {
    const cs = this.chunks;
    if (cs.length === 1 || offset >= cs[cs.length - 1].start) return cs[cs.length - 1];
    let lo = 0, hi = cs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (cs[mid].start <= offset) lo = mid; else hi = mid - 1;
    }
    return cs[lo];
  }

  /** Adds a chunk at virtual offset `start` and its line starts (the first line starts at `start`). */
  private addChunk(text: string, start: number): void {
    this.chunks.push({ text, start, liveEnd: start + text.length });
    this.pushLine(start);
    const loneCR = text.indexOf('\r') >= 0 && /\r(?!\n)/.test(text);
    if (!loneCR) {
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.pushLine(start + i + 1);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) this.pushLine(start + i + 1);
    }
  }

  private pushLine(start: number): void {
    const n = this.lineCount;
    if (n >= this.starts.length) {
      const b = new Float64Array(this.starts.length * 2);
      b.set(this.starts);
      this.starts = b;
    }
    this.starts[n] = start;
    this.lineCount = n + 1;
  }

  /** Applies lines from..end; the last one (unterminated or empty) with an undo record. */
  private applyFrom(from: number): void {
    this.msgOf = grown(this.msgOf, this.lineCount);
    this.nextInMsg = grown(this.nextInMsg, this.lineCount);
    this.tailUndo = undefined;
    for (let i = from; i < this.lineCount; i++) {
      const undo = this.applyLine(i, i === this.lineCount - 1);
      if (undo) this.tailUndo = undo;
    }
  }

  private applyLine(i: number, tail: boolean): Undo | undefined {
    this.msgOf[i] = NONE;
    this.nextInMsg[i] = NONE;
    const [text, start, end] = this.span(i);
    if (start === end) return undefined;
    const s = summarizeAt(text, start, end);
    const qid = s?.qid;
    if (!s || !qid || qid === 'NOQUEUE') return undefined;
    let m = this.byQid.get(qid);
    const created = m === undefined;
    if (m === undefined) {
      m = this.qids.length;
      this.qids.push(qid);
      this.byQid.set(qid, m);
      this.firstLine = grown(this.firstLine, m + 1);
      this.lastLine = grown(this.lastLine, m + 1);
      this.lastStatus = grown(this.lastStatus, m + 1);
      this.firstLine[m] = i;
      this.lastLine[m] = NONE;
      this.lastStatus[m] = NONE;
    }
    const undo: Undo = { line: i, msg: m, created, prevLast: this.lastLine[m], prevStatus: this.lastStatus[m], ops: [] };
    if (undo.prevLast !== NONE) this.nextInMsg[undo.prevLast] = i;
    this.lastLine[m] = i;
    this.msgOf[i] = m;
    const outcome = s.outcome;
    if (outcome && outcome !== 'queued') {
      this.lastStatus[m] = i;
      const rcpts = s.to === undefined ? [] : splitAddresses(s.to).map((a) => a.address);
      for (const r of rcpts) this.setProblem(m, r, outcome === 'sent' ? undefined : { line: i, outcome }, tail ? undo.ops : undefined);
    } else if (s.gaveUp) {
      // The message went back to its sender: its recipients still in the queue end here (a
      // recipient that failed earlier keeps its own line: its bounce was sent then).
      const open = this.problems.get(m);
      if (open) for (const [r, p] of [...open]) if (p.outcome === 'deferred') this.setProblem(m, r, { line: i, outcome: 'returned' }, tail ? undo.ops : undefined);
    }
    return tail ? undo : undefined;
  }

  private setProblem(m: number, recipient: string, p: Problem | undefined, ops: Undo['ops'] | undefined): void {
    let open = this.problems.get(m);
    ops?.push([recipient, open?.get(recipient)]);
    if (p === undefined) {
      if (!open?.delete(recipient)) return;
      if (open.size === 0) this.problems.delete(m);
      return;
    }
    if (!open) this.problems.set(m, open = new Map());
    open.set(recipient, p);
  }

  /** Takes back what the last line did (it is about to be replaced by a longer version of itself). */
  private undoTail(): void {
    const u = this.tailUndo;
    this.tailUndo = undefined;
    if (!u || u.line !== this.lineCount - 1) return;
    for (let k = u.ops.length - 1; k >= 0; k--) {
      const [r, before] = u.ops[k];
      this.setProblem(u.msg, r, before, undefined);
    }
    if (u.prevLast !== NONE) this.nextInMsg[u.prevLast] = NONE;
    this.lastLine[u.msg] = u.prevLast;
    this.lastStatus[u.msg] = u.prevStatus;
    this.msgOf[u.line] = NONE;
    if (u.created) {
      this.byQid.delete(this.qids[u.msg]);
      this.qids.pop();
    }
  }

  /** The lines of message m, in order. */
  linesOf(m: number, max = Infinity): number[] {
    const out: number[] = [];
    for (let i = this.firstLine[m]; i !== NONE && out.length < max; i = this.nextInMsg[i]) out.push(i);
    return out;
  }

  /** The message of a line (by its queue id), or undefined. */
  messageAt(line: number): number | undefined {
    const m = line >= 0 && line < this.lineCount ? this.msgOf[line] : NONE;
    return m === NONE ? undefined : m;
  }

  /** The latest line of message m's outstanding trouble, or -1. */
  latestProblemLine(m: number): number {
    let line = NONE;
    for (const p of this.problems.get(m)?.values() ?? []) if (p.line > line) line = p.line;
    return line;
  }

  /** Messages with outstanding trouble: per message one Trouble per kind (deferred, bounced) it has. */
  troubled(): Trouble[] {
    const out: Trouble[] = [];
    for (const [msg, open] of this.problems) {
      const byKind = new Map<TroubleKind, Trouble>();
      for (const [r, p] of open) {
        const kind = troubleKind(p);
        let t = byKind.get(kind);
        if (!t) byKind.set(kind, t = { msg, kind, line: NONE, recipients: [] });
        t.recipients.push([r, p]);
        if (p.line > t.line) t.line = p.line;
      }
      out.push(...byKind.values());
    }
    return out;
  }
}

