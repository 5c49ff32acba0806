// ifdef/ifelse branches without quotes, checked against the real GNU m4 and the installed
// sendmail-cf: m4 expands FEATURE/define/... in an unquoted argument before ifdef/ifelse
// decides, so the generated sendmail.cf shows the effect even when the branch is not chosen.
// For each case: what sendmail.cf shows as the file is, our codes, and — after our quick fix —
// that the effect is gone when the branch is not chosen and still there when it is (m4 -D).
import * as assert from 'node:assert';
import { CF, analyse, haveRealM4, m4 } from './realM4Helpers';

const HEAD = `include(\`${CF}/m4/cf.m4')dnl\nOSTYPE(\`linux')dnl\n`;
const TAIL = "MAILER(`local')dnl\nMAILER(`smtp')dnl\n";
const Q = (s: string) => s.replace(/’/g, "'"); // lets the table use ’ for m4's closing quote

interface Case {
  what: string;
  /** Lines between HEAD and TAIL (’ stands for '). */
  body: string;
  /** A line of sendmail.cf that shows the branch's effect. */
  effect: RegExp;
  /** Does sendmail.cf show the effect for the file as it is (m4 without -D)? */
  shown: boolean;
  ours: string[];
  /** For a reported case: the name that makes m4 choose the branch (checked after the fix); null: never chosen. */
  chosenBy?: string | null;
}

const CASES: Case[] = [
  { what: 'ifdef(`X’, FEATURE(...)) with X undefined: the feature is still loaded',
    body: "ifdef(`USE_X’, FEATURE(`use_cw_file’))dnl\n", effect: /^Fw\/etc\/mail\/local-host-names/m, shown: true,
    ours: ['mc.unquoted-branch'], chosenBy: 'USE_X' },
  { what: 'ifdef(`X’, define(...)) with X undefined: the option is still set',
    body: "ifdef(`USE_X’, define(`confLOG_LEVEL’, `14’))dnl\n", effect: /^O LogLevel=14$/m, shown: true,
    ours: ['mc.unquoted-branch'], chosenBy: 'USE_X' },
  { what: 'the else branch of ifdef: runs although the name is defined',
    body: "define(`USE_X’)dnl\nifdef(`USE_X’, `’, define(`confLOG_LEVEL’, `14’))dnl\n", effect: /^O LogLevel=14$/m, shown: true,
    ours: ['mc.unquoted-branch'], chosenBy: null },
  { what: 'ifelse of two different literals: the branch never runs, its FEATURE does',
    body: "ifelse(`a’, `b’, FEATURE(`virtusertable’))dnl\n", effect: /\$\(virtuser /, shown: true,
    ours: ['mc.unquoted-branch'], chosenBy: null },
  { what: 'an unquoted ifdef nested in an unquoted branch: its FEATURE runs whatever either tests',
    body: "ifdef(`USE_X’, ifdef(`USE_Y’, FEATURE(`use_cw_file’)))dnl\n", effect: /^Fw\/etc\/mail\/local-host-names/m, shown: true,
    ours: ['mc.unquoted-branch'], chosenBy: 'USE_Y' },
  { what: 'sendmail-cf\'s own ostype/linux.m4 idiom: an earlier PROCMAIL_MAILER_PATH is overwritten',
    body: "define(`PROCMAIL_MAILER_PATH’, `/opt/bin/procmail’)dnl\nifdef(`PROCMAIL_MAILER_PATH’,, define(`PROCMAIL_MAILER_PATH’, `/usr/bin/procmail’))dnl\nMAILER(`procmail’)dnl\n",
    effect: /^Mprocmail,\s+P=\/usr\/bin\/procmail/m, shown: true, ours: ['mc.unquoted-branch'], chosenBy: null },
  { what: 'a quoted branch: nothing happens unless it is chosen (no report)',
    body: "ifdef(`USE_X’, `FEATURE(`use_cw_file’)’)dnl\n", effect: /^Fw\/etc\/mail\/local-host-names/m, shown: false, ours: [] },
  { what: 'a define in an unquoted branch certainly chosen: same result either way (no report)',
    body: "define(`USE_X’)dnl\nifdef(`USE_X’, define(`confLOG_LEVEL’, `14’))dnl\n", effect: /^O LogLevel=14$/m, shown: true, ours: [] },
  { what: 'text-only macros and plain text in an unquoted branch (no report)',
    body: "ifdef(`USE_X’, VERSIONID(`zqmarker’) plain text)dnl\n", effect: /zqmarker/, shown: false, ours: [] },
];

describe('mc: unquoted ifdef/ifelse branches, checked against the real m4', function () {
  this.timeout(30000);
  before(function () { if (!haveRealM4()) this.skip(); });

  for (const c of CASES) {
    it(c.what, () => {
      const text = HEAD + Q(c.body) + TAIL;
      assert.strictEqual(c.effect.test(m4(text).out), c.shown, `sendmail.cf ${c.shown ? 'shows' : 'does not show'} the effect`);
      const a = analyse(text, 'real-m4-unquoted');
      assert.deepStrictEqual(a.codes, c.ours);
      if (!c.ours.length) return;
      assert.match(String(a.ds[0].message), /before (ifdef checks|ifelse compares)/);
      const fixed = a.fix();
      assert.deepStrictEqual(analyse(fixed, 'real-m4-unquoted').codes, [], `no report after the fix:\n${fixed}`);
      const run = m4(fixed);
      assert.doesNotMatch(run.err, /ERROR|Warning/, 'm4 accepts the fixed file');
      assert.ok(!c.effect.test(run.out), 'after the fix the effect is gone while the branch is not chosen');
      if (c.chosenBy) assert.ok(c.effect.test(m4(fixed, [c.chosenBy, 'USE_X']).out), `with -D${c.chosenBy} the fixed branch still runs`);
    });
  }
});
