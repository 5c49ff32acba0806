// Step 2 of Diagnose delivery: DNS as sendmail sees it. For a host written without brackets
// sendmail looks up its MX records and connects to the exchangers by preference (no MX record:
// the host itself, the "implicit MX"); a [bracketed] host is used as written, by its address.
// node's dns.promises.Resolver, on the system's name servers or the one configured (machine
// setting sendmail.diagnose.dnsServer, `--dns-server`); NXDOMAIN, SERVFAIL and timeouts are
// reported as such. IPv4 (A) records only: sendmail also tries AAAA when built with IPv6.
import { Resolver } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { Log } from '../commands/run';

export type DnsFailure = 'NXDOMAIN' | 'NODATA' | 'SERVFAIL' | 'TIMEOUT' | 'REFUSED' | 'CANCELLED' | 'ERROR';

export interface AddressLookup { name: string; addresses: string[]; failure?: DnsFailure; detail?: string; ms: number }

export interface HostDns {
  /** The host as the route names it, brackets removed. */
  host: string;
  bracketed: boolean;
  /** MX records by preference (unbracketed hosts); empty with `implicit` when the host has none. */
  mx?: { exchange: string; preference: number; lookup: AddressLookup }[];
  /** The MX lookup's failure (then no address is tried), or NODATA for "no MX record". */
  mxFailure?: DnsFailure;
  mxDetail?: string;
  /** No MX record: sendmail connects to the host's own address. */
  implicit?: boolean;
  /** The host's own lookup (bracketed, implicit MX). */
  lookup?: AddressLookup;
  ms: number;
}

/** One address to connect to, in sendmail's order. */
export interface Candidate { name: string; address: string; preference?: number }

export interface DnsOptions {
  /** "ip" or "ip:port" (machine setting); undefined: the system resolver's servers. */
  server?: string;
  timeoutMs?: number;
  log?: Log;
  signal?: AbortSignal;
}

/** node's error codes as DNS answers people know. */
export function dnsFailureOf(code: string | undefined): DnsFailure {
  switch (code) {
    case 'ENOTFOUND': return 'NXDOMAIN';
    case 'ENODATA': return 'NODATA';
    case 'ESERVFAIL': return 'SERVFAIL';
    case 'ETIMEOUT': return 'TIMEOUT';
    case 'EREFUSED': return 'REFUSED';
    case 'ECANCELLED': return 'CANCELLED';
    default: return 'ERROR';
  }
}

export const FAILURE_TEXT: Record<DnsFailure, string> = {
  NXDOMAIN: 'does not exist (NXDOMAIN)',
  NODATA: 'has no such record',
  SERVFAIL: 'could not be answered: the name server failed (SERVFAIL)',
  TIMEOUT: 'could not be answered: the name server did not reply in time',
  REFUSED: 'could not be answered: the name server refused the query',
  CANCELLED: 'was cancelled',
  ERROR: 'failed',
};

function makeResolver(o: DnsOptions): Resolver {
  const r = new Resolver({ timeout: o.timeoutMs ?? 5000, tries: 1 });
  if (o.server) r.setServers([o.server]);
  o.signal?.addEventListener('abort', () => r.cancel(), { once: true });
  return r;
}

const ms = (t0: number) => Date.now() - t0;
const errCode = (e: unknown) => (e as NodeJS.ErrnoException).code;

async function lookupA(r: Resolver, name: string, o: DnsOptions): Promise<AddressLookup> {
  const t0 = Date.now();
  if (isIP(name)) return { name, addresses: [name], ms: 0 };
  try {
    const addresses = await r.resolve4(name);
    o.log?.(`dns: A ${name} -> ${addresses.join(', ')} (${ms(t0)} ms)`);
    return { name, addresses, ms: ms(t0) };
  } catch (e) {
    const failure = dnsFailureOf(errCode(e));
    o.log?.(`dns: A ${name} -> ${failure} ${errCode(e) ?? ''} (${ms(t0)} ms)`);
    return { name, addresses: [], failure, detail: (e as Error).message, ms: ms(t0) };
  }
}

/** Looks up one host of the route the way sendmail would. */
export async function lookupHost(r: Resolver, routeHost: string, o: DnsOptions): Promise<HostDns> {
  const t0 = Date.now();
  const bracketed = /^\[.*\]$/.test(routeHost);
  const host = routeHost.replace(/^\[(?:IPv6:)?|\]$/gi, '').replace(/\.$/, '');
  if (bracketed || isIP(host)) return { host, bracketed, lookup: await lookupA(r, host, o), ms: ms(t0) };
  try {
    const records = (await r.resolveMx(host)).sort((a, b) => a.priority - b.priority);
    o.log?.(`dns: MX ${host} -> ${records.map((m) => `${m.priority} ${m.exchange}`).join(', ') || '(empty)'} (${ms(t0)} ms)`);
    const mx = [];
    for (const m of records) mx.push({ exchange: m.exchange, preference: m.priority, lookup: await lookupA(r, m.exchange, o) });
    return { host, bracketed, mx, ms: ms(t0) };
  } catch (e) {
    const failure = dnsFailureOf(errCode(e));
    o.log?.(`dns: MX ${host} -> ${failure} ${errCode(e) ?? ''} (${ms(t0)} ms)`);
    if (failure !== 'NODATA') return { host, bracketed, mx: [], mxFailure: failure, mxDetail: (e as Error).message, ms: ms(t0) };
    return { host, bracketed, mx: [], mxFailure: failure, implicit: true, lookup: await lookupA(r, host, o), ms: ms(t0) };
  }
}

/** DNS for every host of the route, in the route's order. */
export async function dnsStep(hosts: string[], o: DnsOptions): Promise<HostDns[]> {
  const r = makeResolver(o);
  o.log?.(`dns: asking ${o.server ?? `the system resolver (${r.getServers().join(', ') || 'no servers'})`}`);
  const out: HostDns[] = [];
  for (const h of hosts) {
    if (o.signal?.aborted) break;
    out.push(await lookupHost(r, h, o));
  }
  return out;
}

/** The addresses sendmail would try, in order (MX preference, then the record order), each once. */
export function candidates(dns: HostDns[]): Candidate[] {
  const seen = new Set<string>();
  const out: Candidate[] = [];
  const add = (name: string, addresses: string[], preference?: number) => {
    for (const address of addresses) if (!seen.has(address)) { seen.add(address); out.push({ name, address, preference }); }
  };
  for (const d of dns) {
    if (d.lookup) add(d.host, d.lookup.addresses);
    for (const m of d.mx ?? []) add(m.exchange, m.lookup.addresses, m.preference);
  }
  return out;
}
