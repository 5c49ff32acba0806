// Relay hosts (SMART_HOST, MAIL_HUB, LUSER_RELAY, ...) given with a `:port` (in fact a second
// host) or without [brackets]: without them sendmail looks up MX records for the name first. A name without MX records is fine (sendmail falls
// back to its address); the trap is a name whose MX records point at other hosts, which then
// get the mail instead. An IP address without brackets is looked up as a name.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { MACROS } from '../../catalog';
import { argValue } from '../../m4/scanner';
import { clip } from '../../clip';
import { diag, edit, type McContext, type McFix } from '../context';
import { certain, firstArg } from '../model';

/** Names whose value is [mailer:]host (catalog entries with takesHost, plus the classic ones). */
const HOST_MACROS = new Set(['SMART_HOST', 'MAIL_HUB', 'LUSER_RELAY', 'LOCAL_RELAY', 'UUCP_RELAY', 'BITNET_RELAY', 'DECNET_RELAY', 'FAX_RELAY']);
/** What each macro's host is for, so the message reads right for a hub as well as a relay. */
const ROLE: Record<string, string> = {
  SMART_HOST: 'mail for other domains',
  MAIL_HUB: 'mail for local users',
  LOCAL_RELAY: 'mail for unqualified names',
  LUSER_RELAY: 'mail for unknown local users',
  UUCP_RELAY: 'UUCP mail',
  BITNET_RELAY: 'BITNET mail',
  DECNET_RELAY: 'DECnet mail',
  FAX_RELAY: 'fax mail',
};
const NON_HOST_MAILERS = new Set(['local', 'prog', 'error', 'procmail', 'cyrus', 'cyrusv2']);

/** The macros whose host the relay mailer serves (cf/README: SMART_HOST, MAIL_HUB, LUSER_RELAY, LOCAL_RELAY). */
const RELAY_MACROS = new Set(['SMART_HOST', 'MAIL_HUB', 'LUSER_RELAY', 'LOCAL_RELAY']);

/**
 * `[host]:587` (or `host:587`): the colon starts a second host, not a port. Checked with sendmail
 * 8.17: SMART_HOST `[127.0.0.1]:2597` routes "mailer relay, host [127.0.0.1]:2597" and connects to
 * port 25. The port belongs in RELAY_MAILER_ARGS, before MAILER(`smtp') reads it.
 */
function relayPort(mc: McContext, name: string, value: string, arg: { start: number; end: number }): Diagnostic | undefined {
  const m = /^(?:([A-Za-z0-9_-]+):)?(\[[^\]\s]*\]|[A-Za-z0-9.-]*\.[A-Za-z0-9.-]*):(\d+)$/.exec(value);
  if (!m || !RELAY_MACROS.has(name)) return undefined;
  const [, mailer, host, port] = m;
  const raw = mc.model.text.slice(arg.start, arg.end);
  const at = raw.indexOf(`${host}:${port}`);
  if (at < 0) return undefined;
  const colon = arg.start + at + host.length;
  const smtp = mc.model.mailers.find((x) => firstArg(x) === 'smtp' && certain(x));
  // Only a define read before MAILER(`smtp') counts (order.ts reports one placed after it).
  const relayArgs = mc.model.defines.find((d) => firstArg(d) === 'RELAY_MAILER_ARGS');
  const effective = relayArgs && (!smtp || relayArgs.call.start < smtp.call.start) ? relayArgs : undefined;
  const already = effective && new RegExp(`^\\s*TCP\\s+\\S+\\s+${port}\\s*$`, 'i').test(effective.args[1] ?? '');
  const via = mailer ? `${clip(mailer, 20)} mailer` : 'relay mailer';
  const others = ['SMART_HOST', 'MAIL_HUB', 'LUSER_RELAY'].filter((n) => n !== name).join(', ');
  const advice = already
    ? `RELAY_MAILER_ARGS already sends relay mail to port ${port}: drop \`:${port}\`${mailer && mailer !== 'relay' ? ` and \`${clip(mailer, 20)}:\`` : ''}.`
    : `Write ${name} as ${clip(host, 40)} and put define(\`RELAY_MAILER_ARGS', \`TCP $h ${port}') above MAILER(\`smtp') (${others} and relay: routes share it).`;
  const fixes: McFix[] = [];
  const dropMailer = mailer ? arg.start + raw.indexOf(`${mailer}:`) : -1;
  const drop = [edit(mc, colon, colon + 1 + port.length, ''), ...(mailer && dropMailer >= arg.start ? [edit(mc, dropMailer, dropMailer + mailer.length + 1, '')] : [])];
  if (already) fixes.push({ title: `Drop :${port} (RELAY_MAILER_ARGS already has port ${port})`, edits: drop });
  else if (!relayArgs && smtp) {
    const lineStart = mc.model.text.lastIndexOf('\n', smtp.call.start - 1) + 1;
    fixes.push({ title: `Send relay mail to port ${port}: RELAY_MAILER_ARGS above MAILER(\`smtp') (${others} and relay: routes use it too)`,
      edits: [...drop, edit(mc, lineStart, lineStart, `define(\`RELAY_MAILER_ARGS', \`TCP $h ${port}')dnl\n`)] });
  }
  return diag(mc, colon, colon + 1 + port.length, DiagnosticSeverity.Error, 'mc.relay-port',
    `${name}: \`:${clip(port, 12)}\` is not a port but a second host: sendmail connects to ${clip(host, 40)} on the ${via}'s port (25 by default), then to a host named ${clip(port, 12)}. ${advice}`,
    fixes);
}

export function hostChecks(mc: McContext): Diagnostic[] {
  const names = new Set([...HOST_MACROS, ...MACROS.filter((m) => m.takesHost).map((m) => m.name)]);
  const out: Diagnostic[] = [];
  const text = mc.model.text;
  for (const d of mc.model.defines) {
    const name = firstArg(d);
    const arg = d.call.args[1];
    if (!names.has(name) || !arg) continue;
    const value = argValue(text, arg).trim();
    const port = relayPort(mc, name, value, arg);
    if (port) { out.push(port); continue; }
    const m = /^(?:([A-Za-z0-9_-]+):)?(.*)$/s.exec(value)!; // s: a value may span lines
    const mailer = m[1];
    const host = m[2].trim();
    if (!host || host.startsWith('[') || (mailer && NON_HOST_MAILERS.has(mailer))) continue;
    if (!/^[A-Za-z0-9.-]+$/.test(host)) continue; // macros, $ expressions, placeholders: leave alone
    if (!host.includes('.') && !/^\d/.test(host)) continue; // a bare word such as a local user name
    const raw = text.slice(arg.start, arg.end);
    const at = raw.indexOf(host);
    if (at < 0) continue;
    const start = arg.start + at;
    const ip = /^\d+(\.\d+){3}$/.test(host);
    const role = ROLE[name] ?? 'mail';
    const h = clip(host, 40);
    const message = ip
      ? `${name}: ${h} is not in [brackets], so sendmail treats it as a host name and looks up MX and address records for "${h}" instead of connecting to that address; write [${h}] to connect to it directly.`
      : `${name} sends ${role} to ${h}, but without [brackets] sendmail looks up MX records for ${h} first and, if there are any, delivers to those hosts instead. Write [${h}] to connect to that host itself.`;
    out.push(diag(mc, start, start + host.length, DiagnosticSeverity.Information, 'mc.unbracketed-host', message,
      [{ title: `Use [${h}]`, edits: [edit(mc, start, start + host.length, `[${host}]`)] }]));
  }
  return out;
}
