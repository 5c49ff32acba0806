// Per-document state of an open map file, kept up to date from incremental edits. Stored
// in columns rather than one object per line, so a million-line access file costs a few
// bytes per line on top of its text:
//  - the text as opened (`base`, the very string the document holds: no copy) plus, per
//    line, its offset in that text; only lines edited since are separate strings;
//  - key hashes, checked flags (typed arrays) and the issues of the few lines that have any.
// An edit replaces only the edited lines and adjusts the key counts; the next diagnose
// re-checks lines whose `checked` flag is 0.
// Lines are the document's lines: '\r\n', a lone '\r' and '\n' all end one (as
// vscode-languageserver-textdocument counts them), and edit positions are clamped as it
// clamps them, so the state never drifts from the text the editor shows.
import type { Position } from 'vscode-languageserver-types';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Issue } from './issues';
import { KeyCounter, NO_KEY, repeatsOf } from './keyIndex';

const NL = 10, CR = 13;
/** A line end: what TextDocument counts as one. */
const EOL = /\r\n?|\n/g;

/** Splits `text` into lines that keep their line ends; the part after the last line end comes last ('' if none). */
function splitKeepingEnds(text: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (let m = (EOL.lastIndex = 0, EOL.exec(text)); m; m = EOL.exec(text)) {
    out.push(text.slice(from, EOL.lastIndex));
    from = EOL.lastIndex;
  }
  out.push(text.slice(from));
  return out;
}

function spliceI32(a: Int32Array, at: number, del: number, add: number, fill: number): Int32Array {
  const out = new Int32Array(a.length - del + add);
  out.set(a.subarray(0, at), 0);
  if (fill !== 0) out.fill(fill, at, at + add);
  out.set(a.subarray(at + del), at + add);
  return out;
}
function spliceU8(a: Uint8Array, at: number, del: number, add: number): Uint8Array {
  const out = new Uint8Array(a.length - del + add);
  out.set(a.subarray(0, at), 0);
  out.set(a.subarray(at + del), at + add);
  return out;
}

export class TableState {
  /** The text lines are read from until they are edited. */
  base = '';
  /** Does `base` hold a '\r' not followed by '\n'? If not, lines end at '\n' (the common, fast case). */
  private baseLoneCR = false;
  /** Does `base` hold a '\r' at all? (loneCrIssues looks no further when neither it nor an edited line does.) */
  baseHasCR = false;
  /** Per line: start offset in `base` (>= 0), or -(slot + 1) for a line held in `edited`. */
  refs: Int32Array = new Int32Array(0);
  /** Texts of edited lines, with their line ends; slots of replaced lines are reused (`free`). */
  edited: string[] = [];
  private free: number[] = [];
  /** keyHash of the line's folded key, or NO_KEY. Every other value is counted in `keys`. */
  hashes: Int32Array = new Int32Array(0);
  /** Cached issues of the lines that have some. Valid where checked[i] === 1. */
  issues = new Map<number, Issue[]>();
  checked: Uint8Array = new Uint8Array(0);
  readonly keys = new KeyCounter();
  /**
   * False until the first edit: until then hashes are written uncounted, duplicates come
   * from a one-off scan (repeatsOf), and the counting table is bulk-loaded only when an
   * edit needs it (see KeyCounter.bulkLoad). Opening a file and never editing it (the
   * common case) never builds the table.
   */
  counted = false;
  /** repeatsOf(hashes) while uncounted; dropped whenever a hash changes. */
  private uncountedRepeats: Set<number> | undefined;
  /** Environment key the cached issues were computed with. */
  envKey: string | undefined;
  /**
   * Changes whenever the duplicate-key findings may change: a line with a repeated key (before or
   * after the change) gets a new key or a new text, or lines move. Caches of those findings keep
   * the value they were made with (diagnose.ts), so an edit elsewhere does not rescan the file.
   */
  keyEpoch = 0;

  constructor(text: string) { this.replaceAll(text); }

  get lineCount(): number { return this.refs.length; }

  /**
   * Text of line i without its '\n' ('' past the end). A '\r' that ends the line (CRLF or a
   * lone CR) is kept: the map checks report it, since makemap would store it.
   */
  line(i: number): string {
    if (i < 0 || i >= this.refs.length) return '';
    const r = this.refs[i];
    if (r < 0) { const t = this.edited[-r - 1]; return t.charCodeAt(t.length - 1) === NL ? t.slice(0, -1) : t; }
    if (!this.baseLoneCR) {
      const e = this.base.indexOf('\n', r);
      return this.base.slice(r, e < 0 ? this.base.length : e);
    }
    EOL.lastIndex = r;
    const m = EOL.exec(this.base);
    return this.base.slice(r, m ? (m[0] === '\n' ? m.index : m.index + 1) : this.base.length);
  }

