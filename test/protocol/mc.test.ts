// sendmail.mc end to end through the real server over stdio: a diagnostic, a hover and the
// quick fix for that diagnostic.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
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

      // DAEMON_OPTIONS: the hover says where this daemon listens (Debian's loopback-only MTA)
      const daemon = text.replace("MAILER(`smtp')", "DAEMON_OPTIONS(`Family=inet,  Name=MTA-v4, Port=smtp, Addr=127.0.0.1')dnl\nMAILER(`smtp')");
      const uri2 = 'file:///tmp/protocol-test-daemon/sendmail.mc';
      await c.open(uri2, 'sendmail-mc', daemon);
      const dh = await c.request('textDocument/hover', { textDocument: { uri: uri2 }, position: { line: 3, character: 40 } });
      assert.match(dh.contents.value, /127\.0\.0\.1 \(loopback\) only[\s\S]*no other host can deliver mail here/);

      const actions = await c.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
      const fix = actions.find((a: { kind: string }) => a.kind === 'quickfix');
      assert.ok(fix, JSON.stringify(actions));
      assert.deepStrictEqual(fix.edit.changes[uri], [{ range: d.range, newText: 'access_db' }]);
    } finally { await c.shutdown(); }
  });

  it('answers folding ranges and document links (include path to the installed cf.m4)', async function () {
    if (!fs.existsSync('/usr/share/sendmail/cf/m4/cf.m4')) this.skip();
    const c = new LspClient();
    try {
      const init = await c.initialize();
      assert.strictEqual(init.capabilities.foldingRangeProvider, true);
      assert.deepStrictEqual(init.capabilities.documentLinkProvider, { resolveProvider: false });
      const folded = "divert(-1)\n# header\n# more\ndivert(0)dnl\n" + text;
      await c.open(uri, 'sendmail-mc', folded);
      const ranges = await c.request('textDocument/foldingRange', { textDocument: { uri } });
      assert.deepStrictEqual(ranges.map((r: { startLine: number; endLine: number }) => [r.startLine, r.endLine]), [[0, 2], [1, 2]]);
      const links = await c.request('textDocument/documentLink', { textDocument: { uri } });
      assert.deepStrictEqual(links.map((l: { range: unknown; target: string }) => [l.range, l.target]), [
        [{ start: { line: 4, character: 9 }, end: { line: 4, character: 40 } }, 'file:///usr/share/sendmail/cf/m4/cf.m4'],
      ]);
    } finally { await c.shutdown(); }
  });
});
