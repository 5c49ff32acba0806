// Shared types of the language service. LSP data types only (vscode-languageserver-types
// is plain data, no transport), so the service stays usable from the CLI and tests.
import type { TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type {
  CodeAction, CompletionItem, Diagnostic, DocumentSymbol, Hover, Position, Range, CodeLens, DocumentLink, FoldingRange,
} from 'vscode-languageserver-types';
import type { WorkspaceView } from './workspace';

export type LanguageId =
  | 'sendmail-mc'
  | 'sendmail-cf'
  | 'sendmail-mailertable'
  | 'sendmail-access'
  | 'sendmail-virtusertable'
  | 'sendmail-genericstable'
  | 'sendmail-domaintable'
  | 'sendmail-authinfo'
  | 'sendmail-aliases'
  | 'sendmail-class';

export const LANGUAGE_IDS: readonly LanguageId[] = [
  'sendmail-mc', 'sendmail-cf', 'sendmail-mailertable', 'sendmail-access', 'sendmail-virtusertable',
  'sendmail-genericstable', 'sendmail-domaintable', 'sendmail-authinfo', 'sendmail-aliases', 'sendmail-class',
];

/** Everything a language module gets to analyse one document. */
export interface DocContext {
  readonly uri: string;
  /** File-system path when the document is a file on disk (used to find sibling files). */
  readonly path: string | undefined;
  readonly languageId: LanguageId;
  readonly doc: TextDocument;
  readonly ws: WorkspaceView;
  readonly settings: ServiceSettings;
}

export interface ServiceSettings {
  /** Installed sendmail-cf directory (holding m4/cf.m4); empty = auto-detect. */
  cfDirectory?: string;
  /** The client registers the extension's commands (sendmail.rebuildMap, ...): code actions may run them. */
  clientCommands?: boolean;
}

/** A semantic token before LSP encoding. Types/modifiers are names from SEMANTIC_TOKEN_TYPES. */
export interface SemanticToken {
  line: number;
  char: number;
  length: number;
  type: SemanticTokenType;
  modifiers?: SemanticTokenModifier[];
}

export const SEMANTIC_TOKEN_TYPES = [
  'macro', 'function', 'keyword', 'variable', 'parameter', 'string', 'comment', 'number', 'operator', 'type', 'property', 'enumMember', 'namespace',
] as const;
export type SemanticTokenType = (typeof SEMANTIC_TOKEN_TYPES)[number];
export const SEMANTIC_TOKEN_MODIFIERS = ['deprecated', 'defaultLibrary', 'declaration', 'readonly'] as const;
export type SemanticTokenModifier = (typeof SEMANTIC_TOKEN_MODIFIERS)[number];

/** What each language module may implement. Only diagnose is required. */
export interface LanguageSupport {
  diagnose(ctx: DocContext): Diagnostic[];
  hover?(ctx: DocContext, pos: Position): Hover | null;
  complete?(ctx: DocContext, pos: Position): CompletionItem[];
  codeActions?(ctx: DocContext, range: Range, diagnostics: Diagnostic[]): CodeAction[];
  symbols?(ctx: DocContext): DocumentSymbol[];
  semanticTokens?(ctx: DocContext): SemanticToken[];
  codeLenses?(ctx: DocContext): CodeLens[];
  foldingRanges?(ctx: DocContext): FoldingRange[];
  documentLinks?(ctx: DocContext): DocumentLink[];
  /** Optional incremental hooks (map files keep per-line state). Called before the document is updated. */
  didOpen?(uri: string, text: string): void;
  didChange?(uri: string, before: TextDocument, changes: TextDocumentContentChangeEvent[]): void;
  didClose?(uri: string): void;
}

export const DIAGNOSTIC_SOURCE = 'sendmail';
