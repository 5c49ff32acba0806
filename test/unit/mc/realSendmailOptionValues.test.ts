// Option values, checked with the real sendmail: for each kind of value an mc is written, m4
// makes the cf, and sendmail reads it twice — `sendmail -C cf -bt` with no input (prints what
// readcf complains about) and `sendmail -C cf -bs` with QUIT (shows whether it starts at all,
// its exit status, and over SMTP what it made of the value). Our diagnostics must say what it did.
import * as assert from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { LanguageService, diskWorkspace } from '../../../server/src/service';
import { SSL_OPTION_NAMES } from '../../../server/src/service/catalog/sslOptions';
import { filterEquateProblem } from '../../../server/src/service/mc/checks/optionValues';
import { applyEdits } from '../helpers';
import { realSendmailSandbox, testMc } from '../commands/etcMail';
import { smtpSession } from '../smtpSession';

const OURS = new Set(['mc.boolean-value', 'mc.number-value', 'mc.number-with-suffix', 'mc.duration-unit', 'mc.option-value-refused',
  'mc.ssl-option-unknown', 'mc.relative-path', 'mc.filter-equate']);

describe('mc: option values as the real sendmail reads them', function () {
  this.timeout(600_000); // sendmail may sleep 60 s at start on hosts without a qualified name
  const box = realSendmailSandbox('sendmail-values-');
  let dir = '', sendmail = '', cf = '';
  before(() => {
    ({ dir, sendmail } = box);
    cf = path.join(dir, 'sendmail.cf');
  });

  /** Writes the mc with `lines`, makes the cf; returns the mc text and our diagnostics of the kinds checked here. */
  const build = (lines: string[]) => {
    const mc = testMc(dir, lines);
    const mcPath = path.join(dir, 'sendmail.mc');
    fs.writeFileSync(mcPath, mc);
    fs.writeFileSync(cf, execFileSync('m4', ['sendmail.mc'], { cwd: dir, encoding: 'utf8' }));
    const svc = new LanguageService(diskWorkspace());
    const uri = `file://${mcPath}`;
    svc.open(uri, 'sendmail-mc', 1, mc);
    const ours = svc.diagnostics(uri).filter((d) => OURS.has(String(d.code)));
    const fixed = (d: Diagnostic) => applyEdits(mc, svc.codeActions(uri, d.range, [d])[0].edit!.changes![uri]);
    return { mc, ours, fixed };
  };
  /** What sendmail prints reading the cf in test mode, and what -bs does: its replies and exit status. */
  const readcf = (cwd = dir) => {
    const bt = spawnSync(sendmail, ['-C', cf, '-bt'], { input: '', encoding: 'utf8', cwd, timeout: 150_000 });
    const bs = spawnSync(sendmail, ['-C', cf, '-bs'], { input: 'QUIT\r\n', encoding: 'utf8', cwd, timeout: 150_000 });
    return { said: `${bt.stdout}${bt.stderr}`, status: bs.status, replies: bs.stdout, started: /^220 /m.test(bs.stdout) };
  };
  const ehlo = async () => (await smtpSession(sendmail, cf, ['EHLO client.example', 'QUIT']))[1] ?? '';
  const codes = (ds: Diagnostic[]) => ds.map((d) => String(d.code));

  it('boolean: 1 and maybe are False like False, an empty value is True like True (HELO without a name)', async () => {
    const answers: Record<string, string> = {};
    for (const v of ['True', 'False', '1', 'maybe', '']) {
      const { ours } = build([`define(\`confALLOW_BOGUS_HELO', \`${v}')dnl`]);
      assert.deepStrictEqual(codes(ours), ['True', 'False'].includes(v) ? [] : ['mc.boolean-value'], v);
      if (ours[0]) assert.match(String(ours[0].message), v ? /is read as False/ : /reads that as True/);
      answers[v] = (await smtpSession(sendmail, cf, ['HELO', 'QUIT']))[1] ?? '';
    }
    assert.match(answers.True, /^250 /);
    assert.match(answers.False, /^501 5\.0\.0 HELO requires domain address/);
    assert.strictEqual(answers['1'], answers.False);
    assert.strictEqual(answers.maybe, answers.False);
    assert.strictEqual(answers[''], answers.True);
  });

  it('number: "ten" recipients is 0, no limit, without a word; 2 limits', async () => {
    const third = async (v: string) => {
      const { ours } = build([`define(\`confMAX_RCPTS_PER_MESSAGE', \`${v}')dnl`]);
      assert.doesNotMatch(readcf().said, /: line \d+: /, 'sendmail says nothing about the value');
      const r = await smtpSession(sendmail, cf, ['EHLO client.example', 'MAIL FROM:<root>', 'RCPT TO:<root>', 'RCPT TO:<daemon>', 'RCPT TO:<bin>', 'QUIT']);
      return { ours: codes(ours), third: r[5] ?? '' };
    };
    assert.deepStrictEqual(await third('2'), { ours: [], third: '452 4.5.3 Too many recipients' });
    const ten = await third('ten');
    assert.deepStrictEqual(ten.ours, ['mc.number-value']);
    assert.match(ten.third, /^250 2\.1\.5 <bin>/);
  });

  it('size: "ten" and -1 mean no limit (SIZE without a number), 10M is 10 bytes', async () => {
    const size = async (v: string) => {
      const { ours } = build([`define(\`confMAX_MESSAGE_SIZE', \`${v}')dnl`]);
      return { ours: codes(ours), size: /^250-SIZE.*$/m.exec(await ehlo())?.[0] };
    };
    assert.deepStrictEqual(await size('1000'), { ours: [], size: '250-SIZE 1000' });
    assert.deepStrictEqual(await size('ten'), { ours: ['mc.number-value'], size: '250-SIZE' });
    assert.deepStrictEqual(await size('-1'), { ours: [], size: '250-SIZE' });
    assert.deepStrictEqual(await size('10M'), { ours: ['mc.number-with-suffix'], size: '250-SIZE 10' });
  });

  it('duration: 5x and "5 m" make sendmail print the lines we quote, and it starts; the fix silences it', () => {
    for (const [name, v] of [['confTO_QUEUEWARN', '5x'], ['confTO_QUEUERETURN', '5 d'], ['confMIN_QUEUE_AGE', 'ten']]) {
      const { ours, fixed } = build([`define(\`${name}', \`${v}')dnl`]);
      assert.deepStrictEqual(codes(ours), ['mc.duration-unit'], `${name} ${v}`);
      const r = readcf();
      const quoted = [...String(ours[0].message).matchAll(/"(Invalid time unit `.')"/g)].map((m) => m[1]);
      assert.ok(quoted.length > 0);
      for (const q of quoted) assert.ok(r.said.includes(q), `sendmail said:\n${r.said}\nwe quote ${q}`);
      assert.strictEqual(r.said.match(/Invalid time unit `.'/g)?.filter((l) => !quoted.includes(l)).length ?? 0, 0, 'we quote every line');
      assert.ok(r.started && r.status === 0, r.replies);
      if (v.includes(' ')) {
        fs.writeFileSync(path.join(dir, 'sendmail.mc'), fixed(ours[0]));
        fs.writeFileSync(cf, execFileSync('m4', ['sendmail.mc'], { cwd: dir, encoding: 'utf8' }));
        assert.doesNotMatch(readcf().said, /Invalid time unit/);
      }
    }
  });

  it('enum: an unknown word stops sendmail with the line and status we say; a documented one starts', () => {
    const cases: [string, string, string, number][] = [
      ['confDELIVERY_MODE', 'fast', 'Unknown delivery mode f', 64], ['confDELIVERY_MODE', 'Background', 'Unknown delivery mode B', 64],
      ['confEIGHT_BIT_HANDLING', 'utf8', 'Unknown 8-bit mode u', 64], ['confQUEUE_SORT_ORDER', 'xyz', 'Invalid queue sort order "xyz"', 70],
      ['confNO_RCPT_ACTION', 'add-cc', 'Invalid NoRecipientAction: add-cc', 70],
    ];
    for (const [name, v, line, status] of cases) {
      const { ours, fixed } = build([`define(\`${name}', \`${v}')dnl`]);
      assert.deepStrictEqual(codes(ours), ['mc.option-value-refused'], `${name} ${v}`);
      assert.ok(String(ours[0].message).includes(`"${line}"`) && String(ours[0].message).includes(`status ${status}`), String(ours[0].message));
      const r = readcf();
      assert.ok(r.said.includes(line), r.said);
      assert.strictEqual(r.status, status);
      assert.ok(!r.started && r.replies.includes(line), r.replies);
      if (v === 'Background') {
        fs.writeFileSync(path.join(dir, 'sendmail.mc'), fixed(ours[0]));
        fs.writeFileSync(cf, execFileSync('m4', ['sendmail.mc'], { cwd: dir, encoding: 'utf8' }));
        assert.ok(readcf().started);
      }
    }
    for (const [name, v] of [['confDELIVERY_MODE', 'queueonly'], ['confQUEUE_SORT_ORDER', 'Host'], ['confEIGHT_BIT_HANDLING', 'mimefy'], ['confNO_RCPT_ACTION', 'add-to-undisclosed']]) {
      assert.deepStrictEqual(codes(build([`define(\`${name}', \`${v}')dnl`]).ours), []);
      assert.ok(readcf().started, `${name} ${v}`);
    }
  });

  it('SSL options: every name we know starts; an unknown one stops sendmail with the line we quote', () => {
    const all = SSL_OPTION_NAMES.map((n, i) => `${i % 2 ? '-' : '+'}${n}`).join(' ');
    assert.deepStrictEqual(codes(build([`define(\`confSERVER_SSL_OPTIONS', \`${all}')dnl`, "define(`confCLIENT_SSL_OPTIONS', `+SSL_OP_NO_SSLv3,+0x4')dnl"]).ours), []);
    assert.ok(readcf().started, readcf().said);
    for (const [name, v] of [['confSERVER_SSL_OPTIONS', '+SSL_OP_NO_SSLv3 +SSL_OP_NO_SSLV2X'], ['confCLIENT_SSL_OPTIONS', 'NO_SSLv3'], ['confSERVER_SSL_OPTIONS', '+ SSL_OP_NO_SSLv3']]) {
      const { ours, fixed } = build([`define(\`${name}', \`${v}')dnl`]);
      assert.deepStrictEqual(codes(ours), ['mc.ssl-option-unknown'], v);
      const line = /"(readcf: [^"]*)"/.exec(String(ours[0].message))![1];
      const r = readcf();
      assert.ok(r.said.includes(line), `sendmail said:\n${r.said}\nwe quote: ${line}`);
      assert.strictEqual(r.status, 70);
      assert.ok(!r.started);
      if (v.includes('V2X')) {
        fs.writeFileSync(path.join(dir, 'sendmail.mc'), fixed(ours[0]));
        fs.writeFileSync(cf, execFileSync('m4', ['sendmail.mc'], { cwd: dir, encoding: 'utf8' }));
        assert.ok(readcf().started);
      }
    }
  });

  it('relative class file: found from the directory that has it, refused from / with the line we quote', () => {
    fs.writeFileSync(path.join(dir, 'local-host-names'), 'mail.example.test\n');
    // TrustStickyBit: the folder is under /tmp, which sendmail must trust to read a class file there by full path
    const trust = "define(`confDONT_BLAME_SENDMAIL', `MapInUnsafeDirPath,TrustStickyBit')dnl";
    const { ours } = build([trust, "FEATURE(`use_cw_file')dnl", "define(`confCW_FILE', `local-host-names')dnl"]);
    assert.deepStrictEqual(codes(ours), ['mc.relative-path']);
    assert.ok(readcf(dir).started);
    const fromRoot = readcf('/');
    const line = "fileclass: cannot open 'local-host-names': No such file or directory";
    assert.ok(String(ours[0].message).includes(line) && String(ours[0].message).includes('exit status 71'));
    assert.ok(fromRoot.said.includes(line), fromRoot.said);
    assert.strictEqual(fromRoot.status, 71);
    assert.deepStrictEqual(codes(build([trust, "FEATURE(`use_cw_file')dnl", `define(\`confCW_FILE', \`${dir}/local-host-names')dnl`]).ours), []);
    assert.ok(readcf('/').started);
  });

  it('relative TLS files: no STARTTLS even where the files are; the same files by full path: STARTTLS', async function () {
    if (spawnSync('openssl', ['version']).status !== 0) this.skip();
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'),
      '-days', '2', '-subj', '/CN=mail.example.test'], { stdio: 'ignore' });
    fs.chmodSync(path.join(dir, 'key.pem'), 0o600);
    const tls = (cert: string) => [
      "define(`confDONT_BLAME_SENDMAIL', `MapInUnsafeDirPath,TrustStickyBit')dnl", `define(\`confCACERT_PATH', \`${dir}')dnl`,
      `define(\`confCACERT', \`${dir}/cert.pem')dnl`, `define(\`confSERVER_CERT', \`${cert}')dnl`, `define(\`confSERVER_KEY', \`${dir}/key.pem')dnl`,
    ];
    const full = build(tls(`${dir}/cert.pem`));
    assert.deepStrictEqual(codes(full.ours), []);
    assert.match(await ehlo(), /^250[- ]STARTTLS$/m);
    const rel = build(tls('cert.pem'));
    assert.deepStrictEqual(codes(rel.ours), ['mc.relative-path']);
    assert.match(String(rel.ours[0].message), /offers no STARTTLS/);
    assert.ok(readcf(dir).started);
    // started from the folder that holds cert.pem (smtpSession's sendmail inherits our directory)
    const cwd = process.cwd();
    process.chdir(dir);
    try { assert.doesNotMatch(await ehlo(), /STARTTLS/); } finally { process.chdir(cwd); }
  });

  it('mail filter equates: sendmail prints the very line we predict and stops', () => {
    for (const equates of ['S=local:/run/f1.sock, Z=1', 'S=local:/run/f1.sock,', 'S=local:/run/f1.sock, T=C:2m;', 'S=local:/run/f1.sock, T=C:2m;Q:5s', 'S=lokal:/run/f1.sock', 'F=T']) {
      const { ours } = build([`INPUT_MAIL_FILTER(\`f1', \`${equates}')dnl`]);
      assert.deepStrictEqual(codes(ours), ['mc.filter-equate'], equates);
      const line = filterEquateProblem('f1', equates)!;
      assert.ok(String(ours[0].message).includes(`"${line}"`), String(ours[0].message));
      const r = readcf();
      assert.ok(r.said.includes(line), `sendmail said:\n${r.said}\nwe predict: ${line}`);
      assert.ok(!r.started && r.status !== 0, r.replies);
    }
    assert.deepStrictEqual(codes(build(["INPUT_MAIL_FILTER(`f1', `S=local:/run/f1.sock, F=T, T=C:2m;S:10s;R:10s;E:5m')dnl"]).ours), []);
    assert.ok(readcf().started);
  });
});
