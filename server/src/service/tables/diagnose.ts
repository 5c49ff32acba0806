// Collects the diagnostics of a map document from its incremental state: re-checks only
// stale lines, then reports duplicates from the key index and the whole-file checks.
import type { Diagnostic } from 'vscode-languageserver-types';
import type { DocContext } from '../types';
import type { Dialect } from './dialect';
import type { TableState } from './state';
import { buildEnv, type TableEnv } from './env';
import { checkLine, entryOf } from './lineCheck';
import { fileIssues } from './fileChecks';
import { issue, toDiagnostic, ERROR, INFO } from './issues';
import { lineKind } from './syntax';
import { keyHash, leadingKeyHash } from './keyIndex';

/** More than this many diagnostics helps nobody and makes publishing slow. */
export const MAX_DIAGNOSTICS = 5000;

export function refresh(st: TableState, d: Dialect, ctx: DocContext): TableEnv {
  const env = buildEnv(ctx.ws, ctx.path, ctx.languageId);
  if (env.key !== st.envKey) { st.invalidateAll(); st.envKey = env.key; }
  const { lines, checked } = st;
  const fast = d.fastPath?.(env);
  for (let i = 0; i < lines.length; i++) {
    if (checked[i]) continue;
    if (fast && fast.test(lines[i])) {
      st.issues[i] = undefined;
      st.setKey(i, leadingKeyHash(lines[i]));
      checked[i] = 1;
      continue;
    }
    const res = checkLine(d, lines[i], env);
    st.issues[i] = res.issues;
    st.setKey(i, res.key === undefined ? -1 : keyHash(res.key));
    checked[i] = 1;
  }
  return env;
}

/** [line, first line with the same key] for every later repeat; hash candidates are confirmed on the real keys. */
export function duplicates(st: TableState, d: Dialect): [number, number][] {
  const rep = st.keys.repeated;
  if (rep.size === 0) return [];
  const firstByKey = new Map<string, number>();
  const out: [number, number][] = [];
  const { hashes, lines } = st;
  const lows = new Set<number>([...rep].map((h) => h | 0)); // small ints: no boxing in the hot loop
  for (let n = 0; n < hashes.length; n++) {
    if (!lows.has(hashes[n] | 0) || !rep.has(hashes[n])) continue;
    const k = entryOf(d, lines[n])?.key;
    if (k === undefined) continue;
    const key = d.foldKey(k);
    const first = firstByKey.get(key);
    if (first === undefined) firstByKey.set(key, n); else out.push([n, first]);
  }
  return out;
}

export function collect(st: TableState, d: Dialect, ctx: DocContext): Diagnostic[] {
  const env = refresh(st, d, ctx);
  const out: Diagnostic[] = [];
  const lines = st.lines;
  const push = (line: number, i: Parameters<typeof toDiagnostic>[1]) => { if (out.length < MAX_DIAGNOSTICS) out.push(toDiagnostic(line, i)); };
  for (const i of fileIssues(ctx.languageId, env, ctx.ws, lines[0]?.length ?? 0)) push(0, i);
  let inAlias = false;
  const issues = st.issues;
  for (let n = 0; n < lines.length && out.length < MAX_DIAGNOSTICS; n++) {
    const is = issues[n];
    if (is) for (const i of is) push(n, i);
    if (d.syntax === 'aliases') {
      const text = lines[n];
      const k = lineKind(text);
      if (k === 'indented' && !inAlias) push(n, issue('aliases.orphan-continuation', ERROR, 0, text.length, 'A line starting with a blank continues the alias above, but there is none (a blank or comment line ends an alias); newaliases rejects it.'));
      inAlias = k === 'entry' || (k === 'indented' && inAlias);
    }
  }
  for (const [n, first] of duplicates(st, d)) {
    const e = entryOf(d, lines[n]);
    const s = e?.keyStart ?? 0, end = e?.keyEnd ?? lines[n].length;
    const sameCase = entryOf(d, lines[first])?.key === e?.key;
    push(n, issue('table.duplicate-key', d.duplicate.severity, s, end,
      `\`${e?.key}\` is already listed on line ${first + 1}${sameCase ? '' : ' (keys are compared in lower case)'}: ${d.duplicate.says}.`,
      { firstLine: first }));
  }
  if (out.length >= MAX_DIAGNOSTICS) out.push(toDiagnostic(0, issue('table.too-many', INFO, 0, 0, `Only the first ${MAX_DIAGNOSTICS} problems are shown.`)));
  return out;
}
