// Diagnose delivery for other editors: workspace/executeCommand sendmail.diagnoseDelivery, only
// with allowPrograms. The configuration routes refused.test to [127.0.0.1] (mailertable); nothing
// listens on 127.0.0.1:25 in this test, so the real connection is refused and the verdict says so.
// sendmail is pointed at a missing program, so the route comes from the model (labelled as such).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from './lspClient';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const port25Free = () => new Promise<boolean>((resolve) => {
  const s = net.connect({ host: '127.0.0.1', port: 25 });
  s.once('connect', () => { s.destroy(); resolve(false); });
  s.once('error', () => resolve(true));
});

describe('protocol: Diagnose delivery through workspace/executeCommand', function () {
  this.timeout(60_000);
  let dir: string;
  before(async function () {
    if (!(await port25Free())) this.skip(); // something answers on port 25 here: the verdict would differ
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sendmail-diagnose-cmd-'));
    fs.writeFileSync(path.join(dir, 'sendmail.mc'), "include(`/usr/share/sendmail/cf/m4/cf.m4')dnl\nOSTYPE(`linux')dnl\nFEATURE(`mailertable')dnl\nMAILER(`local')dnl\nMAILER(`smtp')dnl\n");
    fs.writeFileSync(path.join(dir, 'mailertable'), 'refused.test\tesmtp:[127.0.0.1]\n');
  });
  after(() => { if (dir) fs.rmSync(dir, { recursive: true, force: true }); });

  async function start(init: Json): Promise<LspClient> {
    const c = new LspClient();
    await c.initialize(pathToFileURL(dir).toString(), init);
    return c;
  }

  it('refused without allowPrograms; with it, the connection is tried and the verdict says it was refused', async () => {
    const args = [pathToFileURL(path.join(dir, 'mailertable')).toString(), 'user@refused.test'];
    const off = await start({ programs: { sendmail: '/nonexistent/sendmail' } });
    const refused = await off.call('workspace/executeCommand', { command: 'sendmail.diagnoseDelivery', arguments: args });
    assert.ok(refused.error, 'refused');
    await off.shutdown();

    const c = await start({ allowPrograms: true, programs: { sendmail: '/nonexistent/sendmail', m4: '/nonexistent/m4' } });
    const shown = c.waitFor((m) => m.method === 'window/showMessage', 50_000);
    const r = await c.request('workspace/executeCommand', { command: 'sendmail.diagnoseDelivery', arguments: args }, 50_000);
    assert.equal(r.ok, false);
    assert.match(JSON.stringify(r.probes), /refused/i, JSON.stringify(r.probes));
    assert.match(r.report, /127\.0\.0\.1/);
    assert.match(r.verdict.text, /refus/i);
    assert.equal((await shown).params.message, r.verdict.text);
    await c.shutdown();
  });
});
