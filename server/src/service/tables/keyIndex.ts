// Duplicate-key bookkeeping for very large maps without a string per key: each folded key
// is reduced to a 53-bit number (two independent 32-bit string hashes), and an
// open-addressing table counts how many lines hold each number. Hash equality is only a
// candidate: the reporter compares the real keys before calling anything a duplicate.

/** 53-bit hash of a string (exactly representable in a double; never 0 or negative). */
export function keyHash(s: string): number {
  let a = 0x811c9dc5, b = 5381;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = (Math.imul(b, 33) + c) | 0;
  }
  return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff) + 1;
}

/** keyHash of text[0..first blank) folded to lower case (ASCII), without building the string. */
export function leadingKeyHash(text: string): number {
  let a = 0x811c9dc5, b = 5381;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c === 32 || c === 9) break;
    if (c >= 65 && c <= 90) c += 32;
    a = Math.imul(a ^ c, 0x01000193);
    b = (Math.imul(b, 33) + c) | 0;
  }
  return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff) + 1;
}

export class KeyCounter {
  private keys = new Float64Array(1024);
  private counts = new Int32Array(1024);
  private used = 0;
  /** Hashes held by more than one line. */
  readonly repeated = new Set<number>();

  private slot(h: number): number {
    const mask = this.keys.length - 1;
    let i = (h ^ (h / 0x100000000)) & mask;
    for (;;) {
      const k = this.keys[i];
      if (k === h || k === 0) return i;
      i = (i + 1) & mask;
    }
  }

  private grow(): void {
    const oldK = this.keys, oldC = this.counts;
    this.keys = new Float64Array(oldK.length * 2);
    this.counts = new Int32Array(oldK.length * 2);
    this.used = 0;
    for (let i = 0; i < oldK.length; i++) {
      if (oldK[i] !== 0 && oldC[i] > 0) { const s = this.slot(oldK[i]); this.keys[s] = oldK[i]; this.counts[s] = oldC[i]; this.used++; }
    }
  }

  add(h: number): void {
    if ((this.used + 1) * 2 > this.keys.length) this.grow();
    const s = this.slot(h);
    if (this.keys[s] === 0) { this.keys[s] = h; this.used++; }
    if (++this.counts[s] === 2) this.repeated.add(h);
  }

  remove(h: number): void {
    const s = this.slot(h);
    if (this.keys[s] !== h || this.counts[s] === 0) return;
    if (--this.counts[s] === 1) this.repeated.delete(h); // a zero count stays as a tombstone
  }

  clear(): void { this.keys = new Float64Array(1024); this.counts = new Int32Array(1024); this.used = 0; this.repeated.clear(); }
}
