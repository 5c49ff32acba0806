// The quoted branches of ifdef/ifelse. m4 collects `then' and `else' as quoted text and only
// rescans the branch it chooses, when it expands the call: the calls in a branch run then, as
// if written at that place. Here: which argument is a branch, when it runs (certainly, maybe,
// never — decided only from what this file shows for sure), the quoted text inside it, and the
// token list with branch texts read as m4 code instead of one opaque string.
import { argValue } from '../m4/scanner';
import type { M4Arg, M4Call, M4Parse, M4Problem, M4Token } from '../m4/types';
import { breaksInArgument, hasSideEffects } from './vocabulary';

/**
 * When a call runs: `always` (not in any branch), `taken` (in a branch m4 certainly takes:
 * ifdef of a name this file defined above, ifelse of two equal literal strings), `maybe`
 * (depends on something we cannot see: -D options, names the OSTYPE/DOMAIN files define), or
 * `never` (ifelse of two different literal strings, the other branch of a certain one).
 */
export type McWhen = 'always' | 'taken' | 'maybe' | 'never';

export interface McBranch {
  /** The ifdef/ifelse call this branch belongs to. */
  owner: M4Call;
  argIndex: number;
  /** The quoted string holding the branch (delimiters included) ... */
  stringStart: number;
  stringEnd: number;
  /** ... and its inside, which m4 rescans. */
  start: number;
  end: number;
  when: McWhen;
  /** The branch text read as m4 input (offsets are document offsets). */
  parse: M4Parse;
}

/** Calls that run under `outer` and, within it, under `inner`. */
export function combineWhen(outer: McWhen, inner: McWhen): McWhen {
  if (outer === 'never' || inner === 'never') return 'never';
  if (outer === 'maybe' || inner === 'maybe') return 'maybe';
  return outer === 'always' ? inner : 'taken';
}

export const isCertain = (w: McWhen): boolean => w === 'always' || w === 'taken';

/** Index of the first element whose start is >= pos (arrays sorted by start). */
export function lowerBound<T extends { start: number }>(a: readonly T[], pos: number): number {
  let lo = 0; let hi = a.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (a[mid].start < pos) lo = mid + 1; else hi = mid; }
  return lo;
}

