// Commands that run programs (rebuild, test route, ...). Placeholder until the commands issue lands.
import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

export function registerCommands(_context: vscode.ExtensionContext, _client: () => LanguageClient | undefined): void {
  // nothing yet
}
