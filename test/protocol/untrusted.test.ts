// The bundled server in an untrusted workspace (initializationOptions.trusted === false): it
// reads no file outside the workspace folders, so a confCW_FILE pointing elsewhere gives no
// finding that depends on that file's words; and a client without commands gets no CodeLens
// that runs one. Editors that do not send `trusted` keep reading everywhere.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from './lspClient';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('protocol: untrusted workspace', function () {
  this.timeout(30000);
  let root: string;
  let folder: string;
  before(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sendmail-untrusted-')));
    folder = path.join(root, 'ws');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(root, 'words'), 'guessed.example\n'); // outside the folder
    fs.writeFileSync(path.join(folder, 'sendmail.mc'), "include(`/usr/share/sendmail/cf/m4/cf.m4')dnl\nOSTYPE(`linux')dnl\n"
      + `define(\`confCW_FILE', \`${path.join(root, 'words')}')dnl\nFEATURE(\`use_cw_file')dnl\nFEATURE(\`mailertable')dnl\nMAILER(\`local')dnl\nMAILER(\`smtp')dnl\n`);
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  /** Starts the server with these initializationOptions, opens the mailertable, returns its diagnostics and CodeLenses. */
  async function session(initializationOptions: Json): Promise<{ codes: string[]; lenses: Json[] }> {
    const c = new LspClient();
    try {
      const folderUri = pathToFileURL(folder).toString();
      await c.request('initialize', { processId: process.pid, rootUri: folderUri, workspaceFolders: [{ uri: folderUri, name: 'ws' }], capabilities: {}, initializationOptions });
      c.notify('initialized', {});
      const uri = pathToFileURL(path.join(folder, 'mailertable')).toString();
      const diags = await c.open(uri, 'sendmail-mailertable', 'guessed.example\tesmtp:[mx.example.net]\nother.example\tesmtp:[mx.example.net]\n');
      const lenses = await c.request('textDocument/codeLens', { textDocument: { uri } });
      return { codes: diags.map((d: Json) => d.code), lenses: lenses ?? [] };
    } finally { await c.shutdown(); }
  }

  it('trusted: false: a confCW_FILE outside the folder is not read; no CodeLens runs a command', async () => {
    const s = await session({ trusted: false });
    assert.ok(!s.codes.includes('mailertable.local-name'), JSON.stringify(s.codes));
    assert.deepStrictEqual(s.lenses.filter((l: Json) => l.command), []);
  });

  it('trusted: false: a folder added to the workspace later may be read, and is no longer once removed', async () => {
    const c = new LspClient();
    try {
      const folderUri = pathToFileURL(folder).toString(), rootUri = pathToFileURL(root).toString();
      await c.request('initialize', { processId: process.pid, rootUri: folderUri, workspaceFolders: [{ uri: folderUri, name: 'ws' }],
        capabilities: { workspace: { workspaceFolders: true } }, initializationOptions: { trusted: false } });
      c.notify('initialized', {});
      const uri = pathToFileURL(path.join(folder, 'mailertable')).toString();
      const codes = (ds: Json[]) => ds.map((d: Json) => d.code);
      const text = 'guessed.example\tesmtp:[mx.example.net]\n';
      assert.ok(!codes(await c.open(uri, 'sendmail-mailertable', text)).includes('mailertable.local-name'), 'words outside the folder not read');
      const change = (event: Json, want: boolean) => {
        const p = c.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && codes(m.params.diagnostics).includes('mailertable.local-name') === want);
        c.notify('workspace/didChangeWorkspaceFolders', { event });
        return p;
      };
      await change({ added: [{ uri: rootUri, name: 'root' }], removed: [] }, true);
      await change({ added: [], removed: [{ uri: rootUri, name: 'root' }] }, false);
    } finally { await c.shutdown(); }
  });

  it('an editor that does not say (no trusted option) reads it, as before; lenses only with clientCommands', async () => {
    const s = await session({});
    assert.ok(s.codes.includes('mailertable.local-name'), JSON.stringify(s.codes));
    assert.deepStrictEqual(s.lenses.filter((l: Json) => l.command), []);
    const withCommands = await session({ clientCommands: true });
    assert.ok(withCommands.lenses.some((l: Json) => l.command?.command === 'sendmail.testRoute'));
  });
});
