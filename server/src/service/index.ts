// The sendmail language service: open documents in, diagnostics/hovers/completions/... out.
// No LSP transport and no `vscode` here (server.ts wires LSP to this; the CLI and tests
// call it directly). Each language lives in its own folder and implements LanguageSupport;
// registry.ts says which module serves which language.
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type {
  CodeAction, CodeLens, CompletionItem, Diagnostic, DocumentLink, DocumentSymbol, FoldingRange, Hover, Position, Range,
} from 'vscode-languageserver-types';
import { fileURLToPath } from 'node:url';
import { supportFor } from './registry';
import { encodeSemanticTokens } from './common/semanticTokens';
import type { DocContext, LanguageId, LanguageSupport, ServiceSettings } from './types';
import { overlayWorkspace, type WorkspaceView } from './workspace';
import { PendingDocument } from './pendingDocument';

export * from './types';
export { languageFromPath, isLanguageId, MAP_LANGUAGES } from './languages';
export { diskWorkspace, memoryWorkspace, type WorkspaceView } from './workspace';

interface OpenDoc { doc: PendingDocument; languageId: LanguageId; path: string | undefined }

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try { return fileURLToPath(uri); } catch { return undefined; }
}

function dirOf(p: string): string { return p.replace(/\/[^/]*$/, '') || '/'; }

/** A safe wrapper: a language module that throws must never take the server down. */
function guard<T>(fallback: T, f: () => T, log?: (msg: string) => void): T {
  try { return f(); } catch (e) {
    log?.(`internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    return fallback;
  }
}

export class LanguageService {
  private readonly docs = new Map<string, OpenDoc>();
  private readonly ws: WorkspaceView;
  settings: ServiceSettings;

  constructor(base: WorkspaceView, settings: ServiceSettings = {}, private readonly log?: (msg: string) => void) {
    this.settings = settings;
    // Per path, so reading sendmail.mc does not materialize every other open document.
    this.ws = overlayWorkspace(base, (p) => {
      for (const d of this.docs.values()) if (d.path === p) return d.doc.getText();
      return undefined;
    });
  }

  open(uri: string, languageId: LanguageId, version: number, text: string): void {
    this.docs.set(uri, { doc: new PendingDocument(TextDocument.create(uri, languageId, version, text)), languageId, path: uriToPath(uri) });
    guard(undefined, () => supportFor(languageId).didOpen?.(uri, text), this.log);
  }

  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): void {
    const d = this.docs.get(uri);
    if (!d) return;
    guard(undefined, () => supportFor(d.languageId).didChange?.(uri, d.doc, changes), this.log);
    d.doc.update(changes, version); // applied lazily (see pendingDocument.ts)
  }

  close(uri: string): void {
    const d = this.docs.get(uri);
    if (d) guard(undefined, () => supportFor(d.languageId).didClose?.(uri), this.log);
    this.docs.delete(uri);
  }

  has(uri: string): boolean { return this.docs.has(uri); }
  uris(): string[] { return [...this.docs.keys()]; }
  document(uri: string): TextDocument | undefined { return this.docs.get(uri)?.doc; }

  /** Other open documents whose analysis may depend on `uri` (same directory). */
  dependents(uri: string): string[] {
    const p = this.docs.get(uri)?.path;
    if (!p) return [];
    const dir = dirOf(p);
    return [...this.docs.entries()].filter(([u, d]) => u !== uri && d.path && dirOf(d.path) === dir).map(([u]) => u);
  }

  private ctx(uri: string): DocContext | undefined {
    const d = this.docs.get(uri);
    if (!d) return undefined;
    return { uri, path: d.path, languageId: d.languageId, doc: d.doc, ws: this.ws, settings: this.settings };
  }

  /**
   * Runs one optional feature of the document's language module, guarded: no document, no
   * such feature, or a module that throws all give `fallback`.
   */
  private run<T>(uri: string, fallback: T, f: (s: LanguageSupport, c: DocContext) => T | undefined): T {
    const c = this.ctx(uri);
    if (!c) return fallback;
    return guard(fallback, () => f(supportFor(c.languageId), c) ?? fallback, this.log);
  }

  diagnostics(uri: string): Diagnostic[] { return this.run(uri, [], (s, c) => s.diagnose(c)); }
  hover(uri: string, pos: Position): Hover | null { return this.run(uri, null, (s, c) => s.hover?.(c, pos)); }
  completion(uri: string, pos: Position): CompletionItem[] { return this.run(uri, [], (s, c) => s.complete?.(c, pos)); }
  codeActions(uri: string, range: Range, diagnostics: Diagnostic[]): CodeAction[] {
    return this.run(uri, [], (s, c) => s.codeActions?.(c, range, diagnostics));
  }
  symbols(uri: string): DocumentSymbol[] { return this.run(uri, [], (s, c) => s.symbols?.(c)); }
  foldingRanges(uri: string): FoldingRange[] { return this.run(uri, [], (s, c) => s.foldingRanges?.(c)); }
  documentLinks(uri: string): DocumentLink[] { return this.run(uri, [], (s, c) => s.documentLinks?.(c)); }
  codeLenses(uri: string): CodeLens[] { return this.run(uri, [], (s, c) => s.codeLenses?.(c)); }

  /** LSP-encoded semantic tokens (relative positions, legend from types.ts). */
  semanticTokens(uri: string): number[] {
    return this.run(uri, [], (s, c) => (s.semanticTokens ? encodeSemanticTokens(s.semanticTokens(c)) : undefined));
  }
}

/** One-shot analysis of a text (CLI, tests): diagnostics of `text` as file `path`. */
export function analyzeText(ws: WorkspaceView, path: string, languageId: LanguageId, text: string, settings: ServiceSettings = {}): Diagnostic[] {
  const svc = new LanguageService(ws, settings);
  const uri = 'file://' + encodeURI(path);
  svc.open(uri, languageId, 1, text);
  return svc.diagnostics(uri);
}
