// QA findings on virtusertable, genericstable and aliases. %n rules from cf/m4/proto.m4 and
// cf/README, checked with `sendmail -bt` (8.17): `+*@example.com  %1%3@example.org` turned
// bar+baz@example.com into bar+baz@example.org, `X++@example.com  Z%3@example.com` X+det into
// Z+det, `info@example.com  %1-x@example.org` info into info-x; `full+d@example.com
// q%1q%2q@example.org` gave qfull+dqq (%2 empty). newaliases stored `spaces in name: root` as
// spaces.in.name and `"quoted name": root` as is; of `root: jdoe` then `root: bob` it kept bob.
import * as assert from 'node:assert';
import { openMap as open, byCode, applyAction } from './tableHelpers';

const openMap: typeof open = (lang, text, opts = {}) => open(lang, text, { mc: null, ...opts });
const percents = (lang: 'sendmail-virtusertable' | 'sendmail-genericstable', text: string) =>
  byCode(openMap(lang, text).diags(), 'table.bad-percent').map((d) => [d.range.start.line, d.range.start.character]);

describe('tables: virtusertable, genericstable, aliases (QA findings)', () => {
  it('virtusertable: %1-%3 with +* and ++ keys and catch-alls are filled in', () => {
    const ok = ['old+*@example.com\tnew+%2@example.com', '+*@example.com\t%1%3@example.org', 'X++@example.com\tZ%3@example.com',
      '@bar.example\t%1%3', 'info@example.com\t%1-x@example.org', 'gen+*@foo.example\t%2@example.com'].join('\n') + '\n';
    assert.deepStrictEqual(percents('sendmail-virtusertable', ok), []);
  });

  it('virtusertable: %4 and up are never set; a key with a literal +detail gets only %1', () => {
    assert.deepStrictEqual(percents('sendmail-virtusertable', 'a@example.com\t%4@x.example\nfull+d@example.com\tq%1q%2q@x.example\n'), [[0, 'a@example.com\t'.length], [1, 'full+d@example.com\tq%1q'.length]]);
    assert.deepStrictEqual(percents('sendmail-virtusertable', '@example.com\t%4@x.example\n'), [[0, '@example.com\t'.length]]);
  });

  it('virtusertable: the mailertable\'s error: forms and one-word errors are reported with the reply sendmail gives, and fixed', () => {
    // sendmail 8.17 -bs answers (test/unit/tables/realSendmailErrorForms.test.ts)
    const cases: [string, string, RegExp, string | undefined][] = [
      ['error:nouser:550 Nope', 'virtusertable.error-keyword-colon', /^sendmail answers "553 5\.3\.0 <address>\.\.\. :550 Nope": in the virtusertable a blank, not a colon, follows the keyword/, 'error:nouser 550 Nope'],
      ['error:nouser:"550 5.1.1 Q"', 'virtusertable.error-keyword-colon', /"553 5\.3\.0 <address>\.\.\. :550 5\.1\.1 Q"/, 'error:nouser "550 5.1.1 Q"'],
      ['error:550 plain', 'virtusertable.error-code-as-keyword', /^sendmail answers "553 5\.3\.0 <address>\.\.\. plain": .*so 550 is taken as the keyword/, 'error:nouser 550 plain'],
      ['ERROR:450 Later', 'virtusertable.error-code-as-keyword', /"553 5\.3\.0 <address>\.\.\. Later".*permanent refusal, not the temporary one written/, 'ERROR:tempfail 450 Later'],
      ['error:"550 Quoted only"', 'virtusertable.error-one-word', /"553 5\.3\.0 <address>\.\.\. >user<@domain\."/, 'error:nouser "550 Quoted only"'],
      ['error:nouser', 'virtusertable.error-one-word', /"553 5\.3\.0 <address>\.\.\. >user<@domain\.".*e\.g\. `error:nouser 550 User unknown`/, undefined],
    ];
    for (const [value, code, says, fixed] of cases) {
      const text = `a@example.com\t${value}\n`;
      const { svc, uri, diags } = openMap('sendmail-virtusertable', text);
      const found = diags().filter((d) => /^virtusertable\.error-(keyword-colon|code-as-keyword|one-word)$/.test(String(d.code)));
      assert.deepStrictEqual(found.map((d) => [d.code, d.severity]), [[code, 2]], value);
      assert.match(String(found[0].message), says);
      const actions = svc.codeActions(uri, found[0].range, [found[0]]);
      assert.strictEqual(actions[0] ? applyAction(actions[0], uri, text) : undefined, fixed && `a@example.com\t${fixed}\n`, value);
    }
    // cf/README's forms, a keyword without a code, and a status without its colon (error-no-colon): none of these
    const ok = ['error:nouser 550 No such user here', 'error:5.7.0:550 Address invalid', 'error:nouser No code', 'error:nouser "550 Quoted"', 'error:5.1.1 No colon', 'error:tempfail 450 Later'];
    assert.deepStrictEqual(openMap('sendmail-virtusertable', ok.map((v, i) => `u${i}@example.com\t${v}\n`).join('')).diags()
      .filter((d) => /^virtusertable\.error-(keyword-colon|code-as-keyword|one-word)$/.test(String(d.code))), []);
  });

  it('genericstable: %1 is the detail for user+* keys and the user for @domain; nothing for full addresses', () => {
    assert.deepStrictEqual(percents('sendmail-genericstable', 'gen+*@foo.org\t%1@example.com\n@foo.org\t%1@example.com\nbob+*\t%1@example.com\n'), []);
    assert.deepStrictEqual(percents('sendmail-genericstable', 'joe@foo.org\t%1@example.com\ngen+*@foo.org\t%2@example.com\n'), [[0, 12], [1, 14]]);
  });

  it('aliases: a name with no value quotes newaliases ("missing value for alias", line skipped); a continuation line is a value', () => {
    // newaliases (8.17) on `empty:` then `root: jdoe`: "line 1: empty:... missing value for alias", 1 alias stored, exit 70.
    const [d] = byCode(openMap('sendmail-aliases', 'empty:\nroot: jdoe\n', { file: '/etc/aliases' }).diags(), 'aliases.missing-value');
    assert.strictEqual(d.range.start.line, 0);
    assert.match(String(d.message), /missing value for alias/);
    assert.match(String(d.message), /skips this line/);
    assert.deepStrictEqual(byCode(openMap('sendmail-aliases', 'list:\n  bob, jane\n', { file: '/etc/aliases' }).diags(), 'aliases.missing-value'), []);
  });

  it('aliases: an unquoted name with blanks is stored with dots (Warning, fix); a quoted one is fine', () => {
    const text = 'spaces in name: root\n"quoted name": root\n';
    const { svc, uri, diags } = openMap('sendmail-aliases', text, { file: '/etc/aliases' });
    const [d] = byCode(diags(), 'aliases.bad-name');
    assert.strictEqual(d.range.start.line, 0);
    assert.strictEqual(d.severity, 2);
    assert.match(String(d.message), /stored as `spaces\.in\.name`/);
    assert.doesNotMatch(String(d.message), /rejects/);
    assert.strictEqual(applyAction(svc.codeActions(uri, d.range, [d])[0], uri, text), 'spaces.in.name: root\n"quoted name": root\n');
    assert.strictEqual(byCode(diags(), 'aliases.bad-name').length, 1);
  });

  it('aliases: the last of two definitions wins; the fix removes the earlier one with its continuation lines', () => {
    const text = 'root: jdoe,\n\tann\nstaff: joe\nroot: bob\n';
    const { svc, uri, diags } = openMap('sendmail-aliases', text, { file: '/etc/aliases' });
    const [d] = byCode(diags(), 'table.duplicate-key');
    assert.strictEqual(d.range.start.line, 3);
    assert.match(String(d.message), /keeps the last definition/);
    assert.strictEqual(applyAction(svc.codeActions(uri, d.range, [d])[0], uri, text), 'staff: joe\nroot: bob\n');
  });

  it('aliases: postmaster is required in the one system aliases file, not when ALIAS_FILE lists several', () => {
    const one = "include(`/usr/share/sendmail/cf/m4/cf.m4')dnl\ndefine(`ALIAS_FILE', `/srv/mail/aliases')dnl\n";
    const two = "include(`/usr/share/sendmail/cf/m4/cf.m4')dnl\ndefine(`ALIAS_FILE', `/srv/mail/aliases,/srv/mail/lists')dnl\n";
    const codes = (mc: string, file: string) => open('sendmail-aliases', 'root: bob\n', { file, others: { '/srv/mail/sendmail.mc': mc } }).diags().map((d) => d.code);
    assert.ok(codes(one, '/srv/mail/aliases').includes('aliases.no-postmaster'));
    assert.ok(!codes(two, '/srv/mail/aliases').includes('aliases.no-postmaster'));
    assert.ok(!codes(one, '/srv/mail/other-aliases').includes('aliases.no-postmaster'), 'not the file sendmail reads');
  });
});
