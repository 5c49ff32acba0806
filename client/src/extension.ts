// The VS Code extension: starts the sendmail language server and registers commands.
// Deliberately thin: analysis lives in the server's language service; commands that run
// programs live in ./commands (with their safety rules).
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions,
} from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { registerLintTask } from './lintTask';

export const LANGUAGES = [
  'sendmail-mc', 'sendmail-cf', 'sendmail-mailertable', 'sendmail-access', 'sendmail-virtusertable',
  'sendmail-genericstable', 'sendmail-domaintable', 'sendmail-authinfo', 'sendmail-aliases', 'sendmail-class', 'sendmail-maillog',
];

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<{ client: () => LanguageClient | undefined }> {
  const output = vscode.window.createOutputChannel('Sendmail Language Server', { log: true });
  context.subscriptions.push(output);
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [...LANGUAGES.flatMap((language) => [{ scheme: 'file', language }, { scheme: 'untitled', language }, { scheme: 'vscode-remote', language }]), { scheme: 'sendmail-log', language: 'sendmail-maillog' }],
    synchronize: {
      configurationSection: 'sendmail',
      // Rebuilt databases, a changed mc or map on disk: the server re-checks open documents
      // (e.g. clears "not rebuilt yet" after makemap ran outside the editor).
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.db,*.cdb,*.mc,*.cf,mailertable,access,virtusertable,genericstable,domaintable,authinfo,aliases,local-host-names,relay-domains}'),
    },
    outputChannel: output,
    // A function, so a restart (below, when the workspace becomes trusted) sends fresh values.
    // In Restricted Mode our commands refuse to run programs, so the server offers no lenses
    // or quick fixes that run them (clientCommands), and reads fewer files (trusted).
    initializationOptions: () => ({
      cfDirectory: vscode.workspace.getConfiguration('sendmail').get<string>('cfDirectory') ?? '',
      clientCommands: vscode.workspace.isTrusted,
      trusted: vscode.workspace.isTrusted,
      testRouteLenses: vscode.workspace.getConfiguration('sendmail').get<boolean>('codeLens.testRoute') ?? true,
      // The m4 + sendmail check (on save, and "Check with m4 and sendmail"): trusted workspaces
      // only, with the machine-scoped program paths.
      programCheck: { allowed: vscode.workspace.isTrusted, onSave: checkOnSave() },
      programs: checkPrograms(),
    }),
  };
  // The default error handler restarts a crashed server (up to 4 times in 3 minutes)
  // and then tells the user; the log stays in the output channel.
  client = new LanguageClient('sendmail', 'Sendmail Language Server', serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.commands.registerCommand('sendmail.restartServer', async () => { await client?.restart(); }),
    vscode.commands.registerCommand('sendmail.showServerLog', () => output.show(true)),
    vscode.workspace.onDidGrantWorkspaceTrust(async () => { await client?.restart(); }),
    // The server reads these at start (initializationOptions): restart it when they change.
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (['sendmail.check.onSave', 'sendmail.paths', 'sendmail.cfDirectory'].some((k) => e.affectsConfiguration(k))) await client?.restart();
    }),
    vscode.commands.registerCommand('sendmail.checkWithPrograms', (arg?: unknown) => checkWithPrograms(arg)),
  );
  registerCommands(context, () => client);
  context.subscriptions.push(registerLintTask(context));
  await client.start();
  return { client: () => client };
}

/** sendmail.check.onSave: false at any level (user, workspace, folder) turns the check on save off; a workspace cannot turn it on. */
function checkOnSave(): boolean {
  const i = vscode.workspace.getConfiguration('sendmail').inspect<boolean>('check.onSave');
  return [i?.globalValue, i?.workspaceValue, i?.workspaceFolderValue].every((v) => v !== false);
}

/** The machine-scoped program paths (empty: the usual ones, resolved by the server). */
function checkPrograms(): Record<string, string> {
  const c = vscode.workspace.getConfiguration('sendmail');
  return { m4: c.get<string>('paths.m4') ?? '', sendmail: c.get<string>('paths.sendmail') ?? '', makemap: c.get<string>('paths.makemap') ?? '' };
}

interface CheckAnswer { ok?: boolean; skipped?: string; problems?: { severity: string }[] }

/** "Sendmail: Check with m4 and sendmail": the server runs the check; its problems appear in Problems. */
async function checkWithPrograms(arg?: unknown): Promise<CheckAnswer> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Check with m4 and sendmail runs programs, which is disabled in Restricted Mode. Trust this workspace to use it.');
    return { ok: false, skipped: 'workspace not trusted' };
  }
  const uri = arg instanceof vscode.Uri ? arg : typeof arg === 'string' ? vscode.Uri.parse(arg) : vscode.window.activeTextEditor?.document.uri;
  if (!uri || !client) return { ok: false, skipped: 'no file' };
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (doc?.isDirty) await doc.save(); // the programs read the file on disk
  const r = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Checking with m4 and sendmail' },
    () => client!.sendRequest<CheckAnswer>('sendmail/checkWithPrograms', { uri: uri.toString() }));
  const errors = r.problems?.filter((p) => p.severity === 'error').length ?? 0;
  const name = uri.path.split('/').pop();
  if (r.skipped) void vscode.window.showWarningMessage(`${name}: the check did not finish: ${r.skipped}`);
  else if (r.problems?.length) void vscode.window.showErrorMessage(`${name}: the programs found ${errors} error(s) and ${r.problems.length - errors} warning(s); see the Problems panel.`);
  else void vscode.window.showInformationMessage(`${name}: m4 and sendmail accept it.`);
  return r;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
