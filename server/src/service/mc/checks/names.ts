// Names sendmail-cf does not have: FEATURE/MAILER files (m4 says "cannot open", skips the
// line and still writes the whole cf, exit status 1), conf*
// options (silently ignored), OSTYPE/DOMAIN/HACK files (only when the installed tree is
// known and lacks them: sites keep local ones), undefine of a name nothing defines, and
// deprecated features.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { clip } from '../../clip';
import { FEATURES, MACROS, MAILERS, OPTIONS, feature, nearest } from '../../catalog';
import { argValue } from '../../m4/scanner';
import { diag, edit, type McContext, type McFix } from '../context';
import { firstArg, type McCallItem } from '../model';
import { CF_MACROS } from '../vocabulary';

/** Only plain names are checked: a name built from macros or with a path is left alone. */
const PLAIN = /^[A-Za-z0-9_.+-]+$/;

/** The range of the name inside the first argument (without quotes/whitespace). */
function nameRange(mc: McContext, item: McCallItem, argIndex = 0): [number, number] | undefined {
  const arg = item.call.args[argIndex];
  if (!arg) return undefined;
  const name = argValue(mc.model.text, arg).trim();
  const raw = mc.model.text.slice(arg.start, arg.end);
  const at = raw.indexOf(name);
  return at < 0 || !name ? undefined : [arg.start + at, arg.start + at + name.length];
}

function rename(mc: McContext, r: [number, number], to: string): McFix {
  return { title: `Change to ${to}`, edits: [edit(mc, r[0], r[1], to)] };
}

function unknownFile(
  mc: McContext, item: McCallItem, kind: string, known: Iterable<string>, severity: DiagnosticSeverity, code: string, dir: string, extra = '',
): Diagnostic | undefined {
  const name = firstArg(item);
  const r = nameRange(mc, item);
  if (!r || !PLAIN.test(name)) return undefined;
  const near = nearest(name, known);
  const where = mc.installed ? `${mc.installed.dir}/${dir}/${clip(name)}.m4` : `${dir}/${clip(name)}.m4`;
  const hint = near && near !== name ? ` Did you mean ${near}?` : '';
  // Checked with GNU m4 1.4.19: the include fails, m4 carries on, the cf is complete apart
  // from this file, and only the exit status (1) tells. `m4 sendmail.mc > sendmail.cf`
  // (what Makefiles run) has already replaced the old cf by then.
  return diag(mc, r[0], r[1], severity, code,
    `Unknown ${kind} ${clip(name)}: m4 prints "cannot open ${where}", skips this line and carries on, so the sendmail.cf it writes is complete but without this ${kind}. `
    + `Only m4's exit status (1) shows the failure; \`m4 sendmail.mc > sendmail.cf\` has replaced the old cf by then.${extra}${hint}`,
    near && near !== name ? [rename(mc, r, near)] : []);
}

