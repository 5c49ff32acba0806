// The bundled server checks a mailertable against the sendmail.mc beside it on disk.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from './lspClient';

describe('protocol: map files', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sendmail-tables-'));
    fs.writeFileSync(path.join(dir, 'sendmail.mc'), "include(`/usr/share/sendmail/cf/m4/cf.m4')dnl\nFEATURE(`mailertable')dnl\nMAILER(`local')dnl\nMAILER(`smtp')dnl\n");
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reports an unknown mailer in a mailertable, driven by the sendmail.mc beside it', async () => {
    const file = path.join(dir, 'mailertable');
    const text = 'example.com\tesmtp:[mx.example.com]\nexample.org\tprocmail:/etc/procmailrc\n';
    fs.writeFileSync(file, text);
    const c = new LspClient();
    try {
      await c.initialize(pathToFileURL(dir).toString());
      const uri = pathToFileURL(file).toString();
      const diags = await c.open(uri, 'sendmail-mailertable', text);
      const unknown = diags.filter((d: { code: string }) => d.code === 'mailertable.unknown-mailer');
      assert.strictEqual(unknown.length, 1, JSON.stringify(diags));
      assert.strictEqual(unknown[0].range.start.line, 1);
      assert.strictEqual(unknown[0].source, 'sendmail');
      assert.match(unknown[0].message, /procmail/);

      // Editing the one line to a mailer the mc defines clears it (incremental sync).
      const p = c.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.version === 2);
      c.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 1, character: 12 }, end: { line: 1, character: 20 } }, text: 'esmtp' }] });
      const after = (await p).params.diagnostics;
      assert.strictEqual(after.filter((d: { code: string }) => d.code === 'mailertable.unknown-mailer').length, 0, JSON.stringify(after));
    } finally { await c.shutdown(); }
  });
});
