// The system aliases file without a postmaster alias, checked against the real sendmail:
// `sendmail -bv postmaster` answers "User unknown" while we warn; after our quick fix and
// `sendmail -bi` (newaliases) it is deliverable and the warning is gone.
import * as assert from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LanguageService, diskWorkspace } from '../../../server/src/service';
import { applyEdits } from '../helpers';
import { CF_DIR as CF, realSendmailSandbox } from '../commands/etcMail';


describe('tables: aliases without postmaster, checked with the real sendmail', function () {
  this.timeout(400_000);
  const box = realSendmailSandbox('sendmail-aliases-');
  let dir = '', sendmail = '';
  before(() => ({ dir, sendmail } = box));

  it('warns where postmaster bounces, and the fix makes it deliverable', () => {
    const aliasesPath = path.join(dir, 'aliases');
    const mc = `include(\`${CF}/m4/cf.m4')dnl\nOSTYPE(\`linux')dnl\ndefine(\`confDOMAIN_NAME', \`mail.example.test')dnl\n`
      + `define(\`ALIAS_FILE', \`${aliasesPath}')dnl\ndefine(\`confDONT_BLAME_SENDMAIL', \`TrustStickyBit')dnl\nMAILER(\`local')dnl\n`;
    fs.writeFileSync(path.join(dir, 'sendmail.mc'), mc);
    const cf = path.join(dir, 'sendmail.cf');
    fs.writeFileSync(cf, execFileSync('m4', ['sendmail.mc'], { cwd: dir, encoding: 'utf8' }));
    const verify = (text: string) => {
      fs.writeFileSync(aliasesPath, text);
      spawnSync(sendmail, [`-C${cf}`, '-bi'], { encoding: 'utf8', timeout: 150_000 });
      const r = spawnSync(sendmail, [`-C${cf}`, '-bv', 'postmaster'], { encoding: 'utf8', timeout: 150_000 });
      const svc = new LanguageService(diskWorkspace());
      const uri = `file://${aliasesPath}`;
      svc.open(uri, 'sendmail-aliases', 1, text);
      const ds = svc.diagnostics(uri).filter((d) => d.code === 'aliases.no-postmaster');
      return { said: `${r.stdout}${r.stderr}`, ds, svc, uri };
    };
    const text = '# local aliases\nwebmaster: root\n';
    const before = verify(text);
    assert.match(before.said, /postmaster\.\.\. User unknown/, before.said);
    assert.strictEqual(before.ds.length, 1);
    const fixed = applyEdits(text, before.svc.codeActions(before.uri, before.ds[0].range, [before.ds[0]])[0].edit!.changes![before.uri]);
    assert.strictEqual(fixed, '# local aliases\nwebmaster: root\npostmaster: root\n');
    const after = verify(fixed);
    // sendmail -bv shows where the alias leads
    assert.match(after.said, /^root\.\.\. deliverable: mailer local, user root$/m, after.said);
    assert.doesNotMatch(after.said, /User unknown/);
    assert.deepStrictEqual(after.ds, []);
  });
});
