// The general line scanners (tables/lineScanners.ts) of the access map, virtusertable, mailertable and aliases:
// they take every valid line shape people write, so no shape falls to the slow full checks
// (the invariant in ARCHITECTURE.md: no line shape more than 2x slower than another), and
// they never take a line the full checks have something to say about.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { memoryWorkspace, type LanguageId } from '../../../server/src/service';
import { dialectFor } from '../../../server/src/service/tables/dialects';
import { buildEnv } from '../../../server/src/service/tables/env';
import { checkLine } from '../../../server/src/service/tables/lineCheck';
import { keyHash } from '../../../server/src/service/tables/keyIndex';
import { CLEAN_NO_KEY, isCleanNoKey, type LineScanner } from '../../../server/src/service/tables/lineScanners';
import { CORPUS } from '../helpers';
import { MC_SMTP } from './tableHelpers';

const feature = (mc: string, ...lines: string[]) => mc.replace("MAILER(`local')", `${lines.join('\n')}\nMAILER(\`local')`);
/** The configuration the realistic bench files are checked under (scripts/bench/realistic.mjs). */
const FULL_MC = feature(MC_SMTP, ...['virtusertable', 'virtuser_entire_domain', 'blocklist_recipients', 'greet_pause', 'ratecontrol', 'conncontrol'].map((f) => `FEATURE(\`${f}')dnl`),
  "FEATURE(`delay_checks', `friend')dnl", "VIRTUSER_DOMAIN(`example.com example.net example.org')dnl");

/** The bench's mailers too (scripts/bench/realistic.mjs): procmail and uucp deliver without a network host. */
const MAILERS_MC = `${FULL_MC}MAILER(\`procmail')dnl\nMAILER(\`uucp')dnl\n`;

/** Every tag's FEATURE too (Compat:, QGRP:, bcc:, TLS_*_Features:), so that no tag's lines are left to the full checks for want of one. */
const TAGS_MC = feature(MAILERS_MC, ...['compat_check', 'queuegroup', 'bcc', 'tls_session_features'].map((f) => `FEATURE(\`${f}')dnl`));

