// How sendmail chose the host of a delivery in the log: the route model (route/) answers for
// the to= address against the configuration, and we name the line that decided (a mailertable
// entry, the SMART_HOST define of sendmail.mc, a virtusertable entry) in plain words. What the
// line says happened is worded from the line itself: connected to the relay= host, only tried
// to connect (no relay= field), or could not resolve the name (stat=Host unknown).
// The configuration is the directory given by the machine setting sendmail.logs.configDirectory,
// else the first workspace folder (or a folder right below one) holding a sendmail.mc, else
// /etc/mail.
import type { WorkspaceView } from '../workspace';
import type { ServiceSettings } from '../types';
import { findMcPath } from '../mc/config';
import { buildMcModel, lastDefine } from '../mc/model';
import { explainRoute, loadRouteModel, type RouteAnswer, type RouteModel } from '../route';
import { splitAddress } from '../route/explain';
import { fieldOf, outcomeOf, relayParts, splitAddresses, type LogLine } from './parse';

/** A line of a configuration file (0-based line). */
export interface ConfigLocation { path: string; line: number; label: string }

/** The configuration a log is explained with. */
export interface RouteContext {
  dir: string;
  /** Where the directory came from, for messages. */
  source: 'setting' | 'workspace' | 'default';
  /** The sendmail.mc there (undefined: none, so no route can be explained). */
  mcPath?: string;
  model?: RouteModel;
  /** Line of the define that gives a macro (SMART_HOST, MAIL_HUB, ...) its final value. */
  defineLine(name: string): ConfigLocation | undefined;
}

export interface RelayExplanation {
  /** Plain words, one or two sentences. */
  text: string;
  /** The configuration line that decided the route, when one did. */
  decidedBy?: ConfigLocation;
  /** The recipient the route was computed for. */
  address?: string;
  route?: RouteAnswer;
}

const DEFAULT_DIR = '/etc/mail';
const MAX_SUBDIRS = 100;

const hasMc = (ws: WorkspaceView, dir: string) => (ws.listDir(dir) ?? []).includes('sendmail.mc');

/** The configuration directory for the logs (see the top of this file), or undefined when there is none. */
export function configDirectory(ws: WorkspaceView, settings: ServiceSettings): { dir: string; source: RouteContext['source'] } | undefined {
  const set = settings.mailConfigDirectory?.trim();
  if (set) return { dir: set.replace(/\/+$/, '') || '/', source: 'setting' };
  for (const folder of settings.workspaceFolders ?? []) {
    const f = folder.replace(/\/+$/, '') || '/';
    if (hasMc(ws, f)) return { dir: f, source: 'workspace' };
    for (const sub of ['etc/mail', ...(ws.listDir(f) ?? []).slice(0, MAX_SUBDIRS)]) {
      if (!sub.startsWith('.') && hasMc(ws, `${f}/${sub}`)) return { dir: `${f}/${sub}`, source: 'workspace' };
    }
  }
  return findMcPath(ws, DEFAULT_DIR) ? { dir: DEFAULT_DIR, source: 'default' } : undefined;
}

/** The last route context built over a workspace, with what it read (to tell whether it still holds). */
interface Built { settingsKey: string; reads: [dir: boolean, path: string, value: string | undefined][]; rc: RouteContext | undefined }
const built = new WeakMap<WorkspaceView, Built>();

/**
 * The route model for the log's configuration. Reading the mc and the maps is cheap (the
 * service's workspace caches them), parsing them is not: the context is kept while every file
 * and directory it read reads the same again (the same string: an unchanged file), so each
 * appended log line does not parse a 200,000-line mailertable again.
 */
export function routeContext(ws: WorkspaceView, settings: ServiceSettings): RouteContext | undefined {
  const settingsKey = JSON.stringify([settings.mailConfigDirectory ?? '', settings.workspaceFolders ?? []]);
  const read = (dir: boolean, p: string) => (dir ? ws.listDir(p)?.join('\n') : ws.readFile(p));
  const last = built.get(ws);
  if (last && last.settingsKey === settingsKey && last.reads.every(([dir, p, v]) => read(dir, p) === v)) return last.rc;
  const reads: Built['reads'] = [];
  const recording: WorkspaceView = {
    readFile: (p) => { const v = ws.readFile(p); reads.push([false, p, v]); return v; },
    listDir: (p) => { const v = ws.listDir(p); reads.push([true, p, v?.join('\n')]); return v; },
    mtime: (p) => ws.mtime(p),
  };
  const rc = buildRouteContext(recording, settings);
  built.set(ws, { settingsKey, reads, rc });
  return rc;
}