/** Tokens of `parse` that m4 reads while collecting `arg` itself (not inside a call nested in it). */
function ownTokens(parse: M4Parse, arg: M4Arg): M4Token[] {
  // The spans of the calls nested in arg, merged into disjoint sorted spans (calls come in start
  // order), so one walk decides every token: linear even for an argument with 100k calls.
  const spans: [number, number][] = [];
  for (let i = lowerBound(parse.calls, arg.start); i < parse.calls.length && parse.calls[i].start < arg.end; i++) {
    const c = parse.calls[i];
    const s = c.start, e = c.close ?? arg.end;
    const last = spans[spans.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else spans.push([s, e]);
  }
  const out: M4Token[] = [];
  let k = 0;
  for (let i = lowerBound(parse.tokens, arg.start); i < parse.tokens.length && parse.tokens[i].start < arg.end; i++) {
    const t = parse.tokens[i];
    while (k < spans.length && spans[k][1] < t.start) k++;
    if (k < spans.length && t.start >= spans[k][0]) continue; // inside a nested call
    out.push(t);
  }
  return out;
}

/**
 * The value of `arg` when m4 cannot change it by expanding macros: every unquoted character is
 * blank or punctuation (a word outside quotes might be a macro defined somewhere we cannot see).
 */
export function literalArg(text: string, parse: M4Parse, arg: M4Arg | undefined): string | undefined {
  if (!arg) return undefined;
  const tokens = ownTokens(parse, arg);
  if (tokens.some((t) => t.kind !== 'string' || !t.closed)) return undefined;
  let pos = arg.start;
  for (const t of [...tokens, { start: arg.end, end: arg.end }]) {
    if (/[A-Za-z_(]/.test(text.slice(pos, t.start))) return undefined;
    pos = t.end;
  }
  return argValue(text, arg);
}

/** The quoted strings m4 rescans when it expands the branch `arg`. */
export function branchStrings(parse: M4Parse, arg: M4Arg): M4Token[] {
  return ownTokens(parse, arg).filter((t) => t.kind === 'string' && t.closed);
}

/** The branch arguments of ifdef/ifelse with when each runs, given what is certainly defined. */
export function branchArgs(text: string, parse: M4Parse, call: M4Call, defined: ReadonlySet<string>): { index: number; when: McWhen }[] {
  const n = call.args.length;
  if (call.name === 'ifdef') {
    const name = literalArg(text, parse, call.args[0])?.trim();
    const known = name !== undefined && defined.has(name);
    return [1, 2].filter((i) => i < n).map((index) => ({ index, when: known ? (index === 1 ? 'taken' : 'never') : 'maybe' }));
  }
  if (call.name !== 'ifelse' || n < 3) return [];
  // ifelse(a, b, then, c, d, then2, ..., else): the comparisons run in turn until one matches.
  const out: { index: number; when: McWhen }[] = [];
  let reached: McWhen = 'taken';
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const a = literalArg(text, parse, call.args[i]);
    const b = literalArg(text, parse, call.args[i + 1]);
    const equal = a === undefined || b === undefined ? 'maybe' : a === b ? 'taken' : 'never';
    out.push({ index: i + 2, when: combineWhen(reached, equal) });
    reached = combineWhen(reached, equal === 'maybe' ? 'maybe' : equal === 'taken' ? 'never' : 'taken');
  }
  if (n - i === 1) out.push({ index: i, when: reached });
  return out;
}

/**
 * All tokens of the document with branch texts opened up: the quote characters around a branch
 * stay a string, what is between them is the branch's own tokens.
 */
export function flattenTokens(top: M4Parse, branches: McBranch[]): M4Token[] {
  const byString = new Map<number, McBranch>();
  for (const b of branches) byString.set(b.stringStart, b);
  const out: M4Token[] = [];
  const emit = (tokens: M4Token[]) => {
    for (const t of tokens) {
      const b = t.kind === 'string' ? byString.get(t.start) : undefined;
      if (!b) { out.push(t); continue; }
      out.push({ kind: 'string', start: t.start, end: b.start, closed: true });
      emit(b.parse.tokens);
      out.push({ kind: 'string', start: b.end, end: t.end, closed: true });
    }
  };
  emit(top.tokens);
  return out;
}

/** A scanner problem, with the branch it was found in (undefined: the document's top level). */
export type McProblem = M4Problem & { branch?: McBranch };

const MAX_NESTED_OWNERS = 50;

/** A branch of ifdef/ifelse written without quotes, with the calls that m4 runs while collecting it. */
export interface McUnquotedBranch {
  owner: M4Call;
  argIndex: number;
  /** When the owner chooses this branch, relative to the owner running (never `always`). */
  when: McWhen;
  /** Calls with side effects in the unquoted text of the branch, in order. */
  calls: M4Call[];
  /** The scan holding the owner (the document's or a quoted branch's). */
  parse: M4Parse;
}

/**
 * The unquoted branches of `owner` (a top-level call of `parse`) and of the ifdef/ifelse calls
 * nested unquoted in its arguments. m4 expands every macro in an unquoted argument while it
 * collects the arguments, before ifdef/ifelse decides, so those calls run whatever it decides.
 * A branch certainly chosen is not listed (running early changes nothing there). Each call is
 * given to the innermost branch that holds it and is not certainly chosen.
 */
export function unquotedBranches(
  text: string, parse: M4Parse, owner: M4Call, defined: ReadonlySet<string>,
): McUnquotedBranch[] {
  const end = owner.close ?? text.length;
  const inside: M4Call[] = [];
  for (let i = lowerBound(parse.calls, owner.start); i < parse.calls.length && parse.calls[i].start < end; i++) inside.push(parse.calls[i]);
  const effects = inside.filter((c) => c !== owner && hasSideEffects(c.name) && !breaksInArgument(c.name));
  if (!effects.length) return [];
  const byCall = new Map<M4Call, McUnquotedBranch>();
  // Each owner costs a pass over its arguments: a bounded number keeps hostile nesting linear.
  const owners = inside.filter((o) => o.name === 'ifdef' || o.name === 'ifelse').slice(0, MAX_NESTED_OWNERS);
  for (const o of owners) {
    for (const { index, when } of branchArgs(text, parse, o, defined)) {
      if (isCertain(when)) continue;
      const arg = o.args[index];
      const branch: McUnquotedBranch = { owner: o, argIndex: index, when, calls: [], parse };
      // Later owners start later: an inner branch replaces the outer one for the calls it holds.
      for (const c of effects) if (c.start >= arg.start && c.start < arg.end) byCall.set(c, branch);
    }
  }
  const out: McUnquotedBranch[] = [];
  for (const c of effects) {
    const b = byCall.get(c);
    if (!b) continue;
    if (!b.calls.length) out.push(b);
    b.calls.push(c);
  }
  return out.sort((a, b) => a.calls[0].start - b.calls[0].start);
}

/** Can the branch `arg` be quoted as a whole without changing what it does (no quoted text of its own)? */
export function quotableArg(parse: M4Parse, arg: M4Arg): boolean {
  return !!arg.quotes && ownTokens(parse, arg).every((t) => t.kind !== 'string' && t.kind !== 'strayClose');
}
