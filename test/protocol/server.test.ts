// The bundled server, started as other editors start it, answers real LSP messages.
import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import { LspClient, SERVER } from './lspClient';

describe('protocol: server lifecycle', () => {
  it('answers initialize over --stdio with the capabilities it implements', async () => {
    const c = new LspClient();
    try {
      const r = await c.initialize();
      assert.strictEqual(r.serverInfo.name, 'sendmail-language-server');
      assert.strictEqual(r.capabilities.textDocumentSync.change, 2, 'incremental sync');
      assert.ok(r.capabilities.hoverProvider);
      assert.ok(r.capabilities.semanticTokensProvider.legend.tokenTypes.includes('macro'));
    } finally { await c.shutdown(); }
  });

  it('refuses a TCP socket transport (the server opens nothing on the network)', () => {
    const r = spawnSync(process.execPath, [SERVER, '--socket=5007'], { encoding: 'utf8', timeout: 10000 });
    assert.strictEqual(r.status, 2);
    assert.match(r.stderr, /TCP sockets are not supported/);
  });

  it('without a transport flag prints usage and exits 2 instead of hanging', () => {
    const r = spawnSync(process.execPath, [SERVER], { encoding: 'utf8', timeout: 10000 });
    assert.strictEqual(r.status, 2);
    assert.match(r.stderr, /Usage: sendmail-language-server --stdio/);
  });
});
