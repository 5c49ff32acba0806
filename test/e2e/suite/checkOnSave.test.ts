// "Check with m4 and sendmail" on save, inside a real VS Code: saving a broken sendmail.mc shows
// an Error from m4 and one from sendmail's config reader on the right mc lines (the static
// analysis finds neither); fixing and saving again clears both.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import { EXTENSION_ID, waitFor, qualifiedSendmail } from './helpers';
import { BROKEN_MC, FIXED_MC } from '../../unit/check/brokenMc';


const fromPrograms = (d: vscode.Diagnostic) => d.source === 'sendmail (m4)' || d.source === 'sendmail (readcf)';

describe('check with m4 and sendmail on save (real VS Code)', function () {
  this.timeout(240_000);
  let dir: string;
  let restore: unknown;

  before(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, 'extension installed');
    const api = await ext.activate() as { client: () => { isRunning(): boolean } | undefined };
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sendmail-e2e-check-'));
    const wrapper = qualifiedSendmail(dir);
    const config = vscode.workspace.getConfiguration('sendmail');
    restore = config.inspect('paths.sendmail')?.globalValue;
    if (wrapper && restore !== wrapper) {
      await config.update('paths.sendmail', wrapper, vscode.ConfigurationTarget.Global);
      // The client restarts the server with the new program paths.
      await new Promise((r) => setTimeout(r, 1500));
      await waitFor('the language server running again', () => api.client()?.isRunning());
    }
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    try { await vscode.workspace.getConfiguration('sendmail').update('paths.sendmail', restore, vscode.ConfigurationTarget.Global); } catch { /* ignore */ }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a saved broken mc: an Error from m4 and one from sendmail -bC on their lines; both gone after the fix', async () => {
    const file = path.join(dir, 'sendmail.mc');
    fs.writeFileSync(file, BROKEN_MC);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    const editor = await vscode.window.showTextDocument(doc);
    // An edit and a save, as a user would make (a clean document's save sends nothing).
    await editor.edit((b) => b.insert(new vscode.Position(doc.lineCount - 1, 0), 'dnl saved from the editor\n'));
    assert.ok(await doc.save(), 'saved');
    const ds = await waitFor('diagnostics from m4 and sendmail', () => {
      const got = vscode.languages.getDiagnostics(doc.uri).filter(fromPrograms);
      return got.some((d) => d.source === 'sendmail (m4)') && got.some((d) => d.source === 'sendmail (readcf)') ? got : undefined;
    }, 180_000);
    const m4 = ds.find((d) => d.source === 'sendmail (m4)')!;
    const readcf = ds.find((d) => d.source === 'sendmail (readcf)')!;
    assert.strictEqual(m4.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(m4.range.start.line, 3);
    assert.match(m4.message, /cannot open `\/nonexistent\/extra\.m4'/);
    assert.strictEqual(readcf.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(readcf.range.start.line, 7);
    assert.match(readcf.message, /invalid rewrite line "Rfoo"/);

    await editor.edit((b) => b.replace(new vscode.Range(0, 0, doc.lineCount, 0), FIXED_MC));
    assert.ok(await doc.save(), 'saved again');
    await waitFor('the programs\' diagnostics to go', () => !vscode.languages.getDiagnostics(doc.uri).some(fromPrograms), 180_000);
  });
});