  /** Text of line i with its line end ('\n', '\r\n', '\r', or none on the last line). */
  private raw(i: number): string {
    if (i < 0 || i >= this.refs.length) return '';
    const r = this.refs[i];
    if (r < 0) return this.edited[-r - 1];
    if (!this.baseLoneCR) {
      const e = this.base.indexOf('\n', r);
      return this.base.slice(r, e < 0 ? this.base.length : e + 1);
    }
    EOL.lastIndex = r;
    return EOL.exec(this.base) ? this.base.slice(r, EOL.lastIndex) : this.base.slice(r);
  }

  /** Length of line i without its line end: the largest character a position can have there. */
  private width(i: number): number {
    const t = this.line(i);
    return t.charCodeAt(t.length - 1) === CR ? t.length - 1 : t.length;
  }

  /** A position as TextDocument.offsetAt reads it: before line 0 → its start, past the last line → the end of the text, past a line's end → that end. */
  private clamp(p: Position): Position {
    const last = this.refs.length - 1;
    if (p.line < 0) return { line: 0, character: 0 };
    if (p.line > last) return { line: last, character: this.width(last) };
    return { line: p.line, character: Math.max(0, Math.min(p.character, this.width(p.line))) };
  }

  replaceAll(text: string): void {
    // One pass over the text: the array starts at a guess (lines of 32 characters) and doubles when short.
    let refs = new Int32Array((text.length >> 5) + 16), n = 1;
    const push = (start: number) => {
      if (n === refs.length) { const bigger = new Int32Array(n * 2); bigger.set(refs); refs = bigger; }
      refs[n++] = start;
    };
    this.baseHasCR = text.includes('\r');
    this.baseLoneCR = this.baseHasCR && /\r(?!\n)/.test(text);
    if (!this.baseLoneCR) for (let p = text.indexOf('\n'); p >= 0; p = text.indexOf('\n', p + 1)) push(p + 1);
    else for (let m = (EOL.lastIndex = 0, EOL.exec(text)); m; m = EOL.exec(text)) push(EOL.lastIndex);
    refs = refs.subarray(0, n); // a view: no second copy
    this.base = text;
    this.refs = refs;
    this.edited = [];
    this.free = [];
    this.hashes = new Int32Array(n);
    this.issues = new Map();
    this.checked = new Uint8Array(n);
    this.keys.clear();
    this.counted = false;
    this.uncountedRepeats = undefined;
    this.envKey = undefined;
    this.keyEpoch++;
  }

  /** Counts the keys written while `counted` was false. */
  countKeys(): void {
    if (this.counted) return;
    this.keys.bulkLoad(this.hashes);
    this.counted = true;
    this.uncountedRepeats = undefined;
  }

  /** Key hashes held by more than one line. */
  repeated(): ReadonlySet<number> {
    if (this.counted) return this.keys.repeated;
    return (this.uncountedRepeats ??= repeatsOf(this.hashes));
  }

  /** Marks every line for re-checking (the mc changed). */
  invalidateAll(): void { this.checked.fill(0); }

  /** Sets line i's key hash; called for every re-checked line, even when the hash stays (the key's case may not). */
  setKey(i: number, h: number): void {
    if (!this.counted) { this.hashes[i] = h; this.uncountedRepeats = undefined; this.keyEpoch++; return; }
    const old = this.hashes[i], rep = this.keys.repeated;
    if (rep.has(old)) this.keyEpoch++;
    if (old === h) return;
    if (old !== NO_KEY) this.keys.remove(old);
    this.hashes[i] = h;
    if (h !== NO_KEY) { this.keys.add(h); if (rep.has(h)) this.keyEpoch++; }
  }

  private store(s: string): number {
    const slot = this.free.length ? this.free.pop()! : this.edited.push('') - 1;
    this.edited[slot] = s;
    return -(slot + 1);
  }

  private release(i: number): void {
    const r = this.refs[i];
    if (r < 0) { this.edited[-r - 1] = ''; this.free.push(-r - 1); }
  }

