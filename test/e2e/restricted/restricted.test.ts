// Restricted Mode: language features work, nothing runs a program.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import { openAndWaitForDiagnostics, waitFor, workspaceFile } from '../suite/helpers';

const code = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);

describe('Restricted Mode (untrusted workspace)', () => {
  it('the workspace really is untrusted', () => {
    assert.strictEqual(vscode.workspace.isTrusted, false);
  });

  it('diagnostics and hover still work', async () => {
    const { doc } = await openAndWaitForDiagnostics('sendmail.mc', (ds) => ds.some((d) => code(d) === 'mc.unknown-feature'));
    const line = doc.lineAt(9).text;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(9, line.indexOf('mailertable') + 2));
    assert.ok(hovers.length > 0, 'hover from the language server');
  });

  it('commands that run programs refuse and write nothing', async () => {
    const mc = workspaceFile('sendmail.mc');
    const dir = path.dirname(mc.fsPath);
    const before = fs.readdirSync(dir).sort();
    const cf = await vscode.commands.executeCommand<{ ok: boolean; reason?: string }>('sendmail.rebuildCf', mc);
    assert.strictEqual(cf.ok, false);
    assert.match(String(cf.reason), /not trusted/);
    const maps = await vscode.commands.executeCommand<{ ok: boolean }>('sendmail.rebuildAllMaps', vscode.Uri.file(dir));
    assert.strictEqual(maps.ok, false);
    const route = await vscode.commands.executeCommand<{ ok: boolean; error?: string }>('sendmail.testRoute', workspaceFile('mailertable'), 'postmaster@example.com');
    assert.strictEqual(route.ok, false);
    assert.match(String(route.error), /not trusted/);
    assert.deepStrictEqual(fs.readdirSync(dir).sort(), before, 'no file created');
  });

  it('offers no lens or quick fix that runs a program (the client sends clientCommands: false)', async () => {
    const src = workspaceFile('mailertable').fsPath;
    const db = `${src}.db`;
    execFileSync('/usr/sbin/makemap', ['hash', src], { input: fs.readFileSync(src) }); // the test's own setup, not the extension
    try {
      const old = new Date(Date.now() - 3600_000);
      fs.utimesSync(db, old, old);
      const { uri, diagnostics } = await openAndWaitForDiagnostics('mailertable', (ds) => ds.some((d) => code(d) === 'table.db-stale'));
      const stale = diagnostics.find((d) => code(d) === 'table.db-stale')!;
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, stale.range, vscode.CodeActionKind.QuickFix.value);
      assert.deepStrictEqual(actions.filter((a) => a.command).map((a) => a.title), [], 'no command quick fix');
      const lenses = await waitFor('code lens request', async () => vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri));
      assert.deepStrictEqual(lenses.map((l) => l.command?.command), [], 'no Test route lens');
    } finally { fs.rmSync(db, { force: true }); }
  });
});

describe('Restricted Mode: the check with m4 and sendmail never runs', () => {
  it('a canary m4 set in the user settings is not run on save nor by the command', async () => {
    const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'sendmail-canary-'));
    const marker = path.join(dir, 'canary-ran');
    const canary = path.join(dir, 'canary-m4.sh');
    fs.writeFileSync(canary, `#!/bin/sh\necho ran >> '${marker}'\nexec m4 "$@"\n`, { mode: 0o755 });
    const config = vscode.workspace.getConfiguration('sendmail');
    const restore = config.inspect('paths.m4')?.globalValue;
    await config.update('paths.m4', canary, vscode.ConfigurationTarget.Global);
    try {
      const mc = workspaceFile('sendmail.mc');
      const doc = await vscode.workspace.openTextDocument(mc);
      const editor = await vscode.window.showTextDocument(doc);
      await editor.edit((b) => b.insert(new vscode.Position(doc.lineCount - 1, 0), 'dnl edited\n'));
      await doc.save();
      const r = await vscode.commands.executeCommand<{ ok: boolean; skipped?: string }>('sendmail.checkWithPrograms', mc);
      assert.strictEqual(r.ok, false);
      assert.match(String(r.skipped), /not trusted/);
      await new Promise((res) => setTimeout(res, 5000));
      assert.strictEqual(fs.existsSync(marker), false, 'the canary program never ran');
      assert.ok(!vscode.languages.getDiagnostics(mc).some((d) => /^sendmail \((m4|readcf)\)$/.test(d.source ?? '')));
    } finally {
      await config.update('paths.m4', restore, vscode.ConfigurationTarget.Global);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
