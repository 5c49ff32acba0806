// Deferred and failed deliveries of a mail log: one Information diagnostic per message, on
// the line of its latest deferral or failure (a later Sent for the same recipients clears it),
// saying in plain words what went wrong and which configuration line routed the message.
// Bounded: the latest MAX_LOG_DIAGNOSTICS messages, plus one line saying how many more.
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver-types';
import { DIAGNOSTIC_SOURCE, type DocContext } from '../types';
import { runCheck } from '../checkGuard';
import type { LogState } from './messages';
import { fieldOf, outcomeOf, parseLogLine, type LogLine } from './parse';
import { explainStat } from './reasons';
import { explainDelivery, routeContext, type ConfigLocation, type RelayExplanation, type RouteContext } from './explainRelay';

/** As for the mc (MAX_MC_DIAGNOSTICS): more than this helps nobody and makes publishing slow. */
export const MAX_LOG_DIAGNOSTICS = 1000;
/** Long stat texts are cut in messages (the line itself shows all of it). */
const MAX_STAT = 200;

/** What code actions need to know about a delivery diagnostic (Diagnostic.data). */
export interface DeliveryData { address?: string; dir?: string; decidedBy?: ConfigLocation }

/** One message's trouble: its latest deferral/failure line and the recipients still not delivered. */
export interface Trouble { msg: number; line: number; recipients: string[] }

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
  // A diagnostic depends on its line, the recipients still troubled and the configuration:
  // kept while those stay, so a line appended to a big log re-explains only what changed.
  const before = cache.get(st);
  const reuse = before && before.rc === rc ? before.byLine : undefined;
  const byLine = new Map<number, { key: string; diag: Diagnostic | undefined }>();
  const out: Diagnostic[] = [];
  for (const t of troubled.slice(0, MAX_LOG_DIAGNOSTICS)) {
    const key = t.recipients.join('\n');
    const hit = reuse?.get(t.line);
    const d = hit?.key === key ? hit.diag : runCheck(ctx, 'maillog/deliveries', undefined, () => deliveryDiagnostic(st, t, rc, lineLength));
    byLine.set(t.line, { key, diag: d });
    if (d) out.push(d);
  }
  cache.set(st, { rc, byLine });
  out.sort((a, b) => a.range.start.line - b.range.start.line);
  const more = troubled.length - MAX_LOG_DIAGNOSTICS;
  if (more > 0) {
    out.unshift({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: st.line(0).length } },
      severity: DiagnosticSeverity.Information, source: DIAGNOSTIC_SOURCE, code: 'maillog.too-many',
      message: `${more} more message${more === 1 ? '' : 's'} with deferred or failed deliveries not shown: only the latest ${MAX_LOG_DIAGNOSTICS} are listed.`,
    });
  }
  return out;
}

const listWords = (xs: string[]) => (xs.length <= 3 ? xs.join(', ') : `${xs.slice(0, 3).join(', ')} and ${xs.length - 3} more`);
const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const cut = (s: string) => (s.length > MAX_STAT ? `${s.slice(0, MAX_STAT)}…` : s);

/** The diagnostic of one message, on its latest deferral or failure line. */
export function deliveryDiagnostic(st: LogState, t: Trouble, rc: RouteContext | undefined, lineLength: (loc: ConfigLocation) => number): Diagnostic | undefined {
  const l = parseLogLine(st.line(t.line));
  if (!l) return undefined;
  const { code, what, reason, range } = describe(l);
  const rcpts = [...t.recipients].sort();
  const route = explainDelivery(rc, l, rcpts[0]);
  const meaning = explainStat(reason)?.meaning;
  const message = `${l.qid?.text ?? st.qids[t.msg]} to ${listWords(rcpts)}: ${what}${reason ? ` (${cut(reason)})` : ''}.${meaning ? ` ${sentence(meaning)}.` : ''}${route ? ` Route: ${route.text}` : ''}`;
  const related = relatedOf(route, lineLength);
  const data: DeliveryData = { address: route?.address ?? rcpts[0], dir: rc?.dir, decidedBy: route?.decidedBy };
  return {
    range: { start: { line: t.line, character: range[0] }, end: { line: t.line, character: range[1] } },
    severity: DiagnosticSeverity.Information, source: DIAGNOSTIC_SOURCE, code, message, data,
    ...(related ? { relatedInformation: related } : {}),
  };
}

/** Code, words and range of a deferral, failure or return line. */
function describe(l: LogLine): { code: string; what: string; reason: string; range: [number, number] } {
  const stat = fieldOf(l, 'stat');
  const outcome = outcomeOf(l);
  if (stat && outcome === 'deferred') return { code: 'maillog.deferred', what: 'delivery deferred, sendmail will try again', reason: stat.value.replace(/^Deferred:?\s*/i, '') || 'Deferred', range: [stat.start, stat.end] };
  if (stat) return { code: 'maillog.failed', what: 'delivery failed for good', reason: stat.value, range: [stat.start, stat.end] };
  return { code: 'maillog.returned', what: 'sendmail gave up and returned the message to its sender', reason: l.text.text.replace(/^sender notify:\s*/i, ''), range: [l.message.start, l.message.end] };
}

function relatedOf(route: RelayExplanation | undefined, lineLength: (loc: ConfigLocation) => number): DiagnosticRelatedInformation[] | undefined {
  const loc = route?.decidedBy;
  if (!loc) return undefined;
  return [{
    location: { uri: pathToFileURL(loc.path).toString(), range: { start: { line: loc.line, character: 0 }, end: { line: loc.line, character: lineLength(loc) } } },
    message: `${loc.label} ${loc.line + 1} routed this message`,
  }];
}
