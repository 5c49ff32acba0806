// Step 4 of Diagnose delivery: the verdict in plain words, with the next step and, where a
// configuration change is the answer, the edits prepared for review (edits.ts). The rules, in
// order: the route (local, refused by the configuration, no network mailer), DNS (the domain
// does not exist, the name server fails), then what the servers did (one accepted; every
// connection timed out; refused; greeted with 421/554; never greeted).
import type { Target } from './target';
import type { RouteStep } from './route';
import { FAILURE_TEXT, type HostDns } from './dns';
import type { Probe } from './smtpProbe';
import { relayEdits, RELAY_PLACEHOLDER, type PreparedEdit } from './edits';

export type VerdictKind = 'ok' | 'local' | 'refused-by-config' | 'no-network' | 'nxdomain' | 'dns-failure' | 'no-address'
  | 'blocked-port' | 'connect-timeout' | 'refused' | 'rejected-greeting' | 'no-greeting' | 'failed' | 'cancelled';

export interface Verdict { kind: VerdictKind; text: string; next: string; edits: PreparedEdit[] }

export interface VerdictInput {
  target: Target;
  route: RouteStep;
  dns: HostDns[];
  probes: Probe[];
  /** The folder's sendmail.mc text, for the prepared edits ('' when there is none). */
  mcText: string;
  /** The provider's submission server, when known (else a placeholder the admin replaces). */
  relayHost?: string;
  cancelled?: boolean;
}

const hostList = (r: RouteStep) => r.hosts.map((h) => h.host).join(', ');
const names = (ps: Probe[]) => [...new Set(ps.map((p) => `${p.name} [${p.address}]`))].join(', ');

/** Where the failing connections went, in the words of the route: "every MX host of gmail.com". */
function where(v: VerdictInput): string {
  const d = v.dns;
  if (d.length === 1 && !d[0].bracketed && !d[0].implicit && (d[0].mx?.length ?? 0) > 0) return `every MX host of ${d[0].host}`;
  return v.probes.length === 1 ? names(v.probes) : `every host (${names(v.probes)})`;
}

function relayAdvice(v: VerdictInput): { next: string; edits: PreparedEdit[] } {
  const host = v.relayHost ?? RELAY_PLACEHOLDER;
  return {
    next: `Relay through your provider's submission server: SMART_HOST \`[${host}]\`, port 587, with AUTH.`
      + (v.relayHost ? '' : ` Replace ${RELAY_PLACEHOLDER} with your provider's server.`)
      + ' Review the prepared edits, rebuild sendmail.cf, then Retry now.',
    edits: relayEdits(v.mcText, { host, port: 587, auth: true }),
  };
}

