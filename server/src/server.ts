// The language server: thin wiring from LSP requests to the language service.
// Runs inside VS Code (IPC transport) or standalone for other editors:
//   sendmail-language-server --stdio
// (transport.ts: the transport and the base protocol's rules; below: when documents are checked.)
import {
  CodeLensRefreshRequest, createConnection, ProposedFeatures, TextDocumentSyncKind, type Diagnostic, type InitializeResult,
} from 'vscode-languageserver/node';
import { openTransport } from './transport';
import { ProgramChecks, mergeDiagnostics, onPath } from './checkOnSave';
import { PROGRAM_COMMANDS, isProgramCommand, programCommandHandler, programSettingsFrom, type ProgramSettings } from './commands';
import {
  LanguageService, diskWorkspace, isLanguageId, languageFromPath, uriToPath,
  SEMANTIC_TOKEN_TYPES, SEMANTIC_TOKEN_MODIFIERS, type LanguageId, type ServiceSettings,
} from './service';
import { OPEN_CONFIG_LINE_COMMAND } from './service/maillog/codeActions';

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

const transport = openTransport(process.argv.slice(2));
const connection = createConnection(ProposedFeatures.all, transport.reader, transport.writer, { messageStrategy: transport.lifecycle });
// On stdio, stdout carries the protocol: stray console output goes to the client's log instead.
if (transport.stdio) console.log = console.info = console.debug = (...a: unknown[]) => connection.console.log(a.map(String).join(' '));
const log = (msg: string) => connection.console.log(msg);
const service = new LanguageService(diskWorkspace(), {}, log);
let canAskConfiguration = false;
let canRefreshLenses = false;
// Commands that run programs: only when the editor's configuration allows them (commands.ts).
let programs: ProgramSettings = programSettingsFrom(undefined);
// The m4/sendmail/makemap check (checkOnSave.ts): allowed with allowPrograms or, from VS Code,
// programCheck.allowed (a trusted workspace); on save unless turned off, and only when m4 is there.
let checkAllowed = false;
let checkOnSave = false;

/** The client said trusted: false (VS Code's Restricted Mode): only the workspace folders and the installed cf tree are read. */
let untrusted = false;
/** The client tells us when workspace folders come and go. */
let followFolders = false;
function setFolders(folders: string[]): void {
  service.settings = { ...service.settings, workspaceFolders: folders };
  // An untrusted workspace may only make us read its own folders and the installed sendmail-cf
  // tree; editors that do not say keep reading everywhere.
  if (untrusted) service.settings = { ...service.settings, restrictedRoots: folders };
}

connection.onInitialize((params): InitializeResult => {
  canAskConfiguration = !!params.capabilities.workspace?.configuration;
  canRefreshLenses = !!params.capabilities.workspace?.codeLens?.refreshSupport;
  const init = (params.initializationOptions ?? {}) as ServiceSettings;
  if (typeof init.cfDirectory === 'string') service.settings = { ...service.settings, cfDirectory: init.cfDirectory };
  if (init.clientCommands === true) service.settings = { ...service.settings, clientCommands: true };
  programs = programSettingsFrom(params.initializationOptions);
  if (programs.enabled) service.settings = { ...service.settings, allowPrograms: true };
  const pc = (params.initializationOptions as { programCheck?: { allowed?: unknown; onSave?: unknown }; trusted?: unknown } | undefined);
  checkAllowed = pc?.trusted !== false && (programs.enabled || pc?.programCheck?.allowed === true);
  checkOnSave = checkAllowed && pc?.programCheck?.onSave !== false && onPath(programs.programs.m4);
  if ((params.initializationOptions as { testRouteLenses?: unknown } | undefined)?.testRouteLenses === false) service.settings = { ...service.settings, routeLenses: false };
  // The workspace folders: what an untrusted workspace may read, and where mail logs look for their sendmail.mc.
  untrusted = (params.initializationOptions as { trusted?: unknown } | undefined)?.trusted === false;
  followFolders = !!params.capabilities.workspace?.workspaceFolders;
  setFolders((params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : [])).map((u) => uriToPath(u)).filter((p): p is string => !!p));
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      hoverProvider: true,
      completionProvider: { triggerCharacters: ['(', '`', ':', ',', ' '] },
      codeActionProvider: { codeActionKinds: ['quickfix', 'source.fixAll.sendmail'] },
      documentSymbolProvider: true,
      foldingRangeProvider: true,
      documentLinkProvider: { resolveProvider: false },
      documentHighlightProvider: true,
      executeCommandProvider: { commands: [OPEN_CONFIG_LINE_COMMAND, ...(programs.enabled ? PROGRAM_COMMANDS : [])] },
      codeLensProvider: { resolveProvider: false },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
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
    const lenses = cfg?.codeLens?.testRoute;
    if (typeof lenses === 'boolean' && lenses !== (service.settings.routeLenses !== false)) {
      service.settings = { ...service.settings, routeLenses: lenses };
      if (canRefreshLenses) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    }
    // Workspace-level configuration may turn the check on save off, never on.
    if (cfg?.check?.onSave === false) checkOnSave = false;
    if (typeof cfg?.logs?.configDirectory === 'string') service.settings = { ...service.settings, mailConfigDirectory: cfg.logs.configDirectory };
  } catch { /* client without configuration support */ }
}
connection.onInitialized(() => {
  void refreshSettings();
  // Folders added to or removed from the workspace later: what may be read (untrusted) and where mail logs look.
  if (followFolders) connection.workspace.onDidChangeWorkspaceFolders(({ added, removed }) => {
    const gone = new Set(removed.map((f) => uriToPath(f.uri)));
    const kept = (service.settings.workspaceFolders ?? []).filter((p) => !gone.has(p));
    setFolders([...kept, ...added.map((f) => uriToPath(f.uri)).filter((p): p is string => !!p && !kept.includes(p))]);
    for (const u of service.uris()) schedule(u);
  });
});
connection.onDidChangeConfiguration(async () => { await refreshSettings(); for (const u of service.uris()) schedule(u); });

