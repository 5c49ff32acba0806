// The e2e workspace's mail.log is what the real sendmail writes with that workspace's routing
// (e2eLog.ts): each run compares a fresh log with the fixture, line by line without what changes
// from run to run. UPDATE_E2E_LOG=1 writes the fresh log to the fixture first.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import { skipUnlessWorld } from './index';
import { E2E_LOG, E2E_RECIPIENTS, produceE2eLog, shapeOf } from './e2eLog';

describe('e2e workspace mail.log: written by the real sendmail with that workspace\'s routing', function () {
  this.timeout(300_000);
  before(function () { skipUnlessWorld(this); });

  it('a fresh log has the same lines as the fixture', async () => {
    const fresh = await produceE2eLog();
    if (process.env.UPDATE_E2E_LOG === '1') fs.writeFileSync(E2E_LOG, fresh.join('\n') + '\n');
    assert.ok(fs.existsSync(E2E_LOG), `${E2E_LOG} is missing: run this test with UPDATE_E2E_LOG=1`);
    const fixture = fs.readFileSync(E2E_LOG, 'utf8').split('\n').filter(Boolean);
    assert.deepStrictEqual(fixture.map(shapeOf).sort(), fresh.map(shapeOf).sort());
    const stat = (rcpt: string) => fixture.filter((l) => l.includes(`<${rcpt}>`)).map((l) => /stat=(\w+)/.exec(l)?.[1]);
    assert.deepStrictEqual(stat(E2E_RECIPIENTS.deferred), ['Deferred', 'Deferred']);
    assert.deepStrictEqual(stat(E2E_RECIPIENTS.mailertable), ['Sent']);
    assert.deepStrictEqual(stat(E2E_RECIPIENTS.smartHost), ['Sent']);
  });
});
