// Order rules cf.m4 enforces or documents: FEATURE before MAILER (cfhead.m4 prints
// "*** ERROR: FEATURE() should be before MAILER()"), OSTYPE once and before MAILER, MAILERs
// that need another one first, LOCAL_*_FEATURES/TLS sections after a MAILER, features that
// need another feature first, *_MAILER_* defines before their MAILER; plus notes for a missing
// OSTYPE or cf.m4 include.
// Calls in ifdef/ifelse branches: an order mistake is only reported between calls m4 certainly
// runs; a call that may run still counts as present (no "missing" report because of it).
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { clip } from '../../clip';
import { feature, mailerFile } from '../../catalog';
import { diag, edit, lineNo, type McContext, type McFix } from '../context';
import { certain, firstArg, possible, type McCallItem } from '../model';
import { SECTIONS_AFTER_MAILER } from '../vocabulary';

/** FEATUREs that run MAILER(`local') and MAILER(`smtp') themselves. */
const MAILER_FEATURES = new Set(['msp', 'nullclient']);

/** The first call that defines mailers: a MAILER() or FEATURE(msp/nullclient), among those `which` accepts. */
function firstMailer(mc: McContext, which: (i: McCallItem) => boolean): McCallItem | undefined {
  return mc.model.items.find((i) => which(i) && (i.name === 'MAILER' || (i.name === 'FEATURE' && MAILER_FEATURES.has(firstArg(i)))));
}

/** [start, end) of the whole line(s) holding `item`, when nothing else is on them. */
function ownLines(mc: McContext, item: McCallItem): [number, number] | undefined {
  const text = mc.model.text;
  const s = text.lastIndexOf('\n', item.call.start - 1) + 1;
  const close = item.call.close ?? -1;
  if (close < 0 || text.slice(s, item.call.start).trim()) return undefined;
  let e = text.indexOf('\n', close);
  e = e < 0 ? text.length : e + 1;
  const rest = text.slice(close + 1, e).trim();
  if (rest && !/^dnl\b/.test(rest)) return undefined;
  return [s, e];
}

function moveAbove(mc: McContext, item: McCallItem, target: McCallItem): McFix[] {
  const src = ownLines(mc, item);
  if (!src) return [];
  const text = mc.model.text;
  const at = text.lastIndexOf('\n', target.call.start - 1) + 1;
  let moved = text.slice(src[0], src[1]);
  if (!moved.endsWith('\n')) moved += '\n';
  return [{ title: `Move above ${target.name}(\`${firstArg(target)}') on line ${lineNo(mc, target.call.start)}`, edits: [edit(mc, at, at, moved), edit(mc, src[0], src[1], '')] }];
}

function featureOrder(mc: McContext, out: Diagnostic[]): void {
  const first = firstMailer(mc, certain);
  if (!first) return;
  for (const f of mc.model.features) {
    if (f.call.start <= first.call.start || !certain(f)) continue;
    out.push(diag(mc, f.call.start, f.call.close !== undefined ? f.call.close + 1 : f.call.nameEnd, DiagnosticSeverity.Error, 'mc.feature-after-mailer',
      `FEATURE(\`${clip(firstArg(f))}') comes after ${first.name}(\`${clip(firstArg(first))}') on line ${lineNo(mc, first.call.start)}: cf.m4 prints "*** ERROR: FEATURE() should be before MAILER()". The feature is still read, but the mailers defined above it are not adjusted by it. Move it above the first MAILER.`,
      moveAbove(mc, f, first)));
  }
}

function ostypeOrder(mc: McContext, out: Diagnostic[]): void {
  const [first, ...dups] = mc.model.ostypes.filter(certain);
  for (const d of dups) {
    out.push(diag(mc, d.call.start, d.call.nameEnd, DiagnosticSeverity.Error, 'mc.duplicate-ostype',
      `Second OSTYPE (first on line ${lineNo(mc, first.call.start)}): cf.m4 prints "duplicate OSTYPE(${firstArg(d)})" and reads both files, the later one overriding defaults of the first. Delete one of them.`));
  }
  const mailer = mc.model.mailers.find(certain);
  if (first && mailer && mailer.call.start < first.call.start) {
    out.push(diag(mc, first.call.start, first.call.nameEnd, DiagnosticSeverity.Error, 'mc.ostype-after-mailer',
      `OSTYPE comes after MAILER(\`${firstArg(mailer)}') on line ${lineNo(mc, mailer.call.start)}: the mailer was defined with the generic paths, not this system's. OSTYPE must come before any MAILER.`,
      moveAbove(mc, first, mailer)));
  }
  const hack = mc.model.definedNames.has('__OSTYPE__');
  if (!mc.model.ostypes.some(possible) && !hack && mc.model.items.length > 0) {
    const at = mc.model.cfInclude?.call ?? mc.model.items[0].call;
    out.push(diag(mc, at.start, at.nameEnd, DiagnosticSeverity.Error, 'mc.missing-ostype',
      "No OSTYPE: cf.m4 prints \"*** ERROR: No system type defined (use OSTYPE macro)\" and builds sendmail.cf with generic paths (mailer programs, status file) that may not exist on this system. Add e.g. OSTYPE(`linux')dnl before the MAILER lines."));
  }
}

