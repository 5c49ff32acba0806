// What Diagnose delivery is asked about: an address (user@domain) or a bare domain, validated
// before anything runs (the address goes to sendmail -bt; the domain and the DNS server to the
// resolver). A bare domain is tested as postmaster@domain, which every domain must accept.
import { isIP } from 'node:net';
import { addressProblem } from '../commands/address';

export interface Target {
  /** What the user typed (trimmed). */
  input: string;
  /** The address given to sendmail -bt. */
  address: string;
  domain: string;
}

const LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

/** Why `name` is not a host or domain name (undefined: it is one). */
export function domainProblem(name: string): string | undefined {
  const n = name.replace(/\.$/, '');
  if (!n) return 'the domain is empty';
  if (n.length > 253) return 'the domain is longer than 253 characters';
  if (!n.split('.').every((l) => LABEL.test(l))) return `"${name}" is not a domain name (letters, digits and hyphens, separated by dots)`;
  return undefined;
}

/** The target, or why it is refused. */
export function parseTarget(text: string): Target | string {
  const input = text.trim();
  const bare = input.replace(/^<(.*)>$/, '$1');
  const at = bare.lastIndexOf('@');
  if (at < 0) {
    const p = domainProblem(bare);
    return p ?? { input, address: `postmaster@${bare.replace(/\.$/, '')}`, domain: bare.replace(/\.$/, '').toLowerCase() };
  }
  const a = addressProblem(bare);
  if (a) return a;
  if (at === 0) return 'the address has no local part before @';
  const domain = bare.slice(at + 1);
  const d = domainProblem(domain);
  return d ?? { input, address: bare, domain: domain.replace(/\.$/, '').toLowerCase() };
}

/** A DNS server setting ("127.0.0.1", "127.0.0.1:5353", "::1", "[::1]:53") as node's setServers takes it, or why it is refused. */
export function dnsServerProblem(s: string): string | undefined {
  if (isIP(s)) return undefined;
  const m = /^(?:([\d.]+)|\[([0-9A-Fa-f:.]+)\]):(\d{1,5})$/.exec(s);
  if (!m || isIP(m[1] ?? m[2]) !== (m[1] ? 4 : 6)) return `"${s}" is not an IP address with an optional port (e.g. 127.0.0.1:53)`;
  if (Number(m[3]) < 1 || Number(m[3]) > 65535) return `port ${m[3]} is out of range`;
  return undefined;
}
