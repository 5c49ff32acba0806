// The Explain-route model: what sendmail's ruleset 0 (as cf.m4 generates it) picks for an
// address, computed from the configuration files alone, for when sendmail is not installed
// or as a cross-check of `sendmail -bt`. Order, as in the generated Parse1 rules:
//   1. no @, or a host in class w (local-host-names, localhost, $j)  -> local mailer
//   2. mailertable: exact host, each parent .domain, then "."         -> the entry's mailer:host
//      (a value without mailer: is searched for again, see mailertableRoute)
//   3. SMART_HOST ([mailer:]host, mailer defaults to relay)
//   4. otherwise the SMTP mailer (esmtp) to the host itself, via its MX records.
// A local user then goes through alias expansion and ruleset 5 (localaddr), where MAIL_HUB
// (else LOCAL_RELAY) forwards every local user and LUSER_RELAY those without an account here
// (checked with `sendmail -bt` 8.17: `5 alice`); users listed with LOCAL_USER stay local.
import { mailertableKeys, type MailertableEntry } from './mailertable';

export interface RouteModel {
  /** Names in class w (lower case). */
  localNames: Set<string>;
  /** Mailertable entries, or undefined when FEATURE(`mailertable') is not used. */
  mailertable?: MailertableEntry[];
  /** Source file of the mailertable, for messages. */
  mailertablePath?: string;
  /** SMART_HOST value as written ([mailer:]host), if defined. */
  smartHost?: string;
  /** confSMTP_MAILER (esmtp unless defined). */
  smtpMailer: string;
  /** FEATURE(`virtusertable'): its entries, and whether a domain is one sendmail looks up there. */
  virtusertable?: { entries: Map<string, { value: string; line: number }>; path: string; isVirtual: (host: string) => boolean };
  /** MAIL_HUB, LOCAL_RELAY and LUSER_RELAY as written ([mailer:]host), if defined. */
  mailHub?: string;
  localRelay?: string;
  luserRelay?: string;
}

/** Where a local user goes after alias expansion when ruleset 5 forwards it. */
export interface AfterAliases { mailer: string; host?: string; user: string; mx: boolean }

export interface RouteAnswer {
  mailer: string;
  host?: string;
  user: string;
  /** True when sendmail will look up MX records for the host (SMTP-type mailer, host not in [brackets]). */
  mx: boolean;
  /** The mailertable entry that decided the route. */
  matched?: { key: string; value: string; line: number };
  /** The virtusertable entry that rewrote the address first. */
  virtuser?: { key: string; value: string; line: number };
  /** For a local user: where ruleset 5 forwards it after alias expansion (MAIL_HUB, LOCAL_RELAY). */
  afterAliases?: AfterAliases;
  /** Why, step by step, in words. */
  steps: string[];
}

const SMTP_MAILERS = new Set(['smtp', 'esmtp', 'smtp8', 'dsmtp', 'relay']);

/** MX lookups happen for SMTP-type mailers unless every host is a [literal]. Hosts may be a colon list. */
export function usesMx(mailer: string, host: string | undefined): boolean {
  if (!SMTP_MAILERS.has(mailer) || !host) return false;
  return host.split(':').some((h) => h && !/^\[.*\]$/.test(h));
}

/** `user@host` (angle brackets allowed) into its local part and lower-case host without a trailing dot. */
export function splitAddress(address: string): { local: string; host?: string } {
  const a = address.trim().replace(/^<(.*)>$/, '$1');
  const at = a.lastIndexOf('@');
  if (at < 0) return { local: a };
  return { local: a.slice(0, at), host: a.slice(at + 1).toLowerCase().replace(/\.$/, '') };
}

function fromMailerHost(value: string, defaultMailer: string): { mailer: string; host: string } {
  const colon = value.indexOf(':');
  return colon < 0 ? { mailer: defaultMailer, host: value } : { mailer: value.slice(0, colon), host: value.slice(colon + 1) };
}

