// A map FEATURE whose database was never built, checked against the real sendmail over SMTP:
// without access.db every MAIL FROM gets 451 4.3.0 while we warn on the FEATURE line; after
// makemap sendmail accepts the sender and the warning is gone.
import * as assert from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LanguageService, diskWorkspace } from '../../../server/src/service';
import { MAKEMAP, realSendmailSandbox, testMc } from '../commands/etcMail';
import { smtpSession } from '../smtpSession';


describe('mc: a map database that was never built, checked with the real sendmail', function () {
  this.timeout(400_000);
  const box = realSendmailSandbox('sendmail-mapdb-');
  let dir = '', sendmail = '';
  before(() => ({ dir, sendmail } = box));

  /** Writes an mc with FEATURE(access_db, spec) and an unbuilt access source; returns our warnings and the MAIL FROM answer. */
  const setUp = (spec: string) => {
    const access = path.join(dir, 'access');
    const mc = testMc(dir, [`FEATURE(\`access_db', \`${spec} ${access}')dnl`]);
    const mcPath = path.join(dir, 'sendmail.mc');
    fs.writeFileSync(mcPath, mc);
    fs.writeFileSync(access, 'Connect:192.0.2.1\tREJECT\n');
    fs.rmSync(`${access}.db`, { force: true });
    const cf = path.join(dir, 'sendmail.cf');
    fs.writeFileSync(cf, execFileSync('m4', ['sendmail.mc'], { cwd: dir, encoding: 'utf8' }));
    const ours = () => {
      const svc = new LanguageService(diskWorkspace());
      svc.open(`file://${mcPath}`, 'sendmail-mc', 1, mc);
      return svc.diagnostics(`file://${mcPath}`).filter((d) => d.code === 'mc.map-database-missing');
    };
    // The answer to MAIL FROM (with the map missing, sendmail prints its "missing map file" line before the greeting).
    const mail = async () => {
      const replies = await smtpSession(sendmail, cf, ['HELO client.example', 'MAIL FROM:<s@mail.example.test>', 'QUIT', 'QUIT']);
      return replies.find((r) => /^(451 4\.3\.0|250 2\.1\.0) /.test(r)) ?? replies.join(' | ');
    };
    const build = () => execFileSync(MAKEMAP, ['hash', access], { input: fs.readFileSync(access), stdio: ['pipe', 'ignore', 'ignore'] });
    return { ours, mail, build };
  };

  it('access.db missing: 451 for every sender and our warning; built: accepted and silent', async () => {
    const { ours, mail, build } = setUp('hash -T<TMPF>');
    const before = ours();
    assert.strictEqual(before.length, 1);
    assert.match(String(before[0].message), /"451 4\.3\.0 Temporary system failure"/);
    assert.match(await mail(), /^451 4\.3\.0 /);
    build();
    assert.deepStrictEqual(ours(), []);
    assert.match(await mail(), /^250 2\.1\.0 /);
  });

  it('an optional (-o) map: mail flows without it, and we say only that its entries are not in effect', async () => {
    const { ours, mail } = setUp('hash -o -T<TMPF>');
    const ds = ours();
    assert.strictEqual(ds.length, 1);
    assert.match(String(ds[0].message), /optional \(-o\), so sendmail runs without it: none of its entries are in effect/);
    assert.doesNotMatch(String(ds[0].message), /451/);
    assert.match(await mail(), /^250 2\.1\.0 /);
  });
});
