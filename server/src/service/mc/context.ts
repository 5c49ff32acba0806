// Everything the mc checks and editor features share for one document: the text, the
// model, the installed sendmail-cf tree (when found) and the names it knows.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, DiagnosticSeverity, Range, TextEdit } from 'vscode-languageserver-types';
import { findCfDirectory, installedCfTree, type InstalledCf } from '../catalog';
import { DIAGNOSTIC_SOURCE, type DocContext } from '../types';
import type { WorkspaceView } from '../workspace';
import { buildMcModel, type McModel } from './model';
import { installedNames } from './installedNames';

export interface McContext {
  doc: TextDocument;
  model: McModel;
  installed: InstalledCf | undefined;
  /** Quoted identifiers and conf* names found in the installed tree's m4 files. */
  installedNames: Set<string>;
  /** Reads a file of the workspace (installed sendmail-cf files, included files). */
  readFile(path: string): string | undefined;
  /** The file system view behind readFile (existence, directories, permission bits). */
  ws: WorkspaceView;
  /** Path of the mc (undefined for an unsaved buffer). */
  path: string | undefined;
}

/** A quick fix carried in Diagnostic.data so codeActions can offer it without re-analysis. */
export interface McFix { title: string; edits: TextEdit[] }

// Keyed by document and version: TextDocument.update mutates the same object.
const cache = new WeakMap<TextDocument, { version: number; text: string; mc: McContext }>();

export function mcContext(ctx: DocContext): McContext {
  const hit = cache.get(ctx.doc);
  const text = ctx.doc.getText();
  if (hit && hit.version === ctx.doc.version && hit.text === text) return hit.mc;
  const model = buildMcModel(text);
  const dir = ctx.path ? ctx.path.replace(/\/[^/]*$/, '') || '/' : undefined;
  const cfDir = findCfDirectory(ctx.ws, { configured: ctx.settings.cfDirectory, mcDir: dir, includeArg: model.cfInclude?.args[0] });
  const installed = cfDir ? installedCfTree(ctx.ws, cfDir) : undefined;
  const mc: McContext = { doc: ctx.doc, model, installed, installedNames: installed ? installedNames(ctx.ws, installed.dir) : new Set(),
    readFile: (p) => ctx.ws.readFile(p), ws: ctx.ws, path: ctx.path };
  cache.set(ctx.doc, { version: ctx.doc.version, text, mc });
  return mc;
}

export function range(doc: TextDocument, start: number, end: number): Range {
  return { start: doc.positionAt(start), end: doc.positionAt(end) };
}

export function diag(
  mc: McContext, start: number, end: number, severity: DiagnosticSeverity, code: string, message: string, fixes: McFix[] = [],
): Diagnostic {
  const d: Diagnostic = { range: range(mc.doc, start, end), severity, code, source: DIAGNOSTIC_SOURCE, message };
  if (fixes.length) d.data = { fixes };
  return d;
}

export function edit(mc: McContext, start: number, end: number, newText: string): TextEdit {
  return { range: range(mc.doc, start, end), newText };
}

/** 1-based line number of an offset, for messages. */
export function lineNo(mc: McContext, offset: number): number { return mc.doc.positionAt(offset).line + 1; }

/**
 * Is `file` a file of the machine this mc configures, so that looking at it on disk means
 * something? Yes for an mc in /etc/mail, or a file below the mc's own folder; a copy of an mc in a
 * config repository names files of another machine. (Checks that stat files ask this first.)
 */
export function isLivePath(mc: McContext, file: string): boolean {
  if (!mc.path) return false;
  const mcDir = mc.path.replace(/\/[^/]*$/, '') || '/';
  return mcDir === '/etc/mail' || file.startsWith(`${mcDir}/`);
}
