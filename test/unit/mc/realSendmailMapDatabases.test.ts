// A map FEATURE whose database is missing, checked against the real sendmail over SMTP (-bs):
// never built (the source is there) or never created at all (neither source nor database).
// Either way sendmail only opens the database, so it behaves the same: without access.db every
// MAIL FROM gets 451 4.3.0, without mailertable/virtusertable/domaintable/bitdomain/uucpdomain
// the recipients they decide on are accepted but only queued. We warn on the FEATURE line with
// that claim; after doing what the message says sendmail accepts the mail and the warning is gone.
// With -o (optional) and no source at all, sendmail runs normally and we say nothing.
import * as assert from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LanguageService, diskWorkspace } from '../../../server/src/service';
import { MAKEMAP, realSendmailSandbox, testMc } from '../commands/etcMail';
import { smtpConversation } from '../smtpSession';

describe('mc: a map database that is missing, checked with the real sendmail', function () {
  this.timeout(400_000);
  const box = realSendmailSandbox('sendmail-mapdb-');
  let dir = '', sendmail = '';
  before(() => ({ dir, sendmail } = box));

  /**
   * Writes an mc with FEATURE(feature, `spec <dir>/<file>`) (and `extra` lines), the map source
   * when `source` is given (else none), never its database, and the cf. Returns our warnings,
   * the replies of an SMTP conversation, and the map's paths.
   */
  const setUp = (feature: string, spec: string, source: string | undefined, extra: string[] = []) => {
    const file = path.join(dir, feature === 'access_db' ? 'access' : feature);
    const mc = testMc(dir, [`FEATURE(\`${feature}', \`${spec} ${file}')dnl`, ...extra]);
    const mcPath = path.join(dir, 'sendmail.mc');
    fs.writeFileSync(mcPath, mc);
    if (source === undefined) fs.rmSync(file, { force: true });
    else fs.writeFileSync(file, source);
    fs.rmSync(`${file}.db`, { force: true });
    const cf = path.join(dir, 'sendmail.cf');
    fs.writeFileSync(cf, execFileSync('m4', ['sendmail.mc'], { cwd: dir, encoding: 'utf8' }));
    const ours = () => {
      const svc = new LanguageService(diskWorkspace());
      svc.open(`file://${mcPath}`, 'sendmail-mc', 1, mc);
      return svc.diagnostics(`file://${mcPath}`).filter((d) => d.code === 'mc.map-database-missing');
    };
    const smtp = (commands: string[]) => smtpConversation(sendmail, cf, ['HELO client.example', ...commands, 'QUIT']);
    /** The answer to each of `rcpts` after MAIL FROM:<s@mail.example.test>. */
    const rcpt = async (...rcpts: string[]) => (await smtp(['MAIL FROM:<s@mail.example.test>', ...rcpts.map((r) => `RCPT TO:<${r}>`)])).replies.slice(3, 3 + rcpts.length);
    return { ours, smtp, rcpt, file };
  };
  /** What the message tells to do when the source is missing: create it empty, then makemap. */
  const createAndBuild = (file: string, message: string) => {
    assert.match(message, new RegExp(`Create the source \\(even empty\\) and build it: makemap hash ${file} < ${file}`));
    fs.writeFileSync(file, '');
    execFileSync(MAKEMAP, ['hash', file], { input: '', stdio: ['pipe', 'ignore', 'ignore'] });
  };
  const RELAY = ["RELAY_DOMAIN(`remote.example')dnl"];

  it('access.db never built: 451 for every sender and our warning; built: accepted and silent', async () => {
    const { ours, smtp, file } = setUp('access_db', 'hash -T<TMPF>', 'Connect:192.0.2.1\tREJECT\n');
    const before = ours();
    assert.strictEqual(before.length, 1);
    assert.match(String(before[0].message), /was never built: .*"missing map file" .*"451 4\.3\.0 Temporary system failure"/);
    const missing = await smtp(['MAIL FROM:<s@mail.example.test>']);
    assert.match(missing.early.join('\n'), /missing map file/);
    assert.match(missing.replies[2], /^451 4\.3\.0 /);
    execFileSync(MAKEMAP, ['hash', file], { input: fs.readFileSync(file), stdio: ['pipe', 'ignore', 'ignore'] });
    assert.deepStrictEqual(ours(), []);
    assert.match((await smtp(['MAIL FROM:<s@mail.example.test>'])).replies[2], /^250 2\.1\.0 /);
  });

  it('an optional (-o) map never built: mail flows without it, and we say only that its entries are not in effect', async () => {
    const { ours, smtp } = setUp('access_db', 'hash -o -T<TMPF>', 'Connect:192.0.2.1\tREJECT\n');
    const ds = ours();
    assert.strictEqual(ds.length, 1);
    assert.match(String(ds[0].message), /optional \(-o\), so sendmail runs without it: none of its entries are in effect/);
    assert.doesNotMatch(String(ds[0].message), /451/);
    assert.match((await smtp(['MAIL FROM:<s@mail.example.test>'])).replies[2], /^250 2\.1\.0 /);
  });

  it('access: neither source nor database: 451 for every sender but <>, we warn; created empty and built: accepted, silent', async () => {
    const { ours, smtp, file } = setUp('access_db', 'hash -T<TMPF>', undefined);
    const ds = ours();
    assert.strictEqual(ds.length, 1);
    const message = String(ds[0].message);
    assert.match(message, new RegExp(`^Neither ${file} nor ${file}\\.db exists, so sendmail prints "missing map file" and answers every MAIL FROM but <> \\(bounces\\) with "451 4\\.3\\.0 Temporary system failure"`));
    const missing = await smtp(['MAIL FROM:<s@mail.example.test>']);
    assert.match(missing.early.join('\n'), /missing map file/);
    assert.match(missing.replies[2], /^451 4\.3\.0 Temporary system failure/);
    assert.match((await smtp(['MAIL FROM:<>'])).replies[2], /^250 2\.1\.0 /);
    createAndBuild(file, message);
    assert.deepStrictEqual(ours(), []);
    assert.match((await smtp(['MAIL FROM:<s@mail.example.test>'])).replies[2], /^250 2\.1\.0 /);
  });

  it('mailertable: neither source nor database: mail for other hosts is only queued, we warn; created and built: silent', async () => {
    const { ours, rcpt, file } = setUp('mailertable', 'hash', undefined, RELAY);
    const ds = ours();
    assert.strictEqual(ds.length, 1);
    const message = String(ds[0].message);
    assert.match(message, /accepts mail for other hosts but only queues it \("Recipient ok \(will queue\)"\)/);
    assert.deepStrictEqual(await rcpt('x@remote.example', 'root@mail.example.test'),
      ['250 2.1.5 <x@remote.example>... Recipient ok (will queue)', '250 2.1.5 <root@mail.example.test>... Recipient ok']);
    createAndBuild(file, message);
    assert.deepStrictEqual(ours(), []);
    assert.deepStrictEqual(await rcpt('x@remote.example'), ['250 2.1.5 <x@remote.example>... Recipient ok']);
  });

  it('virtusertable: neither source nor database: mail for this machine and its virtual domains is only queued, we warn', async () => {
    const { ours, rcpt, file } = setUp('virtusertable', 'hash', undefined, [...RELAY, "VIRTUSER_DOMAIN(`virt.example')dnl"]);
    const ds = ours();
    assert.strictEqual(ds.length, 1);
    const message = String(ds[0].message);
    assert.match(message, /accepts mail for local and virtual domains but only queues it \("Recipient ok \(will queue\)"\)/);
    assert.deepStrictEqual(await rcpt('root@mail.example.test', 'x@virt.example', 'x@remote.example'), [
      '250 2.1.5 <root@mail.example.test>... Recipient ok (will queue)', '250 2.1.5 <x@virt.example>... Recipient ok (will queue)',
      '250 2.1.5 <x@remote.example>... Recipient ok']);
    createAndBuild(file, message);
    assert.deepStrictEqual(ours(), []);
    assert.deepStrictEqual(await rcpt('root@mail.example.test'), ['250 2.1.5 <root@mail.example.test>... Recipient ok']);
  });

  it('domaintable: neither source nor database: every recipient is only queued, we warn', async () => {
    const { ours, rcpt } = setUp('domaintable', 'hash', undefined, RELAY);
    const ds = ours();
    assert.strictEqual(ds.length, 1);
    assert.match(String(ds[0].message), /accepts all mail but only queues it \("Recipient ok \(will queue\)"\)/);
    assert.deepStrictEqual(await rcpt('root@mail.example.test', 'x@remote.example'),
      ['250 2.1.5 <root@mail.example.test>... Recipient ok (will queue)', '250 2.1.5 <x@remote.example>... Recipient ok (will queue)']);
  });

  it('bitdomain and uucpdomain: neither source nor database: only mail for .BITNET / .UUCP hosts is queued, we warn', async () => {
    const relay = [...RELAY, "RELAY_DOMAIN(`bitnet')dnl", "RELAY_DOMAIN(`uucp')dnl"];
    for (const [feature, queued, top] of [['bitdomain', 'x@host.bitnet', 'BITNET'], ['uucpdomain', 'x@host.uucp', 'UUCP']]) {
      const { ours, rcpt } = setUp(feature, 'hash', undefined, relay);
      const ds = ours();
      assert.strictEqual(ds.length, 1, feature);
      assert.match(String(ds[0].message), new RegExp(`accepts mail for \\.${top} hosts but only queues it \\("Recipient ok \\(will queue\\)"\\)`));
      const other = feature === 'bitdomain' ? 'x@host.uucp' : 'x@host.bitnet';
      assert.deepStrictEqual(await rcpt(queued, other, 'x@remote.example'), [
        `250 2.1.5 <${queued}>... Recipient ok (will queue)`, `250 2.1.5 <${other}>... Recipient ok`, '250 2.1.5 <x@remote.example>... Recipient ok']);
    }
  });

  it('optional (-o) maps with neither source nor database: sendmail runs as without them, and we say nothing', async () => {
    const access = setUp('access_db', 'hash -o -T<TMPF>', undefined);
    assert.deepStrictEqual(access.ours(), []);
    const a = await access.smtp(['MAIL FROM:<s@mail.example.test>']);
    assert.deepStrictEqual(a.early, []);
    assert.match(a.replies[2], /^250 2\.1\.0 /);
    for (const feature of ['mailertable', 'virtusertable']) {
      const { ours, rcpt } = setUp(feature, 'hash -o', undefined, RELAY);
      assert.deepStrictEqual(ours(), [], feature);
      assert.deepStrictEqual(await rcpt('x@remote.example', 'root@mail.example.test'),
        ['250 2.1.5 <x@remote.example>... Recipient ok', '250 2.1.5 <root@mail.example.test>... Recipient ok'], feature);
    }
  });
});
