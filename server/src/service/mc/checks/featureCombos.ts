// Combinations of FEATUREs (and defines) that sendmail-cf itself complains about while m4
// runs, each with the exact condition of the sendmail-cf 8.17 source:
// - proto.m4: FEATURE(`delay_checks', `friend'|`hater') needs FEATURE(`access_db') somewhere
//   (tested at the end of the run, so its place does not matter);
// - feature/nullclient.m4 and feature/msp.m4 run MAILER(`local') and MAILER(`smtp')
//   themselves, so those lines after them make cfhead.m4 print "already included";
// - feature/lookupdotdomain.m4 warns when FEATURE(`relay_hosts_only') came before it;
// - feature/ldap_routing.m4 without its first or second argument plus no
//   confLDAP_DEFAULT_SPEC anywhere: proto.m4 warns at the end;
// - settings that need a FEATURE to do anything (confCW_FILE, VIRTUSER_DOMAIN, ...; see NEEDS),
//   about which sendmail-cf says nothing.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { diag, edit, lineNo, type McContext } from '../context';
import { featureInsertEdit } from '../featureInsert';
import { certain, firstArg, isCfM4, possible, type McCallItem } from '../model';

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
    out.push(diag(mc, m.call.start, end(m), DiagnosticSeverity.Error, 'mc.duplicate-mailer',
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
      `FEATURE(\`ldap_routing') without its first two arguments uses default LDAP maps, which take server and search base from confLDAP_DEFAULT_SPEC; this file does not set it. cf.m4 prints "WARNING: Using default FEATURE(ldap_routing) map definition(s) without setting confLDAP_DEFAULT_SPEC option." Set confLDAP_DEFAULT_SPEC (e.g. \`-h ldap.example.com -b dc=example,dc=com') or give both maps.`));
  }
}

/**
 * Settings that only take effect with a FEATURE (or MASQUERADE_AS) the file does not have —
 * checked with m4: without it sendmail.cf has no Fw / Ft line, no virtuser or generics map, no
 * masquerade name. sendmail-cf says nothing about them.
 */
const NEEDS: { name: string; feature?: string; call?: string; orDefine?: string; effect: string }[] = [
  { name: 'confCW_FILE', feature: 'use_cw_file', effect: 'sendmail never reads that file, so the names in it are not treated as this host (class {w})' },
  { name: 'confCT_FILE', feature: 'use_ct_file', effect: 'sendmail never reads that file of trusted users' },
  { name: 'VIRTUSER_DOMAIN', feature: 'virtusertable', effect: 'sendmail.cf has no virtusertable to look its addresses up in (the domain is only added to the relay domains)' },
  { name: 'VIRTUSER_DOMAIN_FILE', feature: 'virtusertable', effect: 'sendmail.cf has no virtusertable to look its addresses up in (the domains are only added to the relay domains)' },
  { name: 'GENERICS_DOMAIN', feature: 'genericstable', effect: 'sendmail.cf has no genericstable, so no sender address is rewritten' },
  { name: 'GENERICS_DOMAIN_FILE', feature: 'genericstable', effect: 'sendmail.cf has no genericstable, so no sender address is rewritten' },
  // MASQUERADE_AS(x) is define(`MASQUERADE_NAME', x) (cfhead.m4): either one gives the name.
  { name: 'MASQUERADE_DOMAIN', call: 'MASQUERADE_AS', orDefine: 'MASQUERADE_NAME', effect: 'there is no name to masquerade as, so nothing is masqueraded' },
  { name: 'MASQUERADE_DOMAIN_FILE', call: 'MASQUERADE_AS', orDefine: 'MASQUERADE_NAME', effect: 'there is no name to masquerade as, so nothing is masqueraded' },
];

const DIRS: Record<string, string> = { OSTYPE: 'ostype', DOMAIN: 'domain', HACK: 'hack' };

interface FileNames { text: string; found: string[]; nested: [string, string][] }
// What each included file names, kept while its text is the same (the workspace returns the
// same string while the file is unchanged): an included file can be megabytes, and this runs per keystroke.
const namesCache = new Map<string, FileNames>();

