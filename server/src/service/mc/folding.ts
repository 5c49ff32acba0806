// Folding ranges of a sendmail.mc: divert(-1) blocks (the usual header of comments m4
// throws away), LOCAL_CONFIG/LOCAL_RULESETS/... sections of raw cf text, macro calls that
// span lines, and runs of comment lines (dnl or #).
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import { argValue } from '../m4/scanner';
import type { M4Call } from '../m4/types';
import type { McContext } from './context';

/** A divert argument that discards output (m4 drops text sent to a negative diversion). */
function discards(mc: McContext, call: M4Call): boolean {
  const a = call.args[0];
  return !!a && /^\s*-\d+\s*$/.test(argValue(mc.model.text, a));
}

/** Line of the last non-blank character before `end` (so a fold does not swallow blank lines). */
function lastContentLine(mc: McContext, start: number, end: number): number {
  const text = mc.model.text;
  let e = Math.min(end, text.length);
  while (e > start && /\s/.test(text[e - 1])) e--;
  return mc.doc.positionAt(Math.max(start, e - 1)).line;
}

function divertBlocks(mc: McContext, out: FoldingRange[]): void {
  const diverts = mc.model.parse.calls.filter((c) => c.name === 'divert' && c.depth === 0);
  diverts.forEach((d, i) => {
    if (!discards(mc, d)) return;
    const next = diverts.slice(i + 1).find((x) => !discards(mc, x));
    const startLine = mc.doc.positionAt(d.start).line;
    // Keep the divert(0) line visible: it is where output starts again.
    const endLine = next ? mc.doc.positionAt(next.start).line - 1 : lastContentLine(mc, d.start, mc.model.text.length);
    if (endLine > startLine) out.push({ startLine, endLine, kind: FoldingRangeKind.Region });
  });
}

function sections(mc: McContext, out: FoldingRange[]): void {
  for (const s of mc.model.sections) {
    const startLine = mc.doc.positionAt(s.call.start).line;
    const endLine = lastContentLine(mc, s.call.nameEnd, s.end);
    if (endLine > startLine) out.push({ startLine, endLine, kind: FoldingRangeKind.Region });
  }
}

function multiLineCalls(mc: McContext, out: FoldingRange[]): void {
  for (const c of mc.model.parse.calls) {
    if (c.close === undefined) continue;
    const startLine = mc.doc.positionAt(c.start).line;
    const endLine = mc.doc.positionAt(c.close).line;
    if (endLine > startLine) out.push({ startLine, endLine });
  }
}

/** Runs of two or more lines that are only a comment: `dnl ...` (m4 drops it) or `# ...`. */
function commentRuns(mc: McContext, out: FoldingRange[]): void {
  const text = mc.model.text;
  const dnlAt = new Set(mc.model.parse.tokens.filter((t) => t.kind === 'dnl').map((t) => t.start));
  const strings = mc.model.parse.tokens.filter((t) => t.kind === 'string');
  let si = 0;
  const inString = (pos: number) => {
    while (si < strings.length && strings[si].end <= pos) si++;
    return si < strings.length && strings[si].start < pos;
  };
  let runStart = -1;
  let line = 0;
  let prev = -1;
  const close = () => { if (runStart >= 0 && prev > runStart) out.push({ startLine: runStart, endLine: prev, kind: FoldingRangeKind.Comment }); runStart = -1; };
  for (let pos = 0; pos <= text.length; line++) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    let i = pos;
    while (i < nl && (text[i] === ' ' || text[i] === '\t')) i++;
    const isComment = !inString(i) && (dnlAt.has(i) || text[i] === '#');
    if (isComment) { if (runStart < 0) runStart = line; prev = line; } else close();
    pos = nl + 1;
  }
  close();
}

export function mcFoldingRanges(mc: McContext): FoldingRange[] {
  const all: FoldingRange[] = [];
  divertBlocks(mc, all);
  sections(mc, all);
  multiLineCalls(mc, all);
  commentRuns(mc, all);
  // One range per start line (editors keep only one): the longest.
  const byStart = new Map<number, FoldingRange>();
  for (const r of all) {
    const had = byStart.get(r.startLine);
    if (!had || r.endLine > had.endLine) byStart.set(r.startLine, r);
  }
  return [...byStart.values()].sort((a, b) => a.startLine - b.startLine);
}
