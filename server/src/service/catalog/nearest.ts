// "Did you mean ...?" suggestions: the closest candidate by edit distance.

/** Levenshtein distance, with an early exit once every cell in a row exceeds `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (cur[j] < rowMin) rowMin = cur[j];
    }
    if (rowMin > limit) return limit + 1;
    prev = cur;
  }
  return prev[b.length];
}

/**
 * The candidate closest to `name` (case-insensitive), or undefined when none is close
 * enough. The threshold grows with the name: 1 edit for short names, about a third of the
 * length for long ones, so `acess_db` finds `access_db` but `foo` does not find `bcc`.
 * A candidate that only differs in case, or that the name is a prefix/suffix-trimmed
 * version of (e.g. `cw_file` for `use_cw_file`), also counts.
 */
export function nearest(name: string, candidates: Iterable<string>): string | undefined {
  const n = name.toLowerCase();
  if (!n || n.length > 200) return undefined;
  const limit = n.length <= 3 ? 1 : n.length <= 6 ? 2 : Math.min(4, Math.ceil(n.length / 3));
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const lc = c.toLowerCase();
    if (lc === n) return c;
    let d = editDistance(n, lc, limit);
    // A missing prefix or suffix ("cw_file" vs "use_cw_file") is a plausible slip too.
    if (d > limit && n.length >= 5 && lc.includes(n)) d = limit;
    if (d <= limit && d < bestScore) { best = c; bestScore = d; }
  }
  return best;
}
