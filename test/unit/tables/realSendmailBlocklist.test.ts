// access: `To:` entries that refuse mail need FEATURE(`blocklist_recipients'), checked against
// the real sendmail over SMTP: without it RCPT TO is accepted and we warn; our quick fix adds
// the FEATURE line to sendmail.mc, and after m4 + makemap sendmail refuses the recipient.
import * as assert from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LanguageService, diskWorkspace } from '../../../server/src/service';
import { applyEdits } from '../helpers';
import { MAKEMAP, realSendmailSandbox, testMc } from '../commands/etcMail';
import { smtpSession } from '../smtpSession';

// A local recipient: node's stdio is a socket, so sendmail does not count the test client as local for relaying.
const ACCESS = 'To:nobody@mail.example.test\tERROR:5.7.1:550 No mail for them\nTo:relay.example\tRELAY\n';

describe('tables: access To: refusals without blocklist_recipients, checked with the real sendmail', function () {
  this.timeout(400_000);
  const box = realSendmailSandbox('sendmail-blocklist-');
  let dir = '', sendmail = '';
  before(() => ({ dir, sendmail } = box));

  const rcpt = async () => {
    fs.writeFileSync(path.join(dir, 'sendmail.cf'), execFileSync('m4', ['sendmail.mc'], { cwd: dir, encoding: 'utf8' }));
    const replies = await smtpSession(sendmail, path.join(dir, 'sendmail.cf'), ['HELO client.example', 'MAIL FROM:<s@mail.example.test>', 'RCPT TO:<nobody@mail.example.test>', 'QUIT']);
    return replies[3] ?? '';
  };

  it('warns where sendmail accepts the recipient, and the fix makes sendmail refuse it', async () => {
    const mc = testMc(dir, [`FEATURE(\`access_db', \`hash -T<TMPF> ${dir}/access')dnl`]);
    const mcPath = path.join(dir, 'sendmail.mc');
    const accessPath = path.join(dir, 'access');
    fs.writeFileSync(mcPath, mc);
    fs.writeFileSync(accessPath, ACCESS);
    execFileSync(MAKEMAP, ['hash', accessPath], { input: ACCESS, stdio: ['pipe', 'ignore', 'ignore'] });

    const svc = new LanguageService(diskWorkspace());
    const uri = `file://${accessPath}`;
    svc.open(uri, 'sendmail-access', 1, ACCESS);
    const ds = svc.diagnostics(uri).filter((d) => d.code === 'access.feature-missing');
    assert.deepStrictEqual(ds.map((d) => d.range.start.line), [0], 'only the refusing To: line, not the RELAY one');
    const before = await rcpt();
    assert.match(before, /^250 2\.1\.5 .*Recipient ok/, `without the feature sendmail accepts the recipient: ${before}`);

    const fix = svc.codeActions(uri, ds[0].range, [ds[0]]).find((a) => a.edit?.changes?.[`file://${mcPath}`]);
    assert.ok(fix, 'a quick fix edits sendmail.mc');
    fs.writeFileSync(mcPath, applyEdits(mc, fix.edit!.changes![`file://${mcPath}`]));
    assert.match(fs.readFileSync(mcPath, 'utf8'), /FEATURE\(`blocklist_recipients'\)/);
    assert.match(await rcpt(), /^550 5\.7\.1 .*No mail for them/, 'with the feature sendmail refuses it');
    const after = new LanguageService(diskWorkspace());
    after.open(uri, 'sendmail-access', 1, ACCESS);
    assert.deepStrictEqual(after.diagnostics(uri).filter((d) => d.code === 'access.feature-missing'), []);
  });
});