/** Valid lines in the shapes of the corpus and cf/README: each must be taken by the scanner under TAGS_MC. */
const VALID: Record<string, string[]> = {
  'sendmail-access': [
    'Connect:localhost.localdomain\t\tRELAY', 'Connect:127.0.0.1\t\t\tRELAY', 'Connect:192.168\t\t\t\tRELAY', 'ClientConn:127.0.0.1\t\t0', 'ClientRate:\t\t\t10',
    'GreetPause:IPv6:0:0:0:0:0:0:0:1\t\t0', 'Connect:IPv6:2002:c0a8:2c7\tRELAY', 'IPv6:2001:db8:0:1\tRELAY', 'smahesh@prokarma.com\t\tRELAY', '10.5.2.120\t\t\tRELAY',
    'Spam:postmaster@\tFRIEND', 'reject@                 REJECT', 'Connect:.corbina.ru\tREJECT', 'To:newsletter@guengel.ch  ERROR: 550 Mailbox disabled',
    'To:online@\t\tERROR: 550 Mailbox disabled', 'FREE.STEALTH.MAILER@\tERROR:550 Spam not accepted', 'cyberspammer.com\tERROR:"550 We don\'t accept mail from spammers"',
    'From:spammer@bulk.example\tERROR:"550 5.7.1 No thanks"', 'To:user@office.example\tOK', 'Connect:host.relay.example\tRELAY', '[127.0.0.3]\tOK',
    'To:user@example.com\tERROR:4.2.2:450 mailbox full', 'Connect:128.32.2\tSKIP', 'Connect:suspicious.example.com\tQUARANTINE:Mail from suspicious host',
    'From:user1@spam1.example.com\tERROR:5.7.1:550 Spam not accepted', 'connect:10.1.2\tok', 'FROM:a@b.example\tDiscard', 'Try_TLS:broken.server\tNO',
    'Srv_Features:10.1.2.3\tV', 'From:a@b.example\tREJECT\r',
    'CertIssuer:/C=US/O=Example/CN=Example+20CA\tRELAY', 'CERTSubject:/C=DE/L=Bonn/CN=host.example/emailAddress=a@b.example\tok',
    'TLS_Srv:secure.example.com\tENCR:112', 'TLS_Clt:laptop.example.com\tPERM+VERIFY:112', 'TLS_Rcpt:ceo@example.com\tENCR:128+CN:mx.example.com',
    'TLS_Srv:\tVERIFY', 'tls_clt:10.1.2\ttemp+verify+CS:x++CI:y', 'TLS_Srv:a.example\tOK+CN',
    // issue #12: the tags and forms that used to fall to the full checks
    'Compat:spammer@example.com<@>user@my.domain\tDISCARD', 'Compat:a@b.example<@>c@d.example\tTEMP:4.7.1:450 Try later', 'compat:a@b.example<@>c@d.example\tERROR:550 No',
    'QGRP:example.com\tslow', 'QGRP:user@example.com\tslow_1.q-2', 'AuthInfo:smtp.example.com\t"U:user" "P:secret" "M:PLAIN"',
    'AuthInfo:smtp.example.com\t"U:user" "I:authid" "P:secret" "M:PLAIN LOGIN" "R:realm"', 'AuthInfo:\t"I:user"  "P=c2VjcmV0"', 'AuthInfo:[10.0.0.1]\t"u:user" "p:secret"',
    'TLS_Rcpt:ceo@\tVERIFY', 'Srv_Features:10.1.2.3\tl L', 'Clt_Features:broken.example\tM', 'TLS_Srv_Features:10.0.2.4\tCipherList=MEDIUM;',
    'TLS_Clt_Features:10.1.0.1\tOptions=SSL_OP_NO_TLSv1_2; CipherList = HIGH', 'bcc:user@example.com\tarchive@example.com', 'From:a@b.example\tERROR:5.7.1:"550 No thanks"',
  ],
  'sendmail-virtusertable': [
    'info@example.com\tjoe', '@example.com\tjoe@other.example', '@sub.example.org\t%1@example.net', 'MAILER-DAEMON@example.com\troot',
    '+*@example.com\t%1%3@other.example.net', 'bob+*@example.net\tbob', 'root@localhost\troot', 'info@foo.example.com\tfoo-info',
    'joe@example.com\terror:nouser 550 No such user here', 'jax@example.com\terror:5.7.0:550 Address invalid',
    'joe@example.com\terror:nouser No such user here', 'joe@example.com\terror:5.1.1:"550 No such user"', 'list@example.com\tjoe@example.net, bob',
    'inc@example.com\t:include:/etc/mail/lists/inc', 'prog@example.com\t"|/usr/bin/prog -x"', 'loc@example.com\tlocal:joe', 'a+b@example.com\t%1@example.net',
  ],
  'sendmail-mailertable': [
    '.dept1.example.com\tesmtp:[mx1.example.com]', 'host2.example.net\tsmtp:[10.0.0.2]', '.\tsmtp:[relay.example.com]', 'my.domain\tlocal:user',
    '.my.domain\tsmtp:%1.my.domain', 'old.example\terror:5.1.1:550 No such domain', 'gone.example\terror:550 Gone', 'list.example\tprocmail:/etc/procmailrcs/list',
    'v6.example\tesmtp:[IPv6:2001:db8::1]', 'v6b.example\tesmtp:[IPv6:2001:db8:0:0:0:0:0:1]', 'uuhost1.my.domain\tsuucp:uuhost1', 'partner.example\trelay:[gw.partner.example]',
    '.bitnet\t\t\tsmtp:relay.bit.net', 'guengel.ch              esmtp:[colossus.kruemel.home]', 'two.example\tesmtp:[mx1.example]:[mx2.example]',
    'upper.example\tesmtp:[MX.Example.COM]', 'here.example\tlocal:', 'crlf.example\tesmtp:[mx.example]\r', 'later.example\terror:4.4.1:451 Try later',
    'nouser.example\terror:nouser:550 No such user', 'q.example\terror:5.1.1:"550 No such domain"',
  ],
  'sendmail-aliases': [
    'MAILER-DAEMON: postmaster', 'postmaster: root', 'nobody: /dev/null', 'team: alice, bob@example.com', 'list: :include:/etc/mail/lists/list',
    'majordomo: "|/usr/lib/majordomo/wrapper majordomo"', 'spam: "/var/spool/spam, the file"', 'gone: error:5.1.1:550 Gone', 'root : admin', 'x:y', 'crlf: root\r', '"quoted name": root', '"a\tb" : root',
    'team: alice,', 'team: alice, bob,', '\talice,', '\tbob', '  carol@example.com, dave', '\t:include:/etc/mail/lists/more', '\t"|/usr/bin/prog x"', '\tbob\r',
  ],
};

