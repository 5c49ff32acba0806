// The mail queue and Diagnose delivery in a real VS Code (issue #14).
//  - Queue: a private sendmail configuration in a temp dir (its own queue; remote mail goes to
//    [127.0.0.2] on a port where nothing listens, names are never looked up), a message queued
//    there by the real sendmail; the Mail Queue view lists it (sendmail.queue.refresh with that
//    configuration), Retry now re-attempts it (sendmail -qI<id> -v) and the view then shows it
//    deferred, with "Connection refused"; Show log lines opens the log filtered by its id.
//  - Diagnose delivery: the loopback world of the unit tests (test/unit/diagnose/world.ts:
//    dnsmasq, port 25 blocked on the MX hosts) when it can run here (root, namespaces, dnsmasq;
//    otherwise those tests are skipped and say why): the blocked-port verdict, the markdown
//    report, and the prepared edits put into the sendmail.mc editor, unsaved.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import { EXTENSION_ID, openAndWaitForDiagnostics, qualifiedSendmail } from './helpers';
import { missingForWorld } from '../../unit/world';
import { startDiagnoseWorld, type DiagnoseWorld } from '../../unit/diagnose/world';
import { applyEdits, type PreparedEdit } from '../../../client/src/diagnose/edits';

const CF_DIR = '/usr/share/sendmail/cf';

interface Tree { label: string; description?: string; children: { label: string; description?: string }[] }
interface Refreshed { ok: boolean; deferred: number; tree: Tree[]; queues: { kind: string; ok: boolean; entries: { id: string; status?: string; recipients: { address: string }[] }[] }[] }

function mc(dir: string, lines: string[]): string {
  return [`include(\`${CF_DIR}/m4/cf.m4')dnl`, "OSTYPE(`linux')dnl", "define(`confDOMAIN_NAME', `mail.example.test')dnl",
    "define(`confDONT_BLAME_SENDMAIL', `MapInUnsafeDirPath')dnl", "define(`confDONT_PROBE_INTERFACES', `True')dnl", `define(\`QUEUE_DIR', \`${dir}/queue')dnl`,
    ...lines, "MAILER(`local')dnl", "MAILER(`smtp')dnl", ''].join('\n');
}


const freePort = () => new Promise<number>((resolve, reject) => {
  const s = net.createServer();
  s.once('error', reject);
  s.listen(0, '0.0.0.0', () => { const { port } = s.address() as net.AddressInfo; s.close(() => resolve(port)); });
});

/** Sets machine settings for the test (Global) and gives back a function that restores them. */
async function withSettings(values: Record<string, unknown>): Promise<() => Promise<void>> {
  const c = vscode.workspace.getConfiguration('sendmail');
  const old = Object.fromEntries(Object.keys(values).map((k) => [k, c.inspect(k)?.globalValue]));
  for (const [k, v] of Object.entries(values)) await c.update(k, v, vscode.ConfigurationTarget.Global);
  return async () => { for (const [k, v] of Object.entries(old)) await vscode.workspace.getConfiguration('sendmail').update(k, v, vscode.ConfigurationTarget.Global); };
}

