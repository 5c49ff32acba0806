// sendmail.codeLens.testRoute over the protocol: the client's initializationOptions
// (testRouteLenses: false) start the server without Test route lenses, and a change of the
// setting (workspace/configuration after didChangeConfiguration) turns them on and off, with a
// workspace/codeLens/refresh request to clients that support it.
import * as assert from 'node:assert/strict';
import { LspClient } from './lspClient';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('protocol: the Test route lens setting', function () {
  this.timeout(30_000);
  const uri = 'file:///etc/mail/mailertable';
  const clients: LspClient[] = [];
  afterEach(async () => { for (const c of clients.splice(0)) await c.shutdown(); });

  async function start(initializationOptions: Json, setting: { testRoute: boolean }): Promise<{ c: LspClient; lenses: () => Promise<number> }> {
    const c = new LspClient();
    clients.push(c);
    c.configuration = () => ({ codeLens: setting });
    await c.request('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true, codeLens: { refreshSupport: true } } }, initializationOptions });
    c.notify('initialized', {});
    await c.open(uri, 'sendmail-mailertable', 'example.com esmtp:[mx.example.com]\n');
    const lenses = async () => ((await c.request('textDocument/codeLens', { textDocument: { uri } })) ?? []).filter((l: Json) => l.command?.command === 'sendmail.testRoute').length;
    return { c, lenses };
  }

  it('testRouteLenses: false at start: no lenses; on by default', async () => {
    assert.equal(await (await start({ clientCommands: true, testRouteLenses: false }, { testRoute: false })).lenses(), 0);
    assert.equal(await (await start({ clientCommands: true }, { testRoute: true })).lenses(), 1);
  });

  it('a changed setting turns them off and on again, asking the client to refresh its lenses', async () => {
    const setting = { testRoute: true };
    const { c, lenses } = await start({ clientCommands: true }, setting);
    assert.equal(await lenses(), 1);
    const refreshes = () => c.requests.filter((m) => m.method === 'workspace/codeLens/refresh').length;
    const refreshed = async (n: number) => { for (let i = 0; i < 200 && refreshes() < n; i++) await new Promise((r) => setTimeout(r, 20)); assert.equal(refreshes(), n); };
    setting.testRoute = false;
    c.notify('workspace/didChangeConfiguration', { settings: null });
    await refreshed(1);
    assert.equal(await lenses(), 0);
    setting.testRoute = true;
    c.notify('workspace/didChangeConfiguration', { settings: null });
    await refreshed(2);
    assert.equal(await lenses(), 1);
  });
});
