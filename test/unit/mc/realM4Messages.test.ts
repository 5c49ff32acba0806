// What m4 and the installed sendmail-cf really print, and what the cf looks like, for the
// mistakes whose messages quote them: an unknown FEATURE/MAILER/OSTYPE file (m4 carries on
// and writes a complete cf, exit status 1) and the FEATURE combinations sendmail-cf itself
// complains about. Each case runs the real m4 on the faulty and on the corrected text.
import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import type { Diagnostic } from 'vscode-languageserver-types';
import { LanguageService, diskWorkspace } from '../../../server/src/service';

const CF = '/usr/share/sendmail/cf';
const HEAD = `include(\`${CF}/m4/cf.m4')dnl\nOSTYPE(\`linux')dnl\n`;
const M = "MAILER(`local')dnl\nMAILER(`smtp')dnl\n";

function realM4(text: string): { out: string; err: string; status: number | null } {
  const r = spawnSync('m4', [`-D_CF_DIR_=${CF}/`], { input: text, encoding: 'utf8' });
  return { out: r.stdout, err: r.stderr, status: r.status };
}
function ours(text: string): Diagnostic[] {
  const svc = new LanguageService(diskWorkspace());
  const uri = 'file:///tmp/real-m4-messages/sendmail.mc';
  svc.open(uri, 'sendmail-mc', 1, text);
  return svc.diagnostics(uri);
}
const codesOf = (text: string) => ours(text).map((d) => String(d.code)).sort();

