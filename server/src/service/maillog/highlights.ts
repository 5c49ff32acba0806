// Document highlights: every line of the message (queue id) under the cursor, so the editor
// marks them all and "next/previous highlight" walks the message. The queue id on each line
// is highlighted (Read), the one under the cursor too (Write marks nothing different here).
import { DocumentHighlightKind, type DocumentHighlight, type Position } from 'vscode-languageserver-types';
import type { LogState } from './messages';
import { parseLogLine } from './parse';

/** More than this many highlights is no help (a queue runner's NOQUEUE lines are not grouped anyway). */
export const MAX_LOG_HIGHLIGHTS = 5000;

export function logHighlights(st: LogState, pos: Position): DocumentHighlight[] {
  const m = st.messageAt(pos.line);
  if (m === undefined) return [];
  const out: DocumentHighlight[] = [];
  for (const n of st.linesOf(m, MAX_LOG_HIGHLIGHTS)) {
    const q = parseLogLine(st.line(n))?.qid;
    if (q) out.push({ range: { start: { line: n, character: q.start }, end: { line: n, character: q.end } }, kind: DocumentHighlightKind.Read });
  }
  return out;
}
