// Collects the diagnostics of a map document from its incremental state: re-checks only
// stale lines, then reports duplicates from the key index and the whole-file checks.
import type { Diagnostic } from 'vscode-languageserver-types';
import type { DocContext } from '../types';
import type { Dialect } from './dialect';
import type { TableState } from './state';
import { buildEnv, type TableEnv } from './env';
import { checkLine, entryOf, loneCrIssues } from './lineCheck';
import { fileIssues } from './fileChecks';
import { issue, toDiagnostic, ERROR, INFO, type Issue } from './issues';
import { lineKind, type Entry, type LineKind } from './syntax';
import { keyHash, leadingKeyHash, NO_KEY } from './keyIndex';
import { fastMatch } from './fastPaths';
import { isCleanNoKey } from './lineScanners';
import { runCheck } from '../checkGuard';
import { clip } from '../clip';

/**
 * A line whose checks threw keeps this marker as its cached result: it is no diagnostic, but each
 * diagnose reports the failure again (through ctx.fail) until the line is edited.
 */
const CHECK_FAILED = 'internal.check-failed';

/** Name of a family of map checks in failures(): `mailertable/lines`. */
const family = (ctx: DocContext, part: string) => `${ctx.languageId.replace(/^sendmail-/, '')}/${part}`;

/**
 * More than this many diagnostics helps nobody and makes publishing slow: every publication
 * carries all of them (5,000 were 1.8 MB of JSON per keystroke). The same limit as an mc's
 * findings and a mail log's.
 */
export const MAX_DIAGNOSTICS = 1000;

export function refresh(st: TableState, d: Dialect, ctx: DocContext): TableEnv {
  // Without the configuration the checks still run, as for a map with no sendmail.mc beside it.
  const env = runCheck(ctx, family(ctx, 'configuration'), undefined, () => buildEnv(ctx.ws, ctx.path, ctx.languageId)) ?? buildEnv(ctx.ws, undefined, ctx.languageId);
  if (env.key !== st.envKey) { st.invalidateAll(); st.envKey = env.key; }
  const { refs, checked, base, edited, issues } = st;
  const scan = d.scanner?.(env);
  const fast = d.fastPath?.(env);
  const lines = family(ctx, 'lines');
  // indexOf (native) finds the few stale lines of an edit without a loop over every line here;
  // on an open, every line is stale and the next one is simply the one after.
  for (let i = checked.indexOf(0); i >= 0; i = checked[i + 1] === 0 ? i + 1 : checked.indexOf(0, i + 1)) {
    checked[i] = 1;
    // Clean common lines are checked in place (no line string); see lineScanners.ts, fastPaths.ts.
    const r = refs[i];
    const text = r >= 0 ? base : edited[-r - 1];
    const from = r >= 0 ? r : 0;
    // A comment or an empty line (lineKind): no key, nothing to check, in every map syntax.
    const c0 = text.charCodeAt(from);
    if (c0 === 35 || c0 === 10 || from === text.length) {
      if (issues.size) issues.delete(i);
      st.setKey(i, NO_KEY);
      continue;
    }
    const h = scan ? scan(text, from) : NO_KEY;
    if (h !== NO_KEY || isCleanNoKey(h)) { // a clean line: its key's hash, or CLEAN_NO_KEY (an aliases continuation line)
      if (issues.size) issues.delete(i);
      st.setKey(i, h || NO_KEY);
      continue;
    }
    if (fast && fastMatch(fast, text, from)) {
      if (issues.size) issues.delete(i);
      st.setKey(i, leadingKeyHash(text, from));
      continue;
    }
    fullCheck(st, d, env, lines, i);
  }
  return env;
}

/**
 * The full checks of line i, with their results cached in the state. Kept out of refresh's
 * loop: closures over the loop's `i` there would make V8 allocate a context for every line
 * of the file (80 MB on a million-line open), clean lines included.
 */
function fullCheck(st: TableState, d: Dialect, env: TableEnv, checkFamily: string, i: number): void {
  let thrown: unknown;
  const res = runCheck({ fail: (_f, e) => { thrown = e; } }, checkFamily, undefined, () => checkLine(d, st.line(i), env))
    ?? { key: undefined, issues: [failedLine(thrown)] };
  if (res.issues) st.issues.set(i, res.issues); else if (st.issues.size) st.issues.delete(i);
  st.setKey(i, res.key === undefined ? NO_KEY : keyHash(res.key));
}

