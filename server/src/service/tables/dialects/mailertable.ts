// mailertable: domain -> mailer:host. Keys: "host.example.com", ".example.com" (anything
// below), "." (everything else). Values: mailer:host, mailer:user@host, local:user,
// error:D.S.N:text. A value without "mailer:" is not a route (see noMailer below).
//
// Finding on "[host]:port" (sendmail 8.17.1, checked with a generated cf and `sendmail -v`):
// the host part of a mailer triple is a colon-separated list of FALLBACK HOSTS (op guide,
// "the host may be a colon (or comma) separated list of hosts"), not host:port.
// `esmtp:[127.0.0.1]:[127.0.0.2]` connected to 127.0.0.1 then 127.0.0.2, and
// `esmtp:[127.0.0.1]:2525` connected to port 25 and never reached a listener on 2525.
// So a numeric list item is diagnosed as `mailertable.port-not-supported`.
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import type { Dialect } from '../dialect';
import { foldLower, MAKEMAP_DUPLICATE } from '../dialect';
import type { Entry } from '../syntax';
import { issue, ERROR, WARNING, HINT, type Issue } from '../issues';
import type { TableEnv } from '../env';
import { parseHost, describeHost, isHostName, isIPv6ish } from '../hosts';
import { mapNearest as nearest } from '../env';
import { mailerFileDefining } from '../../catalog';
import { checkErrorForm, checkErrorValue, checkStatusColon, describeError, shownText } from './errorValue';
import { mailertableFast } from '../fastPaths';
import { cachedScanner, mailertableScanner } from '../lineScanners';
import { clip } from '../../clip';

interface HostItem { text: string; start: number; end: number }
interface Rhs { mailer?: string; mailerStart: number; mailerEnd: number; rest: string; restStart: number; user?: string; hosts: HostItem[] }

/** Splits "mailer:[h1]:h2,h3" into mailer and hosts, keeping offsets (brackets protect colons in IPv6). */
export function parseRhs(value: string, base: number): Rhs {
  const colon = value.startsWith('[') ? -1 : value.indexOf(':');
  const mailer = colon > 0 ? value.slice(0, colon) : undefined;
  const restStart = colon > 0 ? colon + 1 : 0;
  let rest = value.slice(restStart);
  let user: string | undefined;
  let hostBase = base + restStart;
  const at = rest.lastIndexOf('@');
  if (mailer && at >= 0 && !rest.startsWith('[')) { user = rest.slice(0, at); hostBase += at + 1; rest = rest.slice(at + 1); }
  const hosts: HostItem[] = [];
  let depth = 0, s = 0;
  for (let i = 0; i <= rest.length; i++) {
    const c = rest[i];
    if (c === '[') depth++;
    else if (c === ']') depth = Math.max(0, depth - 1);
    if (i === rest.length || (depth === 0 && (c === ':' || c === ','))) {
      hosts.push({ text: rest.slice(s, i), start: hostBase + s, end: hostBase + i });
      s = i + 1;
    }
  }
  return { mailer, mailerStart: base, mailerEnd: base + (colon > 0 ? colon : 0), rest: value.slice(restStart), restStart: base + restStart, user, hosts };
}

function checkKey(e: Entry, out: Issue[]): void {
  const k = e.key;
  if (k === '.') return;
  if (k.includes('@')) {
    out.push(issue('mailertable.bad-key', WARNING, e.keyStart, e.keyEnd, 'mailertable is looked up by the domain of the recipient only, never by user@domain: this entry never matches.'));
    return;
  }
  const name = k.startsWith('.') ? k.slice(1) : k;
  // sendmail strips the trailing dot of the recipient's domain before every lookup
  // (Parse1 "strip trailing dot"); `sendmail -bt` never finds a `trailing.example.` key.
  if (name.endsWith('.') && isHostName(name)) {
    out.push(issue('mailertable.trailing-dot', WARNING, e.keyStart, e.keyEnd, `sendmail removes the trailing dot from a domain before looking it up, so \`${clip(k)}\` never matches; write it without the dot.`, { replacement: k.slice(0, -1) }));
    return;
  }
  if (!isHostName(name) && !/^\[.*\]$/.test(name)) {
    out.push(issue('mailertable.bad-key', WARNING, e.keyStart, e.keyEnd, `\`${clip(k)}\` is not a host or domain name; sendmail looks up recipient domains, so this entry never matches.`));
  }
}

