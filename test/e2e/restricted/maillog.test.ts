// Restricted Mode: reading a mail log runs no program, so Open Mail Log and the navigation
// commands work in an untrusted workspace too.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { workspaceFile } from '../suite/helpers';

describe('mail log in Restricted Mode', () => {
  it('Open Mail Log opens the log at its end, and the navigation commands run', async () => {
    assert.strictEqual(vscode.workspace.isTrusted, false);
    const r = await vscode.commands.executeCommand<{ ok: boolean; reason?: string }>('sendmail.openMailLog', workspaceFile('mail.log').fsPath);
    assert.ok(r.ok, r.reason);
    const editor = vscode.window.activeTextEditor!;
    assert.strictEqual(editor.document.languageId, 'sendmail-maillog');
    assert.strictEqual(editor.selection.active.line, editor.document.lineCount - 1);
    const from = editor.document.getText().split('\n').findIndex((l) => / to=<bob@example\.com>/.test(l));
    editor.selection = new vscode.Selection(from, 0, from, 0);
    const moved = await vscode.commands.executeCommand<{ ok: boolean; line?: number }>('sendmail.previousMessageLine');
    assert.ok(moved.ok && moved.line! < from, JSON.stringify(moved));
  });
});
