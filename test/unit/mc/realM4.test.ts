// What we claim about tricky sendmail.mc input, checked against the real GNU m4 and the
// installed sendmail-cf: '#' lines after include(cf.m4) run, FEATUREs in an ifdef branch
// that is not taken are no error, nested quotes in DAEMON_OPTIONS and LOCAL_CONFIG text with
// apostrophes are fine.
import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { LanguageService, diskWorkspace } from '../../../server/src/service';

const CF = '/usr/share/sendmail/cf';
const HEAD = `include(\`${CF}/m4/cf.m4')dnl\nOSTYPE(\`linux')dnl\n`;

function realM4(text: string): { out: string; err: string } {
  const r = spawnSync('m4', [`-D_CF_DIR_=${CF}/`], { input: text, encoding: 'utf8' });
  return { out: r.stdout, err: r.stderr };
}
function ours(text: string): string[] {
  const svc = new LanguageService(diskWorkspace());
  const uri = 'file:///tmp/real-m4-test/sendmail.mc';
  svc.open(uri, 'sendmail-mc', 1, text);
  return svc.diagnostics(uri).filter((d) => d.severity! <= DiagnosticSeverity.Warning).map((d) => String(d.code));
}

describe('mc claims checked against the real m4', function () {
  this.timeout(20000);
  before(function () { if (!fs.existsSync(`${CF}/m4/cf.m4`) || spawnSync('m4', ['--version']).status !== 0) this.skip(); });

  it("a '#' line after include(cf.m4) runs its define: we warn, m4 really sets the option", () => {
    const text = `${HEAD}#define(\`SMART_HOST', \`[relay.example.net]')dnl\nMAILER(\`smtp')dnl\n`;
    assert.match(realM4(text).out, /^DS\[relay\.example\.net\]$/m);
    assert.deepStrictEqual(ours(text), ['mc.hash-comment']);
    const fixed = text.replace('#define', 'dnl #define');
    assert.doesNotMatch(realM4(fixed).out, /^DS\[relay/m);
    assert.deepStrictEqual(ours(fixed), []);
  });

  it("a '#' line naming FEATURE: m4 fails to open feature/.m4, and so do we say", () => {
    const text = `${HEAD}# the FEATURE list\nMAILER(\`smtp')dnl\n`;
    assert.match(realM4(text).err, /cannot open .*feature\/\.m4/);
    assert.deepStrictEqual(ours(text), ['mc.hash-comment']);
  });

  it('FEATURE in an ifdef branch that is not taken, after MAILER: no m4 error, no diagnostic', () => {
    const text = `${HEAD}MAILER(\`smtp')dnl\nifdef(\`NOT_DEFINED_HERE', \`FEATURE(\`mailertable')')dnl\n`;
    assert.strictEqual(realM4(text).err, '');
    assert.deepStrictEqual(ours(text), []);
  });

  it("nested quotes in DAEMON_OPTIONS, raw cf lines with ' in LOCAL_CONFIG, dnl inside a quoted value: valid", () => {
    const text = `${HEAD}DAEMON_OPTIONS(\`Family=inet, Name=MTA-v4, Port=smtp, Addr=\`127.0.0.1'')dnl\ndefine(\`confDONT_PROBE_INTERFACES', \`True')dnl\nMAILER(\`local')dnl\nMAILER(\`smtp')dnl\nLOCAL_CONFIG\n# it's raw cf: don't worry\nKfoo hash /etc/mail/foo\n`;
    const r = realM4(text);
    assert.strictEqual(r.err, '');
    assert.match(r.out, /^O DaemonPortOptions=Family=inet, Name=MTA-v4, Port=smtp, Addr=127\.0\.0\.1$/m);
    assert.match(r.out, /^# it's raw cf: don't worry$/m);
    assert.deepStrictEqual(ours(text), []);
  });

  it('define with three arguments: m4 warns "excess arguments" and keeps the first value, as we say', () => {
    const text = `${HEAD}define(\`confTO_IDENT', \`0', \`5s')dnl\nMAILER(\`smtp')dnl\n`;
    const r = realM4(text);
    assert.match(r.err, /excess arguments to builtin `define' ignored/);
    assert.match(r.out, /^O Timeout\.ident=0$/m);
    assert.deepStrictEqual(ours(text), ['mc.define-args']);
  });

  it('FEATURE with a space before (: m4 calls it without arguments; we report it and the fix works', () => {
    const text = `${HEAD}FEATURE (\`use_cw_file')dnl\nMAILER(\`smtp')dnl\n`;
    assert.match(realM4(text).err, /cannot open .*feature\/\.m4/);
    assert.deepStrictEqual(ours(text), ['mc.call-without-args']);
    assert.strictEqual(realM4(text.replace('FEATURE (', 'FEATURE(')).err, '');
  });
});
