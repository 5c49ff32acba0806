// Host, address and domain syntax shared by the map dialects.

export function isIPv4(s: string): boolean {
  const p = s.split('.');
  return p.length === 4 && p.every((x) => /^\d{1,3}$/.test(x) && Number(x) <= 255);
}

/** A dotted IPv4 network prefix as the access map takes it: 1 to 4 octets ("10", "192.168", "10.1.2.3"). */
export function isIPv4Prefix(s: string): boolean {
  const p = s.split('.');
  return p.length >= 1 && p.length <= 4 && p.every((x) => /^\d{1,3}$/.test(x) && Number(x) <= 255);
}

/** Hex groups with at most one '::' (full address or a prefix, as access keys allow). */
export function isIPv6ish(s: string): boolean {
  if (!/^[0-9A-Fa-f:.]+$/.test(s) || s.split('::').length > 2) return false;
  const groups = s.split(':').filter((g) => g !== '');
  if (groups.length > 8) return false;
  return groups.every((g, i) => /^[0-9A-Fa-f]{1,4}$/.test(g) || (i === groups.length - 1 && isIPv4(g)));
}

/** Host or domain name: labels of letters, digits, '-', '_' (sendmail tolerates '_'). */
export function isHostName(s: string): boolean {
  if (s.length === 0 || s.length > 255) return false;
  const t = s.endsWith('.') ? s.slice(0, -1) : s;
  return t.split('.').every((l) => /^[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$/.test(l));
}

export interface HostPart {
  /** As written, e.g. "[mx.example.com]". */
  text: string;
  /** Without brackets. */
  name: string;
  bracketed: boolean;
  kind: 'name' | 'ipv4' | 'ipv6' | 'bad';
}

/** Classifies one host of a mailertable/relay value ("[10.0.0.1]", "[IPv6:::1]", "[::1]", "mx.example.com"). */
export function parseHost(text: string): HostPart {
  const bracketed = text.startsWith('[') && text.endsWith(']') && text.length >= 2;
  const name = bracketed ? text.slice(1, -1) : text;
  let kind: HostPart['kind'] = 'bad';
  if (/^IPv6:/i.test(name)) kind = isIPv6ish(name.slice(5)) ? 'ipv6' : 'bad';
  // [::1] without the IPv6: tag works as well: sendmail 8.17 delivered to it (test/unit/claims).
  else if (bracketed && name.includes(':') && isIPv6ish(name)) kind = 'ipv6';
  else if (isIPv4(name)) kind = 'ipv4';
  else if (isHostName(name) || name.includes('%')) kind = 'name';
  return { text, name, bracketed, kind };
}

/** What sendmail does with a relay host: the sentence shown in hovers. */
export function describeHost(h: HostPart): string {
  if (h.kind === 'ipv4' || h.kind === 'ipv6') {
    return h.bracketed
      ? `connects straight to the address ${h.name} (no DNS lookup).`
      : `an IP address must be written in brackets (\`[${h.name}]\`); without them sendmail treats it as a host name and looks up MX records for it.`;
  }
  return h.bracketed
    ? `connects to the A/AAAA address of \`${h.name}\`, **ignoring its MX records** (brackets turn MX lookup off).`
    : `looks up the **MX records** of \`${h.name}\` and delivers to the best MX host (falling back to its A/AAAA address if it has no MX).`;
}

/** The 8 groups of a full IPv6 address (with or without '::'), as numbers; undefined for prefixes and v4-embedded forms. */
export function ipv6Groups(s: string): number[] | undefined {
  if (!isIPv6ish(s) || s.includes('.')) return undefined;
  const [head, tail] = s.split('::');
  const part = (x: string | undefined) => (x ? x.split(':').map((g) => parseInt(g, 16)) : []);
  const h = part(head), t = part(tail);
  if (tail === undefined) return h.length === 8 ? h : undefined;
  if (h.length + t.length > 7) return undefined;
  return [...h, ...Array(8 - h.length - t.length).fill(0), ...t];
}

/** How sendmail 8.15+ writes a client address by default: every group, no leading zeros (0:0:0:0:0:0:0:1). */
export const uncompressedIPv6 = (g: number[]) => g.map((x) => x.toString(16)).join(':');

/** inet_ntop's form, used with UseCompressedIPv6Addresses: the longest run of two or more zero groups becomes '::'. */
export function compressedIPv6(g: number[]): string {
  let best = -1, bestLen = 0;
  for (let i = 0; i < 8;) {
    if (g[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) { best = i; bestLen = j - i; }
    i = j;
  }
  const hex = (a: number[]) => a.map((x) => x.toString(16)).join(':');
  return bestLen < 2 ? hex(g) : `${hex(g.slice(0, best))}::${hex(g.slice(best + bestLen))}`;
}