// When documents are checked. While a document is being edited it is analysed at most once
// per `delay`: the first change after a pause right away, then once the burst pauses (and at
// most 4 delays late), the delay growing with what an analysis of that document costs.
// Analyses run one per macrotask, so hovers and completions that arrive meanwhile are answered
// between them; a result equal to the one last published is not sent again.
const MIN_DELAY_MS = 150;
const MAX_DELAY_MS = 2000;
interface Checking {
  timer?: NodeJS.Timeout;
  queued?: boolean;
  /** When the first change still waiting for an analysis came. */
  waitingSince?: number;
  /** When the last analysis ended (its result written; Infinity while it is being written), and what it cost (ms). */
  lastRun: number;
  cost: number;
  /** The diagnostics last published. */
  published?: Diagnostic[];
}
const checking = new Map<string, Checking>();
const queue: string[] = [];
let draining = false;

function checkingOf(uri: string): Checking {
  let c = checking.get(uri);
  if (!c) checking.set(uri, c = { lastRun: -Infinity, cost: 0 });
  return c;
}
const delayOf = (c: Checking) => Math.min(MAX_DELAY_MS, Math.max(MIN_DELAY_MS, 2 * c.cost));

/** Asks for an analysis of `uri`: at once when it has been quiet for a delay (or `now`), else debounced. */
function schedule(uri: string, now = false): void {
  const c = checkingOf(uri);
  if (c.queued) return; // the queued analysis will see this change too
  const t = performance.now();
  const delay = delayOf(c);
  if (now || (!c.timer && t - c.lastRun >= delay)) { enqueue(uri, c); return; }
  c.waitingSince ??= t;
  clearTimeout(c.timer);
  c.timer = setTimeout(() => enqueue(uri, c), Math.max(0, Math.min(delay, c.waitingSince + 4 * delay - t)));
}

function enqueue(uri: string, c: Checking): void {
  clearTimeout(c.timer);
  c.timer = undefined;
  c.waitingSince = undefined;
  c.queued = true;
  queue.push(uri);
  if (!draining) { draining = true; setImmediate(checkNext); }
}

function checkNext(): void {
  const uri = queue.shift();
  const c = uri === undefined ? undefined : checking.get(uri);
  if (uri !== undefined && c?.queued) { c.queued = false; check(uri, c); }
  if (queue.length) setImmediate(checkNext); else draining = false;
}

/** Analyses one document, publishes what changed, and schedules the documents that read it. */
function check(uri: string, c: Checking): void {
  if (!service.has(uri)) return;
  const t0 = performance.now();
  const version = service.document(uri)?.version;
  const diagnostics = mergeDiagnostics(service.diagnostics(uri), programChecks.diagnostics(uri));
  // The cost runs until the client has the result, so a client slow to read gets fewer of them.
  // (The first analysis reads the whole document; only the incremental ones set the delay.)
  const first = c.lastRun === -Infinity;
  const done = () => { if (!first) c.cost = performance.now() - t0; c.lastRun = performance.now(); };
  if (!c.published || !sameJson(diagnostics, c.published)) {
    c.published = diagnostics;
    c.lastRun = Infinity; // busy: changes meanwhile wait for the delay
    connection.sendDiagnostics({ uri, version, diagnostics }).then(done, () => { /* the transport ends the server */ });
  } else done();
  for (const d of service.dependents(uri)) schedule(d);
}