  apply(changes: TextDocumentContentChangeEvent[]): void {
    for (const c of changes) {
      if (!('range' in c) || !c.range) { this.replaceAll(c.text); continue; }
      this.countKeys(); // from now on keys are counted per line (an edit touches a few)
      let start = this.clamp(c.range.start), end = this.clamp(c.range.end);
      if (start.line > end.line || (start.line === end.line && start.character > end.character)) [start, end] = [end, start];
      let sl = start.line;
      const el = end.line, last = this.refs.length - 1;
      // Positions are clamped before a line end, so the suffix keeps line el's end: the lines
      // after el stay as they are. Only a '\n' landing after a lone '\r' joins two lines.
      let merged = this.raw(sl).slice(0, start.character) + c.text + this.raw(el).slice(end.character);
      if (merged.charCodeAt(0) === NL && sl > 0 && this.endsInLoneCR(sl - 1)) merged = this.raw(--sl) + merged;
      const fresh = splitKeepingEnds(merged);
      if (el < last) fresh.pop(); // the '' after el's line end starts line el + 1, which is kept
      const del = el - sl + 1;
      for (let i = sl; i <= el; i++) { this.setKey(i, NO_KEY); this.release(i); this.issues.delete(i); }
      if (fresh.length !== del) {
        const shift = fresh.length - del;
        this.keyEpoch++; // the lines below moved
        this.refs = spliceI32(this.refs, sl, del, fresh.length, 0);
        this.hashes = spliceI32(this.hashes, sl, del, fresh.length, NO_KEY);
        this.checked = spliceU8(this.checked, sl, del, fresh.length);
        if (this.issues.size) {
          const moved = new Map<number, Issue[]>();
          for (const [n, is] of this.issues) moved.set(n > el ? n + shift : n, is);
          this.issues = moved;
        }
      }
      for (let i = 0; i < fresh.length; i++) { this.refs[sl + i] = this.store(fresh[i]); this.checked[sl + i] = 0; }
    }
  }

  private endsInLoneCR(i: number): boolean {
    const raw = this.raw(i);
    return raw.charCodeAt(raw.length - 1) === CR;
  }

  // For PendingDocument (service/pendingDocument.ts, issue #12): the current text in one pass,
  // whatever the number of edits, and one copy of it. Self-contained: text() only reads; adopt()
  // writes base, baseLoneCR, baseHasCR, refs, edited and free, never keys, hashes, flags or issues.

  /**
   * The document's text, as TextDocument holds it after the same edits: each run of untouched
   * lines is one slice of `base` (a run ends where the next line does not start at the end of
   * the previous one), edited lines are added as they are, all joined once.
   */
  text(): string {
    const base = this.base, refs = this.refs, n = refs.length, parts: string[] = [];
    const lineEnd = this.baseLoneCR
      ? (r: number) => { EOL.lastIndex = r; return EOL.exec(base) ? EOL.lastIndex : base.length; }
      : (r: number) => { const e = base.indexOf('\n', r); return e < 0 ? base.length : e + 1; };
    let from = -1, to = -1; // the run being extended: base.slice(from, to)
    for (let i = 0; i < n; i++) {
      const r = refs[i];
      if (r >= 0 && r === to && from >= 0) { to = lineEnd(r); continue; }
      if (from >= 0) parts.push(base.slice(from, to));
      if (r >= 0) { from = r; to = lineEnd(r); } else { from = to = -1; parts.push(this.edited[-r - 1]); }
    }
    if (from >= 0) parts.push(base.slice(from, to));
    return parts.length === 1 ? parts[0] : parts.join('');
  }

  /**
   * Reads the lines from `text` from now on, which must be what text() returned (nothing
   * applied since), so the old base and the edited line strings can be freed. Lines still to
   * be checked keep their own strings: the checks' cached issues may hold slices of the line
   * they read, and a slice of `text` would keep the whole text alive after the next adopt.
   * The lines are the same, so keys, checked flags and issues stay. False, and nothing
   * changed, when `text` does not have this many lines.
   */
  adopt(text: string): boolean {
    const n = this.refs.length, refs = new Int32Array(n);
    const hasCR = text.includes('\r'), loneCR = hasCR && /\r(?!\n)/.test(text);
    let k = 1; // lines seen: one more than the line ends
    if (!loneCR) {
      for (let p = text.indexOf('\n'); p >= 0 && k <= n; p = text.indexOf('\n', p + 1)) { if (k < n) refs[k] = p + 1; k++; }
    } else {
      for (let m = (EOL.lastIndex = 0, EOL.exec(text)); m && k <= n; m = EOL.exec(text)) { if (k < n) refs[k] = EOL.lastIndex; k++; }
    }
    if (k !== n) return false;
    const edited: string[] = [];
    for (let i = 0; i < n; i++) {
      const r = this.refs[i];
      if (r < 0 && this.checked[i] === 0) refs[i] = -edited.push(this.edited[-r - 1]);
    }
    this.base = text;
    this.baseHasCR = hasCR;
    this.baseLoneCR = loneCR;
    this.refs = refs;
    this.edited = edited;
    this.free = [];
    return true;
  }
}
