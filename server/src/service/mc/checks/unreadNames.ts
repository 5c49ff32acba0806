// Names nothing reads: a define (or pushdef) of a name that neither the installed sendmail-cf
// tree, nor this file, nor the files it includes ever uses has no effect — m4 keeps the
// definition and writes the same sendmail.cf (checked with GNU m4: realM4UnreadNames.test.ts).
// An ifdef of a name that nothing defines never takes its first branch (unless m4 is run with
// -D). A close valid name gets a Warning and a fix; a macro of the admin's own gets
// Information. conf* defines are left to names.ts (mc.unknown-option), undefine to
// mc.unknown-undefine there too.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { nearest } from '../../catalog';
import { namesTreeReads } from '../../catalog/installed';
import { clip } from '../../clip';
import { argValue } from '../../m4/scanner';
import { diag, edit, type McContext } from '../context';
import { firstArg, isCfM4, possible, type McCallItem } from '../model';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const DEFINERS = new Set(['define', 'pushdef', 'undefine', 'popdef']);

/**
 * Stricter than the default of nearest(): an admin's own macro must not be taken for a typo
 * of some sendmail-cf name. Case alone for short names, one edit up to 8 characters, then two.
 */
const tight = (len: number) => (len <= 4 ? 0 : len <= 8 ? 1 : 2);
/** For ifdef, stricter still: flags passed with -D come in families (USE_X, USE_Y). */
const stricter = (len: number) => (len <= 6 ? 0 : 1);

/** What the mc can see: the words of the tree and of included files, and whether files it names are out of sight. */
interface Known {
  /** Names something other than the mc reads or defines. */
  read: Set<string>;
  /** Config-looking names to suggest (no English words from comments). */
  candidates: Set<string>;
  /** The mc names a FEATURE/OSTYPE/... or include that we cannot read: it may read anything. */
  unseen: boolean;
}

const words = (text: string) => text.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g);