/**
 * Mailers that connect to $h over TCP (mailer/smtp.m4: A=TCP $h). For the others $h is not a
 * network host: procmail's is the rc file (`procmail -m $h`, cf/README: procmail:/etc/procmailrcs/x),
 * cyrus a mailbox, uucp a UUCP node, so the host syntax checks do not apply to them.
 */
const NETWORK_MAILERS: Record<string, string> = { smtp: 'SMTP', esmtp: 'ESMTP', smtp8: 'SMTP8', dsmtp: 'DSMTP', relay: 'RELAY' };

/** The port the mailer connects to: the third word of <MAILER>_MAILER_ARGS (`TCP $h 587`), else 25. */
function mailerPort(mailer: string, env: TableEnv): string {
  mailer = clip(mailer, 20);
  const prefix = NETWORK_MAILERS[mailer.toLowerCase()];
  const args = prefix ? env.define(`${prefix}_MAILER_ARGS`) : undefined;
  if (args === undefined) return prefix && env.mc ? `25 (the ${mailer} mailer's default)` : `25 (unless ${prefix ?? clip(mailer.toUpperCase(), 20)}_MAILER_ARGS sets another)`;
  const port = /^\s*TCP\s+\S+\s+(\S+)/i.exec(args)?.[1];
  return port ? `${clip(port, 20)} (from ${prefix}_MAILER_ARGS)` : `25 (${prefix}_MAILER_ARGS names no port)`;
}

/**
 * What works for "this route, another port" (checked with sendmail 8.17: ESMTP_MAILER_ARGS moves
 * every esmtp delivery, MX deliveries included): the relay mailer, whose port only the
 * relay: routes, SMART_HOST, MAIL_HUB and LUSER_RELAY share, or a mailer of one's own.
 */
function portAdvice(mailer: string, host: string, port: string, env: TableEnv): string {
  const relayArgs = env.define('RELAY_MAILER_ARGS');
  if (mailer.toLowerCase() === 'relay' && relayArgs && new RegExp(`^\\s*TCP\\s+\\S+\\s+${port}\\s*$`, 'i').test(relayArgs)) {
    return `RELAY_MAILER_ARGS already sends relay mail to port ${port}: drop \`:${port}\`.`;
  }
  const route = mailer.toLowerCase() === 'relay' ? 'Drop it and put' : `Write relay:${clip(host, 24)} and put`;
  const own = NETWORK_MAILERS[mailer.toLowerCase()] && mailer.toLowerCase() !== 'relay' ? `; ${NETWORK_MAILERS[mailer.toLowerCase()]}_MAILER_ARGS would move every ${mailer} delivery` : '';
  return `${route} define(\`RELAY_MAILER_ARGS', \`TCP $h ${port}') above MAILER(\`smtp') (SMART_HOST, MAIL_HUB and LUSER_RELAY share it), or define a mailer of your own${own}.`;
}

/** `esmtp:2001:db8::1`: an IPv6 address without brackets, which sendmail would read as a list of hosts. */
function unbracketedIPv6(rhs: Rhs, out: Issue[]): boolean {
  const at = rhs.user !== undefined ? rhs.hosts[0]?.start ?? rhs.restStart : rhs.restStart;
  const text = rhs.hosts.map((h) => h.text).join(':');
  if (rhs.hosts.length < 3 || text.includes(',') || !isIPv6ish(text) || !(text.includes('::') || rhs.hosts.length >= 4)) return false;
  out.push(issue('mailertable.unbracketed-ipv6', ERROR, at, at + text.length,
    `${clip(text)} is an IPv6 address without brackets: sendmail reads each colon as "or else try host", so it never connects to it. Write [IPv6:${clip(text)}].`,
    { replacement: `[IPv6:${text}]` }));
  return true;
}

