// Messages are whole sentences of a sensible length, whatever the user wrote: lines that
// trigger each family of map checks, each word of them made 3,000 characters long, give
// messages of at most 400 characters that are not cut (issue #11: they used to be cut at 400
// characters in the middle of a sentence). The same for sendmail.mc lines.
import * as assert from 'node:assert';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { LanguageId } from '../../../server/src/service';
import { openMap } from './tableHelpers';
import { openDoc } from '../helpers';

const MC = "include(`/usr/share/sendmail/cf/m4/cf.m4')dnl\nOSTYPE(`linux')dnl\nFEATURE(`access_db')dnl\nFEATURE(`mailertable')dnl\nFEATURE(`virtusertable')dnl\nFEATURE(`delay_checks')dnl\nMAILER(`local')dnl\nMAILER(`smtp')dnl\n";

const SAMPLES: [LanguageId, string[]][] = [
  ['sendmail-mailertable', [
    'a.example\tesmtp:[10.0.0.1]:2525', 'a.example\tesmtx:[mx.example]', 'a.example\tmx.example', 'user@a.example\tesmtp:[mx]',
    'a.example.\tesmtp:[mx]', 'a.example\terror:5.7.1 denied here', 'a.example\terror:4.1.1:550 mixed', 'a.example\tesmtp:10.0.0.1',
    'a.example\tesmtp:b@d:host', 'a.example\tesmtp:%1.relay', 'a.example\tesmtp:2001:db8::1', 'a.example\tdiscard:x', 'a.example\tesmtp:',
    'a.example\tesmtp:[mx] # comment', 'a.example\tesmtp:[mx]  ', '  a.example\tesmtp:[mx]', 'a.example', 'a.\x01example\tesmtp:[mx]',
    'a.example\tesmtp:mx..example',
  ]],
  ['sendmail-access', [
    'From:spam.example\tREJECTED', 'Frm:spam.example\tREJECT', 'Connect:10.0.0.0/24\tRELAY', 'From:*@spam.example\tREJECT',
    'Connect:10.0.\tRELAY', 'Connect:2001:db8::1\tRELAY', 'Connect:IPv6:2001:db8::1\tRELAY', 'Connect:300.1.1.1\tRELAY',
    'From:x.example\t"ERROR:550 no"', 'From:x.example\tERROR:5.7.1 denied', 'From:x.example\tTEMP:4.7.1:450 later',
    'To:x.example\tREJECT', 'Spam:abuse@\tHATER', 'GreetPause:x.example\tsoon', 'TLS_Srv:x.example\tVERIFY:lots',
    'AuthInfo:x.example\tU:joe P:secret', 'AuthInfo:x.example\t"U:joe" "X:what"', 'Mine:x.example\tREJECT', 'QUARANTINE:x\tQUARANTINE:',
    'From:X.Example\tOK',
  ]],
  ['sendmail-virtusertable', [
    'info@other.example\tbob', 'info\tbob', '.example\tbob', 'info@bad_domain!\tbob', 'info@example.com\terror:5.1.1 no such user',
    'info@example.com\t%5@example.org', 'info@example.com\terror:nouser 550 no such user',
  ]],
  ['sendmail-genericstable', ['bob\tbob-at-work', 'bob@example.com\t%2@example.org']],
  ['sendmail-domaintable', ['.old.example\tnew.example', 'old.example\tnew example']],
  ['sendmail-authinfo', ['smtp.example\t"U:joe" "P:secret"', 'AuthInfo:smtp.example\tU:joe P:secret', 'AuthInfo:x\t"Q:what"']],
  ['sendmail-aliases', ['postmaster root', 'list:', '  orphan', 'bad name: root', 'inc: :include:relative/path']],
];

/** Every variant of `line` with one of its words made 3,000 characters long (at its end and in its middle). */
function longVariants(line: string): string[] {
  const out: string[] = [];
  const words = [...line.matchAll(/[^\s]+/g)];
  for (const m of words) {
    const w = m[0], at = m.index!;
    for (const cut of [w.length, Math.floor(w.length / 2)]) {
      out.push(line.slice(0, at) + w.slice(0, cut) + 'x'.repeat(3000) + w.slice(cut) + line.slice(at + w.length));
    }
  }
  return out;
}

/** The diagnostics whose message is longer than 400 characters, as `code (length): start…` (short enough to read in a failure). */
const tooLong = (ds: Diagnostic[]) => [...new Set(ds.filter((d) => (d.message as string).length > 400).map((d) => `${d.code} (${(d.message as string).length}): ${(d.message as string).slice(0, 60)}`))];

describe('messages: whole sentences of at most 400 characters, whatever the input', () => {
  for (const [lang, lines] of SAMPLES) {
    it(`${lang}: long words in the lines give short messages`, () => {
      const text = lines.flatMap((l) => [l, ...longVariants(l)]).join('\n') + '\n';
      const { diags } = openMap(lang, text, { mc: MC });
      const ds = diags();
      assert.ok(ds.length > lines.length, `${lang}: the samples trigger checks`);
      assert.deepStrictEqual(tooLong(ds), []);
    });
  }

  it('a lone-CR file with a long key gives a short message', () => {
    const { diags } = openMap('sendmail-access', `a.example\tOK\r${'b'.repeat(5000)}\tREJECT\n`, { mc: MC });
    const ds = diags().filter((d) => d.code === 'table.lone-cr');
    assert.strictEqual(ds.length, 1);
    assert.deepStrictEqual(tooLong(ds), []);
  });

  it('sendmail.mc: long names and values give short messages', () => {
    const lines = [
      "define(`SMART_HOST', `mail.isp.example')dnl", "define(`confPRIVACY_FLAGS', `goway')dnl", "FEATURE(`acess_db')dnl",
      "define(`confLOG_LEVEL', '9')dnl", "define(`confAUTH_MECHANISMS', LOGIN, PLAIN)dnl", "define(`confMAX_MESSAGE_SIZE', `10M')dnl",
      "define(`confLOG_Level', `9')dnl", "MAILER(`smpt')dnl",
    ];
    const text = MC + lines.flatMap((l) => [l, ...longVariants(l)]).join('\n') + '\n';
    const { svc, uri } = openDoc('sendmail-mc', text);
    assert.deepStrictEqual(tooLong(svc.diagnostics(uri)), []);
  });
});