describe('mail queue view in a real VS Code', function () {
  this.timeout(120_000);
  let dir = '';
  let cf = '';
  let restore: () => Promise<void> = async () => undefined;

  before(async function () {
    if (!fs.existsSync('/usr/sbin/sendmail') || !fs.existsSync(`${CF_DIR}/m4/cf.m4`)) { console.log('      (skipped: sendmail or sendmail-cf missing)'); this.skip(); }
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sendmail-e2e-queue-'));
    fs.mkdirSync(path.join(dir, 'queue'), { mode: 0o700 });
    fs.writeFileSync(path.join(dir, 'service.switch'), 'hosts files\naliases files\n');
    fs.writeFileSync(path.join(dir, 'sendmail.mc'), mc(dir, ["FEATURE(`nocanonify')dnl", `define(\`confSERVICE_SWITCH_FILE', \`${dir}/service.switch')dnl`,
      "define(`SMART_HOST', `[127.0.0.2]')dnl", `define(\`RELAY_MAILER_ARGS', \`TCP $h ${await freePort()}')dnl`]));
    cf = path.join(dir, 'sendmail.cf');
    fs.writeFileSync(cf, execFileSync('m4', ['sendmail.mc'], { cwd: dir, encoding: 'utf8' }));
    const sendmail = (qualifiedSendmail(dir) ?? '/usr/sbin/sendmail');
    restore = await withSettings({ 'paths.sendmail': sendmail });
    // The test's own setup: one message queued (not tried yet) by the real sendmail.
    execFileSync(sendmail, ['-C', cf, '-odq', '-f', 'alice@mail.example.test', 'bob@example.test'], { input: 'Subject: e2e\n\nqueued by the e2e test\n' });
  });
  after(async () => {
    await vscode.commands.executeCommand('sendmail.queue.refresh', { cfPath: '' }); // the view lists sendmail's own queue again
    await restore();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists the queued message (its id, sender, recipient, "not tried yet")', async () => {
    const r = await vscode.commands.executeCommand<Refreshed>('sendmail.queue.refresh', { cfPath: cf });
    assert.ok(r.ok, JSON.stringify(r));
    const mta = r.queues.find((q) => q.kind === 'mta')!;
    assert.strictEqual(mta.entries.length, 1);
    assert.deepStrictEqual(mta.entries[0].recipients.map((x) => x.address), ['bob@example.test']);
    assert.strictEqual(r.deferred, 0);
    const group = r.tree.find((t) => t.label === 'Mail queue')!;
    assert.strictEqual(group.description, '1 message');
    assert.match(group.children[0].label, /^[A-Za-z0-9]{10,}$/);
    assert.match(String(group.children[0].description), /alice@mail\.example\.test/);
  });

  it('Retry now re-attempts it; the view then shows it deferred (connection refused), still queued', async () => {
    const before = await vscode.commands.executeCommand<Refreshed>('sendmail.queue.refresh');
    const id = before.queues[0].entries[0].id;
    const retry = await vscode.commands.executeCommand<{ ok: boolean; outcome?: string; output: string; args: string[] }>('sendmail.queue.retryNow', id);
    assert.ok(retry.ok, retry.output);
    assert.deepStrictEqual(retry.args, ['-C', cf, `-qI${id}`, '-v']);
    assert.strictEqual(retry.outcome, 'Deferred: Connection refused by [127.0.0.2]');
    const after = await vscode.commands.executeCommand<Refreshed>('sendmail.queue.refresh');
    assert.strictEqual(after.deferred, 1);
    assert.strictEqual(after.queues[0].entries[0].id, id);
    assert.strictEqual(after.queues[0].entries[0].status, 'Deferred: Connection refused by [127.0.0.2]');
    const refused = await vscode.commands.executeCommand<{ ok: boolean; reason?: string }>('sendmail.queue.retryNow', '-bd');
    assert.strictEqual(refused.ok, false);
    assert.match(String(refused.reason), /not a queue id/);
  });

  it('Show log lines opens the mail log filtered by the queue id', async () => {
    const r = await vscode.commands.executeCommand<Refreshed>('sendmail.queue.refresh');
    const id = r.queues[0].entries[0].id;
    const log = path.join(dir, 'mail.log');
    fs.writeFileSync(log, `Dec  2 08:24:01 mail sm-mta[100]: ${id}: from=<alice@mail.example.test>, size=40, class=0, nrcpts=1, relay=root@localhost\n`
      + 'Dec  2 08:24:02 mail sm-mta[101]: 6B28OQTw099999: from=<other@mail.example.test>, size=40, class=0, nrcpts=1, relay=root@localhost\n');
    const undo = await withSettings({ 'logs.path': log });
    try {
      const shown = await vscode.commands.executeCommand<{ ok: boolean; uri?: string }>('sendmail.queue.showLogLines', id);
      assert.ok(shown.ok, JSON.stringify(shown));
      const text = vscode.window.activeTextEditor!.document.getText();
      assert.ok(text.includes(`${id}: from=<alice@mail.example.test>`) && !text.includes('6B28OQTw099999'), text);
    } finally { await undo(); }
  });
});

