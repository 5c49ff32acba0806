// The language server: thin wiring from LSP requests to the language service.
// Runs inside VS Code (IPC transport) or standalone for other editors:
//   sendmail-language-server --stdio
import {
  createConnection, ProposedFeatures, TextDocumentSyncKind, type InitializeResult,
} from 'vscode-languageserver/node';
import {
  LanguageService, diskWorkspace, isLanguageId, languageFromPath, uriToPath,
  SEMANTIC_TOKEN_TYPES, SEMANTIC_TOKEN_MODIFIERS, type LanguageId, type ServiceSettings,
} from './service';

// stdio (other editors) and node IPC (VS Code) only; --pipe connects to the client's named pipe.
// TCP (--socket) is refused: the server opens nothing on the network.
const transports = ['--stdio', '--node-ipc', '--pipe'];
if (process.argv.some((a) => a === '--socket' || a.startsWith('--socket='))) {
  process.stderr.write('sendmail-language-server: TCP sockets are not supported; use --stdio\n');
  process.exit(2);
}
if (!process.argv.slice(2).some((a) => transports.some((t) => a === t || a.startsWith(t + '=')))) {
  if (process.argv.includes('--version')) { process.stdout.write('sendmail-language-server 0.1.0\n'); process.exit(0); }
  process.stderr.write('sendmail-language-server: speaks the Language Server Protocol.\nUsage: sendmail-language-server --stdio\n');
  process.exit(process.argv.includes('--help') ? 0 : 2);
}

const connection = createConnection(ProposedFeatures.all);
const log = (msg: string) => connection.console.log(msg);
const service = new LanguageService(diskWorkspace(), {}, log);
let canAskConfiguration = false;

connection.onInitialize((params): InitializeResult => {
  canAskConfiguration = !!params.capabilities.workspace?.configuration;
  const init = (params.initializationOptions ?? {}) as ServiceSettings;
  if (typeof init.cfDirectory === 'string') service.settings = { ...service.settings, cfDirectory: init.cfDirectory };
  if (init.clientCommands === true) service.settings = { ...service.settings, clientCommands: true };
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      hoverProvider: true,
      completionProvider: { triggerCharacters: ['(', '`', ':', ',', ' '] },
      codeActionProvider: { codeActionKinds: ['quickfix'] },
      documentSymbolProvider: true,
      foldingRangeProvider: true,
      documentLinkProvider: { resolveProvider: false },
      codeLensProvider: { resolveProvider: false },
      semanticTokensProvider: {
        legend: { tokenTypes: [...SEMANTIC_TOKEN_TYPES], tokenModifiers: [...SEMANTIC_TOKEN_MODIFIERS] },
        full: true,
      },
    },
    serverInfo: { name: 'sendmail-language-server', version: '0.1.0' },
  };
});

async function refreshSettings(): Promise<void> {
  if (!canAskConfiguration) return;
  try {
    const [cfg] = await connection.workspace.getConfiguration([{ section: 'sendmail' }]);
    if (cfg && typeof cfg.cfDirectory === 'string') service.settings = { ...service.settings, cfDirectory: cfg.cfDirectory };
  } catch { /* client without configuration support */ }
}
connection.onInitialized(() => { void refreshSettings(); });
connection.onDidChangeConfiguration(async () => { await refreshSettings(); for (const u of service.uris()) schedule(u); });

// Validation is coalesced per document: a burst of changes yields one analysis.
const pending = new Set<string>();
let flushQueued = false;
function schedule(uri: string): void {
  pending.add(uri);
  if (flushQueued) return;
  flushQueued = true;
  setImmediate(() => {
    flushQueued = false;
    const uris = [...pending];
    pending.clear();
    for (const u of uris) {
      if (!service.has(u)) continue;
      void connection.sendDiagnostics({ uri: u, version: service.document(u)?.version, diagnostics: service.diagnostics(u) });
    }
  });
}

function resolveLanguage(uri: string, languageId: string, text: string): LanguageId | undefined {
  if (isLanguageId(languageId)) return languageId;
  const p = uriToPath(uri) ?? decodeURIComponent(uri.replace(/^[a-z-]+:\/\//, '/'));
  return languageFromPath(p, text);
}

connection.onDidOpenTextDocument(({ textDocument: td }) => {
  const lang = resolveLanguage(td.uri, td.languageId, td.text);
  if (!lang) return;
  service.open(td.uri, lang, td.version, td.text);
  schedule(td.uri);
  for (const d of service.dependents(td.uri)) schedule(d);
});
connection.onDidChangeTextDocument(({ textDocument: td, contentChanges }) => {
  service.change(td.uri, td.version, contentChanges);
  schedule(td.uri);
  for (const d of service.dependents(td.uri)) schedule(d);
});
connection.onDidCloseTextDocument(({ textDocument: td }) => {
  const deps = service.dependents(td.uri);
  service.close(td.uri);
  void connection.sendDiagnostics({ uri: td.uri, diagnostics: [] });
  for (const d of deps) schedule(d);
});
// Files changed on disk (a database rebuilt, the mc edited elsewhere): re-check everything open.
connection.onDidChangeWatchedFiles(() => { for (const u of service.uris()) schedule(u); });
connection.onDidSaveTextDocument(({ textDocument: td }) => { for (const d of service.dependents(td.uri)) schedule(d); });

connection.onHover(({ textDocument, position }) => service.hover(textDocument.uri, position));
connection.onCompletion(({ textDocument, position }) => service.completion(textDocument.uri, position));
connection.onCodeAction(({ textDocument, range, context }) => service.codeActions(textDocument.uri, range, context.diagnostics));
connection.onDocumentSymbol(({ textDocument }) => service.symbols(textDocument.uri));
connection.onFoldingRanges(({ textDocument }) => service.foldingRanges(textDocument.uri));
connection.onDocumentLinks(({ textDocument }) => service.documentLinks(textDocument.uri));
connection.onCodeLens(({ textDocument }) => service.codeLenses(textDocument.uri));
connection.languages.semanticTokens.on(({ textDocument }) => ({ data: service.semanticTokens(textDocument.uri) }));

connection.listen();
