// The configuration a sendmail.mc describes, read from the m4 scan: what is included,
// OSTYPE/DOMAIN/HACK, FEATUREs with arguments, defines, MAILERs in order, LOCAL_* sections.
// Calls count where m4 runs them: at top level (outside any argument) and inside the quoted
// branches of top-level ifdef/ifelse (rescanned when m4 expands the call), each with when it
// runs. Values are the arguments as m4 collects them (one level of quotes removed), not
// further expanded.
import { argValue, scanBudget, scanM4 } from '../m4/scanner';
import type { M4Arg, M4Call, M4Parse, M4ScanOptions, M4Token } from '../m4/types';
import { branchArgs, branchStrings, combineWhen, flattenTokens, isCertain, unquotedBranches, type McBranch, type McProblem, type McUnquotedBranch, type McWhen } from './branches';
import { RAW_SECTIONS, isKnownCallable } from './vocabulary';

export type { McBranch, McUnquotedBranch, McWhen } from './branches';

export interface McCallItem {
  name: string;
  call: M4Call;
  /** Argument values as m4 collects them. */
  args: string[];
  /** When m4 runs this call (`always` unless it is in an ifdef/ifelse branch). */
  when: McWhen;
  /** The innermost branch holding the call. */
  branch?: McBranch;
}

/** Does m4 certainly run this call (order and duplicate checks only trust these)? */
export const certain = (i: McCallItem): boolean => isCertain(i.when);
/** Can m4 run this call at all (a branch of ifelse(`a', `b', ...) never runs)? */
export const possible = (i: McCallItem): boolean => i.when !== 'never';

export interface McSection { name: string; call: M4Call; /** offset where the section ends */ end: number }

export interface McModel {
  text: string;
  parse: M4Parse;
  /** All calls m4 runs at top level, including those in ifdef/ifelse branches (see `when`), in order. */
  items: McCallItem[];
  cfInclude?: McCallItem;
  includes: McCallItem[];
  ostypes: McCallItem[];
  domains: McCallItem[];
  hacks: McCallItem[];
  features: McCallItem[];
  mailers: McCallItem[];
  defines: McCallItem[];
  undefines: McCallItem[];
  sections: McSection[];
  /** Names this file defines with define()/pushdef(). */
  definedNames: Set<string>;
  /** Quoted ifdef/ifelse branches, read as m4 code (nested ones too), in document order. */
  branches: McBranch[];
  /** ifdef/ifelse branches written without quotes whose calls m4 runs before it decides (see unquotedBranches). */
  unquotedBranches: McUnquotedBranch[];
  /** Every call: top level, nested in arguments, and inside branches; sorted by start. */
  calls: M4Call[];
  /** Every token, with branch texts opened up into their own tokens (see flattenTokens). */
  tokens: M4Token[];
  /** Scanner problems of the top level and of every branch. */
  problems: McProblem[];
}

const CF_INCLUDE = /(?:^|\/)cf\.m4$/;
/** Does this path name sendmail-cf's cf.m4 (which runs changecom(), turning '#' comments off)? */
export const isCfM4 = (file: string): boolean => CF_INCLUDE.test(file.trim());

