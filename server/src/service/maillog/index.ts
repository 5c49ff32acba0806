// Mail logs written by sendmail (/var/log/mail.log, maillog, ...): each delivery tied back to
// the configuration line that routed it. Line-oriented and incremental like the map files:
// the first request builds a LogState (messages grouped by queue id), text appended at the end
// parses only the new lines (didChange), any other edit rebuilds the state on next use.
//   parse.ts        one line -> timestamp, host, program, queue id, fields (shared with the CLI)
//   messages.ts     the per-document state
//   diagnostics.ts  deferred and failed deliveries, per message and kind, each recipient with its route
//   hover.ts        dsn=, stat=, delay=, relay= (how sendmail chose that host) and the other fields
//   symbols.ts, highlights.ts, codeActions.ts, explainRelay.ts (the route in words)
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { DocContext, LanguageSupport } from '../types';
import { LogState } from './messages';
import { logDiagnostics } from './diagnostics';
import { logHover } from './hover';
import { logSymbols } from './symbols';
import { logHighlights } from './highlights';
import { logCodeActions } from './codeActions';

/**
 * Per open document (the service's document object, stable while it is open; several services
 * may have the same uri open): its state. Built on first use from the text as opened.
 */
const states = new WeakMap<object, LogState>();

/** The state of a document, built from its text when missing (first use, or an edit that was not an append). */
export function logStateFor(ctx: Pick<DocContext, 'doc'>): LogState {
  let st = states.get(ctx.doc);
  if (!st) {
    st = new LogState(ctx.doc.getText());
    states.set(ctx.doc, st);
  }
  return st;
}

/** Applies appends at the end of the text; false when a change is anything else. */
function applyAppends(st: LogState, changes: TextDocumentContentChangeEvent[]): boolean {
  for (const c of changes) {
    if (!('range' in c) || !c.range) return false;
    const { start, end } = c.range;
    if (start.line !== end.line || start.character !== end.character || !st.isEnd(start.line, start.character)) return false;
    if (!st.append(c.text)) return false;
  }
  return true;
}

export function maillogSupport(): LanguageSupport {
  return {
    // didChange gets the document before the change: the same object the later requests get.
    didChange(_uri, before, changes) {
      const st = states.get(before);
      if (!st) return;
      let ok = false;
      try { ok = applyAppends(st, changes); } finally { if (!ok) states.delete(before); } // rebuilt from the text next time
    },
    diagnose: (ctx) => logDiagnostics(ctx, logStateFor(ctx)),
    hover: (ctx, pos) => logHover(ctx, logStateFor(ctx), pos),
    symbols: (ctx) => logSymbols(logStateFor(ctx)),
    highlights: (ctx, pos) => logHighlights(logStateFor(ctx), pos),
    codeActions: (ctx, _range, diagnostics) => logCodeActions(ctx, logStateFor(ctx), diagnostics),
  };
}
