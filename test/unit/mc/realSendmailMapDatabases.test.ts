// A map FEATURE whose database was never built, checked against the real sendmail over SMTP:
// without access.db every MAIL FROM gets 451 4.3.0 while we warn on the FEATURE line; after
// makemap sendmail accepts the sender and the warning is gone.
import * as assert from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LanguageService, diskWorkspace } from '../../../server/src/service';
import { tempDir, rmrf, sendmailForTests, SENDMAIL, MAKEMAP } from '../commands/etcMail';
import { smtpSession } from '../smtpSession';

const CF = '/usr/share/sendmail/cf';

describe('mc: a map database that was never built, checked with the real sendmail', function () {
  this.timeout(400_000);
  let dir = '';
  let sendmail = '';
  before(function () {
    if (!fs.existsSync(`${CF}/m4/cf.m4`) || !fs.existsSync(SENDMAIL) || spawnSync('m4', ['--version']).status !== 0) this.skip();
    dir = tempDir('sendmail-mapdb-');
    fs.mkdirSync(path.join(dir, 'queue'));
    sendmail = sendmailForTests(dir);
  });
  after(() => { if (dir) rmrf(dir); });

  it('access.db missing: 451 for every sender and our warning; built: accepted and silent', async () => {
    const access = path.join(dir, 'access');
    const mc = [
      `include(\`${CF}/m4/cf.m4')dnl`, "OSTYPE(`linux')dnl", "define(`confDOMAIN_NAME', `mail.example.test')dnl",
      "define(`confDONT_BLAME_SENDMAIL', `MapInUnsafeDirPath')dnl", `define(\`QUEUE_DIR', \`${dir}/queue')dnl`,
      `FEATURE(\`access_db', \`hash -T<TMPF> ${access}')dnl`, "MAILER(`local')dnl", "MAILER(`smtp')dnl", '',
    ].join('\n');
    const mcPath = path.join(dir, 'sendmail.mc');
    fs.writeFileSync(mcPath, mc);
    fs.writeFileSync(access, 'Connect:192.0.2.1\tREJECT\n');
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

    const before = ours();
    assert.strictEqual(before.length, 1);
    assert.match(String(before[0].message), /"451 4\.3\.0 Temporary system failure"/);
    assert.match(await mail(), /^451 4\.3\.0 /);

    execFileSync(MAKEMAP, ['hash', access], { input: fs.readFileSync(access), stdio: ['pipe', 'ignore', 'ignore'] });
    assert.deepStrictEqual(ours(), []);
    assert.match(await mail(), /^250 2\.1\.0 /);
  });
});
