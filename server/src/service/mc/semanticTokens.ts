// Semantic tokens: macro calls (sendmail-cf macros as macro, m4 builtins as function with
// defaultLibrary), strings, comments/dnl, option names in define (property, deprecated
// when the catalog says so), FEATURE/MAILER/OSTYPE names (enumMember).
import { feature, option } from '../catalog';
import type { SemanticToken, SemanticTokenModifier, SemanticTokenType } from '../types';
import type { McContext } from './context';
import { M4_BUILTINS } from './vocabulary';

const BUILTIN = new Set(M4_BUILTINS);
const NAMED_ARG = new Set(['FEATURE', 'MAILER', 'OSTYPE', 'DOMAIN', 'HACK']);

export function mcSemanticTokens(mc: McContext): SemanticToken[] {
  const { doc, model } = mc;
  const raw: { start: number; end: number; type: SemanticTokenType; modifiers?: SemanticTokenModifier[] }[] = [];
  const special = new Map<number, { end: number; type: SemanticTokenType; modifiers?: SemanticTokenModifier[] }>();
  // Names inside the first argument of define/FEATURE/...: override the string token there.
  for (const c of model.parse.calls) {
    const a = c.args[0];
    if (!a || !(c.name === 'define' || c.name === 'undefine' || NAMED_ARG.has(c.name))) continue;
    const m = /^(\s*`?)([A-Za-z_][A-Za-z0-9_.-]*)/.exec(model.text.slice(a.start, a.end));
    if (!m) continue;
    const start = a.start + m[1].length;
    const name = m[2];
    const dep = (c.name === 'FEATURE' && feature(name)?.deprecated) || option(name)?.deprecated;
    special.set(start, { end: start + name.length, type: NAMED_ARG.has(c.name) ? 'enumMember' : 'property', modifiers: dep ? ['deprecated'] : undefined });
  }
  for (const t of model.parse.tokens) {
    if (t.kind === 'comment' || t.kind === 'dnl') raw.push({ start: t.start, end: t.end, type: 'comment' });
    else if (t.kind === 'macro') {
      const name = model.text.slice(t.start, t.end);
      raw.push(BUILTIN.has(name) ? { start: t.start, end: t.end, type: 'function', modifiers: ['defaultLibrary'] } : { start: t.start, end: t.end, type: 'macro' });
    } else if (t.kind === 'string') {
      // Split the string around a special name inside it.
      let s = t.start;
      for (const [at, sp] of special) {
        if (at >= t.start && sp.end <= t.end) {
          if (at > s) raw.push({ start: s, end: at, type: 'string' });
          raw.push({ start: at, end: sp.end, type: sp.type, modifiers: sp.modifiers });
          s = sp.end;
          special.delete(at);
        }
      }
      if (s < t.end) raw.push({ start: s, end: t.end, type: 'string' });
    }
  }
  for (const [at, sp] of special) raw.push({ start: at, end: sp.end, type: sp.type, modifiers: sp.modifiers });
  raw.sort((a, b) => a.start - b.start);
  // LSP tokens may not span lines: split multi-line ones.
  const out: SemanticToken[] = [];
  for (const r of raw) {
    let s = r.start;
    while (s < r.end) {
      const nl = model.text.indexOf('\n', s);
      const e = nl < 0 || nl >= r.end ? r.end : nl;
      if (e > s) { const p = doc.positionAt(s); out.push({ line: p.line, char: p.character, length: e - s, type: r.type, modifiers: r.modifiers }); }
      s = e + 1;
    }
  }
  return out;
}
