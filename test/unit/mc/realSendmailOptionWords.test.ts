// Words of list options (PrivacyOptions, DontBlameSendmail), checked against the real sendmail:
// every word of our lists is one sendmail reads, a typo gets our warning quoting exactly the
// line sendmail prints, and our quick fix makes that line go away.
import * as assert from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LanguageService, diskWorkspace } from '../../../server/src/service';
import { WORD_OPTIONS } from '../../../server/src/service/catalog/optionWords';
import { applyEdits } from '../helpers';
import { CF_DIR as CF, realSendmailSandbox } from '../commands/etcMail';


describe('mc: words of PrivacyOptions and DontBlameSendmail, checked with the real sendmail', function () {
  this.timeout(400_000); // sendmail may sleep 60 s at start on hosts without a qualified name
  const box = realSendmailSandbox('sendmail-words-');
  let dir = '', sendmail = '';
  before(() => ({ dir, sendmail } = box));

  /** What sendmail says about the cf built from `defines` when it starts (-bt, no input). */
  const startup = (defines: string): { mc: string; said: string } => {
    const mc = `include(\`${CF}/m4/cf.m4')dnl\nOSTYPE(\`linux')dnl\ndefine(\`confDOMAIN_NAME', \`mail.example.test')dnl\n${defines}MAILER(\`local')dnl\n`;
    fs.writeFileSync(path.join(dir, 'sendmail.mc'), mc);
    const cf = path.join(dir, 'sendmail.cf');
    fs.writeFileSync(cf, execFileSync('m4', ['sendmail.mc'], { cwd: dir, encoding: 'utf8' }));
    const r = spawnSync(sendmail, ['-bt', `-C${cf}`], { input: '', encoding: 'utf8', timeout: 150_000 });
    return { mc, said: `${r.stdout}${r.stderr}` };
  };
  const ours = (mc: string) => {
    const svc = new LanguageService(diskWorkspace());
    const uri = `file://${path.join(dir, 'sendmail.mc')}`;
    svc.open(uri, 'sendmail-mc', 1, mc);
    return { svc, uri, ds: svc.diagnostics(uri).filter((d) => d.code === 'mc.unknown-option-word') };
  };

  it('sendmail reads every word of our lists', () => {
    const defines = Object.entries(WORD_OPTIONS).map(([name, o]) => `define(\`${name}', \`${o.words.join(',')}')dnl\n`).join('');
    const { mc, said } = startup(defines);
    assert.doesNotMatch(said, /unrecognized/, said);
    assert.deepStrictEqual(ours(mc).ds, []);
  });

  for (const [name, typo, meant] of [['confPRIVACY_FLAGS', 'goway', 'goaway'], ['confDONT_BLAME_SENDMAIL', 'MapInUnsafeDirPth', 'MapInUnsafeDirPath']]) {
    it(`${name}: a typo gets the line sendmail prints, and the fix silences sendmail`, () => {
      const { mc, said } = startup(`define(\`${name}', \`authwarnings,${typo}')dnl\n`.replace('authwarnings,', name === 'confPRIVACY_FLAGS' ? 'authwarnings,' : 'TrustStickyBit,'));
      const complaint = WORD_OPTIONS[name].complaint(typo);
      assert.ok(said.includes(complaint), `sendmail said:\n${said}`);
      const { svc, uri, ds } = ours(mc);
      assert.strictEqual(ds.length, 1);
      assert.ok(String(ds[0].message).includes(`"${complaint}"`), String(ds[0].message));
      const fixed = applyEdits(mc, svc.codeActions(uri, ds[0].range, [ds[0]])[0].edit!.changes![uri]);
      assert.ok(fixed.includes(meant));
      fs.writeFileSync(path.join(dir, 'sendmail.mc'), fixed);
      fs.writeFileSync(path.join(dir, 'sendmail.cf'), execFileSync('m4', ['sendmail.mc'], { cwd: dir, encoding: 'utf8' }));
      const r = spawnSync(sendmail, ['-bt', `-C${path.join(dir, 'sendmail.cf')}`], { input: '', encoding: 'utf8', timeout: 150_000 });
      assert.doesNotMatch(`${r.stdout}${r.stderr}`, /unrecognized/);
      assert.deepStrictEqual(ours(fixed).ds, []);
    });
  }
});
