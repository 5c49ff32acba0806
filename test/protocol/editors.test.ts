// The standalone server as Neovim, Helix and Emacs start it: `sendmail-language-server --stdio`,
// with whatever languageId the editor sends (a filetype like "m4", or "plaintext"): the server
// recognises the sendmail files by name and answers diagnostics and hover.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from './lspClient';

describe('protocol: standalone server for other editors', () => {
  let c: LspClient;
  let dir: string;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lsp-editors-'));
    c = new LspClient(['--stdio']);
    await c.initialize(pathToFileURL(dir).href);
  });
  after(async () => { await c.shutdown(); });

  it('checks a sendmail.mc sent with languageId "m4" (Neovim filetype) and hovers its FEATURE', async () => {
    const text = "divert(0)dnl\nOSTYPE(`debian')dnl\nFEATURE(`mailertabel')dnl\nFEATURE(`access_db')dnl\nMAILER(`smtp')dnl\n";
    const file = path.join(dir, 'sendmail.mc');
    fs.writeFileSync(file, text);
    const uri = pathToFileURL(file).href;
    const diags = await c.open(uri, 'm4', text);
    const d = diags.find((x: { code: string }) => x.code === 'mc.unknown-feature');
    assert.ok(d, JSON.stringify(diags));
    assert.strictEqual(d.range.start.line, 2);
    const hover = await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 12 } });
    assert.ok(hover, 'hover on access_db');
    assert.match(JSON.stringify(hover.contents), /access/);
  });

  it('checks a mailertable sent as "plaintext" against the sendmail.mc beside it', async () => {
    const text = 'example.com\tesmtp:[mx.example.com]\nold.example\tuucp-dom:gateway\n';
    const uri = pathToFileURL(path.join(dir, 'mailertable')).href;
    fs.writeFileSync(path.join(dir, 'mailertable'), text);
    const diags = await c.open(uri, 'plaintext', text);
    const codes = diags.map((x: { code: string; range: { start: { line: number } } }) => `${x.code}@${x.range.start.line}`);
    assert.ok(codes.includes('mailertable.unknown-mailer@1'), codes.join(','));
    assert.ok(!codes.includes('mailertable.unknown-mailer@0'), 'esmtp is defined by MAILER(smtp)');
  });

  it('ignores documents that are not sendmail files (no diagnostics published)', async () => {
    const uri = pathToFileURL(path.join(dir, 'notes.txt')).href;
    c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: 'FEATURE(`x' } });
    const hover = await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 2 } });
    assert.strictEqual(hover, null);
  });
});
