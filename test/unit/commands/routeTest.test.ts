// Test route against the real sendmail -bt, on a cf generated from the fixture mc with maps
// built in the same temp dir; and the Explain-route model must give the same answers.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { testRoute, parseBtOutput } from '../../../client/src/commands/routeTest';
import { verifyAddress } from '../../../client/src/commands/verify';
import { disagreements, summarize } from '../../../client/src/commands/routeReport';
import { explainRoute, loadRouteModel } from '../../../server/src/service/route';
import { diskWorkspace } from '../../../server/src/service/workspace';
import { LanguageService } from '../../../server/src/service';
import { copyEtcMail, rmrf, plainM4, buildFixtureMaps, sendmailForTests, tempDir, MAKEMAP } from './etcMail';
import { execFileSync } from 'node:child_process';

describe('commands: test route (real sendmail -bt)', function () {
  this.timeout(200_000); // sendmail may sleep 60 s on hosts without a qualified name
  let dir: string;
  let cfPath: string;
  let sendmail: string;
  before(() => {
    dir = copyEtcMail();
    cfPath = path.join(dir, 'sendmail.cf');
    fs.writeFileSync(cfPath, plainM4(dir));
    buildFixtureMaps(dir);
    sendmail = sendmailForTests(dir);
  });
  after(() => rmrf(dir));

  const cases: Array<{ address: string; mailer: string; host?: string; user: string; key?: string; mx: boolean }> = [
    { address: 'postmaster@example.com', mailer: 'esmtp', host: '[mx.example.com]', user: 'postmaster@example.com', key: 'example.com', mx: false },
    { address: 'bob@a.b.example.org', mailer: 'relay', host: 'gw.example.org', user: 'bob@a.b.example.org', key: '.example.org', mx: true },
    { address: 'someone@other.test', mailer: 'relay', host: 'smart.example.net', user: 'someone@other.test', mx: true },
    { address: 'joe@example.test', mailer: 'local', user: 'joe', mx: false },
    { address: 'root', mailer: 'local', user: 'root', mx: false },
    { address: 'y@legacy.example.test', mailer: 'local', user: 'bob', key: 'legacy.example.test', mx: false },
    // An address literal of the loopback is local (sendmail puts [127.0.0.1] in class w); another goes to the smart host.
    { address: 'postmaster@[127.0.0.1]', mailer: 'local', user: 'postmaster', mx: false },
    { address: 'someone@[192.0.2.7]', mailer: 'esmtp', host: 'smart.example.net', user: 'someone@[192.0.2.7]', mx: true },
  ];

  for (const c of cases) {
    it(`routes ${c.address} like sendmail does, and the model agrees`, async () => {
      const r = await testRoute(c.address, { sendmail, cfPath });
      assert.equal(r.ok, true, `${r.error}\n${r.trace}`);
      assert.equal(r.mailer, c.mailer, r.trace);
      if (c.host) assert.equal(r.host, c.host);
      assert.equal(r.user, c.user);
      assert.equal(r.mailertable?.key, c.key);
      assert.equal(r.mx, c.mx);
      assert.equal(r.afterAliases, undefined, 'no MAIL_HUB/LOCAL_RELAY/LUSER_RELAY: local users stay local');
      const model = explainRoute(c.address, loadRouteModel(diskWorkspace(), dir));
      assert.deepEqual(disagreements(r, model), []);
      assert.equal(model.matched?.key, c.key);
    });
  }

  // Ruleset 5 (after aliases) forwards local users: MAIL_HUB all of them, LUSER_RELAY those without an account here.
  const withDefine = (define: string) => {
    const mc = fs.readFileSync(path.join(dir, 'sendmail.mc'), 'utf8').replace("MAILER(`local')", `${define}dnl\nMAILER(\`local')`);
    const d = fs.mkdtempSync(path.join(dir, 'variant-'));
    fs.writeFileSync(path.join(d, 'sendmail.mc'), mc);
    fs.writeFileSync(path.join(d, 'sendmail.cf'), plainM4(d));
    return d;
  };

  it('MAIL_HUB: a local user is forwarded to the hub after aliases; the model says the same', async () => {
    const d = withDefine("define(`MAIL_HUB', `hub.example.net')");
    const r = await testRoute('joe@example.test', { sendmail, cfPath: path.join(d, 'sendmail.cf') });
    assert.equal(r.mailer, 'local', r.trace);
    assert.deepEqual(r.afterAliases, { mailer: 'relay', host: 'hub.example.net', user: 'joe@hub.example.net', mx: true });
    const model = explainRoute('joe@example.test', loadRouteModel(diskWorkspace(), d));
    assert.deepEqual(model.afterAliases, r.afterAliases);
    assert.deepEqual(disagreements(r, model), []);
    assert.match(summarize('joe@example.test', r, undefined, 'sendmail -bt'), /forwards user joe to hub\.example\.net by mailer relay/);
  });

  it('LUSER_RELAY: only users without an account on this machine leave it', async () => {
    const d = withDefine("define(`LUSER_RELAY', `[luser.example.net]')");
    const cf = path.join(d, 'sendmail.cf');
    const root = await testRoute('root', { sendmail, cfPath: cf });
    assert.equal(root.mailer, 'local', root.trace);
    assert.equal(root.afterAliases, undefined, 'root has an account here');
    const nobody = await testRoute('nosuchuserzq', { sendmail, cfPath: cf });
    assert.deepEqual(nobody.afterAliases, { mailer: 'relay', host: '[luser.example.net]', user: 'nosuchuserzq@[luser.example.net]', mx: false });
    const model = explainRoute('nosuchuserzq', loadRouteModel(diskWorkspace(), d));
    assert.equal(model.afterAliases, undefined, 'the model cannot know accounts');
    assert.ok(model.steps.some((x) => /LUSER_RELAY is \[luser\.example\.net\]: if nosuchuserzq has no account/.test(x)), model.steps.join('\n'));
    assert.deepEqual(disagreements(nobody, model), []);
  });

  it('virtusertable: sendmail and the model agree on exact, +detail, catch-all and error entries', async () => {
    const d = withDefine("FEATURE(`virtusertable', `hash __VT__')dnl\nVIRTUSER_DOMAIN(`virt.example')");
    const vt = path.join(d, 'virtusertable');
    const mc = fs.readFileSync(path.join(d, 'sendmail.mc'), 'utf8').replace('__VT__', vt);
    fs.writeFileSync(path.join(d, 'sendmail.mc'), mc);
    fs.writeFileSync(path.join(d, 'sendmail.cf'), plainM4(d));
    const table = 'info@virt.example\tbob\nsales@virt.example\tsales@example.com\njoe+*@virt.example\t%2@detail.example.org\nbad@virt.example\terror:nouser No such user\n@virt.example\t%1@catchall.example.net\n';
    fs.writeFileSync(vt, table);
    execFileSync(MAKEMAP, ['hash', vt], { input: table, stdio: ['pipe', 'ignore', 'ignore'] });
    const cases: Array<[string, string, string | undefined, string, string]> = [
      ['info@virt.example', 'local', undefined, 'bob', 'info@virt.example'],
      ['sales@virt.example', 'esmtp', '[mx.example.com]', 'sales@example.com', 'sales@virt.example'],
      ['joe+news@virt.example', 'relay', 'gw.example.org', 'news@detail.example.org', 'joe+*@virt.example'],
      ['bad@virt.example', '*error*', 'nouser', 'No such user', 'bad@virt.example'],
      ['x@virt.example', 'relay', 'smart.example.net', 'x@catchall.example.net', '@virt.example'],
    ];
    const routes = loadRouteModel(diskWorkspace(), d);
    for (const [address, mailer, host, user, key] of cases) {
      const r = await testRoute(address, { sendmail, cfPath: path.join(d, 'sendmail.cf') });
      assert.deepEqual([r.mailer, r.host, r.user], [mailer, host, user], r.trace);
      const model = explainRoute(address, routes);
      assert.deepEqual(disagreements(r, model), [], `${address}: ${model.steps.join(' / ')}`);
      assert.equal(model.virtuser?.key, key);
    }
    assert.match(summarize('bad@virt.example', { mailer: '*error*', host: 'nouser', user: 'No such user' }, undefined, 'sendmail -bt'), /is rejected with status nouser: No such user/);
  });

  it('a mailertable entry for a local name is never used: sendmail delivers locally, and we say so on that line', async () => {
    const d2 = copyEtcMail(tempDir());
    try {
      fs.appendFileSync(path.join(d2, 'mailertable'), 'example.test\tesmtp:[10.9.9.9]\n.example.test\tesmtp:[10.9.9.8]\n');
      fs.writeFileSync(path.join(d2, 'sendmail.cf'), plainM4(d2));
      buildFixtureMaps(d2);
      const cf = path.join(d2, 'sendmail.cf');
      assert.equal((await testRoute('u@example.test', { sendmail, cfPath: cf })).mailer, 'local');
      assert.equal((await testRoute('u@sub.example.test', { sendmail, cfPath: cf })).host, '[10.9.9.8]');
      const svc = new LanguageService(diskWorkspace());
      const uri = `file://${path.join(d2, 'mailertable')}`;
      const text = fs.readFileSync(path.join(d2, 'mailertable'), 'utf8');
      svc.open(uri, 'sendmail-mailertable', 1, text);
      const lines = text.split('\n');
      assert.deepEqual(svc.diagnostics(uri).filter((x) => x.code === 'mailertable.local-name').map((x) => lines[x.range.start.line]), ['example.test\tesmtp:[10.9.9.9]']);
    } finally { rmrf(d2); }
  });

  it('reports a disagreement when the model is given a different mailertable', async () => {
    const r = await testRoute('postmaster@example.com', { sendmail, cfPath });
    const model = loadRouteModel(diskWorkspace(), dir);
    model.mailertable = [];
    const d = disagreements(r, explainRoute('postmaster@example.com', model));
    assert.ok(d.some((x) => /mailertable: sendmail matched "example.com"/.test(x)), d.join('\n'));
  });

  it('refuses an injection address and creates nothing', async () => {
    const marker = path.join(tempDir('sendmail-inject-'), 'x');
    for (const address of [`a@b.example; touch ${marker}`, `a@b.example\n/tryflags`, '-oQ/tmp', `$(touch ${marker})@x`]) {
      const log: string[] = [];
      const r = await testRoute(address, { sendmail, cfPath, log: (l) => log.push(l) });
      assert.equal(r.ok, false);
      assert.match(r.error ?? '', /Address refused/);
      assert.ok(!log.some((l) => l.startsWith('$ ')), 'no program was run');
      const v = await verifyAddress(address, { sendmail, cfPath });
      assert.match(v.error ?? '', /Address refused/);
    }
    assert.equal(fs.existsSync(marker), false);
    rmrf(path.dirname(marker));
  });

  it('verifies a local address with sendmail -bv', async () => {
    const v = await verifyAddress('root', { sendmail, cfPath });
    assert.match(v.output, /root/, v.output + v.error);
  });

  it('parses -bt output: error answers and the unqualified-host hint', () => {
    const r = parseBtOutput('x@y', '> My unqualified host name (vm) unknown; sleeping for retry\n> x@y... User address required\n');
    assert.equal(r.ok, false);
    assert.match(r.error ?? '', /User address required/);
    assert.equal(r.hints.length, 1);
  });
});
