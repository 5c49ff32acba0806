// Calls inside quoted ifdef/ifelse branches, checked against the real GNU m4 and the installed
// sendmail-cf. Each case says what m4 prints for the file as it is, which Error/Warning codes
// we report, and — for a branch that depends on something the file does not show — what m4
// prints when that branch is taken (m4 -DNAME): a mistake in the branch text is real then, so
// we report it either way; order mistakes are only reported when the branch is certainly taken.
import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { LanguageService, diskWorkspace } from '../../../server/src/service';

const CF = '/usr/share/sendmail/cf';
const HEAD = `include(\`${CF}/m4/cf.m4')dnl\nOSTYPE(\`linux')dnl\n`;
const Q = (s: string) => s.replace(/’/g, "'"); // lets the table use ’ for m4's closing quote

interface Case {
  what: string;
  /** The file after HEAD (’ stands for '). */
  body: string;
  /** What m4 prints on stderr (null: nothing). */
  m4: RegExp | null;
  /** Our Error/Warning codes, sorted. */
  ours: string[];
  /** m4 run with -D<name>: what it prints then (the branch is taken). */
  taken?: { name: string; m4: RegExp | null };
  /** Leave HEAD out (the body has its own include/OSTYPE). */
  noHead?: boolean;
}

const CASES: Case[] = [
  { what: 'ifdef of a name defined above: the branch runs, its unknown FEATURE stops m4',
    body: "define(`USE_X’)dnl\nifdef(`USE_X’, `FEATURE(`mailertble’)’)dnl\nMAILER(`smtp’)dnl\n",
    m4: /cannot open .*feature\/mailertble\.m4/, ours: ['mc.unknown-feature'] },
  { what: 'ifdef of a name we cannot see: an unknown FEATURE is still a mistake (m4 skips it when the branch runs)',
    body: "ifdef(`USE_X’, `FEATURE(`mailertble’)’)dnl\nMAILER(`smtp’)dnl\n",
    m4: null, ours: ['mc.unknown-feature'], taken: { name: 'USE_X', m4: /cannot open .*feature\/mailertble\.m4/ } },
  { what: 'a misspelt MAILER in the else branch',
    body: "ifdef(`USE_X’, `’, `MAILER(`smpt’)’)dnl\n",
    m4: /cannot open .*mailer\/smpt\.m4/, ours: ['mc.unknown-mailer'] },
  { what: 'FEATURE after MAILER in a branch certainly taken: cf.m4 error',
    body: "define(`USE_X’)dnl\nMAILER(`smtp’)dnl\nifdef(`USE_X’, `FEATURE(`use_cw_file’)’)dnl\n",
    m4: /FEATURE\(\) should be before MAILER\(\)/, ours: ['mc.feature-after-mailer'] },
  { what: 'FEATURE after MAILER in a branch that may not run: no report (no false alarm)',
    body: "MAILER(`smtp’)dnl\nifdef(`USE_X’, `FEATURE(`use_cw_file’)’)dnl\n",
    m4: null, ours: [], taken: { name: 'USE_X', m4: /FEATURE\(\) should be before MAILER\(\)/ } },
  { what: 'the then branch of ifelse of two equal literals runs: MAILER there, FEATURE after it',
    body: "ifelse(`a’, `a’, `MAILER(`smtp’)’)dnl\nFEATURE(`use_cw_file’)dnl\n",
    m4: /FEATURE\(\) should be before MAILER\(\)/, ours: ['mc.feature-after-mailer'] },
  { what: 'ifelse of two different literals: the then branch never runs',
    body: "ifelse(`a’, `b’, `MAILER(`smtp’)’)dnl\nFEATURE(`use_cw_file’)dnl\nMAILER(`smtp’)dnl\n",
    m4: null, ours: [] },
  { what: 'ifelse of two different literals: the else branch runs',
    body: "ifelse(`a’, `b’, `’, `MAILER(`smtp’)’)dnl\nFEATURE(`use_cw_file’)dnl\n",
    m4: /FEATURE\(\) should be before MAILER\(\)/, ours: ['mc.feature-after-mailer'] },
  { what: 'a ( not closed inside a branch that runs: m4 reads on to the end of the file',
    body: "define(`USE_X’)dnl\nifdef(`USE_X’, `FEATURE(`use_cw_file’’)dnl\nMAILER(`smtp’)dnl\n",
    m4: /end of file in argument list/, ours: ['mc.unclosed-paren'] },
  { what: 'a ( not closed inside a branch that may run: still reported',
    body: "ifdef(`USE_X’, `FEATURE(`use_cw_file’’)dnl\nMAILER(`smtp’)dnl\n",
    m4: null, ours: ['mc.unclosed-paren'], taken: { name: 'USE_X', m4: /end of file in argument list/ } },
  { what: 'nested ifdefs, both names defined above: the inner FEATURE runs after MAILER',
    body: "define(`USE_X’)dnl\ndefine(`USE_Y’)dnl\nMAILER(`smtp’)dnl\nifdef(`USE_X’, `ifdef(`USE_Y’, `FEATURE(`use_cw_file’)’)’)dnl\n",
    m4: /FEATURE\(\) should be before MAILER\(\)/, ours: ['mc.feature-after-mailer'] },
  { what: 'a define in a branch that runs makes a later ifdef certain',
    body: "define(`USE_X’)dnl\nifdef(`USE_X’, `define(`USE_Y’)’)dnl\nMAILER(`smtp’)dnl\nifdef(`USE_Y’, `FEATURE(`use_cw_file’)’)dnl\n",
    m4: /FEATURE\(\) should be before MAILER\(\)/, ours: ['mc.feature-after-mailer'] },
  { what: 'an undefine that may run makes a later ifdef uncertain',
    body: "define(`USE_X’)dnl\nifdef(`OTHER’, `undefine(`USE_X’)’)dnl\nMAILER(`smtp’)dnl\nifdef(`USE_X’, `FEATURE(`use_cw_file’)’)dnl\n",
    m4: /FEATURE\(\) should be before MAILER\(\)/, ours: [], taken: { name: 'OTHER', m4: null } },
  { what: 'an unquoted ifdef name is expanded first (USE_X is empty, so the else branch runs): no guess',
    body: "define(`USE_X’)dnl\nMAILER(`smtp’)dnl\nifdef(USE_X, `FEATURE(`use_cw_file’)’)dnl\n",
    m4: null, ours: [] },
  { what: 'OSTYPE only in the branches of an ifdef: not "missing"',
    noHead: true,
    body: `include(\`${CF}/m4/cf.m4’)dnl\nifdef(\`USE_X’, \`OSTYPE(\`linux’)’, \`OSTYPE(\`debian’)’)dnl\nMAILER(\`smtp’)dnl\n`,
    m4: null, ours: [] },
  { what: 'a duplicate MAILER in a branch that may run: no report',
    body: "MAILER(`local’)dnl\nMAILER(`smtp’)dnl\nifdef(`USE_X’, `MAILER(`smtp’)’)dnl\n",
    m4: null, ours: [], taken: { name: 'USE_X', m4: /MAILER\(smtp\) already included/ } },
  { what: 'a duplicate MAILER in a branch that runs',
    body: "define(`USE_X’)dnl\nMAILER(`local’)dnl\nMAILER(`smtp’)dnl\nifdef(`USE_X’, `MAILER(`smtp’)’)dnl\n",
    m4: /MAILER\(smtp\) already included/, ours: ['mc.duplicate-mailer'] },
];

