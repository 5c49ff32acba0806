// Over the whole real-world corpus (and every .mc shipped with sendmail-cf): no Error or
// Warning on valid files, and exactly the expected ones on files with real mistakes
// (MANIFEST.tsv notes and m4-results.tsv say what they are). Uses the real installed
// sendmail-cf tree, as the server does.
import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { LanguageService, diskWorkspace } from '../../../server/src/service';
import { CORPUS } from '../helpers';

/** Error/Warning codes each corpus file must produce, with why. Files not listed: none. */
const EXPECTED: Record<string, { codes: string[]; why: string }> = {
  '001': { codes: ['mc.deprecated-feature', 'mc.stray-quote', 'mc.stray-quote'], why: "define('ALIAS_FILE', '...') straight quotes; blacklist_recipients" },
  '004': { codes: ['mc.unread-name'], why: "define(`RELAY_MAILER', `esmtp'): sendmail-cf 8.17 reads only confRELAY_MAILER (m4 writes the same cf without the line)" },
  '006': { codes: ['mc.feature-after-mailer', 'mc.feature-after-mailer', 'mc.feature-after-mailer'], why: 'masquerade FEATUREs appended after MAILER (m4: 3 errors)' },
  '010': { codes: ['mc.deprecated-feature', 'mc.duplicate-define'], why: 'blacklist_recipients; confTO_IDENT 0 then 1m' },
  // 013 has MAILER(cyrusv2) before MAILER(local): cf/README asks for the other order, but cf.m4 prints
  // nothing and builds the same mailers, so that is only Information (issue #11).
  '023': { codes: ['mc.duplicate-define'], why: 'confPRIVACY_FLAGS defined twice with different values' },
  '027': { codes: ['mc.hash-comment', 'mc.unknown-option'], why: "misspelled confLOG_Level; '#define(`SMART_HOST', ...)' after cf.m4 is live (m4 output has DSmail-misc...)" },
  '030': { codes: ['mc.feature-after-mailer'], why: 'FEATURE(use_ct_file) after FEATURE(msp), which runs MAILER() (m4: ERROR)' },
  '033': { codes: ['mc.unknown-domain'], why: 'DOMAIN(solaris-generic) is not in Debian sendmail-cf (m4: cannot open)' },
  '045': { codes: ['mc.deprecated-feature', 'mc.duplicate-define'], why: 'blacklist_recipients; STATUS_FILE redefined' },
  '051': { codes: ['mc.deprecated-feature', 'mc.duplicate-define', 'mc.stray-quote', 'mc.unknown-undefine'], why: "'50' straight quote, UUCP_RELEAY typo, confPRIVACY_FLAGS twice" },
  '052': { codes: ['mc.deprecated-feature', 'mc.duplicate-define', 'mc.unknown-undefine'], why: 'UUCP_RELEAY typo, confBAD_RCPT_THROTTLE 6 then 3' },
  '053': { codes: ['mc.unknown-ostype'], why: 'OSTYPE(solaris9csw) not in stock sendmail-cf (m4: cannot open)' },
  '056': { codes: ['mc.deprecated-feature', 'mc.duplicate-define', 'mc.unknown-hack'], why: 'HACK(popauth) not shipped (m4 exit 1); confSMTP_LOGIN_MSG twice' },
  '059': { codes: ['mc.deprecated-feature', 'mc.missing-ostype'], why: 'blacklist_recipients; no OSTYPE (m4: *** ERROR: No system type defined)' },
  '028': { codes: ['mc.deprecated-feature', 'mc.removed-option'], why: 'blacklist_recipients; confAUTO_REBUILD (m4: WARNING ... no longer valid); access_db without -T<TMPF> is only Information' },
  '060': { codes: ['mc.deprecated-feature', ...Array(5).fill('mc.feature-after-mailer')], why: 'FEATUREs after MAILER(local) (m4: ERROR)' },
};
EXPECTED['050'] = { codes: ['mc.deprecated-feature', 'mc.hash-comment', 'mc.hash-comment'], why: "blacklist_recipients; '# define(...)' and '# FEATURE(local_procmail, ...)' still run (m4 output has Mlocal P=/usr/bin/procmail)" };
// Files whose only finding is FEATURE(blacklist_recipients) (m4 prints the deprecation WARNING).
for (const n of ['005', '015', '016', '018', '019', '020', '021', '022', '026', '036', '037', '044', '055', '058']) {
  EXPECTED[n] = { codes: ['mc.deprecated-feature'], why: 'FEATURE(blacklist_recipients) is deprecated (m4 WARNING)' };
}
EXPECTED['018'] = { codes: ['mc.deprecated-feature', 'mc.needs-feature'], why: 'blacklist_recipients; MASQUERADE_DOMAIN with MASQUERADE_AS commented out (m4 output has C{M}momagicbd.com but no DM line: nothing is masqueraded)' };

function problems(file: string): string[] {
  const svc = new LanguageService(diskWorkspace());
  const uri = 'file://' + file;
  svc.open(uri, 'sendmail-mc', 1, fs.readFileSync(file, 'utf8'));
  return svc.diagnostics(uri)
    .filter((d) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning)
    .map((d) => String(d.code)).sort();
}

const haveCf = fs.existsSync('/usr/share/sendmail/cf/m4/cf.m4');

describe('mc: real-world corpus', function () {
  this.timeout(60000);
  const dir = path.join(CORPUS, 'mc');
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
  before(function () { if (!haveCf || !files.length) this.skip(); });

  for (const f of files) {
    const id = f.slice(0, 3);
    const exp = EXPECTED[id];
    it(`${f}: ${exp ? exp.why : 'valid, no errors or warnings'}`, () => {
      assert.deepStrictEqual(problems(path.join(dir, f)), (exp?.codes ?? []).slice().sort());
    });
  }

  it('every .mc shipped with sendmail-cf: Error/Warning exactly where the real m4 prints a message', function () {
    const mcs: string[] = [];
    for (const d of ['/usr/share/sendmail/cf/debian', '/usr/share/sendmail/cf/cf']) {
      for (const n of fs.existsSync(d) ? fs.readdirSync(d) : []) if (n.endsWith('.mc')) mcs.push(path.join(d, n));
    }
    if (!mcs.length) this.skip();
    const disagree = mcs.map((m) => {
      const text = fs.readFileSync(m, 'utf8');
      const args = /include\([^)]*cf\.m4/.test(text) ? [path.basename(m)] : ['/usr/share/sendmail/cf/m4/cf.m4', path.basename(m)];
      const r = spawnSync('m4', ['-D_CF_DIR_=/usr/share/sendmail/cf/', ...args], { cwd: path.dirname(m), encoding: 'utf8' });
      return { file: m, m4: r.stderr.trim(), ours: problems(m) };
    }).filter((x) => (x.m4 === '') !== (x.ours.length === 0));
    assert.deepStrictEqual(disagree, []);
  });
});
