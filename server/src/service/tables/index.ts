// Map source files (mailertable, access, virtusertable, genericstable, domaintable,
// authinfo, aliases, class files). Line-oriented and incremental: the service feeds edits
// through didOpen/didChange/didClose, each document keeps a TableState, and diagnose only
// re-checks the lines that changed (see state.ts, diagnose.ts).
import { SymbolKind, type DocumentSymbol, type Hover } from 'vscode-languageserver-types';
import type { DocContext, LanguageId, LanguageSupport } from '../types';
import { TableState } from './state';
import { collect } from './diagnose';
import { dialectFor } from './dialects';
import { buildEnv } from './env';
import { entryOf } from './lineCheck';
import { codeActions } from './actions';

const states = new Map<string, TableState>();

/** The state of a document, rebuilt from its text when missing (no didOpen, or a failed edit dropped it). */
function stateFor(ctx: DocContext): TableState {
  let st = states.get(ctx.uri);
  if (!st) {
    st = new TableState(ctx.doc.getText());
    states.set(ctx.uri, st);
  }
  return st;
}

/** The state of `uri` now (LanguageService.open binds a PendingDocument to the one its didOpen made). */
export function tableStateOf(uri: string): TableState | undefined { return states.get(uri); }

/**
 * The current text of map document `uri` in one pass (PendingDocument: its queued edits are
 * all in `st` already), with `st` then reading its lines from that text, so the document and the
 * state share one copy. Undefined when `st` is no longer the state of `uri` (dropped after a
 * failed edit, or the document opened again): the caller applies its queued edits instead.
 */
export function tableText(uri: string, st: TableState): string | undefined {
  if (states.get(uri) !== st) return undefined;
  const text = st.text();
  st.adopt(text);
  return text;
}

const MAX_SYMBOLS = 20000;

export function tableSupport(languageId: LanguageId): LanguageSupport {
  const d = dialectFor(languageId);
  const text = (ctx: DocContext, n: number) => stateFor(ctx).line(n);
  return {
    didOpen(uri, t) { states.set(uri, new TableState(t)); },
    didChange(uri, _before, changes) {
      try { states.get(uri)?.apply(changes); } catch (e) { states.delete(uri); throw e; } // rebuilt from the document next time
    },
    didClose(uri) { states.delete(uri); },

    diagnose: (ctx) => collect(stateFor(ctx), d, ctx),

    hover(ctx, pos): Hover | null {
      const t = text(ctx, pos.line);
      const e = entryOf(d, t);
      if (!e) return null;
      const ch = pos.character;
      const md = d.hover(e, ch, buildEnv(ctx.ws, ctx.path, languageId));
      if (!md) return null;
      const [start, end] = d.hoverRange?.(e, ch) ?? (ch <= e.keyEnd ? [e.keyStart, e.keyEnd] : [Math.max(e.valueStart, e.keyEnd), Math.max(e.valueEnd, e.keyEnd)]);
      return { contents: { kind: 'markdown', value: md }, range: { start: { line: pos.line, character: start }, end: { line: pos.line, character: end } } };
    },

    complete(ctx, pos) {
      const t = text(ctx, pos.line);
      return d.complete(entryOf(d, t), pos.character, buildEnv(ctx.ws, ctx.path, languageId));
    },

    codeActions: (ctx, _range, diagnostics) => codeActions(ctx, (n) => text(ctx, n), diagnostics),

    symbols(ctx): DocumentSymbol[] {
      const out: DocumentSymbol[] = [];
      const st = stateFor(ctx);
      for (let n = 0; n < st.lineCount && out.length < MAX_SYMBOLS; n++) {
        const line = st.line(n);
        const e = entryOf(d, line);
        if (!e || !e.key) continue;
        const len = line.replace(/\r$/, '').length;
        out.push({
          name: e.key,
          detail: e.value,
          kind: SymbolKind.Key,
          range: { start: { line: n, character: 0 }, end: { line: n, character: len } },
          selectionRange: { start: { line: n, character: e.keyStart }, end: { line: n, character: e.keyEnd } },
        });
      }
      return out;
    },
  };
}
