// Step 1 of Diagnose delivery: what sendmail will do with the address. The answer of Test
// route (commands/routeCommand.ts: sendmail -bt on the cf generated from the folder's mc, or
// the installed cf, or the route model), reduced to what the next steps need: the mailer, the
// hosts in sendmail's order with their brackets, the port from the mailer's *_MAILER_ARGS,
// and the configuration line that decided.
import { routeAddress, type RouteOptions, type RouteReport } from '../commands/routeCommand';
import { diskWorkspace } from '../../../server/src/service/workspace';
import { findMcPath } from '../../../server/src/service/mc/config';

export interface RouteHost { host: string; bracketed: boolean }

export interface RouteStep {
  report: RouteReport;
  mailer: string;
  /** Hosts the mailer connects to, in order (a mailertable entry may list several, colon-separated). */
  hosts: RouteHost[];
  /** Undefined: the mailer does not connect over the network (local, prog, error, ...). */
  port?: number;
  /** Where the decision came from, as a line people can open ("file:line: text"), or the rule that decided. */
  decidedBy: string;
  ms: number;
}

/** Splits sendmail's host list ("a:b", "[a]:[b]", "[IPv6:...]") into hosts. */
export function splitHosts(list: string | undefined): RouteHost[] {
  if (!list) return [];
  const parts = list.match(/\[[^\]]*\]|[^:]+/g) ?? [];
  return parts.map((h) => h.trim()).filter(Boolean).map((host) => ({ host, bracketed: /^\[.*\]$/.test(host) }));
}

/** Which part of the configuration chose this route, in words. */
function decision(r: RouteReport, dir: string, o: RouteOptions): string {
  if (r.decidedBy) return `${r.decidedBy.file}:${r.decidedBy.line + 1}: ${(r.decidedBy.text ?? r.decidedBy.key).replace(/\s+/g, ' ')}`;
  if (r.route.afterAliases) return 'ruleset 5 forwards local users (MAIL_HUB, LOCAL_RELAY or LUSER_RELAY)';
  const steps = r.model.steps.join(' ');
  if (/SMART_HOST/.test(steps)) {
    const ws = o.ws ?? diskWorkspace();
    const mc = findMcPath(ws, dir);
    const lines = (mc && ws.readFile(mc)?.split('\n')) || [];
    const i = lines.findIndex((l) => /^\s*define\(\s*`?SMART_HOST\b/.test(l));
    return i >= 0 && mc ? `${mc}:${i + 1}: ${lines[i].trim()}` : 'SMART_HOST in the sendmail.mc';
  }
  if (r.verdict === 'local') return 'the domain is one of this machine\'s names (class w)';
  return r.route.mx ? 'no mailertable entry or SMART_HOST: the domain\'s MX records' : 'the address names the host';
}

export async function routeStep(dir: string, address: string, o: RouteOptions): Promise<RouteStep> {
  const t0 = Date.now();
  const report = await routeAddress(dir, address, o);
  const hop = report.route.afterAliases ?? report.route;
  const hosts = hop.port === undefined ? [] : splitHosts(hop.host);
  return { report, mailer: hop.mailer, hosts, port: hop.port, decidedBy: decision(report, dir, o), ms: Date.now() - t0 };
}
