// The VS Code extension: starts the sendmail language server and registers commands.
// Deliberately thin: analysis lives in the server's language service; commands that run
// programs live in ./commands (with their safety rules).
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions,
} from 'vscode-languageclient/node';
import { registerCommands } from './commands';

export const LANGUAGES = [
  'sendmail-mc', 'sendmail-cf', 'sendmail-mailertable', 'sendmail-access', 'sendmail-virtusertable',
  'sendmail-genericstable', 'sendmail-domaintable', 'sendmail-authinfo', 'sendmail-aliases', 'sendmail-class',
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
    documentSelector: LANGUAGES.flatMap((language) => [{ scheme: 'file', language }, { scheme: 'untitled', language }, { scheme: 'vscode-remote', language }]),
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
    }),
  };
  // The default error handler restarts a crashed server (up to 4 times in 3 minutes)
  // and then tells the user; the log stays in the output channel.
  client = new LanguageClient('sendmail', 'Sendmail Language Server', serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.commands.registerCommand('sendmail.restartServer', async () => { await client?.restart(); }),
    vscode.commands.registerCommand('sendmail.showServerLog', () => output.show(true)),
    vscode.workspace.onDidGrantWorkspaceTrust(async () => { await client?.restart(); }),
  );
  registerCommands(context, () => client);
  await client.start();
  return { client: () => client };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
