// Apostrophes in message options, checked against the real m4: what sendmail.cf gets for
// it's / it`'s / it''`s, that we report the first two, and that our quick fix gives the
// apostrophe in the generated sendmail.cf.
import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { LanguageService, diskWorkspace } from '../../../server/src/service';
import { applyEdits } from '../helpers';

const CF = '/usr/share/sendmail/cf';
const HEAD = `include(\`${CF}/m4/cf.m4')dnl\nOSTYPE(\`linux')dnl\nFEATURE(\`access_db')dnl\n`;
const TAIL = "MAILER(`local')dnl\nMAILER(`smtp')dnl\n";
/** Option, and a line of sendmail.cf that shows its value. */
const OPTIONS: [string, RegExp][] = [
  ['confSMTP_LOGIN_MSG', /^O SmtpGreetingMessage=(.*)$/m],
  ['confREJECT_MSG', /^R<REJECT> \$\*\t+\$#error \$: (.*)$/m],
  ['confRELAY_MSG', /^R\$\*\t+\$#error \$@ 5\.7\.1 \$: (.*)$/m],
];

function cfValue(text: string, re: RegExp): string | undefined {
  const r = spawnSync('m4', [`-D_CF_DIR_=${CF}/`], { input: text, encoding: 'utf8' });
  return re.exec(r.stdout)?.[1];
}
function analyse(text: string) {
  const svc = new LanguageService(diskWorkspace());
  const uri = 'file:///tmp/real-m4-apostrophes/sendmail.mc';
  svc.open(uri, 'sendmail-mc', 1, text);
  const ds = svc.diagnostics(uri).filter((d) => d.severity! <= DiagnosticSeverity.Warning);
  return { ds, codes: ds.map((d) => String(d.code)), fix: (i = 0, k = 0) => applyEdits(text, svc.codeActions(uri, ds[i].range, [ds[i]])[k].edit!.changes![uri]) };
}

describe('mc: apostrophes in values, checked against the real m4', function () {
  this.timeout(30000);
  before(function () { if (!fs.existsSync(`${CF}/m4/cf.m4`) || spawnSync('m4', ['--version']).status !== 0) this.skip(); });

  for (const [name, re] of OPTIONS) {
    const file = (value: string) => `${HEAD}define(\`${name}', \`${value}')dnl\n${TAIL}`;

    it(`${name}: "it's" ends the quote (value gets "its ...'"); the fix gives the apostrophe`, () => {
      const text = file("550 it's closed");
      assert.strictEqual(cfValue(text, re), "550 its closed'");
      const a = analyse(text);
      assert.deepStrictEqual(a.codes, ['mc.apostrophe-closes-quote']);
      assert.match(String(a.ds[0].message), /becomes "550 its closed'"/);
      const fixed = a.fix();
      assert.strictEqual(cfValue(fixed, re), "550 it's closed");
      assert.deepStrictEqual(analyse(fixed).codes, []);
    });

    it(`${name}: "it\`'s" loses the apostrophe silently; the fix gives it back`, () => {
      const text = file("550 it`'s closed");
      assert.strictEqual(cfValue(text, re), '550 its closed');
      const a = analyse(text);
      assert.deepStrictEqual(a.codes, ['mc.apostrophe-removed']);
      assert.match(String(a.ds[0].message), /"its" without an apostrophe/);
      const fixed = a.fix();
      assert.strictEqual(cfValue(fixed, re), "550 it's closed");
      assert.deepStrictEqual(analyse(fixed).codes, []);
    });
  }

  it('"it`s": the backquote opens a nested quote, m4 swallows the rest of the file; reported at the backquote, the fix works', () => {
    const text = `${HEAD}define(\`confSMTP_LOGIN_MSG', \`$j it\`s ready')dnl\n${TAIL}`;
    const r = spawnSync('m4', [`-D_CF_DIR_=${CF}/`], { input: text, encoding: 'utf8' });
    assert.match(r.stderr, /:4: ERROR: end of file in string/, 'm4 names the line of the value\'s quote');
    const a = analyse(text);
    assert.deepStrictEqual(a.codes, ['mc.backquote-apostrophe'], 'one explanation instead of the generic unclosed quote');
    assert.deepStrictEqual(a.ds[0].range.start, { line: 3, character: text.split('\n')[3].indexOf('it`s') + 2 });
    assert.match(String(a.ds[0].message), /end of file in string/);
    const fixed = a.fix();
    assert.strictEqual(cfValue(fixed, OPTIONS[0][1]), "$j it's ready");
    assert.deepStrictEqual(analyse(fixed).codes, []);
    const reworded = a.fix(0, 1);
    assert.strictEqual(cfValue(reworded, OPTIONS[0][1]), '$j its ready');
  });

  it('nested quotes that protect something, and `\' after a macro name, are not reported', () => {
    const text = `${HEAD}define(\`confSMTP_LOGIN_MSG', \`$j \`ESMTP' ready')dnl\ndefine(\`MY_NAME', \`host')dnl\ndefine(\`confREJECT_MSG', \`550 MY_NAME\`'s policy')dnl\n${TAIL}`;
    assert.strictEqual(cfValue(text, OPTIONS[0][1]), '$j ESMTP ready');
    assert.strictEqual(cfValue(text, OPTIONS[1][1]), '550 hosts policy');
    assert.deepStrictEqual(analyse(text).codes, []);
  });
});
