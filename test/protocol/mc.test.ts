// sendmail.mc end to end through the real server over stdio: a diagnostic, a hover and the
// quick fix for that diagnostic.
import * as assert from 'node:assert';
import { LspClient } from './lspClient';

describe('protocol: sendmail.mc', function () {
  this.timeout(30000);
  const uri = 'file:///tmp/protocol-test/sendmail.mc';
  const text = "include(`/usr/share/sendmail/cf/m4/cf.m4')dnl\nOSTYPE(`linux')dnl\nFEATURE(`acess_db')dnl\nMAILER(`smtp')dnl\n";

  it('publishes a diagnostic, answers hover and offers the quick fix', async () => {
    const c = new LspClient();
    try {
      await c.initialize();
      const ds = await c.open(uri, 'sendmail-mc', text);
      const d = ds.find((x: { code: string }) => x.code === 'mc.unknown-feature');
      assert.ok(d, JSON.stringify(ds));
      assert.strictEqual(d.source, 'sendmail');
      assert.deepStrictEqual(d.range.start, { line: 2, character: 9 });

      const h = await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 9 } });
      assert.match(h.contents.value, /MAILER\(`smtp'\)/);

      const actions = await c.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
      const fix = actions.find((a: { kind: string }) => a.kind === 'quickfix');
      assert.ok(fix, JSON.stringify(actions));
      assert.deepStrictEqual(fix.edit.changes[uri], [{ range: d.range, newText: 'access_db' }]);
    } finally { await c.shutdown(); }
  });
});
