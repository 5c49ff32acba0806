// Deferred and failed deliveries of a mail log, per message: one Information diagnostic for
// its recipients still in the queue (on the line of their latest deferral) and one for those
// sendmail gave up on (on the latest failure or return line); a later Sent for a recipient
// clears it. Each recipient is described with its own latest line: what went wrong and which
// configuration line routed it. Bounded: the latest MAX_LOG_DIAGNOSTICS, plus one line saying
// how many more.
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver-types';
import { DIAGNOSTIC_SOURCE, type DocContext } from '../types';
import { runCheck } from '../checkGuard';
import type { LogState, Trouble } from './messages';
import { fieldOf, outcomeOf, parseLogLine, type LogLine } from './parse';
import { explainStat } from './reasons';
import { explainDelivery, routeContext, type ConfigLocation, type RelayExplanation, type RouteContext } from './explainRelay';

/** As for the mc (MAX_MC_DIAGNOSTICS): more than this helps nobody and makes publishing slow. */
export const MAX_LOG_DIAGNOSTICS = 1000;
/** Long stat texts are cut in messages (the line itself shows all of it). */
const MAX_STAT = 200;
/** Other lines of the same message and kind described in one diagnostic. */
const MAX_OTHER_LINES = 5;
/** Recipients of one line whose routes are explained. */
const MAX_ROUTED = 3;

/** What code actions need to know about a delivery diagnostic (Diagnostic.data). */
export interface DeliveryData { address?: string; dir?: string; decidedBy?: ConfigLocation }

const cache = new WeakMap<LogState, { rc: RouteContext | undefined; byLine: Map<number, { key: string; diag: Diagnostic | undefined }> }>();

export function logDiagnostics(ctx: DocContext, st: LogState): Diagnostic[] {
  const troubled = st.troubled().sort((a, b) => b.line - a.line);
  if (troubled.length === 0) return [];
  const rc = runCheck(ctx, 'maillog/configuration', undefined, () => routeContext(ctx.ws, ctx.settings));
  const files = new Map<string, string[]>();
  const lineLength = (loc: ConfigLocation) => {
    if (!files.has(loc.path)) files.set(loc.path, (ctx.ws.readFile(loc.path) ?? '').split('\n'));
    return (files.get(loc.path)![loc.line] ?? '').replace(/\r$/, '').length;
  };
  // A diagnostic depends on its lines, the recipients still troubled and the configuration:
  // kept while those stay, so a line appended to a big log re-explains only what changed.
  const before = cache.get(st);
  const reuse = before && before.rc === rc ? before.byLine : undefined;
  const byLine = new Map<number, { key: string; diag: Diagnostic | undefined }>();
  const out: Diagnostic[] = [];
  for (const t of troubled.slice(0, MAX_LOG_DIAGNOSTICS)) {
    const key = troubleKey(st, t);
    const hit = reuse?.get(t.line);
    const d = hit?.key === key ? hit.diag : runCheck(ctx, 'maillog/deliveries', undefined, () => deliveryDiagnostic(st, t, rc, lineLength));
    byLine.set(t.line, { key, diag: d });
    if (d) out.push(d);
  }
  cache.set(st, { rc, byLine });
  out.sort((a, b) => a.range.start.line - b.range.start.line);
  const more = new Set(troubled.slice(MAX_LOG_DIAGNOSTICS).map((t) => t.msg)).size;
  if (more > 0) {
    out.unshift({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: st.line(0).length } },
      severity: DiagnosticSeverity.Information, source: DIAGNOSTIC_SOURCE, code: 'maillog.too-many',
      message: `${more} more message${more === 1 ? '' : 's'} with deferred or failed deliveries not shown: only the latest ${MAX_LOG_DIAGNOSTICS} are listed.`,
    });
  }
  return out;
}

/** Recipients, their lines and outcomes, and those lines' lengths (the last line of the text may still grow). */
const troubleKey = (st: LogState, t: Trouble) =>
  t.recipients.map(([r, p]) => `${r}\t${p.line}\t${p.outcome}\t${st.line(p.line).length}`).sort().join('\n');

const listWords = (xs: string[]) => (xs.length <= 3 ? xs.join(', ') : `${xs.slice(0, 3).join(', ')} and ${xs.length - 3} more`);
const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const cut = (s: string) => (s.length > MAX_STAT ? `${s.slice(0, MAX_STAT)}…` : s);

/**
 * The diagnostic of one message's deferred (or bounced) recipients, on the latest of their
 * lines: that line in full (what, why, what it means, the route), then each other line of
 * these recipients in short, each with the route of its own recipients.
 */
