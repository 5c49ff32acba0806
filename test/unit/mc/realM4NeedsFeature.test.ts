// Settings that need a FEATURE (or MASQUERADE_AS) to do anything, checked with the real m4:
// without it sendmail.cf lacks the line the setting should produce, and we warn; with it (added
// by our quick fix where there is one, or by a DOMAIN file that turns it on) the line is there
// and we are silent.
import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { LanguageService, diskWorkspace } from '../../../server/src/service';
import { applyEdits } from '../helpers';

const CF = '/usr/share/sendmail/cf';
const HEAD = `include(\`${CF}/m4/cf.m4')dnl\nOSTYPE(\`linux')dnl\n`;
const TAIL = "MAILER(`local')dnl\nMAILER(`smtp')dnl\n";

const CASES: { setting: string; needs: string; effect: RegExp }[] = [
  { setting: "define(`confCW_FILE', `-o /etc/mail/local-host-names')dnl", needs: "FEATURE(`use_cw_file')dnl", effect: /^Fw-o \/etc\/mail\/local-host-names/m },
  { setting: "define(`confCT_FILE', `-o /etc/mail/trusted-users')dnl", needs: "FEATURE(`use_ct_file')dnl", effect: /^Ft-o \/etc\/mail\/trusted-users/m },
  { setting: "VIRTUSER_DOMAIN(`virt.example')dnl", needs: "FEATURE(`virtusertable')dnl", effect: /^Kvirtuser /m },
  { setting: "GENERICS_DOMAIN(`gen.example')dnl", needs: "FEATURE(`genericstable')dnl", effect: /^Kgenerics /m },
  { setting: "MASQUERADE_DOMAIN(`inside.example')dnl", needs: "MASQUERADE_AS(`example.com')dnl", effect: /^DMexample\.com$/m },
];

function m4(text: string): string {
  return spawnSync('m4', [`-D_CF_DIR_=${CF}/`], { input: text, encoding: 'utf8' }).stdout;
}
function analyse(text: string) {
  const svc = new LanguageService(diskWorkspace());
  const uri = 'file:///tmp/real-m4-needs/sendmail.mc';
  svc.open(uri, 'sendmail-mc', 1, text);
  const ds = svc.diagnostics(uri).filter((d) => d.code === 'mc.needs-feature');
  return { ds, fix: () => applyEdits(text, svc.codeActions(uri, ds[0].range, [ds[0]])[0].edit!.changes![uri]) };
}

describe('mc: settings that need a FEATURE, checked against the real m4', function () {
  this.timeout(30000);
  before(function () { if (!fs.existsSync(`${CF}/m4/cf.m4`) || spawnSync('m4', ['--version']).status !== 0) this.skip(); });

  for (const c of CASES) {
    it(`${c.setting.replace(/dnl$/, '')} without ${c.needs.replace(/dnl$/, '')}`, () => {
      const bad = `${HEAD}${c.setting}\n${TAIL}`;
      assert.doesNotMatch(m4(bad), c.effect, 'without it sendmail.cf lacks the setting');
      const a = analyse(bad);
      assert.strictEqual(a.ds.length, 1);
      const good = c.needs.startsWith('FEATURE') ? a.fix() : `${HEAD}${c.needs}\n${c.setting}\n${TAIL}`;
      assert.ok(good.includes(c.needs), good);
      assert.match(m4(good), c.effect, 'with it sendmail.cf has the setting');
      assert.deepStrictEqual(analyse(good).ds, []);
    });
  }

  it('define(`MASQUERADE_NAME\') is what MASQUERADE_AS does: it counts', () => {
    const text = `${HEAD}define(\`MASQUERADE_NAME', \`example.com')dnl\n${CASES[4].setting}\n${TAIL}`;
    assert.match(m4(text), CASES[4].effect);
    assert.deepStrictEqual(analyse(text).ds, []);
  });

  it('a DOMAIN file that turns the FEATURE on (domain/generic.m4: use_cw_file) counts', () => {
    const text = `${HEAD}DOMAIN(\`generic')dnl\n${CASES[0].setting}\n${TAIL}`;
    assert.match(m4(text), CASES[0].effect);
    assert.deepStrictEqual(analyse(text).ds, []);
  });
});