/** [line, first line with the same key] for every later repeat; hash candidates are confirmed on the real keys. */
export function duplicates(st: TableState, d: Dialect): [number, number][] {
  const rep = st.repeated();
  if (rep.size === 0) return [];
  const firstByKey = new Map<string, number>();
  const out: [number, number][] = [];
  const hashes = st.hashes;
  // A 64K-bit filter in front of the Set keeps the scan of a million lines cheap.
  const maybe = new Uint8Array(0x10000);
  for (const h of rep) maybe[h & 0xffff] = 1;
  for (let n = 0; n < hashes.length; n++) {
    const h = hashes[n];
    if (!maybe[h & 0xffff] || !rep.has(h)) continue;
    const k = entryOf(d, st.line(n))?.key;
    if (k === undefined) continue;
    const key = d.foldKey(k);
    const first = firstByKey.get(key);
    if (first === undefined) firstByKey.set(key, n); else out.push([n, first]);
  }
  return out;
}

/** The cached result of a line whose checks threw: the error, for failures(). */
function failedLine(e: unknown): Issue {
  const err = e instanceof Error ? e : new Error(String(e));
  return issue(CHECK_FAILED, INFO, 0, 0, err.message, { stack: err.stack });
}

/**
 * The Diagnostic made for a cached Issue (a line's, or a duplicate's while its keyEpoch holds),
 * reused while the issue stays on the same line: after an edit, all but the edited lines'
 * diagnostics are the objects published before, which the server compares by identity first.
 */
const published = new WeakMap<Issue, Diagnostic>();

function diagnosticOf(line: number, i: Issue): Diagnostic {
  const old = published.get(i);
  if (old && old.range.start.line === line) return old;
  const fresh = toDiagnostic(line, i);
  published.set(i, fresh);
  return fresh;
}

export function collect(st: TableState, d: Dialect, ctx: DocContext): Diagnostic[] {
  const env = refresh(st, d, ctx);
  const out: Diagnostic[] = [];
  const push = (line: number, i: Issue) => {
    if (i.code === CHECK_FAILED) ctx.fail?.(family(ctx, 'lines'), Object.assign(new Error(i.message), { stack: i.data?.stack }));
    else if (out.length < MAX_DIAGNOSTICS) out.push(diagnosticOf(line, i));
  };
  // Each family below runs under its own guard: one that throws loses only its own findings.
  const guarded = <T>(part: string, fallback: T, f: () => T): T => runCheck(ctx, family(ctx, part), fallback, f);
  for (const i of guarded('file', [], () => fileIssues(ctx.languageId, env, ctx.ws, st.line(0).length))) push(0, i);
  const orphans = d.syntax === 'aliases' ? guarded('continuations', new Map(), () => orphanContinuations(st)) : new Map<number, never>();
  const withIssues = [...st.issues.keys(), ...orphans.keys()].sort((a, b) => a - b);
  for (let j = 0; j < withIssues.length && out.length < MAX_DIAGNOSTICS; j++) {
    const n = withIssues[j];
    if (j > 0 && n === withIssues[j - 1]) continue;
    for (const i of st.issues.get(n) ?? []) if (!continued(st, d, n, i)) push(n, i);
    if (orphans.has(n)) push(n, orphans.get(n)!);
  }
  for (const [n, i] of guarded('line-ends', [], () => loneCrIssues(st))) push(n, i);
  for (const [n, first] of guarded('duplicates', [], () => duplicateIssues(st, d))) push(n, first);
  for (const [n, i] of guarded('unreachable-keys', [], () => unreachable(st, d, env))) push(n, i);
  for (const i of guarded('required-keys', [], () => missingKeys(st, d, env))) push(0, i);
  if (out.length >= MAX_DIAGNOSTICS) out.push(toDiagnostic(0, issue('table.too-many', INFO, 0, 0, `Only the first ${MAX_DIAGNOSTICS} problems of this file are shown; fix those and the rest appear.`)));
  return out;
}

/** The duplicate-key issues of the state's keys as of its keyEpoch: an edit to other lines reuses them. */
const duplicateCache = new WeakMap<TableState, { epoch: number; d: Dialect; issues: [number, Issue][] }>();

/** A duplicate-key issue for every later repeat of a key. */
function duplicateIssues(st: TableState, d: Dialect): [number, Issue][] {
  const c = duplicateCache.get(st);
  if (c && c.epoch === st.keyEpoch && c.d === d) return c.issues;
  const issues = findDuplicateIssues(st, d);
  duplicateCache.set(st, { epoch: st.keyEpoch, d, issues });
  return issues;
}

