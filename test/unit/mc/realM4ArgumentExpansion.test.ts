// MAILER() and the class-line macros (LOCAL_DOMAIN, RELAY_DOMAIN, ...) written unquoted inside
// another call's arguments, checked against the real GNU m4 and the installed sendmail-cf:
// the generated sendmail.cf loses the mailers / is cut short, whether or not the branch is
// chosen. For each case: what m4 makes of the file as it is, our codes, and — after our
// quick fix — that m4 builds a complete sendmail.cf with the effect only when it is chosen.
import * as assert from 'node:assert';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { CF, analyse, haveRealM4, m4 } from './realM4Helpers';

const HEAD = `include(\`${CF}/m4/cf.m4')dnl\nOSTYPE(\`linux')dnl\n`;
const Q = (s: string) => s.replace(/’/g, "'"); // ’ stands for m4's closing quote
/** The last line proto.m4 writes: a sendmail.cf without it was cut short. */
const COMPLETE = /^Mprog,/m;

interface Case {
  what: string;
  /** Lines after HEAD (’ stands for '). */
  body: string;
  /** Does m4 build a complete sendmail.cf from the file as it is? */
  complete: boolean;
  /** A line of sendmail.cf the call should produce when it runs. */
  effect: RegExp;
  /** Our codes at Warning or above. */
  ours: string[];
  /** m4 -D names under which the fixed file takes the branch (absent: the call is not in a branch). */
  chosenWith?: string[];
}

const CASES: Case[] = [
  { what: 'MAILER in an unquoted ifdef branch: the mailer definitions are lost although the branch is taken',
    body: "define(`USE_X’)dnl\nifdef(`USE_X’, MAILER(`procmail’))dnl\nMAILER(`local’)dnl\nMAILER(`smtp’)dnl\n",
    complete: true, effect: /^Mprocmail,/m, ours: ['mc.mailer-in-argument'], chosenWith: [] },
  { what: 'MAILER(`local’) in the else branch: sendmail.cf has no local mailer at all',
    body: "ifdef(`USE_X’, `’, MAILER(`local’))dnl\nMAILER(`smtp’)dnl\n",
    complete: false, effect: /^Mlocal,/m, ours: ['mc.mailer-in-argument'], chosenWith: [] },
  { what: 'MAILER unquoted inside an ifdef that is itself in a quoted, taken branch',
    body: "define(`USE_X’)dnl\nifdef(`USE_X’, `ifdef(`USE_Y’, MAILER(`procmail’))’)dnl\nMAILER(`local’)dnl\nMAILER(`smtp’)dnl\n",
    complete: true, effect: /^Mprocmail,/m, ours: ['mc.mailer-in-argument'], chosenWith: ['USE_Y'] },
  { what: 'LOCAL_DOMAIN in an unquoted branch closed on the same line: m4 reads to the end of the file',
    body: "ifdef(`USE_X’, LOCAL_DOMAIN(`zq.example’))dnl\nMAILER(`local’)dnl\nMAILER(`smtp’)dnl\n",
    complete: false, effect: /^C\{w\}zq\.example/m, ours: ['mc.dnl-eats-close'], chosenWith: ['USE_X'] },
  { what: 'RELAY_DOMAIN inside define(...): the same end of file',
    body: "define(`ZQ’, RELAY_DOMAIN(`zq.example’))dnl\nMAILER(`local’)dnl\nMAILER(`smtp’)dnl\n",
    complete: false, effect: /^C\{R\}zq\.example/m, ours: ['mc.dnl-eats-close'] },
  { what: 'the ")" on the next line survives the dnl: a complete cf (no report)',
    body: "ifdef(`_CF_DIR_’,\n  LOCAL_DOMAIN(`zq.example’)\n)dnl\nMAILER(`local’)dnl\nMAILER(`smtp’)dnl\n",
    complete: true, effect: /^C\{w\}zq\.example/m, ours: [] },
  { what: 'quoted MAILER in a branch (no report)',
    body: "ifdef(`USE_X’, `MAILER(`procmail’)’)dnl\nMAILER(`local’)dnl\nMAILER(`smtp’)dnl\n",
    complete: true, effect: /^Mlocal,/m, ours: [] },
];

describe('mc: MAILER and class-line macros inside call arguments, checked against the real m4', function () {
  this.timeout(30000);
  before(function () { if (!haveRealM4()) this.skip(); });

  for (const c of CASES) {
    it(c.what, () => {
      const text = HEAD + Q(c.body);
      const run = m4(text);
      assert.strictEqual(COMPLETE.test(run.out), c.complete, `m4 ${c.complete ? 'builds' : 'does not build'} a complete sendmail.cf\n${run.err}`);
      assert.strictEqual(c.effect.test(run.out), !c.ours.length, c.ours.length ? 'the call has no effect as the file is' : 'the call takes effect');
      const a = analyse(text, 'real-m4-arguments');
      assert.deepStrictEqual(a.codes, c.ours);
      if (!c.ours.length) return;
      assert.strictEqual(a.ds[0].severity, DiagnosticSeverity.Error);
      if (c.ours[0] === 'mc.dnl-eats-close') assert.match(String(a.ds[0].message), /end of file in argument list/);
      const fixed = a.fix();
      assert.deepStrictEqual(analyse(fixed, 'real-m4-arguments').codes, [], `no report after the fix:\n${fixed}`);
      const after = m4(fixed, c.chosenWith ?? []);
      assert.doesNotMatch(after.err, /ERROR|Warning/, 'm4 accepts the fixed file');
      assert.ok(COMPLETE.test(after.out), 'the fixed file gives a complete sendmail.cf');
      if (c.chosenWith) assert.ok(c.effect.test(after.out), `with the branch chosen (-D ${c.chosenWith.join(' ')}) the fixed call takes effect`);
    });
  }
});
