// The `error:` forms that virtusertable and mailertable read differently (cf/m4/proto.m4: the
// virtusertable takes `error:KEYWORD text`, the mailertable `error:KEYWORD:text` and
// `error:NNN text`), checked against the real sendmail over SMTP (sendmail -bs, RCPT replies):
// - what the hover says sendmail answers is what it answers, for every form pinned here;
// - each form written in the other map's way has a Warning whose "sendmail answers ..." is the
//   real reply, and our quick fix gives the reply that was written (the code, and the status).
import * as assert from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { openMap, applyAction } from './tableHelpers';
import { smtpSession } from '../smtpSession';
import { MAKEMAP, realSendmailSandbox, testMc } from '../commands/etcMail';
import type { LanguageId } from '../../../server/src/service';

/** The mc: the maps in the test's folder. */
const mcFor = (dir: string): string => testMc(dir, [
  `FEATURE(\`mailertable', \`hash ${dir}/mailertable')dnl`,
  `FEATURE(\`virtusertable', \`hash ${dir}/virtusertable')dnl`,
  "VIRTUSER_DOMAIN(`virt.example')dnl",
]);

type MapName = 'virtusertable' | 'mailertable';
interface Row {
  map: MapName; key: string; value: string;
  /** sendmail's RCPT reply, without the "<rcpt>... " part: `code status text`. */
  reply: string;
  /** Our Warning for this form (undefined: none of the codes below may be reported). */
  code?: string;
  /** The reply after our quick fix (undefined: no fix is offered). */
  fixed?: string;
}

const CODES = ['virtusertable.error-keyword-colon', 'virtusertable.error-code-as-keyword', 'virtusertable.error-one-word', 'mailertable.error-keyword-blank'];

