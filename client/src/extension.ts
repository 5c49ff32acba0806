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
    synchronize: { configurationSection: 'sendmail' },
    outputChannel: output,
    initializationOptions: { cfDirectory: vscode.workspace.getConfiguration('sendmail').get<string>('cfDirectory') ?? '' },
  };
  // The default error handler restarts a crashed server (up to 4 times in 3 minutes)
  // and then tells the user; the log stays in the output channel.
  client = new LanguageClient('sendmail', 'Sendmail Language Server', serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.commands.registerCommand('sendmail.restartServer', async () => { await client?.restart(); }),
    vscode.commands.registerCommand('sendmail.showServerLog', () => output.show(true)),
  );
  registerCommands(context, () => client);
  await client.start();
  return { client: () => client };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