function checkHosts(e: Entry, rhs: Rhs, env: TableEnv, out: Issue[]): void {
  if (rhs.hosts.length === 1 && rhs.hosts[0].text === '') {
    out.push(issue('mailertable.missing-host', ERROR, rhs.restStart - 1, rhs.restStart, `\`${clip(rhs.mailer ?? '')}:\` has no host: sendmail has nowhere to connect and the message is deferred.`));
    return;
  }
  if (unbracketedIPv6(rhs, out)) return;
  rhs.hosts.forEach((raw, i) => {
    // sendmail's tokenizer drops blanks around the host (`esmtp: [mx]` routes to [mx]): judge the trimmed text.
    const lead = raw.text.length - raw.text.trimStart().length;
    const h = { text: raw.text.trim(), start: raw.start + lead, end: raw.start + lead + raw.text.trim().length };
    if (h.text !== raw.text && h.text) out.push(issue('mailertable.blank-in-value', HINT, raw.start, raw.end, 'sendmail ignores the blanks here (its tokenizer drops them), but they make the entry harder to read and to grep.', { replacement: h.text }));
    if (/^\d+$/.test(h.text) && i > 0) {
      const prev = clip(rhs.hosts[i - 1].text.trim(), 24);
      const port = clip(h.text, 12);
      out.push(issue('mailertable.port-not-supported', ERROR, h.start - 1, h.end,
        `\`:${port}\` is not a port but a second host: sendmail connects to ${prev} on port ${mailerPort(rhs.mailer!, env)}, then to host ${port}. ${portAdvice(rhs.mailer!, rhs.hosts[i - 1].text.trim(), port, env)}`));
      return;
    }
    if (h.text === '') { out.push(issue('mailertable.bad-host', WARNING, raw.start, raw.end + 1, 'Empty host in the host list (two separators in a row).')); return; }
    if (h.text.includes('%')) {
      if (!e.key.startsWith('.')) out.push(issue('mailertable.percent-needs-dot', WARNING, h.start, h.end, `\`%1\` is filled in only for keys that start with a dot (the part of the domain matched before it); with the key \`${clip(e.key)}\` it stays empty.`));
      return;
    }
    const p = parseHost(h.text);
    if (p.kind === 'ipv4' && !p.bracketed) {
      out.push(issue('mailertable.unbracketed-ip', WARNING, h.start, h.end, `Without brackets sendmail treats ${h.text} as a host name and looks up MX records for it; write [${h.text}] to connect to the address directly.`, { replacement: `[${h.text}]` }));
    } else if (p.kind === 'bad') {
      out.push(issue('mailertable.bad-host', WARNING, h.start, h.end, `\`${clip(h.text)}\` is not a host name, [address] or [IPv6:address]; delivery will fail to find it.`));
    }
  });
}

/**
 * A value without "mailer:" (checked with `sendmail -bt`, 8.17, cf/m4/proto.m4 Parse1 and
 * Mailertable): it is not a destination. For an exact key sendmail looks the value up again
 * as a domain (`.example.net`, `.net`, then `.`: "Mailertable input: < relay . example . net >");
 * for a .domain key only `.` is tried. With no match the recipient is delivered normally.
 */
function noMailer(e: Entry, env: TableEnv, out: Issue[]): void {
  const v = e.value, cv = clip(v, 40);
  const bareMailer = env.mailers.has(v) || !!mailerFileDefining(v);
  const parents = v.includes('.') && !v.startsWith('[') ? `its parent domains (${clip(v.replace(/^[^.]*/, ''), 40)}, …) and then \`.\`` : 'the `.` entry';
  const next = e.key.startsWith('.') ? 'the `.` entry' : parents;
  const fallback = e.key === '.' ? '' : clip(e.key, 40).replace(/^\./, 'the host below ');
  const outcome = e.key === '.' ? 'the entry is ignored and mail is delivered as usual (SMART_HOST or MX)'
    : `it searches the mailertable again as if \`${cv}\` were the domain (${next}) and, with no match, delivers to ${fallback} as usual`;
  const mailer = ['esmtp', 'relay', 'smtp'].find((m) => env.mailers.has(m));
  const target = v.startsWith('[') ? v : `[${v}]`;
  const data = !bareMailer && mailer ? { replacement: `${mailer}:${target}` } : undefined;
  out.push(issue('mailertable.no-mailer', WARNING, e.valueStart, e.valueEnd, bareMailer
    ? `\`${cv}\` is a mailer name without a host, and a value without \`mailer:\` is not a route: ${outcome}. Write ${cv}:[host].`
    : `No mailer, so sendmail does not send to ${cv}: ${outcome}. Write ${mailer ?? 'esmtp'}:${v.startsWith('[') ? cv : `[${cv}]`} to send there.`, data));
}

