// Hovers on a mail log line: dsn= (RFC 3463 in words), stat= (what the reason means and its
// usual causes), delay=/xdelay= in words, relay= (how sendmail chose that host: the route
// model against the configuration, naming the deciding line), the queue id (the message's
// lines and outcome) and a line about each other field.
import { pathToFileURL } from 'node:url';
import type { Hover, Position } from 'vscode-languageserver-types';
import type { DocContext } from '../types';
import { troubleKind, type LogState } from './messages';
import { fieldAt, fieldOf, outcomeOf, parseLogLine, relayParts, splitAddresses, type LogField, type LogLine, type LogToken } from './parse';
import { dsnMarkdown } from './dsn';
import { FIELD_DOCS, delayWords, explainStat } from './reasons';
import { explainDelivery, hostUnknown, notConnected, routeContext } from './explainRelay';

const OUTCOME_WORDS = {
  sent: 'delivered to the next hop',
  deferred: 'deferred: sendmail keeps the message and tries again later',
  failed: 'failed for good: sendmail returns the message to its sender',
  queued: 'queued for a later queue run',
} as const;

function hover(md: string, line: number, t: { start: number; end: number }): Hover {
  return { contents: { kind: 'markdown', value: md }, range: { start: { line, character: t.start }, end: { line, character: t.end } } };
}

const inside = (t: LogToken | undefined, ch: number) => !!t && ch >= t.start && ch <= t.end;

export function logHover(ctx: DocContext, st: LogState, pos: Position): Hover | null {
  const l = parseLogLine(st.line(pos.line));
  if (!l) return null;
  const ch = pos.character;
  if (inside(l.qid, ch) && l.qid!.text !== 'NOQUEUE') return hover(messageMarkdown(st, pos.line, l.qid!.text), pos.line, l.qid!);
  if (inside(l.qid2, ch)) return hover(`**${l.qid2!.text}**: the queue id of the new message made from ${l.qid!.text} (a delivery status notification to the sender, or a copy).`, pos.line, l.qid2!);
  const f = fieldAt(l, ch);
  if (!f) return null;
  const md = fieldMarkdown(ctx, l, f);
  return md ? hover(md, pos.line, f) : null;
}

function fieldMarkdown(ctx: DocContext, l: LogLine, f: LogField): string | undefined {
  switch (f.key) {
    case 'dsn': return dsnMarkdown(f.value);
    case 'stat': return statMarkdown(l, f);
    case 'delay': case 'xdelay': {
      const words = delayWords(f.value);
      return words && `**${f.key}=${f.value}**: ${words}.\n\n${FIELD_DOCS[f.key]}.`;
    }
    case 'relay': return relayMarkdown(ctx, l, f);
    default: {
      const doc = FIELD_DOCS[f.key];
      return doc && `**${f.key}**: ${doc}.`;
    }
  }
}

function statMarkdown(l: LogLine, f: LogField): string {
  const outcome = outcomeOf(l);
  const reason = explainStat(f.value);
  const out = [`**stat=** ${outcome ? OUTCOME_WORDS[outcome] : 'the outcome of this delivery attempt'}.`];
  if (reason) out.push('', `${cap(reason.meaning)}.`);
  if (reason?.causes) out.push('', `Common causes: ${reason.causes}`);
  return out.join('\n');
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** relay= of a delivery: how sendmail chose the host; of anything else: who connected. */
function relayMarkdown(ctx: DocContext, l: LogLine, f: LogField): string {
  const parts = relayParts(f.value);
  const forged = parts.forged ? '\n\n`(may be forged)`: reverse DNS gave this name for the address, but the name does not resolve back to the address, so sendmail does not trust it.' : '';
  if (!fieldOf(l, 'to')) {
    const who = fieldOf(l, 'STARTTLS')?.value === 'client' || fieldOf(l, 'AUTH')?.value === 'client'
      ? 'the server sendmail connected to' : 'the client that connected to sendmail (its name as DNS gives it, and its address)';
    return `**relay=** ${who}.${forged}`;
  }
  // Each recipient of the line is routed on its own (one line may serve several mailertable entries).
  const rc = routeContext(ctx.ws, ctx.settings);
  const rcpts = splitAddresses(fieldOf(l, 'to')!.value).slice(0, MAX_ROUTED).map((a) => a.address);
  const whys = [...new Map(rcpts.map((a) => explainDelivery(rc, l, a)).filter((w) => !!w).map((w) => [w.text, w])).values()];
  const out = [`**relay=** ${hostUnknown(l) ? 'the host sendmail could not resolve' : notConnected(l) ? 'the host sendmail tried to connect to' : 'the host sendmail connected to'} for this delivery.`, ''];
  if (whys.length <= 1) out.push(`**How sendmail chose it:** ${whys[0]?.text ?? 'unknown.'}`);
  else out.push('**How sendmail chose it:**', '', ...whys.map((w) => `- for ${w.address}: ${w.text}`));
  const locs = [...new Map(whys.map((w) => w.decidedBy).filter((x) => !!x).map((x) => [`${x.path}:${x.line}`, x])).values()];
  for (const loc of locs) out.push('', `[Open ${loc.label} ${loc.line + 1}](${pathToFileURL(loc.path).toString()}#L${loc.line + 1})`);
  return out.join('\n') + forged;
}

/** Recipients of one line whose routes a hover explains. */
const MAX_ROUTED = 5;

/** The message a queue id names: how many lines, where, and how it ended. */
function messageMarkdown(st: LogState, line: number, qid: string): string {
  const m = st.messageAt(line);
  if (m === undefined) return `**${qid}**: queue id.`;
  const lines = st.linesOf(m, 10001);
  const count = lines.length > 10000 ? 'more than 10000 lines' : `${lines.length} line${lines.length === 1 ? '' : 's'}`;
  const out = [`**${qid}**: the queue id of one message; ${count} in this log (lines ${lines[0] + 1}–${lines[lines.length - 1] + 1}).`];
  const last = st.lastStatus[m];
  const open = [...(st.problems.get(m) ?? [])];
  const names = (xs: typeof open) => `${xs.slice(0, 10).map(([r]) => r).join(', ')}${xs.length > 10 ? ', …' : ''}`;
  const waiting = open.filter(([, p]) => troubleKind(p) === 'deferred');
  const bounced = open.filter(([, p]) => troubleKind(p) === 'bounced');
  if (waiting.length) out.push('', `Deferred, sendmail tries again: ${names(waiting)}.`);
  if (bounced.length) out.push('', `Bounced, returned to the sender: ${names(bounced)}.`);
  if (!open.length && last >= 0) {
    const l = parseLogLine(st.line(last));
    const o = l && outcomeOf(l);
    if (o) out.push('', `Latest delivery (line ${last + 1}): ${OUTCOME_WORDS[o]}.`);
  }
  return out.join('\n');
}
