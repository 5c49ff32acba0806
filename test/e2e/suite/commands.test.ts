// The program-running commands inside a real VS Code: rebuild sendmail.cf, rebuild maps,
// Show generated cf, Test route (also from a virtusertable CodeLens), the injection refusal and
// the mailertable CodeLens. Works on a
// private copy of test/fixtures/etc-mail in a temp dir (the workspace folder is not touched).
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import { EXTENSION_ID, waitFor, qualifiedSendmail } from './helpers';

const ROOT = path.resolve(__dirname, '../../../..');
const FIXTURE = path.join(ROOT, 'test/fixtures/etc-mail');

function copyFixture(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sendmail-e2e-'));
  for (const name of fs.readdirSync(FIXTURE)) {
    fs.writeFileSync(path.join(dir, name), fs.readFileSync(path.join(FIXTURE, name), 'utf8').replace(/__ETC_MAIL__/g, dir));
  }
  return dir;
}


interface CfResult { ok: boolean; cfPath: string; backup?: string; reason?: string; problems: Array<{ line: number; message: string }> }
interface MapsResult { ok: boolean; maps: Array<{ ok: boolean; database: string; type: string; reason?: string }> }
interface RouteResult {
  ok: boolean; error?: string; summary?: string; disagreements: string[]; matchedLine?: number;
  sendmail: { ok: boolean; mailer?: string; host?: string; user?: string; mx?: boolean; mailertable?: { key: string }; error?: string; trace: string };
  model: { mailer: string; host?: string };
}

