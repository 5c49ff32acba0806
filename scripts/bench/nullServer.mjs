// The transport floor for `npm run bench`: an LSP server over stdio, built on the same
// vscode-languageserver library as ours, that analyses nothing — it answers didOpen with
// empty diagnostics. Its open time and peak memory are what any server pays to receive the
// document (client serialisation, pipe, decoding, JSON.parse) before its analysis starts.
import lsp from 'vscode-languageserver/node';

const connection = lsp.createConnection(lsp.ProposedFeatures.all);
connection.onInitialize(() => ({ capabilities: { textDocumentSync: { openClose: true, change: lsp.TextDocumentSyncKind.Incremental } } }));
connection.onDidOpenTextDocument(({ textDocument: td }) => { void connection.sendDiagnostics({ uri: td.uri, version: td.version, diagnostics: [] }); });
connection.onDidChangeTextDocument(({ textDocument: td }) => { void connection.sendDiagnostics({ uri: td.uri, version: td.version, diagnostics: [] }); });
connection.listen();
