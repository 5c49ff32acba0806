// Per-document state of an open map file, kept up to date from incremental edits. Stored
// in columns rather than one object per line, so a million-line access file costs a few
// bytes per line on top of its text:
//  - the text as opened (`base`, the very string the document holds: no copy) plus, per
//    line, its offset in that text; only lines edited since are separate strings;
//  - key hashes, checked flags (typed arrays) and the issues of the few lines that have any.
// An edit replaces only the edited lines and adjusts the key counts; the next diagnose
// re-checks lines whose `checked` flag is 0.
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Issue } from './issues';
import { KeyCounter, NO_KEY, repeatsOf } from './keyIndex';

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
  /** Per line: start offset in `base` (>= 0), or -(slot + 1) for a line held in `edited`. */
  refs: Int32Array = new Int32Array(0);
  /** Texts of edited lines; slots of replaced lines are reused (`free`). */
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

  constructor(text: string) { this.replaceAll(text); }

  get lineCount(): number { return this.refs.length; }

  /** Text of line i without its '\n' ('' past the end). */
  line(i: number): string {
    if (i < 0 || i >= this.refs.length) return '';
    const r = this.refs[i];
    if (r < 0) return this.edited[-r - 1];
    const e = this.base.indexOf('\n', r);
    return this.base.slice(r, e < 0 ? this.base.length : e);
  }

  replaceAll(text: string): void {
    // One pass over the text: the array starts at a guess (lines of 32 characters) and doubles when short.
    let refs = new Int32Array((text.length >> 5) + 16), n = 1;
    for (let p = text.indexOf('\n'); p >= 0; p = text.indexOf('\n', p + 1)) {
      if (n === refs.length) { const bigger = new Int32Array(n * 2); bigger.set(refs); refs = bigger; }
      refs[n++] = p + 1;
    }
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

  setKey(i: number, h: number): void {
    if (!this.counted) { this.hashes[i] = h; this.uncountedRepeats = undefined; return; }
    const old = this.hashes[i];
    if (old === h) return;
    if (old !== NO_KEY) this.keys.remove(old);
    this.hashes[i] = h;
    if (h !== NO_KEY) this.keys.add(h);
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
      const { start, end } = c.range;
      const last = this.refs.length - 1;
      const sl = Math.min(start.line, last), el = Math.min(end.line, last);
      const a = this.line(sl), b = this.line(el);
      const merged = a.slice(0, start.line > sl ? a.length : start.character) + c.text + b.slice(end.line > el ? b.length : end.character);
      const fresh = merged.split('\n');
      const del = el - sl + 1;
      for (let i = sl; i <= el; i++) { this.setKey(i, NO_KEY); this.release(i); this.issues.delete(i); }
      if (fresh.length !== del) {
        const shift = fresh.length - del;
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
}