const ROWS: Row[] = [
  // virtusertable: cf/README's forms are right
  { map: 'virtusertable', key: 'joe@virt.example', value: 'error:nouser 550 No such user here', reply: '550 5.0.0 No such user here' },
  { map: 'virtusertable', key: 'kim@virt.example', value: 'error:5.7.0:550 Address invalid', reply: '550 5.7.0 Address invalid' },
  { map: 'virtusertable', key: 'kwt@virt.example', value: 'error:nouser No code here', reply: '553 5.3.0 No code here' },
  { map: 'virtusertable', key: 'cma@virt.example', value: 'error:nouser 550 Sorry, no such user.', reply: '550 5.0.0 Sorry,no such user.' },
  { map: 'virtusertable', key: 'qkw@virt.example', value: 'error:nouser "550 Quoted text"', reply: '550 5.0.0 Quoted text' },
  { map: 'virtusertable', key: 'dsn@virt.example', value: 'error:5.1.1 No colon, sorry', reply: '553 5.3.0 .1.1 No colon,sorry' },
  // virtusertable: the mailertable's forms
  { map: 'virtusertable', key: 'jax@virt.example', value: 'error:nouser:550 Nope', reply: '553 5.3.0 :550 Nope', code: 'virtusertable.error-keyword-colon', fixed: '550 5.0.0 Nope' },
  { map: 'virtusertable', key: 'kwb@virt.example', value: 'error:tempfail: 450 Later', reply: '553 5.3.0 :450 Later', code: 'virtusertable.error-keyword-colon', fixed: '450 4.0.0 Later' },
  { map: 'virtusertable', key: 'qcl@virt.example', value: 'error:nouser:"550 5.1.1 Quoted"', reply: '553 5.3.0 :550 5.1.1 Quoted', code: 'virtusertable.error-keyword-colon', fixed: '550 5.1.1 Quoted' },
  { map: 'virtusertable', key: 'lee@virt.example', value: 'error:550 plain', reply: '553 5.3.0 plain', code: 'virtusertable.error-code-as-keyword', fixed: '550 5.0.0 plain' },
  { map: 'virtusertable', key: 'tmp@virt.example', value: 'error:450 Try later', reply: '553 5.3.0 Try later', code: 'virtusertable.error-code-as-keyword', fixed: '450 4.0.0 Try later' },
  { map: 'virtusertable', key: 'sts@virt.example', value: 'error:550 5.1.1 No such user', reply: '553 5.3.0 5.1.1 No such user', code: 'virtusertable.error-code-as-keyword', fixed: '550 5.1.1 No such user' },
  { map: 'virtusertable', key: 'one@virt.example', value: 'error:550', reply: '553 5.3.0 >one<@virt.example.', code: 'virtusertable.error-one-word' },
  { map: 'virtusertable', key: 'kwo@virt.example', value: 'error:nouser', reply: '553 5.3.0 >kwo<@virt.example.', code: 'virtusertable.error-one-word' },
  { map: 'virtusertable', key: 'qon@virt.example', value: 'error:"550 Quoted only"', reply: '553 5.3.0 >qon<@virt.example.', code: 'virtusertable.error-one-word', fixed: '550 5.0.0 Quoted only' },
  // mailertable: cf/README's forms and the keyword form with a colon are right
  { map: 'mailertable', key: 'old.example', value: 'error:5.1.2:550 Host unknown', reply: '550 5.1.2 Host unknown' },
  { map: 'mailertable', key: 'bad.example', value: 'error:nouser:550 Colon form', reply: '550 5.0.0 Colon form' },
  { map: 'mailertable', key: 'code.example', value: 'error:550 Gone', reply: '550 5.0.0 Gone' },
  { map: 'mailertable', key: 'cst.example', value: 'error:550 5.1.2 Code and status', reply: '550 5.1.2 Code and status' },
  { map: 'mailertable', key: 'kwt.example', value: 'error:nouser No code', reply: '553 5.3.0 nouser No code' },
  { map: 'mailertable', key: 'bare.example', value: 'error:550', reply: '553 5.3.0 550' },
  { map: 'mailertable', key: 'dsn.example', value: 'error:5.1.2 No colon, sorry', reply: '553 5.3.0 5.1.2 No colon,sorry' },
  // mailertable: the virtusertable's form
  { map: 'mailertable', key: 'gone.example', value: 'error:nouser 550 No such domain', reply: '553 5.3.0 nouser 550 No such domain', code: 'mailertable.error-keyword-blank', fixed: '550 5.0.0 No such domain' },
  { map: 'mailertable', key: 'tmp.example', value: 'error:tempfail 450 Try later', reply: '553 5.3.0 tempfail 450 Try later', code: 'mailertable.error-keyword-blank', fixed: '450 4.0.0 Try later' },
  { map: 'mailertable', key: 'sts.example', value: 'error:nouser 550 5.1.2 No host', reply: '553 5.3.0 nouser 550 5.1.2 No host', code: 'mailertable.error-keyword-blank', fixed: '550 5.1.2 No host' },
  { map: 'mailertable', key: 'q.example', value: 'error:nouser "550 Quoted"', reply: '553 5.3.0 nouser550 Quoted', code: 'mailertable.error-keyword-blank', fixed: '550 5.0.0 Quoted' },
];

const LANG: Record<MapName, LanguageId> = { virtusertable: 'sendmail-virtusertable', mailertable: 'sendmail-mailertable' };
const rcpt = (r: Row) => (r.map === 'virtusertable' ? r.key : `u@${r.key}`);
const line = (r: Row, value = r.value) => `${r.key}\t${value}\n`;
/** Our claim with the address filled in: `<address>` is the recipient, `>user<@domain.` its mangled form. */
const filled = (claim: string, r: Row) => {
  const [user, domain] = rcpt(r).split('@');
  return claim.replace('<address>', `<${rcpt(r)}>`).replace('>user<@domain.', `>${user}<@${domain}.`);
};
/** sendmail's reply in the form of our claims: `553 5.3.0 <rcpt>... text`. */
const expected = (r: Row, reply: string) => reply.replace(/^(\d{3} \d\.\d{1,3}\.\d{1,3}) /, `$1 <${rcpt(r)}>... `);

