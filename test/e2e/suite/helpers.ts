// Helpers for tests that run inside the VS Code extension host.
import * as vscode from 'vscode';
import { SENDMAIL, sendmailForTests } from '../../unit/commands/etcMail';

export const EXTENSION_ID = 'sendmail-tools.sendmail-config';

export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('e2e suite needs a workspace folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

export async function sleep(ms: number): Promise<void> { await new Promise((r) => setTimeout(r, ms)); }

/** Waits until `f` returns a truthy value (polling), or throws with `what` after timeoutMs. */
export async function waitFor<T>(what: string, f: () => T | undefined | PromiseLike<T | undefined>, timeoutMs = 30000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

/** Opens a workspace file in an editor and waits for the server's diagnostics matching `pred`. */
export async function openAndWaitForDiagnostics(name: string, pred: (d: vscode.Diagnostic[]) => boolean, timeoutMs = 30000) {
  const uri = workspaceFile(name);
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc);
  const diagnostics = await waitFor(`diagnostics on ${name}`, () => {
    const ds = vscode.languages.getDiagnostics(uri);
    return pred(ds) ? ds : undefined;
  }, timeoutMs);
  return { uri, doc, editor, diagnostics };
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).join('\n');
}

/**
 * sendmail sleeps 60 s when the host name is unqualified: the unit tests' wrapper in `dir` that
 * runs it with a qualified name (sendmailForTests), or undefined when plain sendmail is what runs.
 */
export function qualifiedSendmail(dir: string): string | undefined {
  const sendmail = sendmailForTests(dir);
  return sendmail === SENDMAIL ? undefined : sendmail;
}