/** Equal as JSON data (what the client would receive), without serializing megabytes to find out. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => sameJson(x, (b as unknown[])[i]));
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Forgets a closed document: its pending analysis is dropped, its next open publishes afresh. */
function forget(uri: string): void {
  const c = checking.get(uri);
  if (c) clearTimeout(c.timer);
  checking.delete(uri);
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
  schedule(td.uri, true); // the documents that read it follow its analysis (check)
});
connection.onDidChangeTextDocument(({ textDocument: td, contentChanges }) => {
  if (!service.has(td.uri)) return;
  service.change(td.uri, td.version, contentChanges);
  schedule(td.uri);
});
connection.onDidCloseTextDocument(({ textDocument: td }) => {
  const readers = service.dependents(td.uri, true); // they read the disk from now on
  service.close(td.uri);
  forget(td.uri);
  programChecks.forget(td.uri);
  connection.sendDiagnostics({ uri: td.uri, diagnostics: [] }).catch(() => { /* the transport ends the server */ });
  for (const d of readers) schedule(d);
});
// Files changed on disk (a database rebuilt, the mc edited elsewhere): re-check everything open.
connection.onDidChangeWatchedFiles(() => { for (const u of service.uris()) schedule(u); });
// A save changes modification times, which checks compare (a map newer than its database):
// re-check the documents in the same folder.
const folderOf = (uri: string) => uriToPath(uri)?.replace(/\/[^/]*$/, '');
connection.onDidSaveTextDocument(({ textDocument: td }) => {
  const dir = folderOf(td.uri);
  if (dir !== undefined) for (const u of service.uris()) if (folderOf(u) === dir) schedule(u);
  const lang = service.languageOf(td.uri);
  if (checkOnSave && lang) programChecks.saved(td.uri, uriToPath(td.uri), lang);
});

// The real programs' verdict (checkOnSave.ts), published with the static diagnostics.
const programChecks = new ProgramChecks(
  () => ({ enabled: checkAllowed, programs: programs.programs, cfDirectory: service.settings.cfDirectory || programs.cfDirectory }),
  log, (uri) => schedule(uri, true));
/** "Check with m4 and sendmail" now: the VS Code command (and others) ask with sendmail/checkWithPrograms { uri }. */
connection.onRequest('sendmail/checkWithPrograms', async (params: { uri?: unknown }) => {
  const uri = typeof params?.uri === 'string' ? params.uri : '';
  const file = uriToPath(uri);
  const lang = service.languageOf(uri) ?? (file ? languageFromPath(file) : undefined);
  if (!checkAllowed) return { ok: false, skipped: 'checks with m4 and sendmail are not allowed here (Restricted Mode, or allowPrograms is not set)' };
  if (!file || !lang || !ProgramChecks.checks(lang, file)) return { ok: false, skipped: 'not a sendmail.mc or map source on disk' };
  return (await programChecks.run(uri, file, lang)) ?? { ok: false, skipped: 'not checked' };
});

connection.onHover(({ textDocument, position }) => service.hover(textDocument.uri, position));
connection.onCompletion(({ textDocument, position }) => service.completion(textDocument.uri, position));
connection.onCodeAction(({ textDocument, range, context }) => service.codeActions(textDocument.uri, range, context.diagnostics, context.only));
connection.onDocumentSymbol(({ textDocument }) => service.symbols(textDocument.uri));
connection.onFoldingRanges(({ textDocument }) => service.foldingRanges(textDocument.uri));
connection.onDocumentLinks(({ textDocument }) => service.documentLinks(textDocument.uri));
connection.onDocumentHighlight(({ textDocument, position }) => service.highlights(textDocument.uri, position));
// Commands that run programs (allowPrograms, commands.ts); after one wrote files, open documents are checked again.
// A check's problems also go on the checked document, when it is open (as a check on save does).
const programCommand = programCommandHandler(connection, () => programs, {
  wrote: () => { for (const u of service.uris()) schedule(u); },
  checked: (file, result) => {
    const uri = service.uris().find((u) => uriToPath(u) === file);
    if (uri) programChecks.accept(uri, result);
  },
});
// A mail log's code action "open the configuration line that routed this message": the editor shows it (window/showDocument).
connection.onExecuteCommand(async ({ command, arguments: args }, token) => {
  if (isProgramCommand(command)) return programCommand(command, args ?? [], token); // ours, see above
  const [uri, line] = args ?? [];
  if (command !== OPEN_CONFIG_LINE_COMMAND || typeof uri !== 'string' || typeof line !== 'number') return;
  const at = { line, character: 0 };
  await connection.window.showDocument({ uri, takeFocus: true, selection: { start: at, end: at } }).catch(() => undefined);
});
connection.onCodeLens(({ textDocument }) => service.codeLenses(textDocument.uri));
connection.languages.semanticTokens.on(({ textDocument }) => ({ data: service.semanticTokens(textDocument.uri) }));

connection.listen();
