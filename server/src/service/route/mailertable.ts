// Reads a mailertable source into entries, and lists the keys sendmail looks up for a host:
// the host itself, then each parent domain with a leading dot, then "." (the catch-all).
//   a.b.example.org -> a.b.example.org, .b.example.org, .example.org, .org, .
export interface MailertableEntry {
  /** Key as sendmail sees it (makemap folds keys to lower case). */
  key: string;
  value: string;
  /** 0-based line in the source. */
  line: number;
  /** Character range of the key on its line. */
  keyStart: number;
  keyEnd: number;
}

export function parseMailertable(text: string): MailertableEntry[] {
  const entries: MailertableEntry[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].length > 10_000 ? lines[i].slice(0, 10_000) : lines[i];
    const m = /^(\s*)(\S+)(?:\s+(.*?))?\s*$/.exec(raw.replace(/\r$/, ''));
    if (!m || m[2].startsWith('#')) continue;
    entries.push({ key: m[2].toLowerCase(), value: m[3] ?? '', line: i, keyStart: m[1].length, keyEnd: m[1].length + m[2].length });
  }
  return entries;
}

/** Lookup order for `host` (lower-cased, trailing dot removed). */
export function mailertableKeys(host: string): string[] {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (!h) return ['.'];
  const keys = [h];
  const labels = h.split('.');
  for (let i = 1; i < labels.length; i++) keys.push('.' + labels.slice(i).join('.'));
  keys.push('.');
  return keys;
}

/** An address that exercises a mailertable key: example.com -> postmaster@example.com, .example.com -> postmaster@host.example.com. */
export function sampleAddressForKey(key: string): string | undefined {
  if (key === '.') return 'postmaster@example.net';
  if (/^\.[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/.test(key)) return `postmaster@host${key}`;
  if (/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/.test(key) || /^\[[0-9A-Fa-f.:]+\]$/.test(key)) return `postmaster@${key}`;
  return undefined;
}
