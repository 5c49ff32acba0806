// `sendmail-lint route ADDRESS` as users run it (the bundled dist/cli.js in a real process):
// with the real sendmail -bt on a cf m4 generates from the fixture mc, and with the model when
// sendmail cannot be run (a missing program) or is not asked (--model). The exit status tells
// local / relayed / rejected apart; --expect-host asserts a route.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../helpers';
import { buildFixtureMaps, copyEtcMail, realSendmailSandbox } from '../commands/etcMail';

const CLI = path.join(ROOT, 'dist/cli.js');

function route(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'route', ...args], { encoding: 'utf8', timeout: 180_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('sendmail-lint route', function () {
  this.timeout(200_000); // sendmail may sleep 60 s on hosts without a qualified name
  const box = realSendmailSandbox('sendmail-route-cli-');
  let dir: string;
  before(() => {
    dir = copyEtcMail(fs.mkdtempSync(path.join(box.dir, 'etc-')));
    fs.appendFileSync(path.join(dir, 'mailertable'), 'bad.example\terror:5.1.2:550 Host unknown here\n');
    // The relay mailer (SMART_HOST, .example.org) connects to port 587: the answer must say so.
    const mc = path.join(dir, 'sendmail.mc');
    fs.writeFileSync(mc, fs.readFileSync(mc, 'utf8').replace("MAILER(`local')", "define(`RELAY_MAILER_ARGS', `TCP $h 587')dnl\nMAILER(`local')"));
    buildFixtureMaps(dir);
  });
  const real = (...args: string[]) => route(['--config-dir', dir, '--sendmail', box.sendmail, ...args]);
  const model = (...args: string[]) => route(['--config-dir', dir, '--sendmail', path.join(box.dir, 'no-such-sendmail'), ...args]);

  it('relayed (exit 10): mailer, host, port, MX and the mailertable line, from sendmail -bt', () => {
    const r = real('postmaster@example.com');
    assert.equal(r.status, 10, r.stdout + r.stderr);
    assert.match(r.stdout, /^sendmail -bt: postmaster@example\.com is sent by mailer esmtp to \[mx\.example\.com\]/);
    assert.match(r.stdout, /host: +\[mx\.example\.com\]\n +port: +25\n +MX: +no lookup/);
    assert.match(r.stdout, new RegExp(`decided: ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/mailertable:2: example\\.com esmtp:\\[mx\\.example\\.com\\]`));
  });

  it('JSON: the same answer for a parent-domain entry, with the port the relay mailer uses and MX lookups', () => {
    const r = real('--format', 'json', 'bob@a.b.example.org');
    assert.equal(r.status, 10, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.answeredBy, 'sendmail');
    assert.deepEqual([j.verdict, j.mailer, j.host, j.port, j.mx], ['relayed', 'relay', 'gw.example.org', 587, true]);
    assert.deepEqual(j.decidedBy, { map: 'mailertable', file: path.join(dir, 'mailertable'), line: 3, key: '.example.org', text: '.example.org\trelay:gw.example.org' });
    assert.deepEqual(j.disagreements, []);
    assert.equal(j.cf.generated, true);
  });

  it('delivered locally (exit 0) and rejected by an error: entry (exit 20)', () => {
    const local = real('joe@example.test');
    assert.equal(local.status, 0, local.stdout + local.stderr);
    assert.match(local.stdout, /delivered locally to user joe/);
    const bad = real('x@bad.example');
    assert.equal(bad.status, 20, bad.stdout + bad.stderr);
    assert.match(bad.stdout, /status: +5\.1\.2\n +message: +550 Host unknown here/);
  });

  it('--expect-host asserts where the mail goes (exit 1 and a message when it does not)', () => {
    assert.equal(real('--expect-host', '[mx.example.com]', 'postmaster@example.com').status, 10);
    const wrong = real('--expect-host', '[gw.partner.example]', 'postmaster@example.com');
    assert.equal(wrong.status, 1);
    assert.match(wrong.stderr, /goes to \[mx\.example\.com\], not \[gw\.partner\.example\]/);
  });

  it('without sendmail, the model answers the same, labelled as the model', () => {
    for (const [address, status] of [['postmaster@example.com', 10], ['joe@example.test', 0], ['x@bad.example', 20]] as const) {
      const r = model('--format', 'json', address);
      assert.equal(r.status, status, r.stdout + r.stderr);
      const j = JSON.parse(r.stdout);
      assert.equal(j.answeredBy, 'model');
      assert.match(j.summary, /^Model \(sendmail could not be asked\): /);
      assert.match(j.sendmailError, /could not start .*no-such-sendmail/);
    }
    const text = model('bob@a.b.example.org');
    assert.equal(text.status, 10);
    assert.match(text.stdout, /^Model \(sendmail could not be asked\): bob@a\.b\.example\.org is sent by mailer relay to gw\.example\.org/);
    assert.match(text.stdout, /port: +587\n +MX: +looked up/);
    const asked = route(['--config-dir', dir, '--model', 'bob@a.b.example.org']);
    assert.match(asked.stdout, /^Model \(sendmail not asked\): /);
  });

  it('--installed-at: a repository copy of /etc/mail answers from its own files (the model)', () => {
    // The mc names its maps under /srv/mail-h9, which does not exist here: the copy holds them.
    const repo = fs.mkdtempSync(path.join(box.dir, 'repo-'));
    for (const name of fs.readdirSync(dir).filter((n) => !n.endsWith('.db') && !n.endsWith('.sh') && fs.statSync(path.join(dir, n)).isFile())) {
      fs.writeFileSync(path.join(repo, name), fs.readFileSync(path.join(dir, name), 'utf8').split(dir).join('/srv/mail-h9'));
    }
    const plain = route(['--config-dir', repo, '--model', '--format', 'json', 'postmaster@example.com']);
    assert.equal(JSON.parse(plain.stdout).host, 'smart.example.net', 'without it, the mailertable the mc names is not there');
    const r = route(['--config-dir', repo, '--installed-at', '/srv/mail-h9', '--expect-host', '[mx.example.com]', '--format', 'json', 'postmaster@example.com']);
    assert.equal(r.status, 10, r.stdout + r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.answeredBy, 'model');
    assert.deepEqual([j.decidedBy.file, j.decidedBy.line], ['/srv/mail-h9/mailertable', 2]);
  });

  it('usage errors exit 2: no address, a refused address, a folder without configuration', () => {
    assert.equal(route(['--config-dir', dir]).status, 2);
    const inject = route(['--config-dir', dir, '--sendmail', box.sendmail, 'a@b.example;touch']);
    assert.equal(inject.status, 2);
    assert.match(inject.stderr, /address refused/);
    const empty = fs.mkdtempSync(path.join(box.dir, 'empty-'));
    const none = route(['--config-dir', empty, 'a@b.example']);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /no sendmail\.mc or sendmail\.cf/);
  });
});