function checkValue(e: Entry, env: TableEnv, out: Issue[]): void {
  const rhs = parseRhs(e.value, e.valueStart);
  if (!rhs.mailer) {
    const p = parseHost(e.value);
    if (p.kind === 'bad' && !e.value.includes('%')) {
      out.push(issue('mailertable.bad-value', ERROR, e.valueStart, e.valueEnd, `Expected mailer:host (e.g. esmtp:[mx.example.com]); \`${clip(e.value)}\` is neither.`));
    } else noMailer(e, env, out);
    return;
  }
  const m = rhs.mailer;
  const lower = m.toLowerCase();
  if (lower === 'error') {
    checkErrorValue(rhs.rest, rhs.restStart, e.valueEnd, out);
    checkStatusColon(rhs.rest, rhs.restStart, out, 'mailertable.error-no-colon', `mail for ${clip(e.key)}`, shownText);
    checkErrorForm(rhs.rest, rhs.restStart, out, 'mailertable'); // the virtusertable's error:nouser 550 text
    return;
  }
  if (lower === 'local') return; // local:user or local: — delivered locally
  if (lower === 'discard') {
    out.push(issue('mailertable.unknown-mailer', ERROR, rhs.mailerStart, rhs.mailerEnd,
      `\`discard\` cannot route mail: sendmail has that mailer only for the access map's DISCARD action, so here it rejects every recipient at ${clip(e.key)} with "554 5.3.5 buildaddr: unknown mailer discard". To drop mail for a domain, use the access map (e.g. \`To:${clip(e.key.replace(/^\./, ''))}\tDISCARD\`).`));
    return;
  }
  if (!env.mailers.has(m)) {
    const guess = nearest(m, env.mailers.keys());
    // A standard mailer this mc just does not load: say which MAILER() line would define it.
    const file = mailerFileDefining(m)?.file;
    const where = env.mc ? `${env.mc.path} defines: ${[...env.mailers.keys()].join(', ')}` : 'no standard MAILER() file defines it';
    const add = file && env.mc ? ` MAILER(\`${file}') defines it; ${env.mc.path} does not have that line.` : '';
    out.push(issue('mailertable.unknown-mailer', ERROR, rhs.mailerStart, rhs.mailerEnd,
      `Unknown mailer \`${clip(m)}\`: sendmail bounces mail for ${clip(e.key)} with "unknown mailer".${add} ${guess ? `Did you mean \`${guess}\`? ` : ''}(${where})`,
      guess ? { replacement: guess } : file && env.mc ? { mcPath: env.mc.path, insertMailer: `MAILER(\`${file}')dnl` } : undefined));
    // A misspelt network mailer (no standard file defines it): its host is still worth checking.
    if (file) return;
  } else if (!NETWORK_MAILERS[lower]) return;
  checkHosts(e, rhs, env, out);
}

/**
 * `error:5.1.2 host unknown` (no colon after the status): MailerToTriple only reads the status
 * from `error:D.S.N:text`; here the whole rest is the text and, checked with `sendmail -bs`
 * (8.17), the recipient is refused with "553 5.3.0 <u@err.example>... 5.1.2 host unknown".
 */
function describeKey(k: string): string {
  if (k === '.') return '**`.`** — the default route: every recipient domain that no other entry matches (and that is not local).';
  if (k.startsWith('.')) return `**\`${k}\`** — any host *below* ${k.slice(1)} (e.g. \`user@mail${k}\`), but not \`${k.slice(1)}\` itself; add a separate \`${k.slice(1)}\` entry for that. More specific entries win.`;
  return `**\`${k}\`** — recipients at exactly this domain (\`user@${k}\`). Subdomains need a \`.${k}\` entry.`;
}