function featureChecks(mc: McContext, out: Diagnostic[]): void {
  const known = new Set([...FEATURES.map((f) => f.name), ...(mc.installed?.features ?? [])]);
  for (const f of mc.model.features) {
    const name = firstArg(f);
    const info = feature(name);
    const r = nameRange(mc, f);
    if (info?.deprecated && r) {
      const to = info.replacedBy;
      // cf.m4's "*** ERROR" makes Rebuild refuse the file: an Error here too.
      out.push(diag(mc, r[0], r[1], /\bERROR\b/.test(info.deprecated) ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, 'mc.deprecated-feature',
        `FEATURE(${name}) is deprecated: ${info.deprecated}${to ? ` Use FEATURE(\`${to}') instead.` : ''}`,
        to ? [{ title: `Replace with ${to}`, edits: [edit(mc, r[0], r[1], to)] }] : []));
      continue;
    }
    if (!known.has(name)) {
      const d = unknownFile(mc, f, 'feature', known, DiagnosticSeverity.Error, 'mc.unknown-feature', 'feature');
      if (d) out.push(d);
    }
  }
}

function mailerChecks(mc: McContext, out: Diagnostic[]): void {
  const known = new Set([...MAILERS.map((m) => m.file), ...(mc.installed?.mailers.keys() ?? [])]);
  for (const m of mc.model.mailers) {
    if (known.has(firstArg(m))) continue;
    const d = unknownFile(mc, m, 'mailer', known, DiagnosticSeverity.Error, 'mc.unknown-mailer', 'mailer');
    if (d) out.push(d);
  }
}

/** OSTYPE/DOMAIN/HACK: sites have their own files, so only report against a tree we can see. */
function siteFileChecks(mc: McContext, out: Diagnostic[]): void {
  const inst = mc.installed;
  if (!inst) return;
  const groups: [McCallItem[], Set<string>, string, string][] = [
    [mc.model.ostypes, inst.ostypes, 'ostype', 'OSTYPE'],
    [mc.model.domains, inst.domains, 'domain', 'DOMAIN'],
    [mc.model.hacks, inst.hacks, 'hack', 'HACK'],
  ];
  for (const [items, known, dir, kind] of groups) {
    for (const item of items) {
      if (known.has(firstArg(item))) continue;
      // m4 exits 1 ("cannot open"), so Rebuild refuses the file: an Error, as for FEATURE and MAILER.
      const d = unknownFile(mc, item, kind, known, DiagnosticSeverity.Error, `mc.unknown-${dir}`, dir,
        ` (A site-specific ${dir}/ file must be copied into ${inst.dir}/${dir}/.)`);
      if (d) out.push(d);
    }
  }
}

/** The option list is trustworthy when an installed tree was read or the catalog is complete. */
function knownOptions(mc: McContext): Set<string> | undefined {
  const names = new Set(OPTIONS.map((o) => o.name));
  for (const n of mc.installedNames) if (n.startsWith('conf')) names.add(n);
  return mc.installed || OPTIONS.length >= 150 ? names : undefined;
}

function optionChecks(mc: McContext, out: Diagnostic[]): void {
  const known = knownOptions(mc);
  if (!known) return;
  let readBack: Set<string> | undefined;
  for (const d of mc.model.defines) {
    const name = firstArg(d);
    if (!/^conf[A-Za-z0-9_]+$/.test(name) || known.has(name)) continue;
    if (mc.model.definedNames.has(name) && (readBack ??= confNamesReadBack(mc)).has(name)) continue;
    const r = nameRange(mc, d);
    if (!r) continue;
    // A conf prefix put on a plain name (confSMART_HOST) is the likelier slip than a near option.
    const bare = name.slice(4);
    const near = MACROS.some((m) => m.kind === 'define' && m.name === bare) ? bare : nearest(name, known);
    out.push(diag(mc, r[0], r[1], DiagnosticSeverity.Warning, 'mc.unknown-option',
      `Unknown option ${clip(name)}: sendmail-cf never reads it, so this define has no effect on sendmail.cf.${near ? ` Did you mean ${near}?` : ''}`,
      near ? [rename(mc, r, near)] : []));
  }
}

/** conf names the file itself uses outside define (e.g. in ifdef): local variables, not typos. One pass over the calls. */
function confNamesReadBack(mc: McContext): Set<string> {
  const names = new Set<string>();
  for (const i of mc.model.items) if (i.name !== 'define') for (const a of i.args) for (const m of a.matchAll(/conf[A-Za-z0-9_]+/g)) names.add(m[0]);
  return names;
}

function undefineChecks(mc: McContext, out: Diagnostic[]): void {
  if (!mc.installed) return;
  const known = new Set([...mc.installedNames, ...MACROS.map((m) => m.name), ...OPTIONS.map((o) => o.name), ...CF_MACROS, ...mc.model.definedNames]);
  for (const u of mc.model.undefines) {
    const name = firstArg(u);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || known.has(name)) continue;
    const r = nameRange(mc, u);
    const near = nearest(name, known);
    if (!r || !near) continue; // an unknown name with nothing close may be a site macro
    out.push(diag(mc, r[0], r[1], DiagnosticSeverity.Warning, 'mc.unknown-undefine',
      `Nothing defines ${name}, so this undefine has no effect. Did you mean ${near}?`, [rename(mc, r, near)]));
  }
}

export function nameChecks(mc: McContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  featureChecks(mc, out);
  mailerChecks(mc, out);
  siteFileChecks(mc, out);
  optionChecks(mc, out);
  undefineChecks(mc, out);
  return out;
}
