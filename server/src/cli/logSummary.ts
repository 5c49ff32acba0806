// What `sendmail-lint log` reports: per recipient domain and relay, the delivery attempts
// (sent, deferred by reason, bounced, queued) and the configuration line that routes the
// domain (the route model of the editor's relay= hover: maillog/explainRelay.ts). Memory grows
// with the number of (domain, relay) pairs, not with the log.
import { fieldOf, outcomeOf, parseLogLine, relayParts, splitAddresses, type LogLine } from '../service/maillog/parse';
import { explainDelivery, type RouteContext } from '../service/maillog/explainRelay';

export interface RouteGroup {
  domain: string;
  relay: string;
  sent: number;
  deferred: number;
  bounced: number;
  queued: number;
  /** Deferrals by reason (stat= without "Deferred:" and the host it names). */
  deferredBy: Map<string, number>;
  /** One delivery line of the group and its recipient, for the route explanation. */
  sample: { line: string; address: string };
}

export interface RouteReport {
  domain: string;
  relay: string;
  sent: number;
  deferred: number;
  deferredBy: Record<string, number>;
  bounced: number;
  queued: number;
  /** How sendmail routes the domain, and the configuration line that decides (if one does). */
  route: { text: string; path?: string; line?: number } | null;
}

/** Distinct deferral reasons kept per group; further ones are counted as OTHER_REASONS. */
export const MAX_REASONS = 50;
export const OTHER_REASONS = '(other reasons)';
const MAX_REASON_LENGTH = 160;

/**
 * A deferral reason as reports group it: without the "Deferred:" prefix, the host it ends with
 * (the group says which relay) and the names of queue files (./dfp964f1qe026392), cut to a
 * readable length.
 */
export function deferralReason(stat: string): string {
  const r = (stat.replace(/^Deferred\b:?\s*/i, '').trim() || 'Deferred')
    .replace(/\s+(?:by|with)\s+\[?[\w.:-]+\]?\.?$/i, '')
    .replace(/\b([dqxt]f)[A-Za-z0-9]{8,20}\b/g, '$1*');
  return r.length > MAX_REASON_LENGTH ? `${r.slice(0, MAX_REASON_LENGTH)}…` : r;
}

const relayName = (l: LogLine): string => {
  const f = fieldOf(l, 'relay');
  if (!f) return '(none)';
  const p = relayParts(f.value);
  return p.host ?? (p.ip ? `[${p.ip}]` : f.value);
};

const domainOf = (address: string) => {
  const at = address.lastIndexOf('@');
  return at < 0 ? '(local)' : address.slice(at + 1);
};

export class LogSummary {
  readonly groups = new Map<string, RouteGroup>();
  lines = 0;
  sendmailLines = 0;
  first: number | undefined;
  last: number | undefined;

  /** Counts one delivery line (to= with stat=) once per recipient; other lines only in the totals. */
  add(raw: string, l: LogLine, time: number | undefined): void {
    this.sendmailLines++;
    if (time !== undefined) {
      if (this.first === undefined || time < this.first) this.first = time;
      if (this.last === undefined || time > this.last) this.last = time;
    }
    const to = fieldOf(l, 'to');
    const outcome = outcomeOf(l);
    if (!to || !outcome) return;
    const relay = relayName(l);
    const reason = outcome === 'deferred' ? deferralReason(fieldOf(l, 'stat')!.value) : '';
    for (const a of splitAddresses(to.value)) {
      const domain = domainOf(a.address);
      const key = `${domain}\n${relay}`;
      let g = this.groups.get(key);
      if (!g) {
        g = { domain, relay, sent: 0, deferred: 0, bounced: 0, queued: 0, deferredBy: new Map(), sample: { line: raw.length > 16384 ? raw.slice(0, 16384) : raw, address: a.address } };
        this.groups.set(key, g);
      }
      if (outcome === 'sent') g.sent++;
      else if (outcome === 'failed') g.bounced++;
      else if (outcome === 'queued') g.queued++;
      else {
        g.deferred++;
        const r = g.deferredBy.has(reason) || g.deferredBy.size < MAX_REASONS ? reason : OTHER_REASONS;
        g.deferredBy.set(r, (g.deferredBy.get(r) ?? 0) + 1);
      }
    }
  }

  /** The groups, troubled first (bounces and deferrals), then by deliveries, then by name; each with its route. */
  report(rc: RouteContext | undefined, noConfig: string): RouteReport[] {
    const trouble = (g: RouteGroup) => g.bounced + g.deferred;
    const sorted = [...this.groups.values()].sort((a, b) => trouble(b) - trouble(a) || b.sent - a.sent || a.domain.localeCompare(b.domain) || a.relay.localeCompare(b.relay));
    return sorted.map((g) => ({
      domain: g.domain, relay: g.relay, sent: g.sent, deferred: g.deferred, bounced: g.bounced, queued: g.queued,
      deferredBy: Object.fromEntries([...g.deferredBy].sort((a, b) => b[1] - a[1])),
      route: routeOf(g, rc, noConfig),
    }));
  }
}

function routeOf(g: RouteGroup, rc: RouteContext | undefined, noConfig: string): RouteReport['route'] {
  const l = parseLogLine(g.sample.line);
  if (!l) return null;
  if (!rc) return { text: noConfig };
  const why = explainDelivery(rc, l, g.sample.address);
  if (!why) return null;
  return why.decidedBy ? { text: why.text, path: why.decidedBy.path, line: why.decidedBy.line + 1 } : { text: why.text };
}