/**
 * Mailer files that check their own order (mailer/uucp.m4 errprints "*** MAILER(`smtp') must
 * appear before MAILER(`uucp')" and leaves out uucp-dom and uucp-uudom). The cyrus mailers only
 * have cf/README's word for it: cf.m4 prints nothing and builds them either way (checked with m4).
 */
const CHECKS_ORDER = new Set(['uucp']);

function mailerOrder(mc: McContext, out: Diagnostic[]): void {
  const seen: string[] = [];
  for (const m of mc.model.mailers) {
    const name = firstArg(m);
    if (!certain(m)) { if (possible(m)) seen.push(name); continue; }
    for (const need of mailerFile(name)?.mustFollow ?? []) {
      const later = mc.model.mailers.find((x) => firstArg(x) === need && x.call.start > m.call.start && certain(x));
      const maybeLater = mc.model.mailers.some((x) => firstArg(x) === need && x.call.start > m.call.start && possible(x));
      // MAILER(local) is added by cf.m4 itself when missing, so only an order mistake matters for it.
      if (seen.includes(need) || (!later && (maybeLater || need === 'local' || definesMailers(mc)))) continue;
      const where = later ? `MAILER(\`${name}') comes before MAILER(\`${need}') (line ${lineNo(mc, later.call.start)})` : `MAILER(\`${name}') has no MAILER(\`${need}') before it`;
      const checked = CHECKS_ORDER.has(name);
      out.push(diag(mc, m.call.start, m.call.close !== undefined ? m.call.close + 1 : m.call.nameEnd, checked ? DiagnosticSeverity.Error : DiagnosticSeverity.Information, 'mc.mailer-order',
        checked
          ? `${where}: cf.m4 prints "*** MAILER(\`${need}') must appear before MAILER(\`${name}')" and leaves out the ${name} mailers that need it.${later ? '' : ` Add MAILER(\`${need}') above it.`}`
          : `${where}: cf/README says the ${name} mailer must be defined after the ${need} mailer. cf.m4 does not check this and prints nothing.`,
        later ? moveBelow(mc, m, later) : []));
    }
    seen.push(name);
  }
}

/** A FEATURE that runs MAILER() itself (msp, nullclient) makes the mailer set unknowable here. */
function definesMailers(mc: McContext): boolean {
  return mc.model.features.some((f) => possible(f) && MAILER_FEATURES.has(firstArg(f)));
}

function moveBelow(mc: McContext, item: McCallItem, target: McCallItem): McFix[] {
  const src = ownLines(mc, item);
  const dst = ownLines(mc, target);
  if (!src || !dst) return [];
  let moved = mc.model.text.slice(src[0], src[1]);
  if (!moved.endsWith('\n')) moved = '\n' + moved;
  return [{ title: `Move below MAILER(\`${firstArg(target)}')`, edits: [edit(mc, dst[1], dst[1], moved), edit(mc, src[0], src[1], '')] }];
}

/**
 * The mailer file that reads each *_MAILER_* (and LOCAL_SHELL_*) name: only mailer/*.m4 read
 * them, when MAILER() includes the file, so a define after that has no effect (checked with m4:
 * RELAY_MAILER_ARGS, LOCAL_MAILER_PATH, SMTP_MAILER_MAX after their MAILER leave the M lines as
 * they were). FEATURE(`msp') and FEATURE(`nullclient') include local and smtp themselves.
 */
const MAILER_NAME_PREFIXES: [RegExp, string][] = [
  [/^LOCAL_(MAILER|SHELL)_/, 'local'], [/^(SMTP|ESMTP|SMTP8|DSMTP|RELAY)_MAILER_/, 'smtp'], [/^UUCP_MAILER_/, 'uucp'],
  [/^USENET_MAILER_/, 'usenet'], [/^FAX_MAILER_/, 'fax'], [/^POP_MAILER_/, 'pop'], [/^PROCMAIL_MAILER_/, 'procmail'],
  [/^MAIL11_MAILER_/, 'mail11'], [/^PH_MAILER_/, 'phquery'], [/^CYRUS(_BB)?_MAILER_/, 'cyrus'], [/^CYRUSV2_MAILER_/, 'cyrusv2'],
  [/^QPAGE_MAILER_/, 'qpage'], [/^SSH_MAILER_/, 'ssh'], [/^XAGENT_MAILER_/, 'xagent'],
];

function mailerDefinesAfter(mc: McContext, out: Diagnostic[]): void {
  const includes = (file: string) => (i: McCallItem) => certain(i) && ((i.name === 'MAILER' && firstArg(i) === file)
    || (i.name === 'FEATURE' && MAILER_FEATURES.has(firstArg(i)) && (file === 'local' || file === 'smtp')));
  for (const d of mc.model.defines) {
    const name = firstArg(d);
    const file = MAILER_NAME_PREFIXES.find(([re]) => re.test(name))?.[1];
    if (!file || !certain(d)) continue;
    const by = mc.model.items.find(includes(file));
    if (!by || by.call.start > d.call.start) continue;
    const what = by.name === 'MAILER' ? `MAILER(\`${file}')` : `FEATURE(\`${firstArg(by)}') (which includes MAILER(\`${file}'))`;
    out.push(diag(mc, d.call.start, d.call.close !== undefined ? d.call.close + 1 : d.call.nameEnd, DiagnosticSeverity.Warning, 'mc.mailer-define-after-mailer',
      `${name} comes after ${what} on line ${lineNo(mc, by.call.start)}, which has already written the ${file} mailer definitions: this define has no effect. Move it above that line.`,
      moveAbove(mc, d, by)));
  }
}

function sectionOrder(mc: McContext, out: Diagnostic[]): void {
  const first = firstMailer(mc, possible);
  for (const s of mc.model.sections) {
    if (!SECTIONS_AFTER_MAILER.has(s.name) || (first && first.call.start < s.call.start)) continue;
    out.push(diag(mc, s.call.start, s.call.nameEnd, DiagnosticSeverity.Warning, 'mc.section-before-mailer',
      `${s.name} before any MAILER: cf.m4 prints "*** WARNING: MAILER() should be before ${s.name}" and the ruleset may be placed where sendmail does not use it. Put this section after the MAILER lines.`));
  }
}

function featureRequires(mc: McContext, out: Diagnostic[]): void {
  for (const f of mc.model.features) {
    if (!certain(f)) continue;
    for (const need of feature(firstArg(f))?.requires ?? []) {
      const before = mc.model.features.some((x) => firstArg(x) === need && x.call.start < f.call.start && possible(x));
      if (before) continue;
      const after = mc.model.features.find((x) => firstArg(x) === need && possible(x));
      out.push(diag(mc, f.call.start, f.call.close !== undefined ? f.call.close + 1 : f.call.nameEnd, DiagnosticSeverity.Error, 'mc.feature-requires',
        after ? `FEATURE(\`${clip(firstArg(f))}') needs FEATURE(\`${need}') before it, but that comes later (line ${lineNo(mc, after.call.start)}): cf.m4 reports an error.`
          : `FEATURE(\`${clip(firstArg(f))}') needs FEATURE(\`${need}'), which this file does not have: cf.m4 reports an error and the feature does nothing.`,
        after ? moveAbove(mc, after, f) : []));
    }
  }
}

function includeNote(mc: McContext, out: Diagnostic[]): void {
  if (mc.model.cfInclude || mc.model.items.length === 0) return;
  const at = mc.model.items[0].call;
  out.push(diag(mc, at.start, at.nameEnd, DiagnosticSeverity.Information, 'mc.no-cf-include',
    "This file does not include cf.m4, so it must be built as `m4 /path/to/cf/m4/cf.m4 this.mc > sendmail.cf`. Add include(`/usr/share/sendmail/cf/m4/cf.m4')dnl to build it with plain m4."));
}

export function orderChecks(mc: McContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  featureOrder(mc, out);
  ostypeOrder(mc, out);
  mailerOrder(mc, out);
  sectionOrder(mc, out);
  mailerDefinesAfter(mc, out);
  featureRequires(mc, out);
  includeNote(mc, out);
  return out;
}
