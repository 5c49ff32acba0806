// Combinations of FEATUREs (and defines) that sendmail-cf itself complains about while m4
// runs, each with the exact condition of the sendmail-cf 8.17 source:
// - proto.m4: FEATURE(`delay_checks', `friend'|`hater') needs FEATURE(`access_db') somewhere
//   (tested at the end of the run, so its place does not matter);
// - feature/nullclient.m4 and feature/msp.m4 run MAILER(`local') and MAILER(`smtp')
//   themselves, so those lines after them make cfhead.m4 print "already included";
// - feature/lookupdotdomain.m4 warns when FEATURE(`relay_hosts_only') came before it;
// - feature/ldap_routing.m4 without its first or second argument plus no
//   confLDAP_DEFAULT_SPEC anywhere: proto.m4 warns at the end.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { diag, edit, lineNo, type McContext } from '../context';
import { certain, firstArg, possible, type McCallItem } from '../model';

const end = (i: McCallItem) => (i.call.close !== undefined ? i.call.close + 1 : i.call.nameEnd);
const has = (mc: McContext, name: string) => mc.model.features.some((f) => firstArg(f) === name && possible(f));
const sure = (mc: McContext, name: string) => mc.model.features.filter((f) => firstArg(f) === name && certain(f));

/** delay_checks' argument is read by its first letter: f(riend) or h(ater) use the access map. */
function delayChecksArgument(mc: McContext, out: Diagnostic[]): void {
  if (has(mc, 'access_db')) return;
  for (const f of sure(mc, 'delay_checks')) {
    const arg = (f.args[1] ?? '').trim();
    if (!/^[fFhH]/.test(arg)) continue;
    out.push(diag(mc, f.call.start, end(f), DiagnosticSeverity.Error, 'mc.feature-requires',
      `FEATURE(\`delay_checks', \`${arg}') looks recipients up in the access map, which needs FEATURE(\`access_db'): this file has none, so cf.m4 prints "*** ERROR: FEATURE(\`delay_checks', \`argument') requires FEATURE(\`access_db')" and the ${arg} lookups never match. Add FEATURE(\`access_db') or drop the argument.`));
  }
}

/** MAILER(`local') / MAILER(`smtp') after a feature that already includes them. */
function mailersAlreadyIncluded(mc: McContext, out: Diagnostic[]): void {
  const owners = [...sure(mc, 'nullclient'), ...sure(mc, 'msp')];
  for (const m of mc.model.mailers.filter(certain)) {
    const key = (m.args[1] ?? '').trim() || firstArg(m);
    if (key !== 'local' && key !== 'smtp') continue;
    const owner = owners.find((f) => f.call.start < m.call.start);
    if (!owner) continue;
    out.push(diag(mc, m.call.start, end(m), DiagnosticSeverity.Warning, 'mc.duplicate-mailer',
      `FEATURE(\`${firstArg(owner)}') on line ${lineNo(mc, owner.call.start)} already includes MAILER(\`local') and MAILER(\`smtp'): cf.m4 prints "*** ERROR: MAILER(${key}) already included" and skips this line. Delete it.`,
      [{ title: 'Delete this MAILER line', edits: [edit(mc, lineStart(mc, m.call.start), lineEnd(mc, end(m)), '')] }]));
  }
}

function lookupDotDomain(mc: McContext, out: Diagnostic[]): void {
  const hostsOnly = sure(mc, 'relay_hosts_only')[0];
  if (!hostsOnly) return;
  for (const f of sure(mc, 'lookupdotdomain')) {
    const after = hostsOnly.call.start < f.call.start;
    const said = after
      ? `cf.m4 prints "*** WARNING: FEATURE(\`lookupdotdomain') does not work well with FEATURE(\`relay_hosts_only')"`
      : `cf.m4 only warns when relay_hosts_only comes first (line ${lineNo(mc, hostsOnly.call.start)} is after this one), but the effect is the same`;
    out.push(diag(mc, f.call.start, end(f), DiagnosticSeverity.Warning, 'mc.feature-conflict',
      `${said}: relay_hosts_only skips most of the lookups for subdomains, so .domain entries in the access map rarely match. Drop one of the two features.`));
  }
}

function ldapDefaultSpec(mc: McContext, out: Diagnostic[]): void {
  if (mc.model.defines.some((d) => firstArg(d) === 'confLDAP_DEFAULT_SPEC' && possible(d))) return;
  for (const f of sure(mc, 'ldap_routing')) {
    if ((f.args[1] ?? '').trim() && (f.args[2] ?? '').trim()) continue;
    out.push(diag(mc, f.call.start, end(f), DiagnosticSeverity.Warning, 'mc.ldap-default-spec',
      `FEATURE(\`ldap_routing') without its first two arguments uses default LDAP maps that name no server or search base; they take both from confLDAP_DEFAULT_SPEC, which this file does not set. cf.m4 prints "WARNING: Using default FEATURE(ldap_routing) map definition(s) without setting confLDAP_DEFAULT_SPEC option." Add define(\`confLDAP_DEFAULT_SPEC', \`-h ldap.example.com -b dc=example,dc=com')dnl or give both map definitions.`));
  }
}

const lineStart = (mc: McContext, pos: number) => mc.model.text.lastIndexOf('\n', pos - 1) + 1;
function lineEnd(mc: McContext, pos: number): number {
  const e = mc.model.text.indexOf('\n', pos);
  return e < 0 ? mc.model.text.length : e + 1;
}

export function featureComboChecks(mc: McContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  delayChecksArgument(mc, out);
  mailersAlreadyIncluded(mc, out);
  lookupDotDomain(mc, out);
  ldapDefaultSpec(mc, out);
  return out;
}
