// Mistakes sendmail-cf detects itself while m4 runs (it prints ERROR/WARNING lines on
// stderr, which nobody sees when the Makefile hides them): options proto.m4 no longer
// accepts, FEATUREs that need an argument, a MAILER included twice, an access map without
// -T<TMPF>, FEATUREs that open a relay.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { feature } from '../../catalog';
import { diag, edit, lineNo, type McContext } from '../context';
import { certain, firstArg, type McCallItem } from '../model';

/** Options m4/proto.m4 warns about, with what it says to do instead. */
const REMOVED_OPTIONS: Record<string, string> = {
  confAUTO_REBUILD: 'proto.m4 prints "WARNING: confAUTO_REBUILD is no longer valid" (automatic alias rebuilding was a denial-of-service risk) and ignores it. Rebuild aliases with newaliases instead.',
  confDAEMON_OPTIONS: 'proto.m4 prints "WARNING: confDAEMON_OPTIONS is no longer valid" and turns the value into a DAEMON_OPTIONS() call. Write DAEMON_OPTIONS(`...\') instead.',
  confCLIENT_OPTIONS: 'proto.m4 prints "WARNING: confCLIENT_OPTIONS is no longer valid" and turns the value into a CLIENT_OPTIONS() call. Write CLIENT_OPTIONS(`...\') instead.',
  confUNSAFE_GROUP_WRITES: 'proto.m4 prints "WARNING: confUNSAFE_GROUP_WRITES is deprecated; use confDONT_BLAME_SENDMAIL". The option is still written, but newer sendmail versions ignore it.',
};

/** The span of the first argument's name (inside its quotes). */
function nameSpan(mc: McContext, item: McCallItem): [number, number] {
  const a = item.call.args[0];
  const name = firstArg(item);
  const at = a ? mc.model.text.slice(a.start, a.end).indexOf(name) : -1;
  return a && name && at >= 0 ? [a.start + at, a.start + at + name.length] : [item.call.start, item.call.nameEnd];
}

function removedOptions(mc: McContext, out: Diagnostic[]): void {
  for (const d of mc.model.defines) {
    const why = REMOVED_OPTIONS[firstArg(d)];
    if (!why) continue;
    const [s, e] = nameSpan(mc, d);
    out.push(diag(mc, s, e, DiagnosticSeverity.Warning, 'mc.removed-option', `${firstArg(d)}: ${why}`));
  }
}

function featureArguments(mc: McContext, out: Diagnostic[]): void {
  for (const f of mc.model.features) {
    const info = feature(firstArg(f));
    if (!info) continue;
    const [s, e] = nameSpan(mc, f);
    if (info.requiresArg && !(f.args[1] ?? '').trim()) {
      out.push(diag(mc, s, e, DiagnosticSeverity.Error, 'mc.feature-missing-arg',
        `FEATURE(\`${info.name}') needs an argument: without one, cf.m4 prints an error saying the argument is missing, and the feature is not set up.${info.args ? ` Arguments: ${info.args}` : ''}`));
    }
    if (info.warning) {
      out.push(diag(mc, s, e, DiagnosticSeverity.Warning, 'mc.risky-feature', `cf.m4 prints "*** WARNING: ${info.warning}" ${info.summary}`));
    }
  }
}

function duplicateMailers(mc: McContext, out: Diagnostic[]): void {
  const first = new Map<string, McCallItem>();
  for (const m of mc.model.mailers.filter(certain)) {
    // MAILER(`file', `name') includes `file' under another name; the name is what must be unique.
    const key = (m.args[1] ?? '').trim() || firstArg(m);
    const prev = first.get(key);
    if (!prev) { first.set(key, m); continue; }
    out.push(diag(mc, m.call.start, m.call.close !== undefined ? m.call.close + 1 : m.call.nameEnd, DiagnosticSeverity.Error, 'mc.duplicate-mailer',
      `MAILER(\`${key}') was already included on line ${lineNo(mc, prev.call.start)}: cf.m4 prints "*** ERROR: MAILER(${key}) already included" and skips this one. Delete this line.`,
      [{ title: 'Delete the duplicate MAILER line', edits: [edit(mc, lineStart(mc, m.call.start), lineEnd(mc, m.call.close ?? m.call.nameEnd), '')] }]));
  }
}

const lineStart = (mc: McContext, pos: number) => mc.model.text.lastIndexOf('\n', pos - 1) + 1;
function lineEnd(mc: McContext, pos: number): number {
  const e = mc.model.text.indexOf('\n', pos);
  return e < 0 ? mc.model.text.length : e + 1;
}

/** access_db with a hash/btree map definition lacking -T<TMPF>: cf.m4 warns and adds it. */
function accessTmpf(mc: McContext, out: Diagnostic[]): void {
  for (const f of mc.model.features) {
    if (firstArg(f) !== 'access_db' || !f.call.args[1]) continue;
    const spec = (f.args[1] ?? '').trim();
    if (!spec || spec === 'LDAP' || spec.startsWith('sequence ') || spec.includes('<TMPF>')) continue;
    const arg = f.call.args[1];
    const raw = mc.model.text.slice(arg.start, arg.end);
    const at = raw.indexOf(spec);
    if (at < 0) continue;
    const start = arg.start + at;
    const sp = spec.indexOf(' ');
    const fixAt = sp < 0 ? start + spec.length : start + sp;
    out.push(diag(mc, start, start + spec.length, DiagnosticSeverity.Information, 'mc.access-tmpf',
      `The access map definition has no -T<TMPF>: cf.m4 prints "*** WARNING: missing -T<TMPF> in argument of FEATURE(\`access_db', …)" and adds it, so that a lookup failing temporarily (e.g. an LDAP server down) defers mail instead of ignoring the entry.`,
      [{ title: 'Add -T<TMPF>', edits: [edit(mc, fixAt, fixAt, ' -T<TMPF>')] }]));
  }
}

export function cfMessageChecks(mc: McContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  removedOptions(mc, out);
  featureArguments(mc, out);
  duplicateMailers(mc, out);
  accessTmpf(mc, out);
  return out;
}
