// Relay hosts (SMART_HOST, MAIL_HUB, LUSER_RELAY, ...) given without [brackets]: sendmail
// looks up MX records for the name first. A name without MX records is fine (sendmail falls
// back to its address); the trap is a name whose MX records point at other hosts, which then
// get the mail instead. An IP address without brackets is looked up as a name.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { MACROS } from '../../catalog';
import { argValue } from '../../m4/scanner';
import { diag, edit, type McContext } from '../context';
import { firstArg } from '../model';

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

export function hostChecks(mc: McContext): Diagnostic[] {
  const names = new Set([...HOST_MACROS, ...MACROS.filter((m) => m.takesHost).map((m) => m.name)]);
  const out: Diagnostic[] = [];
  const text = mc.model.text;
  for (const d of mc.model.defines) {
    const name = firstArg(d);
    const arg = d.call.args[1];
    if (!names.has(name) || !arg) continue;
    const value = argValue(text, arg).trim();
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
    const message = ip
      ? `${name}: ${host} is not in [brackets], so sendmail treats it as a host name and looks up MX and address records for "${host}" instead of connecting to that address; write [${host}] to connect to it directly.`
      : `${name} sends ${role} to ${host}, but without [brackets] sendmail looks up MX records for ${host} first and, if there are any, delivers to those hosts instead of ${host}. Write [${host}] to connect to ${host} itself.`;
    out.push(diag(mc, start, start + host.length, DiagnosticSeverity.Information, 'mc.unbracketed-host', message,
      [{ title: `Use [${host}]`, edits: [edit(mc, start, start + host.length, `[${host}]`)] }]));
  }
  return out;
}