function findDuplicateIssues(st: TableState, d: Dialect): [number, Issue][] {
  const out: [number, Issue][] = [];
  for (const [n, first] of duplicates(st, d)) {
    const text = st.line(n);
    const e = entryOf(d, text);
    const s = e?.keyStart ?? 0, end = e?.keyEnd ?? text.length;
    const sameCase = entryOf(d, st.line(first))?.key === e?.key;
    out.push([n, issue('table.duplicate-key', d.duplicate.severity, s, end,
      `\`${clip(e?.key ?? '')}\` is already listed on line ${first + 1}${sameCase ? '' : ' (keys are compared in lower case)'}: ${d.duplicate.says}.`,
      d.duplicate.lastWins ? { firstLine: first, lastWins: true } : { firstLine: first })]);
    if (out.length >= MAX_DIAGNOSTICS) break;
  }
  return out;
}

/** Lines whose folded key is one of `keys`: one pass over the key hashes (a 64K-bit filter first), confirmed on the real key. */
function* linesWithKeys(st: TableState, d: Dialect, keys: Iterable<string>): Generator<[number, Entry, string]> {
  const byHash = new Map<number, string>();
  for (const k of keys) byHash.set(keyHash(k), k);
  if (byHash.size === 0) return;
  const maybe = new Uint8Array(0x10000);
  for (const h of byHash.keys()) maybe[h & 0xffff] = 1;
  const hashes = st.hashes;
  for (let n = 0; n < hashes.length; n++) {
    if (!maybe[hashes[n] & 0xffff]) continue;
    const want = byHash.get(hashes[n]);
    if (want === undefined) continue;
    const e = entryOf(d, st.line(n));
    if (e && d.foldKey(e.key) === want) yield [n, e, want];
  }
}

/** Lines whose key the dialect says sendmail never looks up. */
function unreachable(st: TableState, d: Dialect, env: TableEnv): [number, ReturnType<typeof issue>][] {
  const keys = d.unreachableKeys?.(env);
  if (!keys) return [];
  const out: [number, ReturnType<typeof issue>][] = [];
  for (const [n, e, key] of linesWithKeys(st, d, keys.keys())) {
    const w = keys.get(key)!;
    out.push([n, issue(w.code, w.severity, e.keyStart, e.keyEnd, w.message)]);
  }
  return out;
}

/** Required keys the file lacks (the dialect's requiredKeys). */
function missingKeys(st: TableState, d: Dialect, env: TableEnv): ReturnType<typeof issue>[] {
  const keys = d.requiredKeys?.(env);
  if (!keys) return [];
  const missing = new Map(keys);
  for (const [, , key] of linesWithKeys(st, d, keys.keys())) {
    missing.delete(key);
    if (missing.size === 0) break;
  }
  return [...missing.values()].map((w) => issue(w.code, w.severity, 0, st.line(0).length, w.message, w.appendLine ? { appendLine: w.appendLine } : undefined));
}

/**
 * aliases: `name:` with its targets on the indented lines below is valid (newaliases 8.17 stored
 * `list:` + `  bob, jane` as list -> "bob, jane"); the per-line check can't see the next line.
 */
function continued(st: TableState, d: Dialect, n: number, i: ReturnType<typeof issue>): boolean {
  return d.syntax === 'aliases' && i.code === 'aliases.missing-value' && n + 1 < st.lineCount && lineKind(st.line(n + 1)) === 'indented';
}

/** aliases: continuation lines with no alias above them (depends on the lines before, so not cached per line). */
function orphanContinuations(st: TableState): Map<number, ReturnType<typeof issue>> {
  const out = new Map<number, ReturnType<typeof issue>>();
  let inAlias = false;
  for (let n = 0; n < st.lineCount; n++) {
    const k = kindAt(st, n);
    if (k === 'indented' && !inAlias) out.set(n, issue('aliases.orphan-continuation', ERROR, 0, st.line(n).length, 'A line starting with a blank continues the alias above, but there is none (a blank or comment line ends an alias); newaliases rejects it.'));
    inAlias = k === 'entry' || (k === 'indented' && inAlias);
  }
  return out;
}

/** lineKind of line n, from its first character in place when that decides it (no line string). */
function kindAt(st: TableState, n: number): LineKind {
  const r = st.refs[n];
  const text = r >= 0 ? st.base : st.edited[-r - 1], from = r >= 0 ? r : 0;
  const c = text.charCodeAt(from);
  if (c === 35) return 'comment';
  if (c === 10 || from >= text.length) return 'blank';
  if (c !== 32 && c !== 9 && c !== 13) return 'entry';
  return lineKind(st.line(n));
}