describe('Diagnose delivery from the mail log', () => {
  it('a deferral in the mail log offers "Diagnose delivery" for its recipient', async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    const { doc, diagnostics } = await openAndWaitForDiagnostics('mail.log', (ds) => ds.some((d) => String(typeof d.code === 'object' ? d.code.value : d.code) === 'maillog.deferred'));
    const d = diagnostics.find((x) => String(typeof x.code === 'object' ? x.code.value : x.code) === 'maillog.deferred')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const a = actions.find((x) => x.title === 'Diagnose delivery to bob@example.com');
    assert.strictEqual(a?.command?.command, 'sendmail.diagnoseDelivery', `actions: ${actions.map((x) => x.title).join(' | ')}`);
    assert.strictEqual(a.command.arguments?.[1], 'bob@example.com');
  });
});

describe('Diagnose delivery in a real VS Code (loopback world: port 25 blocked)', function () {
  this.timeout(180_000);
  let w: DiagnoseWorld | undefined;
  let dir = '';
  let restore: () => Promise<void> = async () => undefined;

  before(async function () {
    const why = missingForWorld();
    if (why) { console.log(`      (skipped: ${why})`); this.skip(); }
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    w = await startDiagnoseWorld();
    dir = path.join(w.world.dir, 'cfg25');
    fs.mkdirSync(path.join(dir, 'queue'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'sendmail.mc'), mc(dir, []));
    restore = await withSettings({ 'diagnose.dnsServer': w.dnsServer, 'diagnose.timeout': 2 });
  });
  after(async () => { await restore(); await w?.stop(); });

  it('gives the blocked-port verdict, a markdown report, and prepared edits that land unsaved in the mc editor', async () => {
    const mcPath = path.join(dir, 'sendmail.mc');
    const onDisk = fs.readFileSync(mcPath, 'utf8');
    const r = await vscode.commands.executeCommand<{ ok: boolean; reason?: string; report: string; diagnosis: { mcPath: string; verdict: { kind: string; text: string; edits: { file: string; text: string }[] } } }>(
      'sendmail.diagnoseDelivery', dir, 'alice@blocked.example.test', { modelOnly: true });
    assert.ok(r.ok, r.reason);
    assert.strictEqual(r.diagnosis.verdict.kind, 'blocked-port');
    assert.strictEqual(r.diagnosis.verdict.text, 'port 25 timed out on every MX host of blocked.example.test; your provider probably blocks outbound port 25.');
    const report = await vscode.workspace.openTextDocument(vscode.Uri.parse(r.report));
    assert.match(report.getText(), /## 3\. Reachability[\s\S]*mx1\.blocked\.example\.test .*connect-timeout/);
    assert.match(report.getText(), /## Prepared edits/);
    const applied = await vscode.commands.executeCommand<{ ok: boolean; mc: string; reason?: string }>('sendmail.applyDiagnosisEdits', r.diagnosis.mcPath, r.diagnosis.verdict.edits);
    assert.ok(applied.ok, applied.reason);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === applied.mc)!;
    assert.ok(doc.isDirty, 'left for the admin to review and save');
    assert.strictEqual(doc.getText(), applyEdits(onDisk, r.diagnosis.verdict.edits.filter((e) => e.file === 'mc') as PreparedEdit[]), 'the same text as the CLI\'s edits give');
    assert.match(doc.getText(), /define\(`SMART_HOST', `\[smtp\.provider\.example\]'\)dnl/);
    assert.strictEqual(fs.readFileSync(mcPath, 'utf8'), onDisk, 'nothing written to disk');
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
