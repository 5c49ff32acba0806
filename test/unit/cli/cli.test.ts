// sendmail-lint as users run it: the bundled dist/cli.js in a real process, on fixtures.
import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CORPUS, FIXTURES, ROOT } from '../helpers';

const CLI = path.join(ROOT, 'dist/cli.js');
const dir = (name: string) => path.join(FIXTURES, 'cli', name);

function lint(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('sendmail-lint (CLI)', () => {
  it('exits 0 on a clean configuration directory and prints a summary', () => {
    const r = lint([dir('clean')]);
    assert.strictEqual(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /0 errors, 0 warnings, \d+ notes? in 2 files checked/);
  });

  it('exits 1 on a broken mc and reports the mailertable mailer the mc never defined', () => {
    const r = lint([dir('broken')]);
    assert.strictEqual(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /sendmail\.mc:5:\d+: error mc\.[\w.-]+ /, 'the unclosed quote on line 5');
    assert.match(r.stdout, /mailertable:2:\d+: error mailertable\.unknown-mailer .*uucp-dom/);
    assert.doesNotMatch(r.stdout, /mailertable:1:/, 'esmtp is defined by MAILER(smtp)');
  });

  it('counts warnings against --max-warnings', () => {
    const plain = lint([dir('warnings')]);
    assert.strictEqual(plain.status, 0, plain.stdout);
    assert.match(plain.stdout, /warning .*blacklist_recipients/);
    assert.strictEqual(lint(['--max-warnings', '0', dir('warnings')]).status, 1);
    assert.strictEqual(lint(['--max-warnings=5', dir('warnings')]).status, 0);
  });

  it('--format json gives machine-readable results with 1-based positions', () => {
    const r = lint(['--format', 'json', dir('broken')]);
    assert.strictEqual(r.status, 1);
    const out = JSON.parse(r.stdout);
    assert.strictEqual(out.files.length, 2);
    const mt = out.files.find((f: { path: string }) => f.path.endsWith('mailertable'));
    const d = mt.diagnostics.find((x: { code: string }) => x.code === 'mailertable.unknown-mailer');
    assert.ok(d, JSON.stringify(mt));
    assert.strictEqual(d.line, 2);
    assert.strictEqual(d.severity, 'error');
    assert.ok(out.summary.errors >= 2);
  });

  it('--format sarif produces SARIF 2.1.0 with rule ids and regions', () => {
    const r = lint(['--format', 'sarif', dir('broken')]);
    const sarif = JSON.parse(r.stdout);
    assert.strictEqual(sarif.version, '2.1.0');
    const results = sarif.runs[0].results;
    const hit = results.find((x: { ruleId: string }) => x.ruleId === 'mailertable.unknown-mailer');
    assert.ok(hit);
    assert.strictEqual(hit.level, 'error');
    assert.strictEqual(hit.locations[0].physicalLocation.region.startLine, 2);
    assert.ok(sarif.runs[0].tool.driver.rules.some((x: { id: string }) => x.id === 'mailertable.unknown-mailer'));
  });

  it('exits 2 with a clear message for usage errors and unreadable input', () => {
    const bad = lint(['--format', 'xml']);
    assert.strictEqual(bad.status, 2);
    assert.match(bad.stderr, /--format must be text, json or sarif/);
    const missing = lint(['/nonexistent/sendmail.mc']);
    assert.strictEqual(missing.status, 2);
    assert.match(missing.stderr, /\/nonexistent\/sendmail\.mc: cannot read \(ENOENT\)/);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-'));
    fs.writeFileSync(path.join(tmp, 'notes.txt'), 'hello');
    const unknown = lint([path.join(tmp, 'notes.txt')]);
    assert.strictEqual(unknown.status, 2);
    assert.match(unknown.stderr, /use --lang/);
    fs.writeFileSync(path.join(tmp, 'access'), Buffer.from([0, 1, 2, 0, 255]));
    const binary = lint([path.join(tmp, 'access')]);
    assert.strictEqual(binary.status, 2);
    assert.match(binary.stderr, /binary file/);
  });

  it('--lang checks a file with another name as the given language', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-'));
    const f = path.join(tmp, 'routes.txt');
    fs.copyFileSync(path.join(dir('broken'), 'mailertable'), f);
    fs.copyFileSync(path.join(dir('broken'), 'sendmail.mc'), path.join(tmp, 'sendmail.mc'));
    const r = lint(['--lang', 'sendmail-mailertable', f]);
    assert.strictEqual(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /routes\.txt:2:\d+: error mailertable\.unknown-mailer/);
  });

  it('--help and --version exit 0', () => {
    assert.match(lint(['--help']).stdout, /Usage: sendmail-lint/);
    assert.match(lint(['--version']).stdout, /sendmail-lint \d+\.\d+\.\d+/);
  });

  it("finds nothing wrong in the Debian package's own /etc/mail (sendmail.mc, submit.mc, access, aliases, ...)", function () {
    if (!fs.existsSync('/etc/mail/sendmail.mc')) this.skip();
    // One real finding is allowed: the package leaves /etc/aliases empty on a fresh system, and
    // then `sendmail -bv postmaster` answers "User unknown" (checked) — mail to postmaster bounces.
    const aliases = fs.existsSync('/etc/aliases') ? fs.readFileSync('/etc/aliases', 'utf8') : '';
    const noPostmaster = fs.existsSync('/etc/mail/aliases') && !/^postmaster\s*:/im.test(aliases);
    const r = lint(['--max-warnings', noPostmaster ? '1' : '0', '/etc/mail']);
    assert.strictEqual(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, noPostmaster ? /0 errors, 1 warning/ : /0 errors, 0 warnings/);
    if (noPostmaster) assert.match(r.stdout, /\/etc\/mail\/aliases:1:1: warning aliases\.no-postmaster/);
  });

  it('reports errors on the real-world corpus only where the file really is wrong', function () {
    if (!fs.existsSync(CORPUS)) this.skip();
    this.timeout(120000);
    // Files with real mistakes (see the corpus MANIFEST notes); every other file must have no error.
    const WRONG: Record<string, string> = {
      'access/013-RafaelOstertag_ansible-access': 'CertIssuer key with no value: makemap rejects the line',
      'mailertable/002-freebsd_freebsd-src-mailertable.sample': 'sample routes to the made-up mailer xnet',
      'mailertable/004-DragonFlyBSD_DragonFlyBSD-mailertable.sample': 'same sample, same xnet mailer',
      'mailertable/005-MidnightBSD_src-mailertable.sample': 'same sample, same xnet mailer',
      'mc/001-pld-linux_sendmail-sendmail.mc': "define('ALIAS_FILE',...) with straight quotes defines the wrong macro",
      'mc/006-afv4_it340fall16FINAL-sendmail.mc': 'masquerading FEATUREs appended after MAILER()',
      'mc/030-saul-jb_wordpress-docker-submit.mc': 'FEATURE(use_ct_file) after FEATURE(msp), which runs MAILER()',
      'mc/033-illumos_illumos-gate-sendmail.mc': 'DOMAIN(solaris-generic) is not in this sendmail-cf: m4 "cannot open", exit 1, Rebuild refuses',
      'mc/051-RafaelOstertag_ansible-sendmail.mc': "confMAX_DAEMON_CHILDREN value opened with a straight '",
      'mc/053-unknown_id19645930046-sendmail.mc': 'OSTYPE(solaris9csw) is not in this sendmail-cf: m4 "cannot open", exit 1, Rebuild refuses',
      'mc/056-cobalt-mirror_bluequartz-sendmail.mc': 'HACK(popauth) is not in this sendmail-cf: m4 "cannot open", exit 1, Rebuild refuses',
      'mc/059-azumakuniyuki_local-sendmail-sendmail.mc': 'no OSTYPE: cf.m4 prints *** ERROR, Rebuild refuses',
      'mc/060-unknown_id2940541245-mailman.mc': 'FEATUREs after MAILER(local)',
      'mc-templated/003-phpdave11_salt-sendmail-smtp-sendmail.mc': 'Jinja template, not an mc until rendered',
      'other/006-phpdave11_salt-sendmail-smtp-authinfo': 'Jinja template, not an authinfo until rendered',
      'virtusertable/004-freebsd_freebsd-src-virtusertable.sample': 'the same key twice: makemap rejects it',
      'virtusertable/007-DragonFlyBSD_DragonFlyBSD-virtusertable.sample': 'the same key twice: makemap rejects it',
    };
    const r = lint(['--format', 'json', CORPUS]);
    assert.strictEqual(r.status, 1, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.ok(out.files.length >= 90, `checked ${out.files.length} corpus files`);
    const withErrors = out.files
      .filter((f: { diagnostics: { severity: string }[] }) => f.diagnostics.some((d) => d.severity === 'error'))
      .map((f: { path: string }) => path.relative(CORPUS, f.path)).sort();
    assert.deepStrictEqual(withErrors, Object.keys(WRONG).sort());
  });
});
