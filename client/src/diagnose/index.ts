// Diagnose delivery (issue #14): one guided walk through what an admin does by hand when mail
// waits in the queue with "Deferred: Connection timed out": route (sendmail -bt), DNS as
// sendmail sees it, a connection to each candidate server (greeting, EHLO, QUIT; never mail,
// never AUTH), and the verdict with prepared edits. No vscode import: the VS Code command,
// `sendmail-lint diagnose` and tests share it. Every program and connection goes to `log`.
import type { Log } from '../commands/run';
import type { RouteOptions } from '../commands/routeCommand';
import { diskWorkspace } from '../../../server/src/service/workspace';
import { findMcPath } from '../../../server/src/service/mc/config';
import { candidates, dnsStep, FAILURE_TEXT, type HostDns } from './dns';
import { routeStep, type RouteStep } from './route';
import { probeSmtp, type Probe } from './smtpProbe';
import { parseTarget, dnsServerProblem, type Target } from './target';
import { verdict, type Verdict } from './verdict';

export { parseTarget, dnsServerProblem } from './target';
export type { PreparedEdit } from './edits';

export const DEFAULT_TIMEOUT_MS = 10_000;
/** At most this many servers are probed (sendmail itself gives up after a few MX hosts too). */
export const MAX_PROBES = 8;

export interface DiagnoseOptions extends Omit<RouteOptions, 'log' | 'signal'> {
  /** DNS server "ip[:port]" (machine setting); undefined: the system resolver. */
  dnsServer?: string;
  /** Connect, greeting and DNS time limit per step, ms. */
  timeoutMs?: number;
  relayHost?: string;
  helo?: string;
  log?: Log;
  signal?: AbortSignal;
  /** Called as each step starts ("Route", "DNS", "Connect to mx.example.com [192.0.2.1]:25"). */
  progress?: (step: string) => void;
}

export interface Diagnosis {
  target: Target;
  dir: string;
  mcPath?: string;
  route: RouteStep;
  dns: HostDns[];
  dnsMs: number;
  probes: Probe[];
  verdict: Verdict;
  ms: number;
}

/** Runs the four steps for `targetText` (an address or a domain) with the configuration in `dir`. Rejects only on a refused target or DNS server. */
export async function diagnose(dir: string, targetText: string, o: DiagnoseOptions = {}): Promise<Diagnosis> {
  const t0 = Date.now();
  const target = parseTarget(targetText);
  if (typeof target === 'string') throw new Error(`not diagnosed: ${target}`);
  if (o.dnsServer && dnsServerProblem(o.dnsServer)) throw new Error(`DNS server refused: ${dnsServerProblem(o.dnsServer)}`);
  const timeoutMs = o.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const ws = o.ws ?? diskWorkspace();
  const mcPath = findMcPath(ws, dir);
  o.log?.(`diagnose: ${target.address} with the configuration in ${dir}`);
  o.progress?.('Route (sendmail -bt)');
  const route = await routeStep(dir, target.address, { ...o, log: o.log, signal: o.signal });
  o.log?.(`diagnose: route: mailer ${route.mailer}, hosts ${route.hosts.map((h) => h.host).join(' ') || '-'}, port ${route.port ?? '-'}; ${route.decidedBy}`);
  const d0 = Date.now();
  let dns: HostDns[] = [];
  if (route.port !== undefined && route.hosts.length && !o.signal?.aborted) {
    o.progress?.('DNS');
    dns = await dnsStep(route.hosts.map((h) => h.host), { server: o.dnsServer, timeoutMs: Math.min(timeoutMs, 10_000), log: o.log, signal: o.signal });
  }
  const dnsMs = Date.now() - d0;
  const probes: Probe[] = [];
  for (const c of candidates(dns).slice(0, MAX_PROBES)) {
    if (o.signal?.aborted) break;
    o.progress?.(`Connect to ${c.name} [${c.address}]:${route.port}`);
    const p = await probeSmtp(c.name, c.address, route.port!, { timeoutMs, helo: o.helo, log: o.log, signal: o.signal });
    probes.push(p);
    if (p.state === 'ok') break; // sendmail stops at the first server that answers
  }
  const mcText = (mcPath && ws.readFile(mcPath)) || '';
  const v = verdict({ target, route, dns, probes, mcText, relayHost: o.relayHost, cancelled: o.signal?.aborted });
  o.log?.(`diagnose: verdict ${v.kind}: ${v.text}`);
  return { target, dir, mcPath, route, dns, dnsMs, probes, verdict: v, ms: Date.now() - t0 };
}

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** DNS results as lines ("MX 10 mx.example.com -> 192.0.2.1"). */
export function dnsLines(dns: HostDns[]): string[] {
  const out: string[] = [];
  const a = (l: { addresses: string[]; failure?: keyof typeof FAILURE_TEXT }) => (l.failure ? `A lookup ${FAILURE_TEXT[l.failure]}` : l.addresses.join(', '));
  for (const d of dns) {
    if (d.bracketed) out.push(`[${d.host}] (bracketed: no MX lookup) -> ${a(d.lookup!)}`);
    else if (d.mxFailure && !d.implicit) out.push(`${d.host}: MX lookup ${FAILURE_TEXT[d.mxFailure]}`);
    else if (d.implicit) out.push(`${d.host}: no MX record; sendmail uses the host's own address -> ${a(d.lookup!)}`);
    else for (const m of d.mx ?? []) out.push(`${d.host}: MX ${m.preference} ${m.exchange} -> ${a(m.lookup)}`);
  }
  return out;
}