/**
 * Near misses of the forms VALID gained for issue #12: each has a finding under TAGS_MC (the full
 * checks say something) and the scanner must return 0 for it.
 */
const NEAR_MISSES: Record<string, string[]> = {
  'sendmail-access': [
    'Compat:a@b.example<@>c@d.example\tREJECT', 'Compat:a@b.example<@>c@d.example\tOK', 'Compat:a@b.example<@>c@d.example\tTEMP:', 'Compat:a@b.example<@>c@d.example\tTEMP:4.7.1:550 x',
    'Compat:a@b.example<@>c@D.example\tDISCARD', 'From:a@b.example\tTEMP:4.7.1:450 later', 'QGRP:example.com\tslow queue', 'QGRP:example.com\tslow/q', 'QGRP:\tslow',
    'AuthInfo:a.example\tU:user P:secret', 'AuthInfo:a.example\t"U:user" P:secret', 'AuthInfo:a.example\t"U:user"', 'AuthInfo:a.example\t"P:x"', 'AuthInfo:a.example\t"U:user" "P:secret" "X:y"',
    'AuthInfo:a.example\t"U=user" "P:x"', 'AuthInfo:a.example\t"U:user" "P:x', 'AuthInfo:a.example\t"U:user" "P:x" extra', 'AuthInfo:a.example\t"" "U:u" "P:x"',
    'TLS_Srv_Features:a.example\tCipherList', 'TLS_Srv_Features:a.example\tA=1;;', 'TLS_Srv_Features:a.example\t=x', 'TLS_Srv_Features:a.example\tA=1;B', 'TLS_Srv_Features:10.0.0.0/8\tA=1',
    'Srv_Features:a.example\tV 1', 'Clt_Features:a.example\tM,L', 'TLS_Rcpt:ceo@example.com\tENCR', 'TLS_Rcpt:*@example.com\tVERIFY',
    'From:a@b.example\tERROR:5.7.1:"450 x"',
    'bcc:a@b.example\tx # c', 'bcc:\tx', 'bcc:a@b.example\tx ',
  ],
  'sendmail-virtusertable': [
    'info@example.com\terror:5.1.1:"450 mixed"', 'info@example.com\ta, %4', 'a+b@example.com\t%2@x.example',
    'info@example.com\tjoe, bob # x', 'info@example.com\t"|prog" ', 'info@example.com\terror:5.1.1 "550 x"',
  ],
  'sendmail-mailertable': [
    'a.example\terror:5.1.1:"450 x"', 'a.example\terror:4.1.1:"550 x"', 'a.example\terror:nouser:550 x # c', 'a.example\terror:5.1.1 nouser', 'a.example\terror:250 nouser',
  ],
  'sendmail-aliases': [
    '\t:include:lists/x', '\tbob, :include: rel', '\tro\u0001ot', '  bob,\u0007', 'team:\r',
  ],
};