function hover(e: Entry, ch: number, env: TableEnv): string | undefined {
  if (ch <= e.keyEnd) return describeKey(e.key);
  if (ch < e.valueStart) return undefined;
  const rhs = parseRhs(e.value, e.valueStart);
  if (rhs.mailer && ch <= rhs.mailerEnd) {
    const lower = rhs.mailer.toLowerCase();
    if (lower === 'error') return `**error** — ${describeError(rhs.rest, 'mailertable')}`;
    if (lower === 'local') return `**local** — delivers on this machine${rhs.rest ? ` to the local user \`${rhs.rest}\`` : ' to the recipient\'s user name'}.`;
    const src = env.mailers.get(rhs.mailer);
    if (src) return `**Mailer \`${rhs.mailer}\`** — ${src}.`;
    const file = mailerFileDefining(rhs.mailer)?.file;
    return `**Mailer \`${rhs.mailer}\`** — not defined by this configuration${file ? `: it comes from \`\` MAILER(\`${file}') \`\`, which the sendmail.mc does not load` : ''}.`;
  }
  if (rhs.mailer?.toLowerCase() === 'error') return describeError(rhs.rest, 'mailertable');
  if (!rhs.mailer) return `**No mailer** — sendmail does not send to \`${e.value}\`: it looks the value up in the mailertable again as a domain${e.key.startsWith('.') ? ' (the `.` entry)' : ''} and, with no match, delivers to the recipient's domain as usual. Write \`esmtp:[${e.value.replace(/^\[|\]$/g, '')}]\` to send there.`;
  const h = rhs.hosts.find((x) => ch >= x.start && ch <= x.end);
  if (!h) return rhs.user !== undefined ? `Delivers to the user \`${rhs.user}\` (the recipient address is replaced).` : undefined;
  if (/^\d+$/.test(h.text)) return `\`${h.text}\` is a fallback **host name**, not a port.`;
  const idx = rhs.hosts.indexOf(h);
  const order = rhs.hosts.length > 1 ? ` (host ${idx + 1} of ${rhs.hosts.length}: sendmail tries them in order)` : '';
  return `**\`${h.text}\`** — sendmail ${describeHost(parseHost(h.text))}${order}`;
}

function complete(e: Entry | undefined, ch: number, env: TableEnv): CompletionItem[] {
  if (!e || ch <= e.keyEnd) return [];
  const before = e.text.slice(e.valueStart, ch);
  if (before.includes(':')) return [];
  return [...env.mailers].map(([name, src]) => ({ label: name, kind: CompletionItemKind.Module, detail: src, insertText: `${name}:` }));
}

export const mailertable: Dialect = {
  name: 'mailertable',
  syntax: 'map',
  foldKey: foldLower,
  caseHintFrom: () => 0,
  checkEntry(e, env, out) {
    checkKey(e, out);
    checkValue(e, env, out);
  },
  hover,
  complete,
  unreachableKeys(env) {
    // Checked with sendmail -bt: `/parse u@example.com` gives "mailer local" although the
    // mailertable has example.com; .example.com keys still route the subdomains.
    const out = new Map<string, { code: string; severity: 2; message: string }>();
    for (const [name, from] of env.virtual?.w ?? []) {
      if (!isHostName(name)) continue;
      out.set(name, { code: 'mailertable.local-name', severity: WARNING,
        message: `\`${name}\` is one of this machine's names (class {w}${/^always/.test(from) ? '' : `, from ${from}`}): sendmail delivers its mail locally before it looks at the mailertable, so this entry is never used. Take ${name} out of class {w} to route it by this entry.` });
    }
    return out;
  },
  fastPath: mailertableFast,
  scanner: (env) => cachedScanner('mailertable', env, (e) => mailertableScanner(e, Object.keys(NETWORK_MAILERS))),
  duplicate: { severity: 1, says: MAKEMAP_DUPLICATE },
};