function realM4(text: string, defines: string[] = []): string {
  const r = spawnSync('m4', [`-D_CF_DIR_=${CF}/`, ...defines.map((d) => `-D${d}`)], { input: text, encoding: 'utf8' });
  return r.stderr;
}
function ours(text: string): string[] {
  const svc = new LanguageService(diskWorkspace());
  const uri = 'file:///tmp/real-m4-branches/sendmail.mc';
  svc.open(uri, 'sendmail-mc', 1, text);
  return svc.diagnostics(uri).filter((d) => d.severity! <= DiagnosticSeverity.Warning).map((d) => String(d.code)).sort();
}

describe('mc: calls in ifdef/ifelse branches, checked against the real m4', function () {
  this.timeout(30000);
  before(function () { if (!fs.existsSync(`${CF}/m4/cf.m4`) || spawnSync('m4', ['--version']).status !== 0) this.skip(); });

  for (const c of CASES) {
    it(c.what, () => {
      const text = (c.noHead ? '' : HEAD) + Q(c.body);
      const err = realM4(text);
      if (c.m4) assert.match(err, c.m4, 'm4 prints the message');
      else assert.strictEqual(err, '', 'm4 prints nothing');
      assert.deepStrictEqual(ours(text), c.ours);
      if (c.taken) {
        const t = realM4(text, [c.taken.name]);
        if (c.taken.m4) assert.match(t, c.taken.m4, `m4 -D${c.taken.name} prints the message`);
        else assert.strictEqual(t, '', `m4 -D${c.taken.name} prints nothing`);
      }
      // A report on a file m4 accepts must be a mistake m4 shows once the branch runs.
      if (!c.m4 && c.ours.length) assert.ok(c.taken?.m4, 'a report without an m4 message needs a case where the branch runs');
    });
  }
});