describe('commands (real VS Code, real m4/makemap/sendmail)', function () {
  this.timeout(240_000);
  let dir: string;
  let restoreSendmail: unknown;

  before(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, 'extension installed');
    await ext.activate();
    assert.ok(vscode.workspace.isTrusted, 'these commands need a trusted workspace');
    dir = copyFixture();
    const wrapper = qualifiedSendmail(dir);
    const config = vscode.workspace.getConfiguration('sendmail');
    restoreSendmail = config.inspect('paths.sendmail')?.globalValue;
    if (wrapper) {
      try { await config.update('paths.sendmail', wrapper, vscode.ConfigurationTarget.Global); } catch { /* then sendmail just runs slower */ }
    }
  });

  after(async () => {
    try { await vscode.workspace.getConfiguration('sendmail').update('paths.sendmail', restoreSendmail, vscode.ConfigurationTarget.Global); } catch { /* ignore */ }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('Rebuild sendmail.cf writes the same file as plain m4', async () => {
    const mc = vscode.Uri.file(path.join(dir, 'sendmail.mc'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(mc));
    const r = await vscode.commands.executeCommand<CfResult>('sendmail.rebuildCf', mc);
    assert.ok(r.ok, r.reason);
    const expected = execFileSync('m4', ['sendmail.mc'], { cwd: dir, encoding: 'utf8' });
    // cf.m4 stamps the build time into a comment line: compare everything else.
    const unstamped = (cf: string) => cf.replace(/^##### built by .*$/m, '');
    assert.strictEqual(unstamped(fs.readFileSync(path.join(dir, 'sendmail.cf'), 'utf8')), unstamped(expected));
    assert.match(fs.readFileSync(path.join(dir, 'sendmail.cf'), 'utf8'), /^##### built by /m);
  });

  it('a broken mc leaves sendmail.cf unchanged and puts the error on the FEATURE line', async () => {
    const mcPath = path.join(dir, 'broken.mc');
    const lines = fs.readFileSync(path.join(dir, 'sendmail.mc'), 'utf8').split('\n');
    lines.push("FEATURE(`virtusertable')dnl", '');
    fs.writeFileSync(mcPath, lines.join('\n'));
    fs.writeFileSync(path.join(dir, 'broken.cf'), 'old contents\n');
    const r = await vscode.commands.executeCommand<CfResult>('sendmail.rebuildCf', vscode.Uri.file(mcPath));
    assert.strictEqual(r.ok, false);
    assert.strictEqual(fs.readFileSync(path.join(dir, 'broken.cf'), 'utf8'), 'old contents\n');
    const ds = await waitFor('m4 diagnostics', () => {
      const d = vscode.languages.getDiagnostics(vscode.Uri.file(mcPath)).filter((x) => /FEATURE\(\) should be before MAILER\(\)/.test(x.message));
      return d.length ? d : undefined;
    });
    assert.strictEqual(ds[0].range.start.line, lines.indexOf("FEATURE(`virtusertable')dnl"));
    fs.rmSync(mcPath);
  });

  it('Rebuild all maps builds the databases the mc declares', async () => {
    const r = await vscode.commands.executeCommand<MapsResult>('sendmail.rebuildAllMaps', vscode.Uri.file(dir));
    assert.ok(r.ok, JSON.stringify(r.maps));
    assert.deepStrictEqual(r.maps.map((m) => [path.basename(m.database), m.type]).sort(), [['access.db', 'btree'], ['mailertable.db', 'hash']]);
    for (const m of r.maps) assert.ok(fs.statSync(m.database).size > 0);
  });

  it('Rebuild map on the active mailertable rebuilds its database', async () => {
    const uri = vscode.Uri.file(path.join(dir, 'mailertable'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const before = fs.statSync(path.join(dir, 'mailertable.db')).mtimeMs;
    const r = await vscode.commands.executeCommand<{ ok: boolean; backup?: string }>('sendmail.rebuildMap');
    assert.ok(r.ok);
    assert.ok(r.backup && fs.existsSync(r.backup), 'previous database kept');
    assert.ok(fs.statSync(path.join(dir, 'mailertable.db')).mtimeMs >= before);
  });

  it('a database older than its source gets a diagnostic whose quick fix rebuilds it', async () => {
    const src = path.join(dir, 'mailertable');
    const db = path.join(dir, 'mailertable.db');
    const old = new Date(Date.now() - 3600_000);
    fs.utimesSync(db, old, old);
    const uri = vscode.Uri.file(src);
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const code = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);
    // An edit makes the server analyse again (it reads the files' times then).
    await editor.edit((e) => e.insert(new vscode.Position(editor.document.lineCount, 0), '# checked\n'));
    await editor.document.save();
    const stale = await waitFor('db-stale diagnostic', () => vscode.languages.getDiagnostics(uri).find((d) => code(d) === 'table.db-stale'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, stale.range, vscode.CodeActionKind.QuickFix.value);
    const rebuild = actions.find((a) => a.command?.command === 'sendmail.rebuildMap');
    assert.ok(rebuild?.command, `actions: ${actions.map((a) => a.title).join(' | ')}`);
    await vscode.commands.executeCommand(rebuild.command.command, ...(rebuild.command.arguments ?? []));
    assert.ok(fs.statSync(db).mtimeMs > old.getTime() + 1000, 'database rebuilt');
    // The file watcher tells the server the database changed: the warning goes away.
    await waitFor('db-stale cleared', () => !vscode.languages.getDiagnostics(uri).some((d) => code(d) === 'table.db-stale'));
  });

  it('Test route reports the mailertable route sendmail computes, and the model agrees', async () => {
    const uri = vscode.Uri.file(path.join(dir, 'mailertable'));
    const r = await vscode.commands.executeCommand<RouteResult>('sendmail.testRoute', uri, 'postmaster@example.com');
    assert.ok(r.sendmail.ok, `${r.sendmail.error}\n${r.sendmail.trace}`);
    assert.strictEqual(r.sendmail.mailer, 'esmtp');
    assert.strictEqual(r.sendmail.host, '[mx.example.com]');
    assert.strictEqual(r.sendmail.mailertable?.key, 'example.com');
    assert.strictEqual(r.matchedLine, 1);
    assert.deepStrictEqual(r.disagreements, []);
    const smart = await vscode.commands.executeCommand<RouteResult>('sendmail.testRoute', uri, 'someone@elsewhere.test');
    assert.strictEqual(smart.sendmail.host, 'smart.example.net');
  });

  it('a virtusertable line\'s CodeLens runs Test route: sendmail and the model agree on the rewrite', async () => {
    // A virtual domain next to the fixture's maps: FEATURE + VIRTUSER_DOMAIN in the mc, the table built with makemap.
    const mcPath = path.join(dir, 'sendmail.mc');
    const mc = fs.readFileSync(mcPath, 'utf8');
    const vt = path.join(dir, 'virtusertable');
    try {
      fs.writeFileSync(mcPath, mc.replace("MAILER(`local')", `FEATURE(\`virtusertable', \`hash ${vt}')dnl\nVIRTUSER_DOMAIN(\`virt.example')dnl\nMAILER(\`local')`));
      const table = 'info@virt.example\troot\n@virt.example\tpostmaster@example.com\n';
      fs.writeFileSync(vt, table);
      execFileSync('/usr/sbin/makemap', ['hash', vt], { input: table, stdio: ['pipe', 'ignore', 'ignore'] });
      const uri = vscode.Uri.file(vt);
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      const lenses = await waitFor('virtusertable code lenses', async () => {
        const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
        return l && l.filter((x) => x.command?.command === 'sendmail.testRoute').length === 2 ? l : undefined;
      });
      const catchAll = lenses.find((l) => l.command?.title === 'Test route: no-such-user@virt.example');
      assert.ok(catchAll?.command, lenses.map((l) => l.command?.title).join(', '));
      const r = await vscode.commands.executeCommand<RouteResult>(catchAll.command.command, ...(catchAll.command.arguments ?? []));
      assert.ok(r.sendmail.ok, `${r.sendmail.error}\n${r.sendmail.trace}`);
      assert.deepStrictEqual([r.sendmail.mailer, r.sendmail.host, r.sendmail.user], ['esmtp', '[mx.example.com]', 'postmaster@example.com']);
      assert.deepStrictEqual(r.disagreements, []);
      assert.match(r.summary ?? '', /virtusertable "@virt\.example", virtusertable line 2/);
    } finally {
      fs.writeFileSync(mcPath, mc);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  });

  it('Test route refuses an injection address and creates nothing', async () => {
    const marker = path.join(dir, 'injected');
    const r = await vscode.commands.executeCommand<RouteResult>('sendmail.testRoute', vscode.Uri.file(dir), `a@b.example; touch ${marker}`);
    assert.strictEqual(r.ok, false);
    assert.match(r.error ?? '', /refused/);
    assert.strictEqual(fs.existsSync(marker), false);
  });

  it('Show generated sendmail.cf opens a sendmail-cf document and writes nothing', async () => {
    fs.rmSync(path.join(dir, 'sendmail.cf'), { force: true });
    const r = await vscode.commands.executeCommand<{ ok: boolean; uri: string }>('sendmail.showGeneratedCf', vscode.Uri.file(path.join(dir, 'sendmail.mc')));
    assert.ok(r.ok);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === r.uri);
    assert.strictEqual(doc?.languageId, 'sendmail-cf');
    assert.match(doc?.getText() ?? '', /^Kmailertable /m);
    assert.strictEqual(fs.existsSync(path.join(dir, 'sendmail.cf')), false);
  });

  it('offers a Test route CodeLens on each mailertable entry', async () => {
    const uri = vscode.Uri.file(path.join(dir, 'mailertable'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const lenses = await waitFor('code lenses', async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      return l?.some((x) => x.command?.command === 'sendmail.testRoute') ? l : undefined;
    });
    const titles = lenses.filter((l) => l.command?.command === 'sendmail.testRoute').map((l) => l.command?.title);
    assert.ok(titles.includes('Test route: postmaster@example.com'), titles.join(', '));
  });
});
