// "Did you mean ...?" suggestions: the closest candidate by edit distance.

/**
 * Edit distance counting insertions, deletions, substitutions and swaps of two neighbouring
 * characters (optimal string alignment: `mailertabel` is one edit from `mailertable`), with an
 * early exit once a whole row exceeds `limit`.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length];
}

export interface NearestOptions {
  /** Largest distance accepted for a name of this length (default: grows with the length). */
  maxDistance?: (length: number) => number;
  /** Also accept a candidate that merely contains the name (`cw_file` → `use_cw_file`). Default true. */
  substrings?: boolean;
}

const defaultLimit = (len: number) => (len <= 3 ? 1 : len <= 6 ? 2 : Math.min(4, Math.ceil(len / 3)));

/**
 * The candidate closest to `name` (case-insensitive), or undefined when none is close
 * enough. The default threshold grows with the name: 1 edit for short names, about a third
 * of the length for long ones, so `acess_db` finds `access_db` but `foo` does not find `bcc`.
 * Map files pass a stricter threshold: there, user-defined words are legal and a loose match
 * would be a false alarm.
 */
export function nearest(name: string, candidates: Iterable<string>, opts: NearestOptions = {}): string | undefined {
  const n = name.toLowerCase();
  if (!n || n.length > 200) return undefined;
  const limit = (opts.maxDistance ?? defaultLimit)(n.length);
  const substrings = opts.substrings ?? true;
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const lc = c.toLowerCase();
    if (lc === n) return c;
    let d = editDistance(n, lc, limit);
    // A missing prefix or suffix ("cw_file" vs "use_cw_file") is a plausible slip too.
    if (substrings && d > limit && n.length >= 5 && lc.includes(n)) d = limit;
    if (d <= limit && d < bestScore) { best = c; bestScore = d; }
  }
  return best;
}
