// The sendmail language service: open documents in, diagnostics/hovers/completions/... out.
// No LSP transport and no `vscode` here (server.ts wires LSP to this; the CLI and tests
// call it directly). Each language lives in its own folder and implements LanguageSupport;
// registry.ts says which module serves which language.
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type {
  CodeAction, CodeLens, CompletionItem, Diagnostic, DocumentHighlight, DocumentLink, DocumentSymbol, FoldingRange, Hover, Position, Range,
} from 'vscode-languageserver-types';
import { fileURLToPath } from 'node:url';
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { supportFor } from './registry';
import { encodeSemanticTokens } from './common/semanticTokens';
import { offersCommands, type DocContext, type LanguageId, type LanguageSupport, type ServiceSettings } from './types';
import { cachedWorkspace, overlayWorkspace, restrictedWorkspace, type WorkspaceView } from './workspace';
import { PendingDocument } from './pendingDocument';
import { CF_DIR_CANDIDATES, findCfDirectory, isCfDirectory } from './catalog/installed';
import { governingMc } from './tables/env';
import { tableStateOf, tableText } from './tables';
import type { TableState } from './tables/state';
import { classFileWords, virtualDomains } from './tables/virtualDomains';

export * from './types';
export { languageFromPath, isLanguageId, MAP_LANGUAGES } from './languages';
export { diskWorkspace, memoryWorkspace, type WorkspaceView } from './workspace';
export { FAIL_FOR_TESTS } from './checkGuard';

interface OpenDoc { doc: PendingDocument; languageId: LanguageId; path: string | undefined }

/**
 * A map document's text read in one pass from its state (PendingDocument). Made here, not in
 * open(): a closure made there would share its scope with open's `text` and keep the text as
 * opened alive for as long as the document is open.
 */
const tableSource = (uri: string, st: TableState) => () => tableText(uri, st);

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try { return fileURLToPath(uri); } catch { return undefined; }
}

/** Languages whose analyses read other documents whole (an mc's include(); a mail log names mc lines), not just their readKey. */
const WHOLE_TEXT_READERS: LanguageId[] = ['sendmail-mc', 'sendmail-cf', 'sendmail-maillog'];

const errorText = (e: unknown) => (e instanceof Error ? e.stack ?? e.message : String(e));

/** A safe wrapper: a language module that throws must never take the server down. */
function guard<T>(fallback: T, f: () => T, log?: (msg: string) => void): T {
  try { return f(); } catch (e) {
    log?.(`internal error: ${errorText(e)}`);
    return fallback;
  }
}

/** A check family that threw during the latest diagnostics of a document. */
export interface CheckFailure { family: string; message: string }

/** Directories an untrusted workspace may read besides its folders: the installed sendmail-cf tree. */
function installedCfRoots(ws: WorkspaceView, configured: string | undefined): string[] {
  const dirs = CF_DIR_CANDIDATES.filter((d) => isCfDirectory(ws, d));
  const chosen = configured ? findCfDirectory(ws, { configured }) : undefined; // a real tree only
  if (chosen && !dirs.includes(chosen)) dirs.push(chosen);
  return dirs;
}

function realDir(d: string): string {
  try { return realpathSync(resolve(d)); } catch { return resolve(d); }
}

export class LanguageService {
  private readonly docs = new Map<string, OpenDoc>();
  private readonly ws: WorkspaceView;
  private readonly failed = new Map<string, CheckFailure[]>();
  /** Per document, the paths its latest diagnostics read (see dependents). */
  private readonly reads = new Map<string, Set<string>>();
  /** Per document, its version and readKey when dependents() last looked at it. */
  private readonly seen = new Map<string, { version: number; key: string }>();
  /** Collects the paths read while an analysis runs (recordingReads). */
  private reading: Set<string> | undefined;
  private rootsFor: { given: string[]; cfDirectory: string | undefined; roots: string[] } | undefined;
  settings: ServiceSettings;

  constructor(base: WorkspaceView, settings: ServiceSettings = {}, private readonly log?: (msg: string) => void) {
    this.settings = settings;
    // Restricted (untrusted workspace) below the cache, the open documents above everything;
    // the overlay looks per path, so reading sendmail.mc does not materialize every other open document.
    const restricted = restrictedWorkspace(base, () => this.allowedRoots(base));
    this.ws = overlayWorkspace(cachedWorkspace(restricted), (p) => {
      this.reading?.add(p);
      for (const d of this.docs.values()) if (d.path === p) return d.doc.getText();
      return undefined;
    });
  }

  /** settings.restrictedRoots plus the installed sendmail-cf tree (recomputed when the settings change). */
  private allowedRoots(base: WorkspaceView): string[] | undefined {
    const given = this.settings.restrictedRoots;
    if (!given) return undefined;
    const cfDirectory = this.settings.cfDirectory;
    const r = this.rootsFor;
    if (r && r.given === given && r.cfDirectory === cfDirectory) return r.roots;
    const roots = [...given, ...installedCfRoots(base, cfDirectory)].map(realDir);
    this.rootsFor = { given, cfDirectory, roots };
    return roots;
  }

  open(uri: string, languageId: LanguageId, version: number, text: string): void {
    const doc = new PendingDocument(TextDocument.create(uri, languageId, version, text));
    this.docs.set(uri, { doc, languageId, path: uriToPath(uri) });
    const before = tableStateOf(uri);
    guard(undefined, () => supportFor(languageId).didOpen?.(uri, text), this.log);
    // A map's state (made by this didOpen, not left by an earlier open) holds every edit: its text is read in one pass.
    const st = tableStateOf(uri);
    if (st && st !== before) doc.setSource(tableSource(uri, st));
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
    this.failed.delete(uri);
    this.reads.delete(uri);
    this.seen.delete(uri);
  }

