// Shared types of the language service. LSP data types only (vscode-languageserver-types
// is plain data, no transport), so the service stays usable from the CLI and tests.
import type { TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type {
  CodeAction, CompletionItem, Diagnostic, DocumentSymbol, Hover, Position, Range, CodeLens, DocumentLink, FoldingRange, DocumentHighlight,
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
  | 'sendmail-class'
  | 'sendmail-maillog';

export const LANGUAGE_IDS: readonly LanguageId[] = [
  'sendmail-mc', 'sendmail-cf', 'sendmail-mailertable', 'sendmail-access', 'sendmail-virtusertable',
  'sendmail-genericstable', 'sendmail-domaintable', 'sendmail-authinfo', 'sendmail-aliases', 'sendmail-class',
  'sendmail-maillog',
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
  /** A check family threw (see checkGuard.ts): the service logs it and lists it in failures(uri). */
  readonly fail?: (family: string, error: unknown) => void;
}

export interface ServiceSettings {
  /** Installed sendmail-cf directory (holding m4/cf.m4); empty = auto-detect. */
  cfDirectory?: string;
  /** The client registers the extension's commands (sendmail.rebuildMap, ...): code actions may run them. */
  clientCommands?: boolean;
  /** The server itself runs those commands (workspace/executeCommand), as the user's editor configuration allows. */
  allowPrograms?: boolean;
  /** false: no "Test route" CodeLenses (VS Code setting sendmail.codeLens.testRoute). */
  routeLenses?: boolean;
  /**
   * Untrusted workspace: read no file outside these directories and the installed sendmail-cf
   * tree (open documents stay readable), so a workspace's mc cannot make diagnostics tell what
   * some other file of the machine contains. Undefined: no restriction.
   */
  restrictedRoots?: string[];
  /** Mail logs: the configuration directory their routes are explained with (machine setting sendmail.logs.configDirectory). */
  mailConfigDirectory?: string;
  /** Paths of the workspace folders (mail logs look for a sendmail.mc there). */
  workspaceFolders?: string[];
}

/** Whether CodeLenses and code actions may carry commands: someone (the client, or this server) runs them. */
export const offersCommands = (s: ServiceSettings): boolean => !!(s.clientCommands || s.allowPrograms);

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
  /** `only`: the kinds the client asked for (LSP CodeActionContext.only); undefined = all. */
  codeActions?(ctx: DocContext, range: Range, diagnostics: Diagnostic[], only?: string[]): CodeAction[];
  symbols?(ctx: DocContext): DocumentSymbol[];
  semanticTokens?(ctx: DocContext): SemanticToken[];
  codeLenses?(ctx: DocContext): CodeLens[];
  foldingRanges?(ctx: DocContext): FoldingRange[];
  documentLinks?(ctx: DocContext): DocumentLink[];
  highlights?(ctx: DocContext, pos: Position): DocumentHighlight[];
  /** Optional incremental hooks (map files keep per-line state). Called before the document is updated. */
  didOpen?(uri: string, text: string): void;
  didChange?(uri: string, before: TextDocument, changes: TextDocumentContentChangeEvent[]): void;
  didClose?(uri: string): void;
}

export const DIAGNOSTIC_SOURCE = 'sendmail';