export function probeLine(p: Probe): string {
  const what = p.state === 'ok' ? `greeted, EHLO: ${p.starttls ? 'STARTTLS' : 'no STARTTLS'}, ${p.auth.length ? `AUTH ${p.auth.join(' ')}` : 'no AUTH'}`
    : p.state === 'rejected' ? `refused at the greeting: ${p.greeting?.split('\n')[0]}` : `${p.state}${p.detail ? ` (${p.detail})` : ''}`;
  return `${p.name} [${p.address}]:${p.port}: ${what} (${secs(p.ms)})`;
}

/** The report as plain text (sendmail-lint diagnose). */
export function diagnosisText(d: Diagnosis): string {
  const r = d.route;
  const lines = [`Diagnose delivery: ${d.target.address}`, '', `1. Route (${r.report.answeredBy === 'sendmail' ? 'sendmail -bt' : 'the model'}, ${secs(r.ms)})`,
    `   mailer ${r.mailer}${r.port !== undefined ? `, port ${r.port}` : ''}`,
    ...r.hosts.map((h) => `   host ${h.host}${h.bracketed ? ' (bracketed: used as written, no MX lookup)' : ' (MX records looked up)'}`),
    `   decided by: ${r.decidedBy}`];
  if (r.report.answeredBy === 'model' && r.report.sendmail.error) lines.push(`   (sendmail could not answer: ${r.report.sendmail.error})`);
  lines.push('', `2. DNS (${secs(d.dnsMs)})`, ...(d.dns.length ? dnsLines(d.dns).map((l) => `   ${l}`) : ['   not needed']));
  lines.push('', '3. Reachability', ...(d.probes.length ? d.probes.map((p) => `   ${probeLine(p)}`) : ['   nothing to connect to']));
  lines.push('', '4. Verdict', `   ${d.verdict.text}`, `   Next: ${d.verdict.next}`);
  if (d.verdict.edits.length) {
    lines.push('', 'Prepared edits (not applied):');
    for (const e of d.verdict.edits) lines.push(`   ${e.file === 'mc' ? d.mcPath ?? 'sendmail.mc' : 'authinfo'}: ${e.replaces ? `replace line ${e.line + 1} with` : e.line > 1e9 ? 'add' : `before line ${e.line + 1} insert`}: ${e.text.trimEnd()}`, `      (${e.why})`);
  }
  return lines.join('\n') + '\n';
}

const code = (s: string) => '`' + s.replace(/`/g, 'ˋ') + '`';

/** The report as markdown (the editor's preview): each step's result and timing. */
export function diagnosisMarkdown(d: Diagnosis): string {
  const r = d.route;
  const md = [`# Diagnose delivery: ${code(d.target.address)}`, '', `**${d.verdict.text}**`, '', d.verdict.next, '',
    `## 1. Route — ${r.report.answeredBy === 'sendmail' ? 'sendmail -bt' : 'route model'} (${secs(r.ms)})`, '',
    `- mailer ${code(r.mailer)}${r.port !== undefined ? `, port ${r.port}` : ''}`,
    ...r.hosts.map((h) => `- host ${code(h.host)} ${h.bracketed ? '(bracketed: no MX lookup)' : '(MX records looked up)'}`),
    `- decided by: ${code(r.decidedBy)}`, '',
    `## 2. DNS (${secs(d.dnsMs)})`, '', ...(d.dns.length ? dnsLines(d.dns).map((l) => `- ${code(l)}`) : ['Not needed.']), '',
    '## 3. Reachability', '', ...(d.probes.length ? d.probes.map((p) => `- ${code(probeLine(p))}`) : ['Nothing to connect to.']), ''];
  if (d.verdict.edits.length) {
    md.push('## Prepared edits', '', 'Not applied: review them in the editor, then save, rebuild sendmail.cf and Retry now.', '');
    for (const e of d.verdict.edits) md.push(`- ${e.file === 'mc' ? 'sendmail.mc' : 'authinfo'}: ${e.why}`, '', '```', e.text.trimEnd(), '```', '');
  }
  md.push(`_Total ${secs(d.ms)}. Every program and connection is in the Sendmail output channel._`, '');
  return md.join('\n');
}

