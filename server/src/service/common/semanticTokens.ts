// Encodes SemanticToken lists into the LSP relative integer format.
import { SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES, type SemanticToken } from '../types';

export function encodeSemanticTokens(tokens: SemanticToken[]): number[] {
  const sorted = [...tokens].sort((a, b) => a.line - b.line || a.char - b.char);
  const data: number[] = [];
  let prevLine = 0;
  let prevChar = 0;
  for (const t of sorted) {
    if (t.length <= 0) continue;
    const dl = t.line - prevLine;
    const dc = dl === 0 ? t.char - prevChar : t.char;
    if (dl === 0 && dc < 0) continue; // overlapping token: drop, LSP forbids overlaps
    let mods = 0;
    for (const m of t.modifiers ?? []) mods |= 1 << SEMANTIC_TOKEN_MODIFIERS.indexOf(m);
    data.push(dl, dc, t.length, SEMANTIC_TOKEN_TYPES.indexOf(t.type), mods);
    prevLine = t.line;
    prevChar = t.char;
  }
  return data;
}