function includedText(mc: McContext, item: McCallItem): string | undefined {
  const file = firstArg(item);
  if (!file || /[`'$()\s]/.test(file)) return undefined;
  const dir = mc.path?.replace(/\/[^/]*$/, '') || undefined;
  const abs = file.startsWith('/') ? file : dir ? `${dir}/${file}` : undefined;
  return abs ? mc.readFile(abs) : undefined;
}

function known(mc: McContext, dir: string): Known {
  // The tree alone says what is read: the catalog knows names an older sendmail-cf read
  // (RELAY_MAILER, which 8.17 ignores).
  const tree = namesTreeReads(mc.ws, dir);
  const read = new Set<string>(tree);
  const candidates = new Set<string>();
  for (const w of tree) if (/[A-Z]/.test(w) && w.length > 2) candidates.add(w);
  const inst = mc.installed!;
  const m = mc.model;
  let unseen = m.features.some((f) => !inst.features.has(firstArg(f)))
    || m.mailers.some((x) => !inst.mailers.has(firstArg(x)))
    || m.ostypes.some((x) => !inst.ostypes.has(firstArg(x)))
    || m.domains.some((x) => !inst.domains.has(firstArg(x)))
    || m.hacks.some((x) => !inst.hacks.has(firstArg(x)));
  for (const inc of m.includes) {
    if (isCfM4(firstArg(inc))) continue;
    const text = includedText(mc, inc);
    if (text === undefined) { unseen = true; continue; }
    for (const w of words(text)) read.add(w[0]);
  }
  return { read, candidates, unseen };
}

/** How often each word occurs in the mc, not counting the names define/undefine/pushdef/popdef act on. */
function usesInFile(mc: McContext): Map<string, number> {
  const count = new Map<string, number>();
  for (const w of words(mc.model.text)) count.set(w[0], (count.get(w[0]) ?? 0) + 1);
  for (const c of mc.model.calls) {
    if (!DEFINERS.has(c.name) || !c.args[0]) continue;
    const n = argValue(mc.model.text, c.args[0]).trim();
    if (count.has(n)) count.set(n, count.get(n)! - 1);
  }
  return count;
}

/**
 * The valid name `name` was probably meant to be: with or without the conf prefix first
 * (`RELAY_MAILER` for confRELAY_MAILER, `confSMART_HOST` for SMART_HOST), else the closest by a
 * tight edit distance.
 */
function meantName(name: string, candidates: Set<string>, maxDistance = tight): string | undefined {
  if (!name.startsWith('conf') && candidates.has(`conf${name}`)) return `conf${name}`;
  if (name.startsWith('conf') && candidates.has(name.slice(4))) return name.slice(4);
  const near = nearest(name, [...candidates].filter((c) => c !== name), { maxDistance, substrings: false });
  return near && near !== name ? near : undefined;
}

/** Does m4 run a macro call while collecting the define's arguments (an unquoted FEATURE(...) in the value)? That has an effect. */
function runsCalls(mc: McContext, item: McCallItem): boolean {
  const calls = mc.model.calls; // sorted by start: find the first one after this call's name
  let lo = 0, hi = calls.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (calls[mid].start <= item.call.start) lo = mid + 1; else hi = mid; }
  return lo < calls.length && calls[lo].start < (item.call.close ?? mc.model.text.length);
}

function nameRange(mc: McContext, item: McCallItem): [number, number] | undefined {
  const arg = item.call.args[0];
  if (!arg) return undefined;
  const name = firstArg(item);
  const at = mc.model.text.slice(arg.start, arg.end).indexOf(name);
  return at < 0 ? undefined : [arg.start + at, arg.start + at + name.length];
}

export function unreadNameChecks(mc: McContext): Diagnostic[] {
  if (!mc.installed) return [];
  const k = known(mc, mc.installed.dir);
  const uses = usesInFile(mc);
  const out: Diagnostic[] = [];
  // A name is looked up once, however often the file names it.
  const memo = new Map<string, string | undefined>();
  const meantFor = (name: string, isIfdef: boolean) => {
    const key = `${isIfdef}:${name}`;
    if (!memo.has(key)) memo.set(key, meantName(name, k.candidates, isIfdef ? stricter : tight));
    return memo.get(key);
  };
  for (const item of mc.model.items) {
    const isIfdef = item.name === 'ifdef';
    if (!(isIfdef || item.name === 'define' || item.name === 'pushdef') || !possible(item)) continue;
    const name = firstArg(item);
    if (!NAME.test(name) || k.read.has(name)) continue;
    if (isIfdef ? mc.model.definedNames.has(name) : name.startsWith('conf') || (uses.get(name) ?? 0) > 0 || runsCalls(mc, item)) continue;
    const r = nameRange(mc, item);
    if (!r) continue;
    // `_X_` names are internal flags of sendmail-cf or of a site's own files: never a Warning.
    const meant = k.unseen || name.startsWith('_') ? undefined : meantFor(name, isIfdef);
    const fix = meant ? [{ title: `Change to ${meant}`, edits: [edit(mc, r[0], r[1], meant)] }] : [];
    if (isIfdef) {
      if (!meant) continue; // may be given on the m4 command line (-D)
      out.push(diag(mc, r[0], r[1], DiagnosticSeverity.Warning, 'mc.unread-name',
        `Nothing defines ${clip(name)}: not the installed sendmail-cf, not this file nor the files it includes, so this ifdef never takes its first branch (unless m4 is run with -D${clip(name)}). Did you mean ${meant}?`, fix));
    } else if (meant) {
      out.push(diag(mc, r[0], r[1], DiagnosticSeverity.Warning, 'mc.unread-name',
        `Nothing reads ${clip(name)}: not the installed sendmail-cf, not this file nor the files it includes, so this define has no effect on sendmail.cf. Did you mean ${meant}?`, fix));
    } else {
      out.push(diag(mc, r[0], r[1], DiagnosticSeverity.Information, 'mc.unused-macro',
        `Nothing reads ${clip(name)}: not the installed sendmail-cf, not this file nor the files it includes${k.unseen ? ' (apart from files named here that are not in the installed tree, which may)' : ''}, so this define has no effect on sendmail.cf.`));
    }
  }
  return out;
}