function buildRouteContext(ws: WorkspaceView, settings: ServiceSettings): RouteContext | undefined {
  const where = configDirectory(ws, settings);
  if (!where) return undefined;
  const mcPath = findMcPath(ws, where.dir);
  const mcText = mcPath === undefined ? undefined : ws.readFile(mcPath);
  let mcModel: ReturnType<typeof buildMcModel> | undefined;
  const lines = new Map<string, ConfigLocation | undefined>();
  return {
    ...where,
    mcPath: mcText === undefined ? undefined : mcPath,
    model: mcText === undefined ? undefined : loadRouteModel(ws, where.dir),
    defineLine(name) {
      if (mcText === undefined || mcPath === undefined) return undefined;
      if (!lines.has(name)) {
        mcModel ??= buildMcModel(mcText);
        const d = lastDefine(mcModel, name);
        lines.set(name, d ? { path: mcPath, line: lineOfOffset(mcText, d.call.start), label: `${baseName(mcPath)} line` } : undefined);
      }
      return lines.get(name);
    },
  };
}

function lineOfOffset(text: string, offset: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

const baseName = (p: string) => p.split('/').pop() ?? p;
const where = (loc: ConfigLocation) => `${loc.label} ${loc.line + 1}`;
const bare = (h: string) => h.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '').toLowerCase();

/** The first recipient of a delivery line. */
export function firstRecipient(l: LogLine): string | undefined {
  const to = fieldOf(l, 'to');
  return to ? splitAddresses(to.value)[0]?.address : undefined;
}

/** Is this delivery the submission program's hand-off to the local daemon (submit.cf, FEATURE(`msp'))? */
function isSubmission(l: LogLine): boolean {
  const relay = fieldOf(l, 'relay');
  const ip = relay ? relayParts(relay.value).ip : undefined;
  return l.program.name === 'sm-msp-queue' || (fieldOf(l, 'mailer')?.value === 'relay' && (ip === '127.0.0.1' || ip === '::1' || ip === 'IPv6:::1'));
}

/**
 * How the line reached the host: the name it used and the words for what happened there
 * (`connected to x`, `tried to connect to x`, `could not resolve x`); undefined `name`: the
 * line does not say which host (no relay= field).
 */
interface Reach { name?: string; unresolved?: boolean; words(target: string): string }

/** Does the line say the host name did not resolve (stat=Host unknown)? */
export const hostUnknown = (l: LogLine) => /^Host unknown\b/i.test(fieldOf(l, 'stat')?.value ?? '');

/** Does the line say no connection was made (refused, timed out, no route)? */
export const notConnected = (l: LogLine) => /^Deferred: (Connection (refused|timed out)|No route to host|Network is unreachable)\b/i.test(fieldOf(l, 'stat')?.value ?? '');

function reachOf(l: LogLine, usedName: string | undefined): Reach {
  if (hostUnknown(l)) return { name: usedName, unresolved: true, words: (t) => `could not resolve ${bare(usedName ?? t)}` };
  if (notConnected(l)) return { name: usedName, words: (t) => `tried to connect to ${usedName ?? t}` };
  if (!usedName && outcomeOf(l) !== 'sent') return { words: (t) => `tried to connect to ${t}` };
  return { name: usedName, words: (t) => `connected to ${usedName ?? t}` };
}

/** Why sendmail sent this delivery where it did (for a line with to=, or for `address`), or undefined for other lines. */
export function explainDelivery(rc: RouteContext | undefined, l: LogLine, address = firstRecipient(l)): RelayExplanation | undefined {
  if (address === undefined) return undefined;
  const relay = fieldOf(l, 'relay');
  const used = relay ? relayParts(relay.value) : undefined;
  const usedName = used ? (used.host ?? (used.ip ? `[${used.ip}]` : undefined)) : undefined;
  if (isSubmission(l) && usedName) {
    return { address, text: `This delivery was made by the mail submission program (submit.cf, FEATURE(\`msp')): it hands every message to the mail server at ${usedName}, which then routes it with its own configuration (sendmail.mc).` };
  }
  if (!rc) return { address, text: 'No sendmail.mc was found to explain this route: open the folder that holds it, or set sendmail.logs.configDirectory.' };
  if (!rc.model || !rc.mcPath) return { address, text: `No sendmail.mc in ${rc.dir} (${sourceWords(rc)}), so the route cannot be explained.` };
  const route = explainRoute(address, rc.model);
  const out = routeWords(rc, rc.model, address, route, reachOf(l, usedName));
  const note = mismatch(route, used, usedName);
  return { ...out, address, route, text: note ? `${out.text} ${note}` : out.text };
}