/** Clean look-alikes and lines with findings the scanner must leave to the full checks. */
const EDGES: Record<string, string[]> = {
  'sendmail-access': [
    'To:a@b.example\tREJECT', 'To:a@b.example\tERROR:550 no', 'Connect:10.0.0.0/8\tREJECT', 'Connect:256.1.1.1\tREJECT', 'Connect:1.2.3.4.5\tREJECT',
    'Connect:10.1.\tREJECT', 'From:*@spam.example\tREJECT', 'From:Spam.Example\tREJECT', 'From:a@B.example\tOK', 'IPv6:2001:db8::1\tRELAY', 'IPv6:2001:0db8\tRELAY',
    'Connect:2001:db8::1\tRELAY', 'From:a@b.example\tERROR:4.7.1:550 mixed', 'From:a@b.example\tERROR:5.7.1 no colon', 'From:a@b.example\tERROR:250 ok',
    'From:a@b.example\tERROR:"550 unclosed', 'From:a@b.example\t"ERROR:550 whole"', 'From:a@b.example\tERROR:', 'From:a@b.example\tQUARANTINE:', 'a\tOK ',
    'a\tOK # comment', 'a\tOK\u0001', '\tOK', 'a', 'Conect:a.example\tOK', 'Spam:abuse@\tHATER', 'Compat:a<@>b\tDISCARD', 'QGRP:a.example\tslow', 'ClientRate:1.2\tten',
    'Connect:\tRELAY', 'From:a@b.example\tTEMP:4.7.1:450 later', 'From:a@b.example\t550 old style', 'From:a@b.example\tRELAYY', 'From:é.example\tOK',
    'TLS_Srv:a.example\tENCR', 'TLS_Srv:a.example\tVERIFY:', 'TLS_Srv:a.example\tVERIFY+CN+CS', 'TLS_Srv:a.example\tMAYBE', 'TLS_Srv:a.example\tENCR:112 +CN',
    'TLS_Srv:A.example\tVERIFY', 'TLS_Srv:a.example\tVERIFY+', 'TLS_Srv:10.0.0.0/8\tVERIFY', 'CertIssuer:\tRELAY', 'CertIssuer:/C=US\tREJECT', 'CertIssuer:/C=\u00e9\tRELAY',
    'CertSubject:/CN=x\tSUBJECT', 'TLS_Srv:a.example\tVERIFY++CN', 'TLS_Srv:a.example\tPERM+TEMP+VERIFY',
    'GreetPause:a.example\t-1', 'Try_TLS:a.example\tMAYBE', 'MyCA:/C=US/CN=x\tOK', 'IPv6:1:2:3:4:5:6:7:8:9\tOK', 'From:a@b.example\tERROR:5.7.1:"550 x" y',
    ...NEAR_MISSES['sendmail-access'], 'AuthInfo:a.example\t"U:user""P:x"', 'From:a@b.example\tERROR:5.7.1:"550 x', 'From:a@b.example\tERROR:5.7.1: "550 x"y"', 'From:a@b.example\tERROR:"5.7.1 x"', '#\tOK', '#From:a@b.example\tOK',
  ],
  'sendmail-virtusertable': [
    'info\tjoe', '.example.com\tjoe', 'info@Example.com\tjoe', 'info@elsewhere.example\tjoe', 'info@example.com.\tjoe', 'a+b@example.com\t%1%2',
    'info@example.com\terror:5.1.1 No colon', 'info@example.com\terror:4.1.1:550 mixed', 'info@example.com\terror:', 'info@example.com\terror:250 ok',
    'info@example.com\terror:nouser %1 gone', 'info@example.com\terror:"5.1.1 x"', 'info@example.com\tjoe ', 'info@example.com\t%4', 'info@example.com\tjoe # x', 'a@b@example.com\tjoe',
    ...NEAR_MISSES['sendmail-virtusertable'], 'info@example.com\terror:nouser %1',
    // the forms the virtusertable does not read as written (errorValue.ts errorFormTrap): the full checks' business
    'old@example.org\tERROR:550 Gone', 'info@example.com\terror:nouser:550 No', 'info@example.com\terror:nouser', 'info@example.com\terror:"550 No such user"',
    'info@example.com\terror:nouser "550 No"', 'info@example.com\terror:5.1.1:550', 'info@example.com\terror:5.1.1:"550 x" y',
  ],
  'sendmail-mailertable': [
    'my.domain\tsmtp:%1.my.domain', 'a.example\tesmtp:10.0.0.1', 'a.example\tesmtp:[mx]:2525', 'a.example\tesmtp:2001:db8::1', 'a.example\tesmtp:1:2:3:4',
    'a.example\tesmtp:[IPv6:2001:db8:::1]', 'a.example\tesmtp:[IPv6:1::2::3]', 'a.example\tesmtp:[IPv6:12345::1]', 'a.example\tesmtp:[IPv6:]', 'a.example\tesmtp:[IPv6:1:2:3:4:5:6:7:8:9]',
    'a.example\terror:5.1.1 No colon', 'a.example\terror:4.1.1:550 mixed', 'a.example\terror:250 ok', 'a.example\terror:', 'a.example\tesmtp:', 'a.example\tesmtp:[mx],',
    'a.example\tdiscard:x', 'a.example\tESMTP:[mx]', 'a.example\tesmpt:[mx]', 'a.example\tuser@mx', 'a.example\tesmtp:user@[mx]', 'a.example\t[mx.example]', 'A.example\tesmtp:[mx]',
    'a.example\tesmtp: [mx]', 'a.example\tesmtp:[mx] ', 'a.example\tesmtp:[mx] # c', 'a.example.\tesmtp:[mx]', 'a.example\tesmtp:[mx.]', 'a.example\tesmtp:mx.example.',
    'a.example\tprocmail:/x # c', 'user@a.example\tesmtp:[mx]', '[10.0.0.1]\tesmtp:[mx]', 'a.example\tesmtp:%1', 'a.example\terror:nouser:550 No', 'a.example\tlocal:user\u0001',
    ...NEAR_MISSES['sendmail-mailertable'],
    // the virtusertable's keyword form in a mailertable (errorValue.ts errorFormTrap): the full checks' business
    'kw.example\terror:nouser 550 No', 'kw.example\terror:nouser "550 No"', 'kw.example\terror:nouser User unknown', 'kw.example\terror:nouser:',
  ],
  'sendmail-aliases': [
    'rel: :include:lists/x', 'rel: bob, :include: lists/x', 'rel: bob,:INCLUDE:x', 'rel: ":include:x"', 'rel: "a,b":include:x', 'empty:', 'empty:  ', 'two words: root',
    '"a:b": root', '"open: root', '"a"b c: root', 'nocolon root', 'a: root ', 'a: root # c', 'a: ro\u0001ot', ' indented, bob', '\tbob', ':root', 'a:', 'Root: x', 'é: root',
    ...NEAR_MISSES['sendmail-aliases'], '\t', ' \t ', '\tbob ', '\tbob # c', '\t\r', '#: root', '#team: alice',
  ],
};