/** A value in mailer:host form (the Mailertable ruleset's `$~[ :` test): anything else is not a route. */
const hasMailer = (value: string) => /^[^[:\s][^:\s]*:/.test(value);

function mailertableRoute(host: string, address: string, local: string, table: MailertableEntry[], smtpMailer: string, steps: string[]): RouteAnswer | undefined {
  const find = (key: string) => table.find((m) => m.key === key);
  const keys = mailertableKeys(host);
  steps.push(`mailertable lookups in order: ${keys.join(', ')}`);
  for (const key of keys) {
    let e = find(key);
    if (!e) continue;
    steps.push(`"${key}" matched (line ${e.line + 1}): ${e.value}`);
    let matchedKey = key;
    if (!hasMailer(e.value)) {
      // Checked with `sendmail -bt` (8.17): a value without "mailer:" is looked up again as a
      // domain. After an exact key: the value's parent .domains, then "."; after a .domain key: ".".
      const again = key === '.' ? [] : key.startsWith('.') ? ['.'] : mailertableKeys(e.value).slice(1);
      steps.push(again.length ? `"${e.value}" has no mailer: sendmail searches again for ${again.join(', ')}` : `"${e.value}" has no mailer, so the entry is not a route`);
      const next = again.map((k) => find(k)).find((x) => x !== undefined);
      if (!next) return undefined;
      steps.push(`"${next.key}" matched (line ${next.line + 1}): ${next.value}`);
      if (!hasMailer(next.value)) return undefined;
      e = next;
      matchedKey = next.key;
    }
    const matched = { key: e.key, value: e.value, line: e.line };
    const { mailer, host: target } = fromMailerHost(e.value, smtpMailer);
    if (mailer === 'local') return { mailer, host: address, user: target || local, mx: false, matched, steps };
    if (mailer === 'error') return { mailer, ...errorParts(target), mx: false, matched, steps };
    // %1 stands for the part of the host in front of a matched .domain key.
    const prefix = matchedKey.startsWith('.') && matchedKey !== '.' && host.endsWith(matchedKey) ? host.slice(0, host.length - matchedKey.length) : host;
    const resolved = target.replace(/%1/g, prefix) || host;
    return { mailer, host: resolved, user: address, mx: usesMx(mailer, resolved), matched, steps };
  }
  return undefined;
}

/**
 * `error:` values as sendmail's rules split them (-bt prints "mailer *error*, host 5.7.1, user
 * 550 text"): a D.S.N status before a colon, else the first word (a status keyword such as
 * nouser, or the "5" of a colon-less 5.7.1), then the text.
 */
export function errorParts(body: string): { host: string; user: string } {
  const b = body.trim();
  const dsn = /^(\d+\.\d+\.\d+):\s*(.*)$/.exec(b);
  if (dsn) return { host: dsn[1], user: dsn[2] };
  const word = /^([A-Za-z0-9]+)\s*(.*)$/.exec(b);
  return word ? { host: word[1], user: word[2] } : { host: '', user: b };
}

/** The keys sendmail tries in the virtusertable for user@host (proto.m4 Parse1), with the %1 %2 %3 each gives. */
export function virtuserKeys(user: string, host: string): { key: string; args: [string, string, string] }[] {
  const u = user.toLowerCase(), h = host.toLowerCase();
  const plus = u.indexOf('+');
  if (plus < 0) return [{ key: `${u}@${h}`, args: [user, '', ''] }, { key: `@${h}`, args: [user, '', ''] }];
  const base = user.slice(0, plus), detail = user.slice(plus + 1);
  const lb = base.toLowerCase();
  const parts: [string, string, string] = [base, detail, `+${detail}`];
  const keys = [{ key: `${u}@${h}`, args: [user, '', ''] as [string, string, string] }];
  if (detail) keys.push({ key: `${lb}++@${h}`, args: parts });
  keys.push({ key: `${lb}+*@${h}`, args: parts }, { key: `${lb}@${h}`, args: parts });
  if (detail) keys.push({ key: `++@${h}`, args: parts });
  keys.push({ key: `+*@${h}`, args: parts }, { key: `@${h}`, args: [user, '', ''] });
  return keys;
}

const MAX_REWRITES = 8;

export function explainRoute(address: string, model: RouteModel, depth = 0): RouteAnswer {
  const { local, host } = splitAddress(address);
  const steps: string[] = [];
  const vt = model.virtusertable;
  if (vt && host && depth < MAX_REWRITES && vt.isVirtual(host)) {
    for (const { key, args } of virtuserKeys(local, host)) {
      const e = vt.entries.get(key);
      if (!e) continue;
      const virtuser = { key, value: e.value, line: e.line };
      steps.push(`virtusertable "${key}" matched (line ${e.line + 1}): ${e.value}`);
      if (/^error:/i.test(e.value)) return { mailer: 'error', ...errorParts(e.value.slice(6)), mx: false, virtuser, steps };
      const target = e.value.replace(/%([123])/g, (_m, n: string) => args[Number(n) - 1]);
      const next = explainRoute(target, model, depth + 1);
      return { ...next, virtuser, steps: [...steps, `routed again as ${target}`, ...next.steps] };
    }
    steps.push(`no virtusertable entry for ${local}@${host}`);
  }
  if (!host || model.localNames.has(host)) {
    steps.push(host ? `${host} is one of this machine's names (class w), so the address is local` : 'no @domain: a local user');
    return { mailer: 'local', user: local, mx: false, steps, afterAliases: localForwarding(local, model, steps) };
  }
  const literal = /^\[.*\]$/.test(host);
  if (model.mailertable && !literal) {
    const found = mailertableRoute(host, address, local, model.mailertable, model.smtpMailer, steps);
    if (found) return found;
    steps.push('no mailertable entry matched');
  }
  if (model.smartHost) {
    const { mailer, host: relay } = fromMailerHost(model.smartHost, literal ? model.smtpMailer : 'relay');
    steps.push(`SMART_HOST is ${model.smartHost}: all other remote mail goes there`);
    return { mailer, host: relay, user: address, mx: usesMx(mailer, relay), steps };
  }
  steps.push(`no SMART_HOST: delivered by ${model.smtpMailer} straight to ${host}`);
  return { mailer: model.smtpMailer, host, user: address, mx: usesMx(model.smtpMailer, host), steps };
}

/** Ruleset 5 for a local user (after aliases): MAIL_HUB, else LOCAL_RELAY, forwards it; LUSER_RELAY depends on accounts. */
function localForwarding(user: string, model: RouteModel, steps: string[]): AfterAliases | undefined {
  const to = model.mailHub ? { name: 'MAIL_HUB', value: model.mailHub } : model.localRelay ? { name: 'LOCAL_RELAY', value: model.localRelay } : undefined;
  if (model.luserRelay && !to) steps.push(`LUSER_RELAY is ${model.luserRelay}: if ${user} has no account on this machine (and is no alias), sendmail sends it there`);
  if (!to) return undefined;
  const { mailer, host } = fromMailerHost(to.value, 'relay');
  steps.push(`${to.name} is ${to.value}: after alias expansion, ${user} is sent to ${host} by mailer ${mailer} (users listed with LOCAL_USER stay here)`);
  return { mailer, host, user: `${user}@${host}`, mx: usesMx(mailer, host) };
}
