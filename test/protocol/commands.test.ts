// The commands that run programs, through the bundled server over stdio (what other editors
// get): refused without initializationOptions.allowPrograms — whatever the workspace or its
// settings say — and working with it: Test route answers with sendmail -bt (window/showMessage,
// window/logMessage and the result object), Rebuild map runs makemap from a quick fix, and
// the lenses and quick fixes that run them appear only then.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from './lspClient';
import { buildFixtureMaps, copyEtcMail, realSendmailSandbox } from '../unit/commands/etcMail';
import { BROKEN_MC } from '../unit/check/brokenMc';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('protocol: commands that run programs (workspace/executeCommand)', function () {
  this.timeout(200_000); // sendmail may sleep 60 s on hosts without a qualified name
  const box = realSendmailSandbox('sendmail-protocol-cmd-');
  let dir: string;
  let mailertable: string;
  before(() => {
    dir = copyEtcMail(fs.mkdtempSync(path.join(box.dir, 'etc-')));
    buildFixtureMaps(dir);
    mailertable = pathToFileURL(path.join(dir, 'mailertable')).toString();
    // A workspace that tries to turn programs on by itself: VS Code-style settings in the folder.
    fs.mkdirSync(path.join(dir, '.vscode'));
    fs.writeFileSync(path.join(dir, '.vscode', 'settings.json'), JSON.stringify({ 'sendmail.allowPrograms': true, 'sendmail.paths.sendmail': box.sendmail }));
  });

  const clients: LspClient[] = [];
  afterEach(async () => { for (const c of clients.splice(0)) await c.shutdown(); });

  async function start(initializationOptions: Json, configuration?: Json): Promise<{ c: LspClient; caps: Json }> {
    const c = new LspClient();
    clients.push(c);
    if (configuration) c.configuration = () => configuration;
    const folder = pathToFileURL(dir).toString();
    const init = await c.request('initialize', {
      processId: process.pid, rootUri: folder, workspaceFolders: [{ uri: folder, name: 'mail' }],
      capabilities: { workspace: { configuration: true } }, initializationOptions,
    });
    c.notify('initialized', {});
    return { c, caps: init.capabilities };
  }

  const withPrograms = () => ({ allowPrograms: true, programs: { sendmail: box.sendmail } });

  it('without allowPrograms: no command offered, lenses without commands, and executeCommand refused (nothing runs)', async () => {
    // The editor's settings (workspace/configuration) say allowPrograms too: they do not count.
    for (const init of [{}, { allowPrograms: 'yes' }, { allowPrograms: true, trusted: false }]) {
      const { c, caps } = await start(init, { allowPrograms: true, paths: { sendmail: box.sendmail } });
      assert.ok(!(caps.executeCommandProvider?.commands ?? []).includes('sendmail.testRoute'), JSON.stringify(caps.executeCommandProvider));
      await c.open(mailertable, 'sendmail-mailertable', fs.readFileSync(path.join(dir, 'mailertable'), 'utf8'));
      const lenses: Json[] = await c.request('textDocument/codeLens', { textDocument: { uri: mailertable } });
      assert.deepEqual((lenses ?? []).filter((l) => l.command), []);
      const answer = await c.call('workspace/executeCommand', { command: 'sendmail.testRoute', arguments: [mailertable, 'postmaster@example.com'] });
      assert.ok(answer.error, JSON.stringify(answer));
      assert.match(answer.error.message, /initializationOptions\.allowPrograms: true/);
      assert.ok(!c.notifications.some((n) => n.method === 'window/logMessage' && /^\$ /.test(n.params.message)), 'no program was run');
    }
  });

  it('with allowPrograms: Test route from a mailertable CodeLens answers with sendmail -bt', async () => {
    const { c, caps } = await start(withPrograms());
    assert.deepEqual(caps.executeCommandProvider.commands.filter((x: string) => x.startsWith('sendmail.') && !x.startsWith('sendmail.log.')).sort(),
      ['sendmail.check', 'sendmail.diagnoseDelivery', 'sendmail.rebuildAllMaps', 'sendmail.rebuildCf', 'sendmail.rebuildMap', 'sendmail.testRoute', 'sendmail.verifyAddress']);
    await c.open(mailertable, 'sendmail-mailertable', fs.readFileSync(path.join(dir, 'mailertable'), 'utf8'));
    const lenses: Json[] = await c.request('textDocument/codeLens', { textDocument: { uri: mailertable } });
    const lens = lenses.find((l) => l.command?.title === 'Test route: postmaster@example.com');
    assert.ok(lens, JSON.stringify(lenses.map((l) => l.command?.title)));
    const shown = c.waitFor((m) => m.method === 'window/showMessage', 150_000);
    const r = await c.request('workspace/executeCommand', { command: lens.command.command, arguments: lens.command.arguments }, 150_000);
    assert.equal(r.answeredBy, 'sendmail', r.summary);
    assert.deepEqual([r.route.mailer, r.route.host, r.route.port, r.route.mx, r.verdict], ['esmtp', '[mx.example.com]', 25, false, 'relayed']);
    assert.equal(r.matchedLine, 1);
    assert.deepEqual(r.disagreements, []);
    const msg = (await shown).params;
    assert.equal(msg.type, 3); // Info
    assert.match(msg.message, /^sendmail -bt: postmaster@example\.com is sent by mailer esmtp to \[mx\.example\.com\]/);
    const logs = c.notifications.filter((n) => n.method === 'window/logMessage').map((n) => n.params.message as string);
    assert.ok(logs.some((l) => l.startsWith('$ m4 ')), logs.join('\n'));
    assert.ok(logs.some((l) => l.startsWith(`$ ${box.sendmail} -bt`)), logs.join('\n'));
    assert.ok(logs.some((l) => l.startsWith('--- rule trace')), 'the rule trace goes to the log');
  });

  it('with allowPrograms: a bad address is refused before anything runs', async () => {
    const { c } = await start(withPrograms());
    const answer = await c.call('workspace/executeCommand', { command: 'sendmail.testRoute', arguments: [mailertable, 'a@b.example; touch /tmp/x'] });
    assert.match(answer.error?.message ?? '', /address refused/);
    const missing = await c.call('workspace/executeCommand', { command: 'sendmail.testRoute', arguments: [mailertable] });
    assert.match(missing.error?.message ?? '', /needs an address/);
    assert.ok(!c.notifications.some((n) => n.method === 'window/logMessage' && /^\$ /.test(n.params.message)));
  });

  it('with allowPrograms: the m4 + sendmail check of a sendmail.mc names the line m4 fails on', async () => {
    const { c } = await start(withPrograms());
    const bad = fs.mkdtempSync(path.join(box.dir, 'check-'));
    copyEtcMail(bad);
    const mc = path.join(bad, 'sendmail.mc');
    fs.writeFileSync(mc, fs.readFileSync(mc, 'utf8').replace("FEATURE(`mailertable',", "FEATURE(`mailertabel',"));
    const line = fs.readFileSync(mc, 'utf8').split('\n').findIndex((l) => l.includes('mailertabel'));
    const r = await c.request('workspace/executeCommand', { command: 'sendmail.check', arguments: [pathToFileURL(mc).toString()] }, 150_000);
    assert.equal(r.ok, false);
    assert.ok(r.problems.some((p: Json) => p.line === line && p.severity === 'error' && /mailertabel/.test(p.message)), JSON.stringify(r.problems));
    assert.ok(c.notifications.some((n) => n.method === 'window/showMessage' && /^sendmail\.mc: m4 and sendmail found [1-9]\d* error/.test(n.params.message)));
    assert.ok(c.notifications.some((n) => n.method === 'window/logMessage' && n.params.message.startsWith(`${mc}:${line + 1}: `)));
  });

  it('with allowPrograms: the check of an open sendmail.mc publishes what m4 and sendmail found on it, as a check on save does', async () => {
    const { c } = await start(withPrograms());
    const mc = path.join(fs.mkdtempSync(path.join(box.dir, 'check-open-')), 'sendmail.mc');
    fs.writeFileSync(mc, BROKEN_MC); // two mistakes only the programs see (lines 4 and 8)
    const uri = pathToFileURL(mc).toString();
    const fromPrograms = (m: Json) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri
      && m.params.diagnostics.some((d: Json) => d.source === 'sendmail (m4)') && m.params.diagnostics.some((d: Json) => d.source === 'sendmail (readcf)');
    const published = c.waitFor(fromPrograms, 150_000);
    assert.ok(!(await c.open(uri, 'sendmail-mc', BROKEN_MC)).some((d: Json) => /^sendmail \(/.test(d.source)), 'nothing from the programs before the check');
    const r = await c.request('workspace/executeCommand', { command: 'sendmail.check', arguments: [uri] }, 150_000);
    assert.equal(r.file, mc);
    const ds: Json[] = (await published).params.diagnostics;
    assert.deepEqual(ds.filter((d) => /^sendmail \(/.test(d.source)).map((d) => [d.source, d.range.start.line, d.severity]).sort(),
      [['sendmail (m4)', 3, 1], ['sendmail (readcf)', 7, 1]]);
  });

  it('with allowPrograms: the stale-database quick fix rebuilds the map with makemap and the warning goes away', async () => {
    const { c } = await start(withPrograms());
    const db = path.join(dir, 'mailertable.db');
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(db, old, old);
    const text = fs.readFileSync(path.join(dir, 'mailertable'), 'utf8');
    const stale = (await c.open(mailertable, 'sendmail-mailertable', text)).find((d: Json) => d.code === 'table.db-stale');
    assert.ok(stale, 'the database is older than its source');
    const actions: Json[] = await c.request('textDocument/codeAction', { textDocument: { uri: mailertable }, range: stale.range, context: { diagnostics: [stale] } });
    const fix = actions.find((a) => a.command?.command === 'sendmail.rebuildMap');
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    const cleared = c.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === mailertable && !m.params.diagnostics.some((d: Json) => d.code === 'table.db-stale'), 30_000);
    const r = await c.request('workspace/executeCommand', { command: fix.command.command, arguments: fix.command.arguments }, 60_000);
    assert.equal(r.ok, true, r.reason);
    assert.ok(fs.statSync(db).mtimeMs > old.getTime() + 1000, 'database rebuilt');
    await cleared;
    assert.ok(c.notifications.some((n) => n.method === 'window/showMessage' && /^Built .*mailertable\.db \(hash\)/.test(n.params.message)));
  });
});