/** Names a text defines, found before scanning so that calls of them are recognised. */
function namesDefinedIn(text: string): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(/\b(?:define|pushdef)\(\s*`?([A-Za-z_][A-Za-z0-9_]*)/g)) names.add(m[1]);
  return names;
}

export function argText(text: string, a: M4Arg): string { return argValue(text, a); }

/** Branches nest at most this deep, and a file has at most this many: bounds the work on hostile input. */
const MAX_BRANCH_DEPTH = 8;
const MAX_BRANCHES = 5000;

export function buildMcModel(text: string): McModel {
  const definedNames = namesDefinedIn(text);
  // Without include(cf.m4) the file is meant to be run as `m4 cf.m4 file.mc`: comments are off then.
  const includesCf = /\bs?include\(\s*[`'"]?[^)\n]*cf\.m4/.test(text);
  // One work bound for the whole file: the top level, its recoveries and every branch rescan.
  const budget = scanBudget(text.length);
  const opts: M4ScanOptions = {
    isMacro: (n) => isKnownCallable(n) || definedNames.has(n),
    commentsAtStart: includesCf,
    includeDisablesComments: isCfM4,
    budget,
  };
  const parse = scanM4(text, opts);
  const m: McModel = {
    text, parse, items: [], includes: [], ostypes: [], domains: [], hacks: [], features: [], mailers: [],
    defines: [], undefines: [], sections: [], definedNames, branches: [], unquotedBranches: [], calls: [], tokens: [], problems: [...parse.problems],
  };
  // Names certainly defined at the current point (decides which ifdef branch is taken).
  const defined = new Set<string>();
  let stopped = false; // no branch is read once the work bound is reached
  const visit = (p: M4Parse, when: McWhen, depth: number, branch?: McBranch) => {
    for (const call of p.calls) {
      if (call.depth !== 0) continue;
      const item: McCallItem = { name: call.name, call, args: call.args.map((a) => argValue(text, a)), when, branch };
      addItem(m, item);
      trackDefined(defined, item);
      if (call.name !== 'ifdef' && call.name !== 'ifelse') continue;
      if (when !== 'never') m.unquotedBranches.push(...unquotedBranches(text, p, call, defined));
      if (depth >= MAX_BRANCH_DEPTH) continue;
      for (const { index, when: w } of branchArgs(text, p, call, defined)) {
        const arg = call.args[index];
        for (const s of branchStrings(p, arg)) {
          if (m.branches.length >= MAX_BRANCHES || stopped) break; // the calls after it are still read
          const q = arg.quotes ?? { open: '`', close: "'" };
          const start = s.start + q.open.length;
          const end = Math.max(start, s.end - q.close.length);
          if (budget.left < end - start) {
            stopped = true;
            m.problems.push({ kind: 'stopped', start: s.start, end: s.start + q.open.length, reason: 'branches' });
            break;
          }
          const bp = scanM4(text, { ...opts, range: { start, end, quotes: arg.quotes, comment: arg.comment } });
          const b: McBranch = { owner: call, argIndex: index, stringStart: s.start, stringEnd: s.end, start, end, when: combineWhen(when, w), parse: bp };
          m.branches.push(b);
          for (const pr of bp.problems) m.problems.push({ ...pr, branch: b });
          visit(bp, b.when, depth + 1, b);
        }
      }
    }
  };
  visit(parse, 'always', 0);
  m.calls = [...parse.calls, ...m.branches.flatMap((b) => b.parse.calls)].sort((a, b) => a.start - b.start);
  m.tokens = m.branches.length ? flattenTokens(parse, m.branches) : parse.tokens;
  return m;
}

/** Certainly defined names: a certain define adds one; any undefine/popdef that may run removes it. */
function trackDefined(defined: Set<string>, item: McCallItem): void {
  const name = firstArg(item);
  if ((item.name === 'define' || item.name === 'pushdef') && certain(item)) defined.add(name);
  else if ((item.name === 'undefine' || item.name === 'popdef') && possible(item)) defined.delete(name);
}

function addItem(m: McModel, item: McCallItem): void {
  const { call } = item;
  const top = item.when === 'always';
  m.items.push(item);
  switch (call.name) {
    case 'include': case 'sinclude':
      m.includes.push(item);
      if (top && item.args[0] && isCfM4(item.args[0])) m.cfInclude ??= item;
      break;
    case 'OSTYPE': m.ostypes.push(item); break;
    case 'DOMAIN': m.domains.push(item); break;
    case 'HACK': m.hacks.push(item); break;
    case 'FEATURE': m.features.push(item); break;
    case 'MAILER': m.mailers.push(item); break;
    case 'define': case 'pushdef': m.defines.push(item); break;
    case 'undefine': m.undefines.push(item); break;
    default:
      // Sections are top-level regions of the file (a section started in a branch ends with it).
      if (!top) break;
      if (RAW_SECTIONS.has(call.name)) {
        const prev = m.sections[m.sections.length - 1];
        if (prev && prev.end > call.start) prev.end = call.start;
        m.sections.push({ name: call.name, call, end: m.text.length });
      } else if (call.name === 'divert') {
        const prev = m.sections[m.sections.length - 1];
        if (prev && prev.end > call.start) prev.end = call.start;
      }
  }
}

/** The name a FEATURE/MAILER/OSTYPE... call names (first argument, trimmed). */
export const firstArg = (i: McCallItem): string => (i.args[0] ?? '').trim();

/**
 * The define (or pushdef) that gives `name` its value at the end of the file, as m4 runs it: a
 * later undefine/popdef removes it. `onlyCertain`: only calls that certainly run count (checks
 * that make claims); otherwise every call that may run (links, which only point somewhere).
 */
export function lastDefine(model: McModel, name: string, onlyCertain = false): McCallItem | undefined {
  let found: McCallItem | undefined;
  for (const i of model.items) {
    if (firstArg(i) !== name || (onlyCertain ? !certain(i) : !possible(i))) continue;
    if (i.name === 'define' || i.name === 'pushdef') found = i;
    else if (i.name === 'undefine' || i.name === 'popdef') found = undefined;
  }
  return found;
}
