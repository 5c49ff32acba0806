// `error:5.7.1 text` (no colon after the status) in mailertable, virtusertable and access,
// checked against the real sendmail over SMTP (sendmail -bs): what our diagnostic says the
// client gets is what sendmail answers, and after our quick fix (status:code) sendmail
// answers with the status that was meant.
import * as assert from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openMap, byCode, applyAction } from './tableHelpers';
import { smtpSession } from '../smtpSession';
import { MAKEMAP, realSendmailSandbox, testMc } from '../commands/etcMail';
import type { LanguageId } from '../../../server/src/service';


/** The mc: the maps in the test's folder. */
const mcFor = (dir: string): string => testMc(dir, [
  `FEATURE(\`mailertable', \`hash ${dir}/mailertable')dnl`,
  `FEATURE(\`virtusertable', \`hash ${dir}/virtusertable')dnl`,
  `FEATURE(\`access_db', \`hash -T<TMPF> ${dir}/access')dnl`,
  "VIRTUSER_DOMAIN(`virt.example')dnl",
]);

interface MapCase { name: string; lang: LanguageId; bad: string; code: string; commands: string[] }
const MAPS: MapCase[] = [
  { name: 'mailertable', lang: 'sendmail-mailertable', bad: 'err.example\terror:5.7.1 No route here\n', code: 'mailertable.error-no-colon',
    commands: ['MAIL FROM:<s@mail.example.test>', 'RCPT TO:<u@err.example>'] },
  { name: 'virtusertable', lang: 'sendmail-virtusertable', bad: 'a@virt.example\terror:5.7.1 No such user here\n', code: 'virtusertable.error-no-colon',
    commands: ['MAIL FROM:<s@mail.example.test>', 'RCPT TO:<a@virt.example>'] },
  { name: 'access', lang: 'sendmail-access', bad: 'From:bad.example\tERROR:5.7.1 Go away\n', code: 'access.error-no-colon',
    commands: ['MAIL FROM:<x@bad.example>'] },
];

describe('tables: a status without its colon in error: values, checked with the real sendmail', function () {
  this.timeout(400_000); // sendmail may sleep 60 s at start on hosts without a qualified name
  const box = realSendmailSandbox('sendmail-errstatus-');
  let dir = '', sendmail = '';
  before(() => ({ dir, sendmail } = box));

  const build = (maps: Record<string, string>) => {
    fs.writeFileSync(path.join(dir, 'sendmail.mc'), mcFor(dir));
    fs.writeFileSync(path.join(dir, 'sendmail.cf'), execFileSync('m4', ['sendmail.mc'], { cwd: dir, encoding: 'utf8' }));
    for (const [name, text] of Object.entries(maps)) {
      fs.writeFileSync(path.join(dir, name), text);
      execFileSync(MAKEMAP, ['hash', path.join(dir, name)], { input: text, stdio: ['pipe', 'ignore', 'ignore'] }); // makemap warns about /tmp being world-writable
    }
  };
  const lastReplies = async () => {
    const all = await smtpSession(sendmail, path.join(dir, 'sendmail.cf'), ['HELO client.example', ...MAPS.flatMap((m) => ['RSET', ...m.commands]), 'QUIT']);
    // per map: the reply to its last command (after 220, HELO's 250, then per map RSET + commands)
    const out: Record<string, string> = {};
    let i = 2;
    for (const m of MAPS) { i += 1 + m.commands.length; out[m.name] = all[i - 1] ?? ''; }
    return out;
  };

  it('says what sendmail answers, and the fix gives the status that was meant', async () => {
    const diagnosed = MAPS.map((m) => {
      const { svc, uri, diags } = openMap(m.lang, m.bad, { mc: null });
      const [d] = byCode(diags(), m.code);
      assert.ok(d, `${m.name}: ${m.code} reported`);
      const quoted = /"553 5\.3\.0" and the text "([^"]*)"/.exec(String(d.message));
      assert.ok(quoted, `${m.name}: the message says the reply: ${d.message}`);
      return { m, said: quoted[1], fixed: applyAction(svc.codeActions(uri, d.range, [d])[0], uri, m.bad) };
    });
    build(Object.fromEntries(MAPS.map((m) => [m.name, m.bad])));
    const before = await lastReplies();
    for (const { m, said } of diagnosed) {
      assert.match(before[m.name], /^553 5\.3\.0 /, `${m.name}: ${before[m.name]}`);
      assert.ok(before[m.name].endsWith(`... ${said}`), `${m.name}: sendmail answered "${before[m.name]}", we said the text is "${said}"`);
    }
    build(Object.fromEntries(diagnosed.map(({ m, fixed }) => [m.name, fixed])));
    for (const { m, fixed } of diagnosed) assert.strictEqual(byCode(openMap(m.lang, fixed, { mc: null }).diags(), m.code).length, 0);
    const after = await lastReplies();
    for (const { m } of diagnosed) assert.match(after[m.name], /^550 5\.7\.1 /, `${m.name} after the fix: ${after[m.name]}`);
  });
});
