// A check family that throws loses only its own findings: the other families still report,
// the failure is logged and listed by LanguageService.failures(uri), and sendmail-lint exits 2
// with a message instead of calling the file clean. FAIL_FOR_TESTS makes a family throw.
import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FAIL_FOR_TESTS, LanguageService, memoryWorkspace } from '../../../server/src/service';
import { lint } from '../../../server/src/cli/main';
import { codes, ROOT } from '../helpers';

const CLI = path.join(ROOT, 'dist/cli.js');
const HEAD = "include(`/usr/share/sendmail/cf/m4/cf.m4')dnl\nOSTYPE(`linux')dnl\n";
/** A newline inside a SMART_HOST value (mc/hosts threw on it) and an unknown FEATURE. */
const NEWLINE_HOST = `${HEAD}define(\`SMART_HOST', \`mail.\nisp.net')dnl\nFEATURE(\`no_such_feature')dnl\n`;

function service(files: Record<string, string>) {
  const log: string[] = [];
  const svc = new LanguageService(memoryWorkspace(files), {}, (m) => log.push(m));
  return { svc, log };
}

describe('robustness: a failing check family loses only its own findings', () => {
  afterEach(() => FAIL_FOR_TESTS?.clear()); // (?.: so that each test can fail on its own where the hook is missing)

  it('a newline in SMART_HOST, MAIL_HUB or a *_RELAY value: the unknown FEATURE is still reported', () => {
    for (const name of ['SMART_HOST', 'MAIL_HUB', 'LUSER_RELAY']) {
      const text = NEWLINE_HOST.replace('SMART_HOST', name);
      const { svc, log } = service({ '/etc/mail/sendmail.mc': text });
      svc.open('file:///etc/mail/sendmail.mc', 'sendmail-mc', 1, text);
      const ds = svc.diagnostics('file:///etc/mail/sendmail.mc');
      assert.ok(codes(ds).includes('mc.unknown-feature'), `${name}: ${JSON.stringify(codes(ds))}`);
      assert.deepStrictEqual(svc.failures('file:///etc/mail/sendmail.mc'), [], log.join('\n'));
    }
  });

  it('mc: a family that throws is named by failures(), logged once with its stack, and the others still report', () => {
    FAIL_FOR_TESTS.add('mc/hosts');
    const text = `${HEAD}define(\`SMART_HOST', \`mail.isp.net')dnl\nFEATURE(\`no_such_feature')dnl\n`;
    const { svc, log } = service({ '/etc/mail/sendmail.mc': text });
    const uri = 'file:///etc/mail/sendmail.mc';
    svc.open(uri, 'sendmail-mc', 1, text);
    const ds = svc.diagnostics(uri);
    assert.ok(codes(ds).includes('mc.unknown-feature'), JSON.stringify(codes(ds)));
    assert.ok(!codes(ds).includes('mc.unbracketed-host'), 'the failing family reports nothing');
    assert.deepStrictEqual(svc.failures(uri), ['mc/hosts']);
    assert.strictEqual(log.length, 1);
    assert.match(log[0], /internal error in check mc\/hosts .*injected failure[\s\S]*\n\s+at /);
    // The next keystroke fails the same way: still listed, not logged again.
    svc.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'dnl\n' }]);
    svc.diagnostics(uri);
    assert.deepStrictEqual(svc.failures(uri), ['mc/hosts']);
    assert.strictEqual(log.length, 1);
    FAIL_FOR_TESTS.clear();
    const again = svc.diagnostics(uri);
    assert.deepStrictEqual(svc.failures(uri), []);
    assert.ok(codes(again).includes('mc.unbracketed-host'));
  });

  it('maps: failing per-line checks keep the file checks, and stay listed until the lines are checked again', () => {
    const mc = "include(`/usr/share/sendmail/cf/m4/cf.m4')dnl\nMAILER(`smtp')dnl\n"; // no FEATURE(`mailertable')
    const text = 'example.com\tnosuch:[mx.example.com]\nexample.com\tesmtp:[mx.example.com]'; // two lines
    const { svc } = service({ '/etc/mail/sendmail.mc': mc, '/etc/mail/mailertable': text });
    const uri = 'file:///etc/mail/mailertable';
    FAIL_FOR_TESTS.add('mailertable/lines');
    svc.open(uri, 'sendmail-mailertable', 1, text);
    const ds = codes(svc.diagnostics(uri));
    assert.ok(ds.includes('table.feature-missing'), JSON.stringify(ds));
    assert.ok(!ds.includes('mailertable.unknown-mailer'));
    assert.deepStrictEqual(svc.failures(uri), ['mailertable/lines']);
    // The lines are not re-checked on the next diagnose (their result is cached): the failure stays known.
    FAIL_FOR_TESTS.clear();
    svc.diagnostics(uri);
    assert.deepStrictEqual(svc.failures(uri), ['mailertable/lines']);
    // Edited lines are checked again.
    svc.change(uri, 2, [{ range: { start: { line: 0, character: 12 }, end: { line: 0, character: 18 } }, text: 'nosuc' }]);
    svc.change(uri, 3, [{ range: { start: { line: 1, character: 12 }, end: { line: 1, character: 17 } }, text: 'relay' }]);
    assert.ok(codes(svc.diagnostics(uri)).includes('mailertable.unknown-mailer'));
    assert.deepStrictEqual(svc.failures(uri), []);
  });

  it('maps: each whole-file family is guarded on its own', () => {
    const mc = "include(`/usr/share/sendmail/cf/m4/cf.m4')dnl\nMAILER(`smtp')dnl\n";
    const text = 'example.com\tnosuch:[mx.example.com]\nexample.com\tesmtp:[mx.example.com]\n';
    for (const [family, lost] of [['mailertable/duplicates', 'table.duplicate-key'], ['mailertable/file', 'table.feature-missing'], ['mailertable/configuration', 'table.feature-missing']]) {
      FAIL_FOR_TESTS.clear();
      FAIL_FOR_TESTS.add(family);
      const { svc } = service({ '/etc/mail/sendmail.mc': mc, '/etc/mail/mailertable': text });
      const uri = 'file:///etc/mail/mailertable';
      svc.open(uri, 'sendmail-mailertable', 1, text);
      const ds = codes(svc.diagnostics(uri));
      assert.ok(!ds.includes(lost), `${family}: ${ds}`);
      assert.ok(ds.includes('mailertable.unknown-mailer') || family === 'mailertable/configuration', `${family}: ${ds}`);
      assert.deepStrictEqual(svc.failures(uri), [family]);
    }
  });

  it('sendmail-lint (in-process): a failing family is an internal error, exit 2, not a clean file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-fail-'));
    try {
      const mc = path.join(dir, 'sendmail.mc');
      fs.writeFileSync(mc, `${HEAD}define(\`SMART_HOST', \`[mail.isp.net]')dnl\n`);
      const out: string[] = [], err: string[] = [];
      const io = { stdout: (s: string) => { out.push(s); }, stderr: (s: string) => { err.push(s); } };
      assert.strictEqual(lint([mc], io), 0, out.join('') + err.join(''));
      FAIL_FOR_TESTS.add('mc/hosts');
      out.length = 0; err.length = 0;
      assert.strictEqual(lint([mc], io), 2, out.join(''));
      assert.match(err.join(''), new RegExp(`^sendmail-lint: internal error in check mc/hosts while checking ${mc.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: injected failure`, 'm'));
    } finally { fs.rmSync(dir, { recursive: true, force: true }); }
  });

  it('sendmail-lint (dist/cli.js): a newline in SMART_HOST still reports the unknown FEATURE, exit 1', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-host-'));
    try {
      fs.writeFileSync(path.join(dir, 'sendmail.mc'), NEWLINE_HOST);
      const r = spawnSync(process.execPath, [CLI, path.join(dir, 'sendmail.mc')], { encoding: 'utf8', timeout: 60000 });
      assert.strictEqual(r.status, 1, r.stdout + r.stderr);
      assert.match(r.stdout, /sendmail\.mc:5:\d+: error mc\.unknown-feature .*no_such_feature/);
      assert.strictEqual(r.stderr, '');
    } finally { fs.rmSync(dir, { recursive: true, force: true }); }
  });
});
