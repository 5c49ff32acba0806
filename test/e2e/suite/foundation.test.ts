// The extension in a real VS Code (code-server): activation, language detection, the
// language server answering through the vscode API.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, workspaceFile, waitFor } from './helpers';

describe('foundation (real VS Code)', () => {
  it('recognises the sendmail files by name and activates the extension', async () => {
    const expected: Record<string, string> = {
      'sendmail.mc': 'sendmail-mc', mailertable: 'sendmail-mailertable', access: 'sendmail-access', 'local-host-names': 'sendmail-class',
    };
    for (const [name, lang] of Object.entries(expected)) {
      const doc = await vscode.workspace.openTextDocument(workspaceFile(name));
      assert.strictEqual(doc.languageId, lang, name);
    }
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, 'extension is installed');
    await waitFor('activation', () => ext.isActive);
  });

  it('the language server answers requests for an open sendmail.mc', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile('sendmail.mc'));
    await vscode.window.showTextDocument(doc);
    const tokens = await waitFor('semantic tokens legend', () =>
      vscode.commands.executeCommand<vscode.SemanticTokensLegend>('vscode.provideDocumentSemanticTokensLegend', doc.uri));
    assert.ok(tokens.tokenTypes.includes('macro'), 'legend comes from our server');
  });
});