/** Deterministic variants of a line: each character replaced, dropped or doubled at a few places. */
function variants(line: string, seed: number): string[] {
  const out: string[] = [];
  let x = seed;
  const rnd = (n: number) => { x = (Math.imul(x, 1103515245) + 12345) >>> 0; return x % n; };
  const alphabet = 'aZ09.:@"\t -#*/%+[]\r';
  for (let k = 0; k < 12; k++) {
    const p = rnd(line.length + 1), c = alphabet[rnd(alphabet.length)];
    out.push(k % 3 === 0 ? line.slice(0, p) + c + line.slice(p + 1) : k % 3 === 1 ? line.slice(0, p) + line.slice(p + 1) : line.slice(0, p) + c + line.slice(p));
  }
  return out;
}

function corpusLines(dir: string): string[] {
  const d = path.join(CORPUS, dir);
  if (!fs.existsSync(d)) return [];
  return fs.readdirSync(d).flatMap((f) => fs.readFileSync(path.join(d, f), 'utf8').split('\n')).filter((l) => l && !l.startsWith('#'));
}

const CONFIGS: [string, string | undefined][] = [['every tag\'s feature', TAGS_MC], ['the bench mc', MAILERS_MC], ['without procmail and uucp', FULL_MC], ['a plain mc', MC_SMTP], ['no mc', undefined],
  ['compressed IPv6', feature(FULL_MC, "define(`confUSE_COMPRESSED_IPV6_ADDRESSES', `True')dnl")], ['delay_checks hater', FULL_MC.replace('`friend\'', '`hater\'')]];