export function verdict(v: VerdictInput): Verdict {
  const r = v.route;
  const none = { edits: [] as PreparedEdit[] };
  if (v.cancelled) return { kind: 'cancelled', text: 'Cancelled.', next: 'Run the diagnosis again.', ...none };
  if (r.report.verdict === 'rejected') {
    return { kind: 'refused-by-config', text: `sendmail refuses mail for ${v.target.address} itself (mailer ${r.mailer}), before any connection.`, next: `See the line that decided: ${r.decidedBy}.`, ...none };
  }
  if (r.report.verdict === 'local') return { kind: 'local', text: `sendmail delivers mail for ${v.target.address} on this machine (mailer ${r.mailer}); no connection is made.`, next: 'If it should leave this machine, remove the domain from this machine\'s names (local-host-names, class w).', ...none };
  if (r.port === undefined || r.hosts.length === 0) return { kind: 'no-network', text: `mailer ${r.mailer} does not connect to a mail server, so there is nothing to reach.`, next: `See the line that decided: ${r.decidedBy}.`, ...none };

  const nx = v.dns.filter((d) => d.mxFailure === 'NXDOMAIN' || (d.implicit && d.lookup?.failure === 'NXDOMAIN') || (d.bracketed && d.lookup?.failure === 'NXDOMAIN'));
  if (nx.length === v.dns.length && nx.length > 0) {
    return { kind: 'nxdomain', text: `${nx.map((d) => d.host).join(', ')} does not exist in DNS (NXDOMAIN): sendmail bounces the mail ("Host unknown").`, next: 'Check the spelling of the domain or of the host in the configuration line that decided.', ...none };
  }
  const failed = v.dns.map((d) => d.mxFailure && d.mxFailure !== 'NODATA' ? d.mxFailure : d.lookup?.failure).filter((f) => f && f !== 'NXDOMAIN' && f !== 'NODATA');
  if (v.probes.length === 0 && failed.length > 0) {
    return { kind: 'dns-failure', text: `The DNS lookup ${FAILURE_TEXT[failed[0]!]}: sendmail defers the mail and tries again later.`, next: 'Check the name server this machine uses (/etc/resolv.conf, or the diagnosis\'s DNS server setting) and try again.', ...none };
  }
  if (v.probes.length === 0) {
    return { kind: 'no-address', text: `No address was found for ${hostList(r)} (no MX record and no A record).`, next: 'Check the host names in the configuration line that decided, and the domain\'s DNS.', ...none };
  }

  const ok = v.probes.filter((p) => p.state === 'ok');
  const port = r.port;
  if (ok.length > 0) {
    const first = ok[0];
    const before = v.probes.slice(0, v.probes.indexOf(first));
    const tls = first.starttls ? 'STARTTLS offered' : 'no STARTTLS';
    const auth = first.auth.length ? `AUTH ${first.auth.join(' ')}` : 'no AUTH';
    const text = `${first.name} [${first.address}] accepts connections on port ${port} (${tls}, ${auth}).`
      + (before.length ? ` sendmail tries ${names(before)} first (${before.map((p) => p.state).join(', ')}) and then this one.` : '');
    const needsAuth = port === 587 && first.auth.length > 0 && !/^\s*FEATURE\(\s*`?authinfo/m.test(v.mcText);
    return needsAuth
      ? { kind: 'ok', text, next: 'The server wants a login: add FEATURE(`authinfo\') and an authinfo entry (prepared).', edits: relayEdits(v.mcText, { host: r.hosts[0].host.replace(/^\[|\]$/g, ''), port, auth: true }).filter((e) => !/SMART_HOST|RELAY_MAILER_ARGS/.test(e.text)) }
      : { kind: 'ok', text, next: 'The path works: if mail still waits in the queue, Retry now and read the log lines of that queue id.', ...none };
  }
  const all = (s: Probe['state']) => v.probes.every((p) => p.state === s);
  const secs = (p: Probe) => `${Math.round(p.ms / 1000)} s`;
  if (all('connect-timeout')) {
    if (port === 25) return { kind: 'blocked-port', text: `port 25 timed out on ${where(v)}; your provider probably blocks outbound port 25.`, ...relayAdvice(v) };
    return { kind: 'connect-timeout', text: `port ${port} timed out on ${where(v)} (no answer within ${secs(v.probes[0])}); a firewall on the way drops these connections.`, next: `Check the firewall of this machine and network for outbound port ${port}, and the host and port of the route.`, ...none };
  }
  if (all('refused')) return { kind: 'refused', text: `${where(v)} refused the connection on port ${port}: nothing listens there.`, next: `Check the host and the port (*_MAILER_ARGS; submission is 587, SMTP 25) of the line that decided: ${r.decidedBy}.`, ...none };
  if (all('rejected')) {
    const g = v.probes[0].greeting?.split('\n')[0] ?? '';
    return { kind: 'rejected-greeting', text: `${where(v)} refused this client at the greeting ("${g}"); a provider's MX host often refuses connections from inside its own network, or this address is on a block list.`, ...relayAdvice(v) };
  }
  if (all('no-greeting')) return { kind: 'no-greeting', text: `${where(v)} accepted the connection on port ${port} but never greeted (sendmail logs "Connection timed out").`, next: 'The server is overloaded or a filter holds the connection; ask its administrator, or relay through another server.', ...none };
  return { kind: 'failed', text: `No host accepted a connection on port ${port}: ${v.probes.map((p) => `${p.name} [${p.address}] ${p.state}`).join('; ')}.`, next: 'See each host\'s result above.', ...none };
}
