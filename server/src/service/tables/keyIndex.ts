// Duplicate-key bookkeeping for very large maps without a string per key: each folded key
// is reduced to a 32-bit number and an open-addressing table (two typed arrays) counts how
// many lines hold each number. A hash match is only a candidate: the reporter compares the
// real keys before calling anything a duplicate, so collisions cost a re-check, never a
// false diagnostic. 32 bits (not 53) halves the per-line and per-slot memory.

/** Per-line marker for "this line has no key" (a hash is never 0). */
export const NO_KEY = 0;

/** FNV-1a over char codes, then finishHash: hand-written scanners (lineScanners.ts) fold keys into it as they go. */
export const FNV_OFFSET = 0x811c9dc5, FNV_PRIME = 0x01000193;
/** Final mix so the top bits (which pick the table slot) depend on every character. */
export function finishHash(a: number): number {
  a = Math.imul(a ^ (a >>> 16), 0x85ebca6b);
  a = Math.imul(a ^ (a >>> 13), 0xc2b2ae35);
  return (a ^ (a >>> 16)) || 1;
}

/** Hash of a (folded) key. */
export function keyHash(s: string): number {
  let a = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) a = Math.imul(a ^ s.charCodeAt(i), FNV_PRIME);
  return finishHash(a);
}

/**
 * keyHash of the key that starts at `from` in `text` (up to the first blank or newline),
 * folded to lower case (ASCII), without building the key string. Equal to
 * keyHash(key.toLowerCase()) for ASCII keys, which are the only ones the fast paths accept.
 */
export function leadingKeyHash(text: string, from = 0): number {
  let a = FNV_OFFSET;
  for (let i = from; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10) break;
    if (c >= 65 && c <= 90) c += 32;
    a = Math.imul(a ^ c, FNV_PRIME);
  }
  return finishHash(a);
}

/** Largest share of used slots before the table grows (linear probing stays short below it). */
const MAX_LOAD = 0.8;
const MIN_BITS = 10;

/** Sorts 32-bit values ascending (two 16-bit radix passes: a million keys in ~20 ms). */
function radixSort(v: Uint32Array): void {
  const tmp = new Uint32Array(v.length), count = new Uint32Array(0x10000);
  for (let shift = 0, src: Uint32Array = v, dst: Uint32Array = tmp; shift < 32; shift += 16, [src, dst] = [dst, src]) {
    count.fill(0);
    for (let i = 0; i < src.length; i++) count[(src[i] >>> shift) & 0xffff]++;
    for (let j = 0, sum = 0; j < 0x10000; j++) { const c = count[j]; count[j] = sum; sum += c; }
    for (let i = 0; i < src.length; i++) { const x = src[i]; dst[count[(x >>> shift) & 0xffff]++] = x; }
  }
  // after an even number of passes the result is back in v
}

/**
 * The non-zero values that occur more than once. On a freshly opened file this is all
 * duplicate reporting needs, and it is several times cheaper than building the counting
 * table (KeyCounter), which can wait until the first edit. The values are first spread into
 * 256 runs by their top 8 bits (finishHash mixes every bit, so the runs are even), then each
 * run goes through one small table that stays in the processor's cache: a single table for
 * a million values would be probed at random across megabytes.
 */
export function repeatsOf(hashes: Int32Array): Set<number> {
  const start = new Int32Array(257);
  for (let i = 0; i < hashes.length; i++) { const h = hashes[i]; if (h !== 0) start[(h >>> 24) + 1]++; }
  let longest = 0;
  for (let r = 0; r < 256; r++) { longest = Math.max(longest, start[r + 1]); start[r + 1] += start[r]; }
  const runs = new Int32Array(start[256]), next = start.slice(0, 256);
  for (let i = 0; i < hashes.length; i++) { const h = hashes[i]; if (h !== 0) runs[next[h >>> 24]++] = h; }
  let bits = 4;
  while ((1 << bits) * MAX_LOAD < longest) bits++;
  const t = new Int32Array(1 << bits), mask = (1 << bits) - 1;
  const out = new Set<number>();
  for (let r = 0; r < 256; r++) {
    if (start[r + 1] === start[r]) continue;
    t.fill(0);
    for (let i = start[r]; i < start[r + 1]; i++) {
      const h = runs[i];
      for (let s = h & mask; ; s = (s + 1) & mask) {
        const x = t[s];
        if (x === 0) { t[s] = h; break; }
        if (x === h) { out.add(h); break; }
      }
    }
  }
  return out;
}

export class KeyCounter {
  /** Open addressing, key and count side by side (one cache line per probe): [hash, count, hash, count, ...]. */
  private table = new Int32Array(2 << MIN_BITS);
  private bits = MIN_BITS;
  /** Slots holding a key (including keys whose count dropped to 0). */
  private used = 0;
  /** Hashes held by more than one line. */
  readonly repeated = new Set<number>();

  private get capacity(): number { return this.table.length >> 1; }
  get isEmpty(): boolean { return this.used === 0; }

  private resize(bits: number): void { this.bits = bits; this.table = new Int32Array(2 << bits); this.used = 0; }

  /** Index (into table) of h's slot, or of the empty slot where it would go. The slot is picked by h's top bits. */
  private slot(h: number): number {
    const t = this.table, mask = (t.length >> 1) - 1;
    let i = h >>> (32 - this.bits);
    for (;;) {
      const k = t[2 * i];
      if (k === h || k === 0) return 2 * i;
      i = (i + 1) & mask;
    }
  }

  private grow(): void {
    const old = this.table;
    let live = 0;
    for (let i = 1; i < old.length; i += 2) if (old[i] > 0) live++;
    this.resize(this.bits + (live < this.capacity * MAX_LOAD / 2 ? 0 : 1)); // mostly tombstones: same size, just compact
    for (let i = 0; i < old.length; i += 2) if (old[i + 1] > 0) this.put(old[i], old[i + 1]);
  }

  private put(h: number, n: number): void {
    const s = this.slot(h);
    if (this.table[s] === 0) { this.table[s] = h; this.used++; }
    this.table[s + 1] += n;
    if (this.table[s + 1] >= 2 && this.table[s + 1] - n < 2) this.repeated.add(h);
  }

  /**
   * Counts every non-zero hash of a file at once (on its first edit). Sorting first makes
   * the inserts walk the table in order instead of jumping around 16 MB of it at random,
   * which is what made a million single adds slow.
   */
  bulkLoad(hashes: Int32Array): void {
    this.clear();
    let n = 0;
    for (let i = 0; i < hashes.length; i++) if (hashes[i] !== 0) n++;
    const v = new Uint32Array(n);
    for (let i = 0, j = 0; i < hashes.length; i++) if (hashes[i] !== 0) v[j++] = hashes[i];
    radixSort(v);
    let bits = MIN_BITS;
    while ((1 << bits) * MAX_LOAD < n) bits++;
    this.resize(bits);
    for (let i = 0; i < n;) {
      let j = i + 1;
      while (j < n && v[j] === v[i]) j++;
      this.put(v[i] | 0, j - i);
      i = j;
    }
  }

  add(h: number): void {
    if (this.used + 1 > this.capacity * MAX_LOAD) this.grow();
    this.put(h, 1);
  }

  remove(h: number): void {
    const t = this.table, s = this.slot(h);
    if (t[s] !== h || t[s + 1] === 0) return;
    if (--t[s + 1] === 1) this.repeated.delete(h); // a zero count stays as a tombstone
  }

  clear(): void { this.resize(MIN_BITS); this.repeated.clear(); }
}