describe('tables: the general line scanners', () => {
  for (const lang of ['sendmail-access', 'sendmail-virtusertable', 'sendmail-mailertable', 'sendmail-aliases'] as LanguageId[]) {
    const d = dialectFor(lang);
    const file = `/m/${lang.replace('sendmail-', '')}`;
    const scannerFor = (mc: string | undefined): [LineScanner, ReturnType<typeof buildEnv>] => {
      const env = buildEnv(memoryWorkspace(mc ? { '/m/sendmail.mc': mc } : {}), file, lang);
      const scan = d.scanner?.(env);
      assert.ok(scan, `${lang} has a scanner`);
      return [scan, env];
    };

    it(`${lang}: every valid line shape of the corpus and cf/README is taken by the scanner (none falls to the slow path)`, () => {
      const [scan, env] = scannerFor(TAGS_MC);
      for (const line of VALID[lang]) assert.deepStrictEqual(checkLine(d, line, env).issues, undefined, `the sample is valid: ${JSON.stringify(line)}`);
      // taken: a key's hash, or CLEAN_NO_KEY for a line without a key (an aliases continuation line)
      assert.deepStrictEqual(VALID[lang].filter((l) => scan(l, 0) === 0 && !isCleanNoKey(scan(l, 0))), []);
    });

    it(`${lang}: near misses of the valid forms have findings and are left to the full checks`, () => {
      const [scan, env] = scannerFor(TAGS_MC);
      assert.deepStrictEqual(NEAR_MISSES[lang].filter((l) => checkLine(d, l, env).issues === undefined), [], 'every near miss has a finding');
      assert.deepStrictEqual(NEAR_MISSES[lang].filter((l) => !Object.is(scan(l, 0), 0)), [], 'the scanner leaves every near miss to the full checks');
    });

    for (const [label, mc] of CONFIGS) {
      it(`${lang} (${label}): the scanner takes only lines without findings, with the key's hash, in place as alone`, () => {
        const [scan, env] = scannerFor(mc);
        const base = [...VALID[lang], ...EDGES[lang], ...corpusLines(lang.replace('sendmail-', ''))];
        const lines = [...base, ...base.flatMap((l, i) => variants(l, i + 1))];
        const whole = lines.join('\n');
        let offset = 0, taken = 0;
        for (const line of lines) {
          const h = scan(line, 0);
          assert.strictEqual(scan(whole, offset), h, `in place vs alone: ${JSON.stringify(line)}`);
          offset += line.length + 1;
          if (Object.is(h, 0)) continue;
          taken++;
          const full = checkLine(d, line, env);
          if (isCleanNoKey(h)) {
            // clean and without a key: only an aliases continuation line
            assert.ok(lang === 'sendmail-aliases' && /^[ \t]/.test(line), `CLEAN_NO_KEY for ${JSON.stringify(line)}`);
            assert.deepStrictEqual([full.key, full.issues], [undefined, undefined], `CLEAN_NO_KEY for a line with a key or findings: ${JSON.stringify(line)}`);
            continue;
          }
          assert.deepStrictEqual(full.issues, undefined, `scanner took a line with findings: ${JSON.stringify(line)}`);
          assert.strictEqual(h, keyHash(d.foldKey(full.key!)), `key hash of ${JSON.stringify(line)}`);
        }
        assert.ok(taken >= 10, `the scanner takes the clean lines (took ${taken})`);
      });
    }
  }

  it('CLEAN_NO_KEY equals NO_KEY (0) for a caller that does not tell them apart, and isCleanNoKey tells them apart', () => {
    assert.ok(CLEAN_NO_KEY === 0 && isCleanNoKey(CLEAN_NO_KEY));
    assert.ok(!isCleanNoKey(0) && !isCleanNoKey(1) && !isCleanNoKey(-1));
  });
});