describe('mc messages checked against the real m4 and sendmail-cf', function () {
  this.timeout(30000);
  before(function () { if (!fs.existsSync(`${CF}/m4/cf.m4`) || spawnSync('m4', ['--version']).status !== 0) this.skip(); });

  for (const [kind, call] of [['feature', 'FEATURE'], ['mailer', 'MAILER'], ['OSTYPE', 'OSTYPE']] as const) {
    it(`unknown ${kind}: m4 says "cannot open", carries on and writes a complete cf with exit status 1 — as our message says`, () => {
      const text = `${HEAD}${call}(\`mailertabel')dnl\n${M}`;
      const r = realM4(text);
      assert.strictEqual(r.status, 1);
      assert.match(r.err, /cannot open .*\/mailertabel\.m4/);
      // The whole cf is there: the mailers defined after the failed line and the last ruleset.
      assert.match(r.out, /^Mlocal,/m);
      assert.match(r.out, /^Mrelay,/m);
      assert.ok(r.out.split('\n').length > 1000, 'complete cf written');
      const d = ours(text).find((x) => x.code === `mc.unknown-${kind.toLowerCase()}`);
      assert.ok(d, 'reported');
      assert.match(String(d.message), /carries on.*complete but without this/);
      assert.match(String(d.message), /exit status \(1\)/);
      assert.doesNotMatch(String(d.message), /no sendmail\.cf|stops/);
    });
  }

  it("FEATURE(`delay_checks', `friend') without access_db: sendmail-cf's ERROR, and we report it; without the argument neither does", () => {
    const text = `${HEAD}FEATURE(\`delay_checks', \`friend')dnl\n${M}`;
    assert.match(realM4(text).err, /\*\*\* ERROR: FEATURE\(`delay_checks', `argument'\) requires FEATURE\(`access_db'\)/);
    assert.deepStrictEqual(codesOf(text), ['mc.feature-requires']);
    for (const ok of [text.replace(", `friend'", ''), text.replace('FEATURE(`delay', "FEATURE(`access_db')dnl\nFEATURE(`delay")]) {
      assert.strictEqual(realM4(ok).err, '');
      assert.deepStrictEqual(codesOf(ok), []);
    }
  });

  for (const feature of ["FEATURE(`nullclient', `hub.example.com')", "FEATURE(`msp', `[127.0.0.1]')"]) {
    it(`${feature} then MAILER(local)/MAILER(smtp): "already included" twice, we report both lines; the fix deletes them`, () => {
      const text = `${HEAD}${feature}dnl\n${M}`;
      const r = realM4(text);
      assert.match(r.err, /MAILER\(local\) already included/);
      assert.match(r.err, /MAILER\(smtp\) already included/);
      const ds = ours(text).filter((d) => d.code === 'mc.duplicate-mailer');
      assert.deepStrictEqual(ds.map((d) => d.range.start.line), [3, 4]);
      assert.match(String(ds[0].message), /already includes MAILER\(`local'\) and MAILER\(`smtp'\)/);
      const fixed = `${HEAD}${feature}dnl\n`;
      assert.strictEqual(realM4(fixed).err, '');
      assert.deepStrictEqual(codesOf(fixed), []);
    });
  }

  it('relay_hosts_only before lookupdotdomain: the WARNING, reported; without relay_hosts_only: nothing', () => {
    const text = `${HEAD}FEATURE(\`access_db')dnl\nFEATURE(\`relay_hosts_only')dnl\nFEATURE(\`lookupdotdomain')dnl\n${M}`;
    assert.match(realM4(text).err, /\*\*\* WARNING: FEATURE\(`lookupdotdomain'\) does not work well with FEATURE\(`relay_hosts_only'\)/);
    const [d] = ours(text).filter((x) => x.code === 'mc.feature-conflict');
    assert.strictEqual(d.range.start.line, 4);
    assert.match(String(d.message), /cf\.m4 prints/);
    const ok = text.replace("FEATURE(`relay_hosts_only')dnl\n", '');
    assert.strictEqual(realM4(ok).err, '');
    assert.deepStrictEqual(codesOf(ok), []);
  });

  it('ldap_routing with default maps and no confLDAP_DEFAULT_SPEC: the WARNING, reported; with the spec or both maps: nothing', () => {
    const text = `${HEAD}FEATURE(\`ldap_routing')dnl\n${M}`;
    assert.match(realM4(text).err, /WARNING: Using default FEATURE\(ldap_routing\) map definition\(s\)\nwithout setting confLDAP_DEFAULT_SPEC/);
    assert.deepStrictEqual(codesOf(text), ['mc.ldap-default-spec']);
    const withSpec = `${HEAD}define(\`confLDAP_DEFAULT_SPEC', \`-h ldap.example.com -b dc=example,dc=com')dnl\nFEATURE(\`ldap_routing')dnl\n${M}`;
    const withMaps = `${HEAD}FEATURE(\`ldap_routing', \`ldap -1 -T<TMPF> -h ldap -b o=x -v mailHost -k mail=%0', \`ldap -1 -T<TMPF> -h ldap -b o=x -v mailRoutingAddress -k mail=%0')dnl\n${M}`;
    for (const ok of [withSpec, withMaps]) {
      assert.strictEqual(realM4(ok).err, '');
      assert.deepStrictEqual(codesOf(ok), []);
    }
    const oneMap = `${HEAD}FEATURE(\`ldap_routing', \`ldap -1 -T<TMPF> -h ldap -b o=x -v mailHost -k mail=%0')dnl\n${M}`;
    assert.match(realM4(oneMap).err, /without setting confLDAP_DEFAULT_SPEC/);
    assert.deepStrictEqual(codesOf(oneMap), ['mc.ldap-default-spec']);
  });

  it('10M in confMAX_MESSAGE_SIZE is copied verbatim into the cf (what sendmail then reads as 10)', () => {
    const text = `${HEAD}define(\`confMAX_MESSAGE_SIZE', \`10M')dnl\n${M}`;
    assert.match(realM4(text).out, /^O MaxMessageSize=10M$/m);
    assert.deepStrictEqual(codesOf(text), ['mc.number-with-suffix']);
    const ok = text.replace('10M', '10485760');
    assert.match(realM4(ok).out, /^O MaxMessageSize=10485760$/m);
    assert.deepStrictEqual(codesOf(ok), []);
  });
});
