// Semantic tokens: macro calls (sendmail-cf macros as macro, m4 builtins as function with
// defaultLibrary), strings, comments/dnl, option names in define (property), FEATURE/MAILER/
// OSTYPE names (enumMember). Names sendmail-cf knows (catalog or installed tree) carry
// defaultLibrary, unknown ones do not; deprecated ones carry deprecated. The file's own
// macros (defined here, unknown to sendmail-cf) are variables: declaration where defined.
import { feature, macro, mailerFile, option } from '../catalog';
import type { SemanticToken, SemanticTokenModifier, SemanticTokenType } from '../types';
import type { McContext } from './context';
import { CF_MACROS, M4_BUILTINS, isKnownCallable } from './vocabulary';

const BUILTIN = new Set(M4_BUILTINS);
const NAMED_ARG = new Set(['FEATURE', 'MAILER', 'OSTYPE', 'DOMAIN', 'HACK']);
const CF = new Set(CF_MACROS);

/** Does sendmail-cf know `name` as the first argument of `call`? */
function known(mc: McContext, call: string, name: string): boolean {
  const inst = mc.installed;
  switch (call) {
    case 'FEATURE': return !!feature(name) || !!inst?.features.has(name);
    case 'MAILER': return !!mailerFile(name) || !!inst?.mailers.has(name);
    case 'OSTYPE': return !!inst?.ostypes.has(name);
    case 'DOMAIN': return !!inst?.domains.has(name);
    case 'HACK': return !!inst?.hacks.has(name);
    default: return isCfName(mc, name);
  }
}

/** An option or macro sendmail-cf reads (catalog, cf macros, or named in the installed tree). */
const isCfName = (mc: McContext, name: string) => !!option(name) || !!macro(name) || CF.has(name) || mc.installedNames.has(name);

export function mcSemanticTokens(mc: McContext): SemanticToken[] {
  const { doc, model } = mc;
  const raw: { start: number; end: number; type: SemanticTokenType; modifiers?: SemanticTokenModifier[] }[] = [];
  const special = new Map<number, { end: number; type: SemanticTokenType; modifiers?: SemanticTokenModifier[] }>();
  // Names inside the first argument of define/FEATURE/...: override the string token there.
  for (const c of model.calls) {
    const a = c.args[0];
    if (!a || !(c.name === 'define' || c.name === 'undefine' || NAMED_ARG.has(c.name))) continue;
    const m = /^(\s*`?)([A-Za-z_][A-Za-z0-9_.-]*)/.exec(model.text.slice(a.start, a.end));
    if (!m) continue;
    const start = a.start + m[1].length;
    const name = m[2];
    const dep = (c.name === 'FEATURE' && feature(name)?.deprecated) || option(name)?.deprecated;
    const mods: SemanticTokenModifier[] = [];
    if (dep) mods.push('deprecated');
    const isKnown = known(mc, c.name, name);
    if (isKnown) mods.push('defaultLibrary');
    // A name this file defines for itself is a variable of the file, not a sendmail option.
    // (A conf* name is an attempt at an option, e.g. a typo, so it stays a property.)
    const own = !NAMED_ARG.has(c.name) && !isKnown && !name.startsWith('conf') && model.definedNames.has(name);
    if (own && c.name === 'define') mods.push('declaration');
    special.set(start, { end: start + name.length, type: NAMED_ARG.has(c.name) ? 'enumMember' : own ? 'variable' : 'property', modifiers: mods.length ? mods : undefined });
  }
  const starts = [...special.keys()].sort((a, b) => a - b);
  let next = 0;
  for (const t of model.tokens) {
    if (t.kind === 'comment' || t.kind === 'dnl') raw.push({ start: t.start, end: t.end, type: 'comment' });
    else if (t.kind === 'macro') {
      const name = model.text.slice(t.start, t.end);
      if (BUILTIN.has(name)) raw.push({ start: t.start, end: t.end, type: 'function', modifiers: ['defaultLibrary'] });
      else if (!isKnownCallable(name) && !isCfName(mc, name) && model.definedNames.has(name)) raw.push({ start: t.start, end: t.end, type: 'variable' });
      else raw.push({ start: t.start, end: t.end, type: 'macro', modifiers: ['defaultLibrary'] });
    } else if (t.kind === 'string') {
      // Split the string around the special names inside it (both lists are sorted by start).
      while (next < starts.length && starts[next] < t.start) next++;
      let s = t.start;
      for (; next < starts.length && starts[next] < t.end; next++) {
        const at = starts[next];
        const sp = special.get(at)!;
        if (sp.end > t.end) break;
        if (at > s) raw.push({ start: s, end: at, type: 'string' });
        raw.push({ start: at, end: sp.end, type: sp.type, modifiers: sp.modifiers });
        s = sp.end;
        special.delete(at);
      }
      if (s < t.end) raw.push({ start: s, end: t.end, type: 'string' });
    }
  }
  for (const [at, sp] of special) raw.push({ start: at, end: sp.end, type: sp.type, modifiers: sp.modifiers });
  raw.sort((a, b) => a.start - b.start);
  // LSP tokens may not span lines: split multi-line ones.
  // (The next newline is cached: searching from each token to the end of a long line is quadratic.)
  const out: SemanticToken[] = [];
  let nl = -1;
  for (const r of raw) {
    let s = r.start;
    while (s < r.end) {
      if (nl < s) { nl = model.text.indexOf('\n', s); if (nl < 0) nl = model.text.length; }
      const e = nl >= r.end ? r.end : nl;
      if (e > s) { const p = doc.positionAt(s); out.push({ line: p.line, char: p.character, length: e - s, type: r.type, modifiers: r.modifiers }); }
      s = e + 1;
    }
  }
  return out;
}
