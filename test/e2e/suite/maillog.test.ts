// The mail log in a real VS Code: the workspace's mail.log was written by the real sendmail
// with this workspace's routing (test/unit/world/e2eLog.ts): bob@example.com deferred twice
// (mailertable line 2 sends example.com to a host that refuses), carol and dave sent. We see
// the deferral diagnostic and the relay= hover, run the quick fix that opens mailertable line 2,
// move between the lines of a message, and open the log with "Open Mail Log", which follows
// the file as it grows and filters it by queue id.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, hoverText, openAndWaitForDiagnostics, waitFor, workspaceFile } from './helpers';

const code = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);
const BOB = 'bob@example.com';

interface Opened { ok: boolean; uri?: string; lines?: number; reason?: string }
interface Moved { ok: boolean; line?: number }

describe('mail log (sendmail-maillog) in a real VS Code', function () {
  this.timeout(120_000);
  let lines: string[] = [];
  let bob: number[] = [];
  let qid = '';
  let tmp = '';

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    lines = fs.readFileSync(workspaceFile('mail.log').fsPath, 'utf8').split('\n');
    bob = lines.map((l, i) => (l.includes(`to=<${BOB}>`) ? i : -1)).filter((i) => i >= 0);
    assert.strictEqual(bob.length, 2, 'the fixture has two deferrals of bob');
    qid = /: (\w{14}): to=/.exec(lines[bob[0]])![1];
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sendmail-e2e-log-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('shows the deferral as an Information diagnostic on the latest attempt, with its route', async () => {
    const { diagnostics, doc } = await openAndWaitForDiagnostics('mail.log', (ds) => ds.some((d) => code(d) === 'maillog.deferred'));
    assert.strictEqual(doc.languageId, 'sendmail-maillog');
    const d = diagnostics.find((x) => code(x) === 'maillog.deferred')!;
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Information);
    assert.strictEqual(d.range.start.line, bob[1]);
    assert.match(d.message, new RegExp(`${BOB}.*Connection refused`));
    assert.match(d.message, /mailertable line 2\b/);
  });

  it('hover on relay= says which mailertable line routed the mail', async () => {
    const { doc } = await openAndWaitForDiagnostics('mail.log', (ds) => ds.length > 0);
    const pos = new vscode.Position(bob[0], lines[bob[0]].indexOf(' relay=') + 3);
    const hovers = await waitFor('relay hover', async () => {
      const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
      return h && h.length ? h : undefined;
    });
    assert.match(hoverText(hovers), /mailertable line 2 \(`example\.com esmtp:\[mx\.example\.com\]`\)/);
  });

  it('the quick fix opens mailertable at the line that routed the message', async () => {
    const { doc, diagnostics } = await openAndWaitForDiagnostics('mail.log', (ds) => ds.some((d) => code(d) === 'maillog.deferred'));
    const d = diagnostics.find((x) => code(x) === 'maillog.deferred')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const open = actions.find((a) => /^Open mailertable line 2\b/.test(a.title));
    assert.ok(open?.command, `actions: ${actions.map((a) => a.title).join(' | ')}`);
    await vscode.commands.executeCommand(open.command.command, ...(open.command.arguments ?? []));
    const editor = await waitFor('mailertable shown', () => {
      const e = vscode.window.activeTextEditor;
      return e && e.document.uri.fsPath === workspaceFile('mailertable').fsPath ? e : undefined;
    });
    assert.strictEqual(editor.selection.active.line, 1);
    assert.match(editor.document.lineAt(1).text, /^example\.com\s+esmtp:\[mx\.example\.com\]/);
  });

  it('next/previous line of this message skip the lines of other messages', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile('mail.log'));
    const editor = await vscode.window.showTextDocument(doc);
    const same = lines.map((l, i) => (l.includes(`: ${qid}: `) ? i : -1)).filter((i) => i >= 0);
    const at = (n: number) => { editor.selection = new vscode.Selection(n, 0, n, 0); };
    at(same[0]);
    const next = await vscode.commands.executeCommand<Moved>('sendmail.nextMessageLine');
    assert.deepStrictEqual(next, { ok: true, line: same[1] });
    assert.strictEqual(editor.selection.active.line, same[1]);
    at(same[same.length - 1]);
    const prev = await vscode.commands.executeCommand<Moved>('sendmail.previousMessageLine');
    assert.deepStrictEqual(prev, { ok: true, line: same[same.length - 2] });
    const other = lines.findIndex((l) => /: \w{14}: /.test(l) && !l.includes(qid));
    at(other);
    assert.strictEqual((await vscode.commands.executeCommand<Moved>('sendmail.nextMessageLine')).ok, false, 'that message has one line');
  });

  it('Open Mail Log shows the end of the log and follows it as it grows', async () => {
    const log = path.join(tmp, 'mail.log');
    fs.writeFileSync(log, lines.join('\n'));
    const r = await vscode.commands.executeCommand<Opened>('sendmail.openMailLog', log);
    assert.ok(r.ok, r.reason);
    const editor = vscode.window.activeTextEditor!;
    assert.strictEqual(editor.document.uri.toString(), r.uri);
    assert.strictEqual(editor.document.languageId, 'sendmail-maillog');
    assert.strictEqual(editor.selection.active.line, editor.document.lineCount - 1, 'the cursor at the end');
    // The language server serves the view too.
    await waitFor('diagnostics on the view', () => vscode.languages.getDiagnostics(editor.document.uri).some((d) => code(d) === 'maillog.deferred') || undefined);
    const added = lines[bob[1]].replace(/ delay=[\d:+]+/, ' delay=00:10:01');
    fs.appendFileSync(log, added + '\n');
    await waitFor('the appended line in the editor', () => editor.document.getText().includes('delay=00:10:01') || undefined, 15_000);
    assert.strictEqual(editor.selection.active.line, editor.document.lineCount - 1, 'still at the end');
  });

  it('Open Mail Log Filtered shows the lines of one queue id', async () => {
    const log = path.join(tmp, 'filtered.log');
    fs.writeFileSync(log, lines.join('\n'));
    const r = await vscode.commands.executeCommand<Opened>('sendmail.filterMailLog', qid, log);
    assert.ok(r.ok, r.reason);
    const shown = vscode.window.activeTextEditor!.document.getText().split('\n').filter(Boolean);
    assert.deepStrictEqual(shown, lines.filter((l) => l.includes(`: ${qid}: `)));
    assert.strictEqual(vscode.window.activeTextEditor!.document.languageId, 'sendmail-maillog');
  });
});