  has(uri: string): boolean { return this.docs.has(uri); }
  languageOf(uri: string): LanguageId | undefined { return this.docs.get(uri)?.languageId; }
  uris(): string[] { return [...this.docs.keys()]; }
  document(uri: string): TextDocument | undefined { return this.docs.get(uri)?.doc; }

  /**
   * Other open documents to re-check because `uri` changed: those whose latest diagnostics read
   * it, and only when what they read of it changed since the previous call (readKey). With
   * `all`, every reader (the document is being closed: they will read the disk instead).
   */
  dependents(uri: string, all = false): string[] {
    const d = this.docs.get(uri);
    const p = d?.path;
    if (!d || !p) return [];
    const readers = [...this.docs.entries()].filter(([u]) => u !== uri && this.reads.get(u)?.has(p));
    if (all || readers.length === 0) return readers.map(([u]) => u);
    const version = d.doc.version;
    const before = this.seen.get(uri);
    if (before?.version === version) return [];
    const key = guard(`version ${version}`, () => this.readKey(d), this.log);
    this.seen.set(uri, { version, key });
    // The map modules read only the readKey part; an mc (include()) reads the whole text.
    return readers.filter(([, r]) => before?.key !== key || WHOLE_TEXT_READERS.includes(r.languageId)).map(([u]) => u);
  }

  /**
   * What the map modules read of a document (tables/env.ts, virtualDomains.ts): of the mc that
   * governs its folder, the configuration and the virtual-domain classes; of a class file, its
   * words; of anything else, the text (its version stands for it).
   */
  private readKey(d: OpenDoc): string {
    if (d.languageId === 'sendmail-mc' && d.path) {
      const mc = governingMc(this.ws, d.path, d.languageId);
      if (mc?.path === d.path) return JSON.stringify([mc, virtualDomains(this.ws, mc)], (_k, v) => (v instanceof Set || v instanceof Map ? [...v] : v));
    }
    if (d.languageId === 'sendmail-class') return classFileWords(d.doc.getText()).join(' ');
    return `version ${d.doc.version}`;
  }

  /** Runs `f` (an analysis of `uri`), remembering which paths it read through the workspace. */
  private recordingReads<T>(uri: string, f: () => T): T {
    const reads = new Set<string>();
    this.reading = reads;
    try { return f(); } finally { this.reading = undefined; this.reads.set(uri, reads); }
  }

  private ctx(uri: string, fail?: DocContext['fail']): DocContext | undefined {
    const d = this.docs.get(uri);
    if (!d) return undefined;
    return { uri, path: d.path, languageId: d.languageId, doc: d.doc, ws: this.ws, settings: this.settings, fail };
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

  /**
   * Diagnostics of a document. Each check family runs guarded (checkGuard.ts): one that throws
   * loses only its own findings, is logged with its stack (once, not on every keystroke) and
   * is listed by failures(uri) until a later run succeeds.
   */
  diagnostics(uri: string): Diagnostic[] {
    const before = new Set((this.failed.get(uri) ?? []).map((f) => `${f.family}\n${f.message}`));
    const now: CheckFailure[] = [];
    const fail = (family: string, e: unknown) => {
      const message = e instanceof Error ? e.message : String(e);
      if (now.some((f) => f.family === family)) return;
      now.push({ family, message });
      if (!before.has(`${family}\n${message}`)) this.log?.(`internal error in check ${family} (${uri}): ${errorText(e)}`);
    };
    const c = this.ctx(uri, fail);
    if (!c) return [];
    let out: Diagnostic[] = [];
    try { out = this.recordingReads(uri, () => supportFor(c.languageId).diagnose(c)); } catch (e) { fail(c.languageId.replace(/^sendmail-/, ''), e); }
    if (now.length) this.failed.set(uri, now); else this.failed.delete(uri);
    return out;
  }

  /** Names of the check families that threw during the latest diagnostics(uri) (e.g. `mc/hosts`). */
  failures(uri: string): string[] { return (this.failed.get(uri) ?? []).map((f) => f.family); }
  /** The same, with each family's error message. */
  failureDetails(uri: string): CheckFailure[] { return [...(this.failed.get(uri) ?? [])]; }

  hover(uri: string, pos: Position): Hover | null { return this.run(uri, null, (s, c) => s.hover?.(c, pos)); }
  completion(uri: string, pos: Position): CompletionItem[] { return this.run(uri, [], (s, c) => s.complete?.(c, pos)); }
  codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): CodeAction[] {
    // `only`: the kinds asked for, each matching its sub-kinds (source.fixAll matches source.fixAll.sendmail).
    const actions = this.run(uri, [], (s, c) => s.codeActions?.(c, range, diagnostics, only))
      .filter((a) => !only || only.some((o) => a.kind === o || !!a.kind?.startsWith(`${o}.`)));
    // Commands run programs: only for clients that said they have them (the modules check too).
    return offersCommands(this.settings) ? actions : actions.filter((a) => !a.command);
  }
  symbols(uri: string): DocumentSymbol[] { return this.run(uri, [], (s, c) => s.symbols?.(c)); }
  foldingRanges(uri: string): FoldingRange[] { return this.run(uri, [], (s, c) => s.foldingRanges?.(c)); }
  documentLinks(uri: string): DocumentLink[] { return this.run(uri, [], (s, c) => s.documentLinks?.(c)); }
  highlights(uri: string, pos: Position): DocumentHighlight[] { return this.run(uri, [], (s, c) => s.highlights?.(c, pos)); }
  codeLenses(uri: string): CodeLens[] {
    const lenses = this.run(uri, [], (s, c) => s.codeLenses?.(c));
    return offersCommands(this.settings) ? lenses : lenses.filter((l) => !l.command);
  }

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
