// source.fixAll.sendmail through the real server over stdio (issue #11): the server advertises the
// kind, answers a "Fix All" / codeActionsOnSave request with one edit that mends every m4 quoting
// mistake, and has nothing more to offer once that edit is applied.
import * as assert from 'node:assert';
import { LspClient } from './lspClient';

describe('protocol: Fix All m4 quoting (source.fixAll.sendmail)', function () {
  this.timeout(30000);
  const uri = 'file:///tmp/protocol-fixall/sendmail.mc';
  const text = "include('/usr/share/sendmail/cf/m4/cf.m4')dnl\nOSTYPE('linux')dnl\ndefine('SMART_HOST', 'smtp.example.com')dnl\nMAILER(local')dnl\n";
  const fixed = "include(`/usr/share/sendmail/cf/m4/cf.m4')dnl\nOSTYPE(`linux')dnl\ndefine(`SMART_HOST', `smtp.example.com')dnl\nMAILER(`local')dnl\n";

  it('is advertised, mends the file in one edit, and then offers nothing', async () => {
    const c = new LspClient();
    try {
      const init = await c.initialize();
      assert.deepStrictEqual(init.capabilities.codeActionProvider.codeActionKinds, ['quickfix', 'source.fixAll.sendmail']);
      await c.open(uri, 'sendmail-mc', text);
      const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      const actions = await c.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [], only: ['source.fixAll'] } });
      assert.deepStrictEqual(actions.map((a: { kind: string }) => a.kind), ['source.fixAll.sendmail']);
      const [edit] = actions[0].edit.changes[uri];
      const lines = text.split('\n');
      const off = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
      const after = text.slice(0, off(edit.range.start)) + edit.newText + text.slice(off(edit.range.end));
      assert.strictEqual(after, fixed);
      c.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: after }] });
      const again = await c.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [], only: ['source.fixAll'] } });
      assert.deepStrictEqual(again, []);
    } finally { await c.shutdown(); }
  });
});
