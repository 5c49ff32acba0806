// Did-you-mean: the closest candidate by edit distance (case-insensitive).
// Local helper; the catalog may grow a shared one later.

function distance(a: string, b: string): number {
  // Optimal string alignment: insert, delete, substitute, swap two neighbours (esmpt -> esmtp).
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) { d.push(new Array<number>(b.length + 1).fill(0)); d[i][0] = i; }
  for (let j = 0; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** Closest candidate within a distance of about a third of the word's length, or undefined. */
export function nearest(word: string, candidates: Iterable<string>): string | undefined {
  if (word.length > 64) return undefined; // nobody misspells a keyword this long
  const w = word.toLowerCase();
  const limit = Math.max(1, Math.floor(w.length / 3));
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    if (Math.abs(c.length - w.length) > limit) continue;
    const d = distance(w, c.toLowerCase());
    if (d < bestD && d <= limit) { best = c; bestD = d; }
  }
  return best;
}
