// The real programs' verdict on save, through the bundled server over stdio: with the editor's
// permission (allowPrograms, or VS Code's programCheck.allowed in a trusted workspace) a saved
// sendmail.mc is built by the real m4 and read by the real `sendmail -bC`; their complaints come
// back as diagnostics on the mc lines that caused them (sources 'sendmail (m4)' and
// 'sendmail (readcf)'), and go away when the file is fixed and saved again. Without permission
// nothing runs, whatever the workspace's settings say.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from './lspClient';
import { realSendmailSandbox } from '../unit/commands/etcMail';
import { BROKEN_MC, FIXED_MC } from '../unit/check/brokenMc';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('protocol: m4 and sendmail check each save', function () {
  this.timeout(200_000); // sendmail may sleep 60 s on hosts without a qualified name
  const box = realSendmailSandbox('sendmail-check-on-save-');
  const clients: LspClient[] = [];
  afterEach(async () => { for (const c of clients.splice(0)) await c.shutdown(); });

  async function start(dir: string, initializationOptions: Json): Promise<LspClient> {
    const c = new LspClient();
    clients.push(c);
    // The workspace's own settings try to switch the check on: they never count.
    c.configuration = () => ({ check: { onSave: true }, allowPrograms: true, paths: { sendmail: box.sendmail } });
    const folder = pathToFileURL(dir).toString();
    await c.request('initialize', {
      processId: process.pid, rootUri: folder, workspaceFolders: [{ uri: folder, name: 'mail' }],
      capabilities: { workspace: { configuration: true } }, initializationOptions,
    });
    c.notify('initialized', {});
    return c;
  }

  const fromPrograms = (d: Json) => /^sendmail \((m4|readcf)\)$/.test(d.source ?? '');

  /** Writes `text` as the mc on disk, tells the server it was saved, and resolves with the next diagnostics that include the programs' verdict (or, with `none`, after a quiet wait). */
  async function save(c: LspClient, uri: string, file: string, text: string, version: number, until: (ds: Json[]) => boolean): Promise<Json[]> {
    fs.writeFileSync(file, text);
    const p = c.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && until(m.params.diagnostics), 150_000);
    c.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    c.notify('textDocument/didSave', { textDocument: { uri } });
    return (await p).params.diagnostics;
  }

  it('allowPrograms: an Error from m4 and one from sendmail -bC on their mc lines, gone after the fix', async () => {
    const dir = fs.mkdtempSync(path.join(box.dir, 'mc-'));
    const file = path.join(dir, 'sendmail.mc');
    fs.writeFileSync(file, BROKEN_MC);
    const uri = pathToFileURL(file).toString();
    const c = await start(dir, { allowPrograms: true, programs: { sendmail: box.sendmail } });
    const statics = await c.open(uri, 'sendmail-mc', BROKEN_MC);
    assert.deepEqual(statics.filter((d: Json) => d.severity <= 2), [], 'the static analysis sees nothing wrong here');
    const ds = await save(c, uri, file, BROKEN_MC, 2, (x) => x.some(fromPrograms));
    const m4 = ds.find((d: Json) => d.source === 'sendmail (m4)');
    const readcf = ds.find((d: Json) => d.source === 'sendmail (readcf)');
    assert.ok(m4 && readcf, JSON.stringify(ds));
    assert.equal(m4.severity, 1);
    assert.equal(m4.range.start.line, 3);
    assert.match(m4.message, /cannot open `\/nonexistent\/extra\.m4'/);
    assert.equal(readcf.severity, 1);
    assert.equal(readcf.range.start.line, 7);
    assert.match(readcf.message, /invalid rewrite line "Rfoo"/);
    const after = await save(c, uri, file, FIXED_MC, 3, (x) => !x.some(fromPrograms));
    assert.deepEqual(after.filter(fromPrograms), []);
  });

  it('VS Code in a trusted workspace (programCheck.allowed) checks on save too; onSave: false or an untrusted workspace runs nothing', async () => {
    for (const [init, runs] of [
      [{ programCheck: { allowed: true, onSave: true }, trusted: true, programs: { sendmail: box.sendmail } }, true],
      [{ programCheck: { allowed: true, onSave: false }, trusted: true, programs: { sendmail: box.sendmail } }, false],
      [{ programCheck: { allowed: true, onSave: true }, trusted: false, programs: { sendmail: box.sendmail } }, false],
      [{}, false],
    ] as [Json, boolean][]) {
      const dir = fs.mkdtempSync(path.join(box.dir, 'mc-'));
      const file = path.join(dir, 'sendmail.mc');
      fs.writeFileSync(file, BROKEN_MC);
      const uri = pathToFileURL(file).toString();
      const c = await start(dir, init);
      await c.open(uri, 'sendmail-mc', BROKEN_MC);
      if (runs) {
        const ds = await save(c, uri, file, BROKEN_MC, 2, (x) => x.some(fromPrograms));
        assert.ok(ds.some((d: Json) => d.source === 'sendmail (readcf)'), JSON.stringify(init));
      } else {
        fs.writeFileSync(file, BROKEN_MC);
        c.notify('textDocument/didSave', { textDocument: { uri } });
        await new Promise((r) => setTimeout(r, 3000));
        assert.equal(c.notifications.some((m) => m.method === 'textDocument/publishDiagnostics' && m.params.diagnostics.some(fromPrograms)), false, JSON.stringify(init));
        const answer = await c.request('sendmail/checkWithPrograms', { uri });
        assert.equal(answer.ok, false);
        if (init.programCheck?.onSave === false) assert.equal(answer.skipped, undefined, 'allowed on demand, only not on save');
        else assert.match(answer.skipped, /not allowed/);
      }
      await c.shutdown();
      clients.splice(clients.indexOf(c), 1);
    }
  });
});
