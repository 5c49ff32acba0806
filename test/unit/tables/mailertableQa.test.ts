// QA findings on the mailertable, each checked against sendmail 8.17 (`sendmail -bt` traces and
// `sendmail -bs` replies, quoted beside the code that relies on them).
import * as assert from 'node:assert';
import { openMap, byCode, applyAction, MC_SMTP } from './tableHelpers';

const MC_PROCMAIL = MC_SMTP + "MAILER(`procmail')dnl\n";
const msg = (d: { message: unknown } | undefined) => String(d?.message);

describe('tables: mailertable (QA findings)', () => {
  it('procmail:/etc/procmailrcs/x is the documented form: no host check for mailers whose $h is not a network host', () => {
    const ds = openMap('sendmail-mailertable', 'proc.example\tprocmail:/etc/procmailrcs/host.com\n', { mc: MC_PROCMAIL }).diags();
    assert.deepStrictEqual(ds.map((d) => d.code), []);
    // An SMTP mailer still connects to $h, so the same path there is still wrong.
    const bad = openMap('sendmail-mailertable', 'x.example\tesmtp:/etc/procmailrcs/host.com\n').diags();
    assert.strictEqual(byCode(bad, 'mailertable.bad-host').length, 1);
  });

  it('blanks after the colon are dropped by sendmail: only a hint, whose fix removes them', () => {
    const text = 'blank.example\tesmtp: [mx.example.com]\n';
    const { svc, uri, diags } = openMap('sendmail-mailertable', text);
    assert.deepStrictEqual(diags().filter((d) => d.severity! <= 3), []);
    const [h] = byCode(diags(), 'mailertable.blank-in-value');
    assert.strictEqual(h.severity, 4);
    assert.strictEqual(applyAction(svc.codeActions(uri, h.range, [h])[0], uri, text), 'blank.example\tesmtp:[mx.example.com]\n');
    // the host itself is still judged (after trimming)
    assert.strictEqual(byCode(openMap('sendmail-mailertable', 'b.example\tesmtp: [mx..example]\n').diags(), 'mailertable.bad-host').length, 1);
  });

  it('a value without mailer: is searched for again, not sent to: Warning, fix inserts esmtp:[...]', () => {
    const text = 'nocolon.example\trelay.example.net\n';
    const { svc, uri, diags } = openMap('sendmail-mailertable', text);
    const [d] = byCode(diags(), 'mailertable.no-mailer');
    assert.strictEqual(d.severity, 2);
    assert.match(msg(d), /searches the mailertable again as if `relay\.example\.net` were the domain \(its parent domains \(\.example\.net/);
    assert.doesNotMatch(msg(d), /SMART_HOST/);
    assert.strictEqual(applyAction(svc.codeActions(uri, d.range, [d])[0], uri, text), 'nocolon.example\tesmtp:[relay.example.net]\n');
    assert.match(String((svc.hover(uri, { line: 0, character: 20 })!.contents as { value: string }).value), /does not send to `relay\.example\.net`/);
    // After a .domain key only "." is tried.
    assert.match(msg(byCode(openMap('sendmail-mailertable', '.sub.example\trelay.example.net\n').diags(), 'mailertable.no-mailer')[0]), /were the domain \(the `\.` entry\)/);
  });

  it('a bare mailer name as the value: says a host is missing, no esmtp:esmtp fix', () => {
    const { svc, uri, diags } = openMap('sendmail-mailertable', 'bad.example\tesmtp\n');
    const [d] = byCode(diags(), 'mailertable.no-mailer');
    assert.match(msg(d), /mailer name without a host.*Write esmtp:\[host\]/);
    assert.doesNotMatch(msg(d), /esmtp:esmtp/);
    assert.deepStrictEqual(svc.codeActions(uri, d.range, [d]), []);
  });

  it('discard is not a mailertable mailer ("554 5.3.5 buildaddr: unknown mailer discard")', () => {
    const { svc, uri, diags } = openMap('sendmail-mailertable', 'disc.example\tdiscard:x\nnext.example\t\n');
    const [d] = byCode(diags(), 'mailertable.unknown-mailer');
    assert.strictEqual(d.severity, 1);
    assert.match(msg(d), /access map's DISCARD/);
    assert.ok(!svc.completion(uri, { line: 1, character: 13 }).some((c) => c.label === 'discard'), 'not offered');
    assert.ok(svc.completion(uri, { line: 1, character: 13 }).some((c) => c.label === 'esmtp'));
  });

  it('[host]:port names the mailer\'s real port, from <MAILER>_MAILER_ARGS when the mc sets it', () => {
    const text = 'p.example\tesmtp:[mx.example.com]:2525\n';
    assert.match(msg(byCode(openMap('sendmail-mailertable', text).diags(), 'mailertable.port-not-supported')[0]), /port 25 \(the esmtp mailer's default\)/);
    const mc = MC_SMTP.replace("MAILER(`local')", "define(`ESMTP_MAILER_ARGS', `TCP $h 587')dnl\nMAILER(`local')");
    const d = byCode(openMap('sendmail-mailertable', text, { mc }).diags(), 'mailertable.port-not-supported')[0];
    assert.match(msg(d), /port 587 \(from ESMTP_MAILER_ARGS\)/);
    assert.doesNotMatch(msg(d), /\(25/);
  });

  // Issue #11: ESMTP_MAILER_ARGS moves every esmtp delivery (MX ones too) to that port. What works
  // for one route: relay: with RELAY_MAILER_ARGS (shared with SMART_HOST, MAIL_HUB, LUSER_RELAY).
  it('[host]:port advises relay: with RELAY_MAILER_ARGS, never the esmtp mailer\'s own port', () => {
    const d = byCode(openMap('sendmail-mailertable', 'p.example\tesmtp:[mx.example.com]:2525\n').diags(), 'mailertable.port-not-supported')[0];
    assert.match(msg(d), /Write relay:\[mx\.example\.com\] and put define\(`RELAY_MAILER_ARGS', `TCP \$h 2525'\) above MAILER\(`smtp'\)/);
    assert.match(msg(d), /SMART_HOST, MAIL_HUB and LUSER_RELAY share it/);
    assert.match(msg(d), /ESMTP_MAILER_ARGS would move every esmtp delivery/);
    assert.doesNotMatch(msg(d), /define\(`ESMTP_MAILER_ARGS'/);
    const mc = MC_SMTP.replace("MAILER(`local')", "define(`RELAY_MAILER_ARGS', `TCP $h 2525')dnl\nMAILER(`local')");
    const relay = byCode(openMap('sendmail-mailertable', 'p.example\trelay:[mx.example.com]:2525\n', { mc }).diags(), 'mailertable.port-not-supported')[0];
    assert.match(msg(relay), /RELAY_MAILER_ARGS already sends relay mail to port 2525: drop `:2525`/);
  });

  it('a key with a trailing dot never matches (sendmail strips the dot first); the fix removes it', () => {
    const text = 'trailing.example.\tesmtp:[t.example]\n';
    const { svc, uri, diags } = openMap('sendmail-mailertable', text);
    const [d] = byCode(diags(), 'mailertable.trailing-dot');
    assert.strictEqual(applyAction(svc.codeActions(uri, d.range, [d])[0], uri, text), 'trailing.example\tesmtp:[t.example]\n');
    assert.deepStrictEqual(openMap('sendmail-mailertable', '.\tesmtp:[a.example]\n.sub.example\tesmtp:[b.example]\n').diags().map((x) => x.code), []);
  });

  it('error:D.S.N text without the colon: sendmail refuses with 553 5.3.0 and the status as text', () => {
    const text = 'err.example\terror:5.1.2 host unknown\n';
    const { svc, uri, diags } = openMap('sendmail-mailertable', text);
    const [d] = byCode(diags(), 'mailertable.error-no-colon');
    assert.match(msg(d), /553 5\.3\.0/);
    assert.strictEqual(applyAction(svc.codeActions(uri, d.range, [d])[0], uri, text), 'err.example\terror:5.1.2:550 host unknown\n');
    assert.strictEqual(byCode(openMap('sendmail-mailertable', 'err.example\terror:5.1.2:550 host unknown\n').diags(), 'mailertable.error-no-colon').length, 0);
  });

  it('error:keyword 550 text (the virtusertable form): sendmail reads all of it as text; the fix puts the colon', () => {
    // sendmail 8.17 -bs (test/unit/tables/realSendmailErrorForms.test.ts): "553 5.3.0 <u@gone.example>... nouser 550 No such domain"
    const text = 'gone.example\terror:nouser 550 No such domain\n';
    const { svc, uri, diags } = openMap('sendmail-mailertable', text);
    const [d] = byCode(diags(), 'mailertable.error-keyword-blank');
    assert.strictEqual(d?.severity, 2);
    assert.match(msg(d), /^sendmail answers "553 5\.3\.0 <address>\.\.\. nouser 550 No such domain": in the mailertable a colon, not a blank, follows the keyword/);
    assert.deepStrictEqual([d.range.start.character, d.range.end.character], ['gone.example\terror:'.length, 'gone.example\terror:nouser 550'.length]);
    assert.strictEqual(applyAction(svc.codeActions(uri, d.range, [d])[0], uri, text), 'gone.example\terror:nouser:550 No such domain\n');
    assert.match(msg(byCode(openMap('sendmail-mailertable', 'tmp.example\terror:tempfail 450 Later\n').diags(), 'mailertable.error-keyword-blank')[0]), /a permanent refusal, not the temporary one written \(the sender does not retry\)/);
    assert.match(msg(byCode(openMap('sendmail-mailertable', 'q.example\terror:nouser "550 Quoted"\n').diags(), 'mailertable.error-keyword-blank')[0]), /answers "553 5\.3\.0 <address>\.\.\. nouser550 Quoted".*Write `error:nouser:"550 Quoted"`/);
    // the mailertable's own forms, plain text, and no code after the word: nothing to say
    const ok = ['a.example\terror:nouser:550 No', 'b.example\terror:550 Gone', 'c.example\terror:5.1.2:550 Host unknown', 'd.example\terror:Host unknown', 'e.example\terror:nouser No code',
      'f.example\terror:Dept gone 550 x', 'g.example\terror:550 550 x', 'h.example\terror:nouser 550'].join('\n') + '\n';
    assert.deepStrictEqual(byCode(openMap('sendmail-mailertable', ok).diags(), 'mailertable.error-keyword-blank'), []);
  });

  it('a repeated key: makemap keeps the first value, writes the rest and exits 65', () => {
    const [d] = byCode(openMap('sendmail-mailertable', 'a.example\tesmtp:[x]\na.example\tesmtp:[y]\n').diags(), 'table.duplicate-key');
    assert.match(msg(d), /keeps the first value, still writes every other entry and exits 65/);
    assert.doesNotMatch(msg(d), /stops/);
  });

  it('an entry for one of this machine\'s names (class {w}) is never used; .domain keys and other names are', () => {
    const mc = MC_SMTP.replace("FEATURE(`mailertable')", "FEATURE(`use_cw_file')dnl\nFEATURE(`mailertable')");
    const text = 'example.com\tesmtp:[10.1.1.1]\n.example.com\tesmtp:[10.1.1.2]\nExample.ORG\tesmtp:[10.1.1.3]\nother.example\tesmtp:[10.1.1.4]\n';
    const { diags } = openMap('sendmail-mailertable', text, { mc, others: { '/etc/mail/local-host-names': 'example.com\nexample.org # comment\n' } });
    const ds = byCode(diags(), 'mailertable.local-name');
    assert.deepStrictEqual(ds.map((d) => d.range.start.line), [0, 2]);
    assert.match(msg(ds[0]), /class \{w\}, from \/etc\/mail\/local-host-names\): sendmail delivers its mail locally/);
    // unknown classes (local-host-names unreadable): no claim
    assert.deepStrictEqual(byCode(openMap('sendmail-mailertable', text, { mc }).diags(), 'mailertable.local-name'), []);
  });
});
