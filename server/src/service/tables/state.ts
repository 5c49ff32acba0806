// Per-document state of an open map file, kept up to date from incremental edits. Stored
// in columns (line texts, key hashes, cached issues, checked flags) rather than one object
// per line, so a million-line access file costs tens of megabytes, not hundreds. An edit
// replaces only the edited lines and adjusts the key counts; the next diagnose re-checks
// lines whose `checked` flag is 0.
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Issue } from './issues';
import { KeyCounter } from './keyIndex';

const NO_KEY = -1;

function spliceF64(a: Float64Array, at: number, del: number, add: number, fill: number): Float64Array {
  const out = new Float64Array(a.length - del + add);
  out.set(a.subarray(0, at), 0);
  out.fill(fill, at, at + add);
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
  lines: string[] = [];
  /** keyHash of the line's folded key, or -1 (no key). A hash >= 0 is counted in `keys`. */
  hashes: Float64Array = new Float64Array(0);
  /** Cached issues per line (undefined: none). Valid where checked[i] === 1. */
  issues: (Issue[] | undefined)[] = [];
  checked: Uint8Array = new Uint8Array(0);
  readonly keys = new KeyCounter();
  /** Environment key the cached issues were computed with. */
  envKey: string | undefined;

  constructor(text: string) { this.replaceAll(text); }

  replaceAll(text: string): void {
    this.lines = text.split('\n');
    const n = this.lines.length;
    this.hashes = new Float64Array(n).fill(NO_KEY);
    this.issues = new Array(n);
    this.checked = new Uint8Array(n);
    this.keys.clear();
    this.envKey = undefined;
  }

  /** Marks every line for re-checking (the mc changed). */
  invalidateAll(): void { this.checked.fill(0); }

  setKey(i: number, h: number): void {
    if (this.hashes[i] !== NO_KEY) this.keys.remove(this.hashes[i]);
    this.hashes[i] = h;
    if (h !== NO_KEY) this.keys.add(h);
  }

  apply(changes: TextDocumentContentChangeEvent[]): void {
    for (const c of changes) {
      if (!('range' in c) || !c.range) { this.replaceAll(c.text); continue; }
      const { start, end } = c.range;
      const last = this.lines.length - 1;
      const sl = Math.min(start.line, last), el = Math.min(end.line, last);
      const a = this.lines[sl], b = this.lines[el];
      const merged = a.slice(0, start.line > sl ? a.length : start.character) + c.text + b.slice(end.line > el ? b.length : end.character);
      const fresh = merged.split('\n');
      for (let i = sl; i <= el; i++) this.setKey(i, NO_KEY);
      const del = el - sl + 1;
      if (fresh.length === del) {
        for (let i = 0; i < del; i++) { this.lines[sl + i] = fresh[i]; this.checked[sl + i] = 0; this.issues[sl + i] = undefined; }
        continue;
      }
      if (fresh.length < 10000) { this.lines.splice(sl, del, ...fresh); this.issues.splice(sl, del, ...new Array<undefined>(fresh.length)); }
      else { // no huge argument spreads
        this.lines = this.lines.slice(0, sl).concat(fresh, this.lines.slice(el + 1));
        this.issues = this.issues.slice(0, sl).concat(new Array(fresh.length), this.issues.slice(el + 1));
      }
      this.hashes = spliceF64(this.hashes, sl, del, fresh.length, NO_KEY);
      this.checked = spliceU8(this.checked, sl, del, fresh.length);
    }
  }
}