export function deliveryDiagnostic(st: LogState, t: Trouble, rc: RouteContext | undefined, lineLength: (loc: ConfigLocation) => number): Diagnostic | undefined {
  const rcptsOf = new Map<number, string[]>();
  for (const [r, p] of t.recipients) rcptsOf.get(p.line)?.push(r) ?? rcptsOf.set(p.line, [r]);
  for (const rs of rcptsOf.values()) rs.sort();
  const l = parseLogLine(st.line(t.line));
  const rcpts = rcptsOf.get(t.line);
  if (!l || !rcpts) return undefined;
  const { code, what, reason, range } = describe(l);
  const routes = routesOf(rc, l, rcpts);
  const meaning = explainStat(reason)?.meaning;
  let message = `${l.qid?.text ?? st.qids[t.msg]} to ${listWords(rcpts)}: ${what}${reason ? ` (${cut(reason)})` : ''}.${meaning ? ` ${sentence(meaning)}.` : ''}${routeText(routes)}`;
  const others = [...rcptsOf.keys()].filter((n) => n !== t.line).sort((a, b) => b - a);
  const all = [...routes];
  for (const n of others.slice(0, MAX_OTHER_LINES)) {
    const o = parseLogLine(st.line(n));
    if (!o) continue;
    const d = describe(o);
    const rs = routesOf(rc, o, rcptsOf.get(n)!);
    all.push(...rs);
    message += ` Also ${d.short} on line ${n + 1}: ${listWords(rcptsOf.get(n)!)}${d.reason ? ` (${cut(d.reason)})` : ''}.${routeText(rs)}`;
  }
  if (others.length > MAX_OTHER_LINES) message += ` ${others.length - MAX_OTHER_LINES} more lines of this message are not described here.`;
  const related = relatedOf(all, lineLength);
  const data: DeliveryData = { address: routes[0]?.address ?? rcpts[0], dir: rc?.dir, decidedBy: routes[0]?.decidedBy };
  return {
    range: { start: { line: t.line, character: range[0] }, end: { line: t.line, character: range[1] } },
    severity: DiagnosticSeverity.Information, source: DIAGNOSTIC_SOURCE, code, message, data,
    ...(related ? { relatedInformation: related } : {}),
  };
}

/** The routes of a line's recipients (each with that line), one per distinct explanation. */
function routesOf(rc: RouteContext | undefined, l: LogLine, rcpts: string[]): RelayExplanation[] {
  const whys = rcpts.slice(0, MAX_ROUTED).map((a) => explainDelivery(rc, l, a)).filter((w) => !!w);
  return [...new Map(whys.map((w) => [w.text, w])).values()];
}

function routeText(routes: RelayExplanation[]): string {
  if (routes.length <= 1) return routes[0] ? ` Route: ${routes[0].text}` : '';
  return routes.map((w) => ` Route for ${w.address}: ${w.text}`).join('');
}

/** Code, words (in full and short) and range of a deferral, failure or return line. */
function describe(l: LogLine): { code: string; what: string; short: string; reason: string; range: [number, number] } {
  const stat = fieldOf(l, 'stat');
  const outcome = outcomeOf(l);
  if (stat && outcome === 'deferred') return { code: 'maillog.deferred', what: 'delivery deferred, sendmail will try again', short: 'deferred', reason: stat.value.replace(/^Deferred:?\s*/i, '') || 'Deferred', range: [stat.start, stat.end] };
  if (stat) return { code: 'maillog.failed', what: 'delivery failed for good', short: 'failed for good', reason: stat.value, range: [stat.start, stat.end] };
  return { code: 'maillog.returned', what: 'sendmail gave up and returned the message to its sender', short: 'returned to the sender', reason: l.text.text.replace(/^sender notify:\s*/i, ''), range: [l.message.start, l.message.end] };
}

/** The configuration lines that routed these recipients (the diagnostic's own line first). */
function relatedOf(routes: RelayExplanation[], lineLength: (loc: ConfigLocation) => number): DiagnosticRelatedInformation[] | undefined {
  const byLoc = new Map<string, { loc: ConfigLocation; addresses: string[] }>();
  for (const w of routes) {
    const loc = w.decidedBy;
    if (!loc) continue;
    const k = `${loc.path}:${loc.line}`;
    if (!byLoc.has(k)) byLoc.set(k, { loc, addresses: [] });
    const a = byLoc.get(k)!.addresses;
    if (w.address && !a.includes(w.address)) a.push(w.address);
  }
  if (byLoc.size === 0) return undefined;
  return [...byLoc.values()].map(({ loc, addresses }) => ({
    location: { uri: pathToFileURL(loc.path).toString(), range: { start: { line: loc.line, character: 0 }, end: { line: loc.line, character: lineLength(loc) } } },
    message: `${loc.label} ${loc.line + 1} routed ${byLoc.size === 1 || addresses.length === 0 ? 'this message' : `the mail for ${listWords(addresses)}`}`,
  }));
}
