// mailertable: domain -> mailer:host. Keys: "host.example.com", ".example.com" (anything
// below), "." (everything else). Values: mailer:host, mailer:user@host, local:user,
// error:D.S.N:text, or a bare host (sent with the relay mailer).
//
// Finding on "[host]:port" (sendmail 8.17.1, checked with a generated cf and `sendmail -v`):
// the host part of a mailer triple is a colon-separated list of FALLBACK HOSTS (op guide,
// "the host may be a colon (or comma) separated list of hosts"), not host:port.
// `esmtp:[127.0.0.1]:[127.0.0.2]` connected to 127.0.0.1 then 127.0.0.2, and
// `esmtp:[127.0.0.1]:2525` connected to port 25 and never reached a listener on 2525.
// So a numeric list item is diagnosed as `mailertable.port-not-supported`.
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import type { Dialect } from '../dialect';
import { foldLower } from '../dialect';
import type { Entry } from '../syntax';
import { issue, ERROR, WARNING, INFO, type Issue } from '../issues';
import type { TableEnv } from '../env';
import { parseHost, describeHost, isHostName } from '../hosts';
import { mapNearest as nearest } from '../env';
import { mailerFileDefining } from '../../catalog';
import { checkErrorValue, describeError } from './errorValue';
import { mailertableFast } from '../fastPaths';
import { cachedScanner, mailertableScanner } from '../lineScanners';

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
  if (!isHostName(name) && !/^\[.*\]$/.test(name)) {
    out.push(issue('mailertable.bad-key', WARNING, e.keyStart, e.keyEnd, `\`${k}\` is not a host or domain name; sendmail looks up recipient domains, so this entry never matches.`));
  }
}

function checkHosts(e: Entry, rhs: Rhs, out: Issue[]): void {
  if (rhs.hosts.length === 1 && rhs.hosts[0].text === '') {
    out.push(issue('mailertable.missing-host', ERROR, rhs.restStart - 1, rhs.restStart, `\`${rhs.mailer}:\` has no host: sendmail has nowhere to connect and the message is deferred.`));
    return;
  }
  rhs.hosts.forEach((h, i) => {
    if (/^\d+$/.test(h.text) && i > 0) {
      const prev = rhs.hosts[i - 1].text;
      out.push(issue('mailertable.port-not-supported', ERROR, h.start - 1, h.end,
        `\`:${h.text}\` is not a port: sendmail reads the colon as "or else try host \`${h.text}\`", so it delivers to ${prev} on the mailer's port (25) and then looks up a host named ${h.text}. Set the port on the mailer instead, e.g. define(\`ESMTP_MAILER_ARGS', \`TCP $h ${h.text}').`));
      return;
    }
    if (h.text === '') { out.push(issue('mailertable.bad-host', WARNING, h.start, h.end + 1, 'Empty host in the host list (two separators in a row).')); return; }
    if (h.text.includes('%')) {
      if (!e.key.startsWith('.')) out.push(issue('mailertable.percent-needs-dot', WARNING, h.start, h.end, `\`%1\` is filled in only for keys that start with a dot (the part of the domain matched before it); with the key \`${e.key}\` it stays empty.`));
      return;
    }
    const p = parseHost(h.text);
    if (p.kind === 'ipv4' && !p.bracketed) {
      out.push(issue('mailertable.unbracketed-ip', WARNING, h.start, h.end, `Without brackets sendmail treats ${h.text} as a host name and looks up MX records for it; write [${h.text}] to connect to the address directly.`, { replacement: `[${h.text}]` }));
    } else if (p.kind === 'bad') {
      out.push(issue('mailertable.bad-host', WARNING, h.start, h.end, `\`${h.text}\` is not a host name, [address] or [IPv6:address]; delivery will fail to find it.`));
    }
  });
}

function checkValue(e: Entry, env: TableEnv, out: Issue[]): void {
  const rhs = parseRhs(e.value, e.valueStart);
  if (!rhs.mailer) {
    const p = parseHost(e.value);
    if (p.kind === 'bad' && !e.value.includes('%')) {
      out.push(issue('mailertable.bad-value', ERROR, e.valueStart, e.valueEnd, `Expected mailer:host (e.g. esmtp:[mx.example.com]); \`${e.value}\` is neither.`));
    } else {
      out.push(issue('mailertable.no-mailer', INFO, e.valueStart, e.valueEnd, `No mailer given: sendmail sends to ${e.value} with the relay mailer (as for SMART_HOST). Write esmtp:${e.value} to be explicit.`));
    }
    return;
  }
  const m = rhs.mailer;
  const lower = m.toLowerCase();
  if (lower === 'error') { checkErrorValue(rhs.rest, rhs.restStart, e.valueEnd, out); return; }
  if (lower === 'local') return; // local:user or local: — delivered locally
  if (!env.mailers.has(m)) {
    const guess = nearest(m, env.mailers.keys());
    // A standard mailer this mc just does not load: say which MAILER() line would define it.
    const file = mailerFileDefining(m)?.file;
    const where = env.mc ? `${env.mc.path} defines: ${[...env.mailers.keys()].join(', ')}` : 'no standard MAILER() file defines it';
    const add = file && env.mc ? ` MAILER(\`${file}') defines it; ${env.mc.path} does not have that line.` : '';
    out.push(issue('mailertable.unknown-mailer', ERROR, rhs.mailerStart, rhs.mailerEnd,
      `Unknown mailer \`${m}\`: sendmail bounces mail for ${e.key} with "unknown mailer".${add} ${guess ? `Did you mean \`${guess}\`? ` : ''}(${where})`,
      guess ? { replacement: guess } : file && env.mc ? { mcPath: env.mc.path, insertMailer: `MAILER(\`${file}')dnl` } : undefined));
  }
  checkHosts(e, rhs, out);
}

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
    if (lower === 'error') return `**error** — ${describeError(rhs.rest)}`;
    if (lower === 'local') return `**local** — delivers on this machine${rhs.rest ? ` to the local user \`${rhs.rest}\`` : ' to the recipient\'s user name'}.`;
    const src = env.mailers.get(rhs.mailer);
    if (src) return `**Mailer \`${rhs.mailer}\`** — ${src}.`;
    const file = mailerFileDefining(rhs.mailer)?.file;
    return `**Mailer \`${rhs.mailer}\`** — not defined by this configuration${file ? `: it comes from \`\` MAILER(\`${file}') \`\`, which the sendmail.mc does not load` : ''}.`;
  }
  if (rhs.mailer?.toLowerCase() === 'error') return describeError(rhs.rest);
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
  fastPath: mailertableFast,
  scanner: (env) => cachedScanner('mailertable', env, mailertableScanner),
  duplicate: { severity: 1, says: 'makemap stops with "duplicate key" (exit 65) and keeps only the first value' },
};