const sourceWords = (rc: RouteContext) => (rc.source === 'setting' ? 'set by sendmail.logs.configDirectory' : rc.source === 'workspace' ? 'from the workspace' : 'the default');

/** The route in words, with the deciding line. */
function routeWords(rc: RouteContext, model: RouteModel, address: string, r: RouteAnswer, reach: Reach): { text: string; decidedBy?: ConfigLocation } {
  const domain = splitAddress(address).host;
  let prefix = '';
  let decidedBy: ConfigLocation | undefined;
  if (r.virtuser && model.virtusertable) {
    decidedBy = { path: model.virtusertable.path, line: r.virtuser.line, label: `${baseName(model.virtusertable.path)} line` };
    prefix = `${where(decidedBy)} (\`${r.virtuser.key} ${r.virtuser.value}\`) rewrites ${address} to ${r.virtuser.value}; then `;
  }
  if (r.mailer === 'local') {
    const hub = r.afterAliases ? (model.mailHub ? 'MAIL_HUB' : 'LOCAL_RELAY') : undefined;
    const hubLine = hub ? rc.defineLine(hub) : undefined;
    const local = domain ? `${domain} is one of this machine's names (class w), so sendmail delivers it locally (mailer local)` : 'the address has no domain, so sendmail delivers it locally (mailer local)';
    if (r.afterAliases && hub) {
      return { decidedBy: hubLine ?? decidedBy, text: `${prefix}${local}; after alias expansion ${hub}${hubLine ? ` (${where(hubLine)})` : ''} sends it to ${r.afterAliases.host}.` };
    }
    return { decidedBy, text: `${prefix}${local}.` };
  }
  if (r.matched && model.mailertablePath) {
    const mt: ConfigLocation = { path: model.mailertablePath, line: r.matched.line, label: `${baseName(model.mailertablePath)} line` };
    const entry = `${where(mt)} (\`${r.matched.key} ${r.matched.value}\`)`;
    if (r.mailer === 'error') return { decidedBy: mt, text: `${prefix}${entry} refuses this domain with an error (${[r.host, r.user].filter(Boolean).join(' ')}).` };
    return { decidedBy: mt, text: `${prefix}${entry} routes this domain: mailer ${r.mailer} to ${r.host}${hostHow(r, reach)}.` };
  }
  const noEntry = model.mailertable ? `no mailertable entry matches ${domain}` : 'FEATURE(`mailertable\') is not used';
  if (model.smartHost && r.host && !/^\[.*\]$/.test(domain ?? '')) {
    const sh = rc.defineLine('SMART_HOST');
    return { decidedBy: sh ?? decidedBy, text: `${prefix}${noEntry}, and SMART_HOST${sh ? ` (${where(sh)})` : ''} sends mail for other domains to ${r.host}${hostHow(r, reach)}.` };
  }
  const target = r.host ?? domain ?? address;
  const how = r.mx ? `looked up the MX records of ${target}${reach.name ? ` and ${reach.words(reach.name)}` : ''}` : `${reach.words(target)}${reach.unresolved ? '' : ' directly'} (no MX lookup for a [bracketed] host)`;
  return { decidedBy, text: `${prefix}${noEntry} and SMART_HOST is not set, so sendmail ${how}.` };
}

/** How the host is reached: MX lookup or not, and what this line says happened. */
function hostHow(r: RouteAnswer, reach: Reach): string {
  if (r.mx) return `; sendmail looks up its MX records${reach.name ? ` and ${reach.words(reach.name)}` : ''}`;
  const host = reach.name ?? r.host;
  return host ? ` (${reach.words(host)})` : '';
}


const isAddress = (h: string) => /^(?:\d{1,3}(?:\.\d{1,3}){3}|ipv6:.*)$/i.test(h);

/**
 * When the configuration names a fixed host (no MX lookup) and the log used another one, the
 * configuration has probably changed since the line was written. Said only when the line
 * names a host to compare with (an address alone cannot be told from a configured name).
 */
function mismatch(r: RouteAnswer, used: ReturnType<typeof relayParts> | undefined, usedName: string | undefined): string | undefined {
  if (!used || !usedName || !r.host || r.mx || r.mailer === 'local' || r.mailer === 'error') return undefined;
  const targets = r.host.split(':').filter(Boolean).map(bare);
  const seen = [used.host, used.ip].filter((x): x is string => !!x).map(bare);
  if (seen.some((s) => targets.includes(s))) return undefined;
  if (seen.every(isAddress) && !targets.some(isAddress)) return undefined;
  return `Note: the configuration today sends this mail to ${r.host}, but this line went to ${usedName}: the configuration has probably changed since.`;
}