function namesIn(file: string, text: string): FileNames {
  const hit = namesCache.get(file);
  if (hit && hit.text === text) return hit;
  const found: string[] = [];
  for (const m of text.matchAll(/\bFEATURE\(\s*`?([A-Za-z0-9_]+)/g)) found.push(`FEATURE:${m[1]}`);
  for (const m of text.matchAll(/\b(MASQUERADE_AS)\(|\bdefine\(\s*`?(MASQUERADE_NAME)\b/g)) found.push(m[1] ?? m[2]);
  const nested = [...text.matchAll(/\b(OSTYPE|DOMAIN|HACK)\(\s*`?([A-Za-z0-9_.+-]+)/g)].map((m): [string, string] => [DIRS[m[1]], m[2]]);
  const names = { text, found, nested };
  if (namesCache.size >= 64) namesCache.clear();
  namesCache.set(file, names);
  return names;
}

/**
 * FEATUREs and macro calls that files this mc pulls in make (DOMAIN(`generic') turns on
 * use_cw_file, for one): the installed OSTYPE/DOMAIN/HACK files and include()d files, a few
 * levels deep. Undefined when one of them cannot be read — then nothing can be said.
 */
function namesFromIncludedFiles(mc: McContext): Set<string> | undefined {
  const found = new Set<string>();
  const seen = new Set<string>(); // each file once, however often it is named
  const read = (file: string, depth: number): boolean => {
    if (seen.has(file)) return true;
    seen.add(file);
    const text = mc.readFile(file);
    if (text === undefined || depth > 3) return false;
    const names = namesIn(file, text);
    for (const n of names.found) found.add(n);
    for (const [dir, name] of names.nested) {
      if (!mc.installed || !read(`${mc.installed.dir}/${dir}/${name}.m4`, depth + 1)) return false;
    }
    return true;
  };
  for (const i of [...mc.model.ostypes, ...mc.model.domains, ...mc.model.hacks]) {
    if (!possible(i)) continue;
    if (!mc.installed || !read(`${mc.installed.dir}/${DIRS[i.name]}/${firstArg(i)}.m4`, 0)) return undefined;
  }
  for (const i of mc.model.includes) {
    const file = (i.args[0] ?? '').trim();
    if (!possible(i) || isCfM4(file)) continue;
    if (!file.startsWith('/') || !read(file, 0)) return undefined;
  }
  return found;
}

function settingsWithoutFeature(mc: McContext, out: Diagnostic[]): void {
  let elsewhere: Set<string> | undefined | null = null; // read only when needed
  for (const n of NEEDS) {
    if (n.feature ? has(mc, n.feature) : mc.model.items.some((i) => i.name === n.call && possible(i))) continue;
    if (n.orDefine && mc.model.defines.some((d) => firstArg(d) === n.orDefine && possible(d))) continue;
    if (!mc.model.items.some((i) => i.name === n.name || (i.name === 'define' && firstArg(i) === n.name))) continue;
    if (elsewhere === null) elsewhere = namesFromIncludedFiles(mc);
    if (!elsewhere || elsewhere.has(n.feature ? `FEATURE:${n.feature}` : n.call!) || (n.orDefine && elsewhere.has(n.orDefine))) continue;
    const uses = mc.model.items.filter((i) => certain(i) && (i.name === n.name || (i.name === 'define' && firstArg(i) === n.name)));
    for (const u of uses) {
      const wanted = n.feature ? `FEATURE(\`${n.feature}')` : `${n.call}(\`your.domain')`;
      const fixes = n.feature ? [{ title: `Add ${wanted}dnl`, edits: [featureInsertEdit(mc.model.text, `${wanted}dnl`)] }] : [];
      out.push(diag(mc, u.call.start, end(u), DiagnosticSeverity.Warning, 'mc.needs-feature',
        `${n.name} has no effect without ${wanted}, which this file does not have: ${n.effect}. Add ${wanted}.`, fixes));
    }
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
  settingsWithoutFeature(mc, out);
  return out;
}