describe('tables: error: forms of virtusertable and mailertable, checked with the real sendmail', function () {
  this.timeout(400_000); // sendmail may sleep 60 s at start on hosts without a qualified name
  const box = realSendmailSandbox('sendmail-errforms-');

  /** The RCPT reply of each row with the maps holding `values` (row index -> value). */
  const replies = async (values: string[]): Promise<string[]> => {
    const { dir, sendmail } = box;
    fs.writeFileSync(path.join(dir, 'sendmail.mc'), mcFor(dir));
    fs.writeFileSync(path.join(dir, 'sendmail.cf'), execFileSync('m4', ['sendmail.mc'], { cwd: dir, encoding: 'utf8' }));
    for (const map of ['virtusertable', 'mailertable'] as MapName[]) {
      const text = ROWS.map((r, i) => (r.map === map ? line(r, values[i]) : '')).join('');
      fs.writeFileSync(path.join(dir, map), text);
      execFileSync(MAKEMAP, ['hash', path.join(dir, map)], { input: text, stdio: ['pipe', 'ignore', 'ignore'] }); // makemap warns about /tmp being world-writable
    }
    const all = await smtpSession(sendmail, path.join(dir, 'sendmail.cf'), ['HELO client.example', 'MAIL FROM:<>', ...ROWS.map((r) => `RCPT TO:<${rcpt(r)}>`), 'QUIT']);
    return ROWS.map((_, i) => all[3 + i] ?? ''); // after 220, HELO's 250 and MAIL's 250
  };

  const ours = (r: Row) => {
    const { svc, uri, diags } = openMap(LANG[r.map], line(r), { mc: null });
    const all = diags();
    const found = all.filter((d) => CODES.includes(String(d.code)));
    const col = r.key.length + 1 + (r.map === 'mailertable' ? 2 : 7); // on the error: word (mailertable) / its value (virtusertable)
    const hover = (svc.hover(uri, { line: 0, character: col })?.contents as { value: string } | undefined)?.value ?? '';
    return { svc, uri, all, found, hover };
  };

  it('the forms reply as pinned; the hover says each reply; the other map\'s forms are reported with that reply', async () => {
    const got = await replies(ROWS.map((r) => r.value));
    ROWS.forEach((r, i) => assert.strictEqual(got[i], expected(r, r.reply), `${r.map} ${r.value}: sendmail answered "${got[i]}"`));
    for (const r of ROWS) {
      const { all, found, hover } = ours(r);
      // error:D.S.N text (error-no-colon): its message quotes the text of the 553 5.3.0 reply
      const noColon = all.find((d) => /error-no-colon$/.test(String(d.code)));
      assert.strictEqual(noColon && /"553 5\.3\.0" and the text "([^"]*)"/.exec(String(noColon.message))?.[1], /^error:\d\.\d\.\d /.test(r.value) ? r.reply.slice(10) : undefined, `${r.map} ${r.value}: error-no-colon`);
      const said = /sendmail answers `([^`]*)`/.exec(hover);
      assert.ok(said, `${r.map} ${r.value}: the hover says the reply: ${hover}`);
      assert.strictEqual(filled(said[1], r), expected(r, r.reply), `${r.map} ${r.value}: hover`);
      assert.deepStrictEqual(found.map((d) => d.code), r.code ? [r.code] : [], `${r.map} ${r.value}: ${found.map((d) => d.message).join(' | ')}`);
      for (const d of found) {
        assert.strictEqual(d.severity, 2, 'a Warning: the mail is refused, but not as written');
        const m = /^sendmail answers "([^"]*)"/.exec(String(d.message));
        assert.ok(m, `${r.value}: the message says the reply: ${d.message}`);
        assert.strictEqual(filled(m[1], r), expected(r, r.reply), `${r.map} ${r.value}: message`);
      }
    }
  });

  it('the quick fix gives the reply that was written', async () => {
    const values = ROWS.map((r) => {
      const { svc, uri, found } = ours(r);
      const d = found[0] as Diagnostic | undefined;
      if (!r.code) return r.value;
      assert.ok(d, `${r.map} ${r.value}: ${r.code} reported`);
      const actions = svc.codeActions(uri, d.range, [d]);
      if (!r.fixed) { assert.deepStrictEqual(actions, [], `${r.value}: no fix offered`); return r.value; }
      assert.ok(actions[0], `${r.value}: a quick fix`);
      const fixed = applyAction(actions[0], uri, line(r)).replace(/\n$/, '').slice(r.key.length + 1);
      assert.ok(String(d.message).includes(`Write \`${fixed}\``), `${r.value}: the message names the fix ${fixed}: ${d.message}`);
      assert.deepStrictEqual(openMap(LANG[r.map], line(r, fixed), { mc: null }).diags().filter((x) => CODES.includes(String(x.code))), [], `${fixed}: clean after the fix`);
      return fixed;
    });
    const got = await replies(values);
    ROWS.forEach((r, i) => {
      if (r.fixed) assert.strictEqual(got[i], expected(r, r.fixed), `${r.map} ${r.value} -> ${values[i]}: sendmail answered "${got[i]}"`);
    });
  });
});
