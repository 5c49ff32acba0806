// Which sendmail.mc line a generated sendmail.cf line comes from, given the source m4 named in
// its syncline (m4Output.ts). Most cf lines are written while cf.m4 reads its own files, so:
//  1. the source is the mc itself: that line (LOCAL_RULESETS text, LOCAL_DOMAIN, ...);
//  2. a feature/, mailer/, ostype/, domain/ or hack/ file: the mc line calling FEATURE(`x'), ...;
//  3. another file (m4/proto.m4 for nearly every O line): the names used by the m4 statement at
//     that source line (`_OPTION(PrivacyOptions, `confPRIVACY_FLAGS', ...)`) and the mc lines
//     that define one of them (or, for cf.m4's collectors such as _DPO_, call the macro that feeds
//     them: DAEMON_OPTIONS); among several, the one holding most words of the cf line's value;
//  4. a file the mc includes: the include line.
// Otherwise undefined: the caller puts the problem on the first line and names the cf line.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Origin } from './m4Output';

const KIND_MACRO: Record<string, string> = { feature: 'FEATURE', mailer: 'MAILER', ostype: 'OSTYPE', domain: 'DOMAIN', hack: 'HACK' };

/** cf.m4 names that collect what an mc macro was given (cfhead.m4), with the macros that fill them. */
const COLLECTORS: Record<string, string[]> = {
  _DPO_: ['DAEMON_OPTIONS'],
  _CPO_: ['CLIENT_OPTIONS'],
  _MAIL_FILTERS_: ['MAIL_FILTER', 'INPUT_MAIL_FILTER'],
  confINPUT_MAIL_FILTERS: ['INPUT_MAIL_FILTER'],
  _QUEUE_GROUP_: ['QUEUE_GROUP'],
  MASQUERADE_NAME: ['MASQUERADE_AS'],
};

/** How far past the source line an m4 statement is followed (a multi-line ifelse). */
const MAX_STATEMENT_LINES = 40;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The mc lines without what m4 discards or passes through as comment (after dnl, `#` lines). */
export function liveText(mcLines: readonly string[]): string[] {
  return mcLines.map((l) => (/^\s*#/.test(l) ? '' : l.replace(/\bdnl\b.*$/, '')));
}

/** The 0-based mc lines matching `re` (on live text). */
function linesMatching(live: readonly string[], re: RegExp): number[] {
  const out: number[] = [];
  live.forEach((l, i) => { if (re.test(l)) out.push(i); });
  return out;
}

/** The last live mc line calling `macro`, optionally with `name` as first argument. */
export function callLine(live: readonly string[], macro: string, name?: string): number | undefined {
  const re = new RegExp(`\\b${escape(macro)}\\(${name === undefined ? '' : `\\s*\`?${escape(name)}'?\\s*[,)]`}`);
  return linesMatching(live, re).pop();
}

/** The words of a cf line's value: O Name=value, Kname spec, F/C/D class or macro + rest. */
export function cfValueWords(cfLine: string): string[] {
  const m = /^O\s*[^=]*=(.*)$/.exec(cfLine) ?? /^K\S+\s+(.*)$/.exec(cfLine) ?? /^[CFD](?:\{[^}]*\}|\S)(.*)$/.exec(cfLine);
  const value = m ? m[1] : cfLine.slice(1);
  return value.split(/[\s,]+/).filter((w) => w.length >= 2);
}

/** The m4 statement starting at `line` (1-based) of `file`: that line and, while parentheses stay open, the next ones. */
function statementAt(sourceLines: readonly string[], line: number): string {
  const out: string[] = [];
  let depth = 0;
  for (let i = line - 1; i >= 0 && i < sourceLines.length && out.length < MAX_STATEMENT_LINES; i++) {
    out.push(sourceLines[i]);
    for (const ch of sourceLines[i]) depth += ch === '(' ? 1 : ch === ')' ? -1 : 0;
    if (depth <= 0) break;
  }
  return out.join('\n');
}

export interface OriginContext {
  mcPath: string;
  mcLines: readonly string[];
  /** Reads a source file's lines (cached by the caller); undefined when unreadable. */
  readLines: (file: string) => readonly string[] | undefined;
}

/** A reader for OriginContext.readLines that reads each file once, relative paths from `dir`. */
export function cachedReader(dir: string): (file: string) => readonly string[] | undefined {
  const cache = new Map<string, readonly string[] | undefined>();
  return (file) => {
    const abs = path.resolve(dir, file);
    if (!cache.has(abs)) {
      let lines: string[] | undefined;
      try { lines = fs.readFileSync(abs, 'utf8').split('\n'); } catch { lines = undefined; }
      cache.set(abs, lines);
    }
    return cache.get(abs);
  };
}

/** The 0-based mc line that made the cf line `cfLine` (written from `origin`), if we can tell. */
export function mcLineFor(origin: Origin | undefined, cfLine: string, ctx: OriginContext): number | undefined {
  if (!origin) return undefined;
  const dir = path.dirname(ctx.mcPath);
  if (origin.file === path.basename(ctx.mcPath) || path.resolve(dir, origin.file) === path.resolve(ctx.mcPath)) {
    return Math.max(0, Math.min(origin.line - 1, ctx.mcLines.length - 1));
  }
  const live = liveText(ctx.mcLines);
  const macro = KIND_MACRO[path.basename(path.dirname(origin.file))];
  if (macro) {
    const line = callLine(live, macro, path.basename(origin.file).replace(/\.m4$/, ''));
    if (line !== undefined) return line;
  }
  const source = ctx.readLines(origin.file);
  if (source) {
    const names = new Set(statementAt(source, origin.line).match(/[A-Za-z_]\w*/g) ?? []);
    const candidates = new Set<number>();
    for (const name of names) {
      for (const i of linesMatching(live, new RegExp(`\\b(?:define|pushdef)\\(\\s*\`?${escape(name)}'?\\s*[,)]`))) candidates.add(i);
      for (const feeder of COLLECTORS[name] ?? []) for (const i of linesMatching(live, new RegExp(`\\b${feeder}\\(`))) candidates.add(i);
    }
    if (candidates.size) {
      const words = cfValueWords(cfLine);
      const score = (i: number) => words.filter((w) => ctx.mcLines[i].includes(w)).length;
      return [...candidates].sort((a, b) => score(a) - score(b) || a - b).pop();
    }
  }
  const base = escape(path.basename(origin.file));
  return linesMatching(live, new RegExp(`\\bs?include\\(\\s*\`?[^'\`)]*${base}`)).pop();
}
