// The outline of a mail log: one entry per message (queue id) with its final outcome, e.g.
//   oBMH9mVv001357  to=recipient@domain.com  Deferred: Connection timed out
// spanning the message's first to last line. Capped: the latest MAX_LOG_SYMBOLS messages.
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { LogState } from './messages';
import { fieldOf, parseLogLine, splitAddresses } from './parse';

export const MAX_LOG_SYMBOLS = 20000;
const MAX_NAME = 160;

export function logSymbols(st: LogState): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  const from = Math.max(0, st.messageCount - MAX_LOG_SYMBOLS);
  for (let m = from; m < st.messageCount; m++) {
    const first = st.firstLine[m], last = st.lastLine[m];
    const qid = parseLogLine(st.line(first))?.qid;
    if (!qid) continue;
    const name = `${st.qids[m]}  ${outcomeText(st, m)}`;
    out.push({
      name: name.length > MAX_NAME ? `${name.slice(0, MAX_NAME)}…` : name,
      kind: SymbolKind.Event,
      range: { start: { line: first, character: 0 }, end: { line: last, character: st.line(last).length } },
      selectionRange: { start: { line: first, character: qid.start }, end: { line: first, character: qid.end } },
    });
  }
  return out;
}

/** `to=a@x  Deferred: ...` from the message's outstanding trouble or its latest delivery; else its latest line. */
function outcomeText(st: LogState, m: number): string {
  let line = st.lastStatus[m];
  if (st.problems.has(m)) line = st.latestProblemLine(m);
  const l = parseLogLine(st.line(line >= 0 ? line : st.lastLine[m]));
  if (!l) return '';
  const stat = fieldOf(l, 'stat')?.value;
  const to = fieldOf(l, 'to');
  if (stat !== undefined && to) {
    const rcpts = splitAddresses(to.value).map((a) => a.address);
    return `to=${rcpts[0] ?? ''}${rcpts.length > 1 ? ` (+${rcpts.length - 1})` : ''}  ${stat}`;
  }
  const reject = fieldOf(l, 'reject')?.value;
  if (reject !== undefined) return `rejected: ${reject}`;
  return l.message.text;
}
