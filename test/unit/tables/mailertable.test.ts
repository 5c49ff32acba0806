import * as assert from 'node:assert';
import { openMap, byCode, applyAction, MC_SMTP } from './tableHelpers';

describe('tables: mailertable', () => {
  it('flags a mailer the sendmail.mc beside it does not define, and fixes the typo', () => {
    const text = 'example.com\tesmpt:[mx.example.com]\n';
    const { svc, uri, diags } = openMap('sendmail-mailertable', text);
    const [d] = byCode(diags(), 'mailertable.unknown-mailer');
    assert.ok(d, 'unknown mailer reported');
    assert.strictEqual(d.severity, 1);
    assert.deepStrictEqual([d.range.start.character, d.range.end.character], [12, 17]);
    assert.match(String(d.message), /Did you mean `esmtp`/);
    const fix = svc.codeActions(uri, d.range, [d]).find((a) => /esmtp/.test(a.title))!;
    assert.strictEqual(applyAction(fix, uri, text), 'example.com\tesmtp:[mx.example.com]\n');
  });

  it('uses the MAILER() lines: procmail is unknown unless the mc has MAILER(procmail)', () => {
    const text = 'example.com\tprocmail:/etc/procmailrc\n';
    assert.strictEqual(byCode(openMap('sendmail-mailertable', text).diags(), 'mailertable.unknown-mailer').length, 1);
    const withProcmail = MC_SMTP + "MAILER(`procmail')dnl\n";
    assert.strictEqual(byCode(openMap('sendmail-mailertable', text, { mc: withProcmail }).diags(), 'mailertable.unknown-mailer').length, 0);
  });

  it('a standard mailer the mc does not load: says which MAILER() defines it and adds it after the last MAILER line', () => {
    const text = 'example.com\tprocmail:/etc/procmailrc\n';
    const { svc, uri, diags } = openMap('sendmail-mailertable', text);
    const [d] = byCode(diags(), 'mailertable.unknown-mailer');
    assert.match(String(d.message), /MAILER\(`procmail'\) defines it/);
    assert.match(String(svc.hover(uri, { line: 0, character: 14 })?.contents && JSON.stringify(svc.hover(uri, { line: 0, character: 14 })!.contents)), /MAILER\(`procmail'\)/);
    const fix = svc.codeActions(uri, d.range, [d]).find((a) => /Add MAILER/.test(a.title))!;
    assert.ok(fix, 'quick fix offered');
    const mcUri = 'file:///etc/mail/sendmail.mc';
    const after = applyAction(fix, mcUri, MC_SMTP);
    assert.strictEqual(after, MC_SMTP.replace(/(MAILER\(`smtp'\)dnl\n)/, "$1MAILER(`procmail')dnl\n"));
    const fixed = openMap('sendmail-mailertable', text, { mc: after }).diags();
    assert.strictEqual(byCode(fixed, 'mailertable.unknown-mailer').length, 0, 'no longer unknown once the mc has the line');
  });

  it('without a sendmail.mc accepts every standard mailer but still flags unknown ones', () => {
    const ds = openMap('sendmail-mailertable', 'a.example\tuucp-dom:gw\nb.example\tcyrusv2:x\nc.example\tbogus:[h]\n', { mc: null }).diags();
    assert.deepStrictEqual(byCode(ds, 'mailertable.unknown-mailer').map((d) => d.range.start.line), [2]);
  });

  it('finds the mc in the parent folder when its FEATURE names this file', () => {
    const mc = "FEATURE(`mailertable', `hash -o /etc/mail/maps/mailertable')dnl\nMAILER(`smtp')dnl\n";
    const text = 'example.com\tprocmail:x\n';
    const ds = openMap('sendmail-mailertable', text, { file: '/etc/mail/maps/mailertable', mc: null, others: { '/etc/mail/sendmail.mc': mc } }).diags();
    assert.match(String(byCode(ds, 'mailertable.unknown-mailer')[0].message), /\/etc\/mail\/sendmail\.mc defines/);
  });

  it('diagnoses [host]:port — sendmail reads the colon as a fallback host list', () => {
    const ds = openMap('sendmail-mailertable', 'example.com\tesmtp:[mx.example.com]:2525\n').diags();
    const [d] = byCode(ds, 'mailertable.port-not-supported');
    assert.ok(d);
    assert.match(String(d.message), /not a port/);
    assert.strictEqual(byCode(openMap('sendmail-mailertable', 'example.com\tesmtp:[mx1.example.com]:[mx2.example.com]\n').diags(), 'mailertable.port-not-supported').length, 0);
  });

  it('brackets a bare IP address (quick fix), accepts [IPv6:...], error: and local: forms', () => {
    const text = 'example.com\tsmtp:10.1.2.3\n';
    const { svc, uri, diags } = openMap('sendmail-mailertable', text);
    const [d] = byCode(diags(), 'mailertable.unbracketed-ip');
    assert.strictEqual(applyAction(svc.codeActions(uri, d.range, [d])[0], uri, text), 'example.com\tsmtp:[10.1.2.3]\n');
    const ok = 'v6.example\tesmtp:[IPv6:2001:db8::1]\n.\tesmtp:[smart.example.com]\nold.example\terror:5.1.1:550 Gone\nme.example\tlocal:postmaster\nx.example\tlocal:\n';
    assert.deepStrictEqual(openMap('sendmail-mailertable', ok).diags().filter((x) => x.severity! <= 2), []);
  });

  it('%1 only works for keys that start with a dot', () => {
    const ds = openMap('sendmail-mailertable', '.a.example\tesmtp:%1.relay\nb.example\tesmtp:%1.relay\n').diags();
    assert.deepStrictEqual(byCode(ds, 'mailertable.percent-needs-dot').map((d) => d.range.start.line), [1]);
  });

  it('checks error: statuses: DSN class and SMTP code must agree', () => {
    const ds = openMap('sendmail-mailertable', 'a.example\terror:4.7.1:550 no\n').diags();
    assert.strictEqual(byCode(ds, 'table.error-mismatch').length, 1);
  });

  it('hover says which MAILER() defines a mailer and whether MX is looked up', () => {
    const { svc, uri } = openMap('sendmail-mailertable', 'example.com\tesmtp:[mx.example.com]\n.example.org\trelay:gw.example.org\n');
    const m = svc.hover(uri, { line: 0, character: 14 })!;
    assert.match((m.contents as { value: string }).value, /MAILER\(`smtp'\)/);
    assert.match((svc.hover(uri, { line: 0, character: 22 })!.contents as { value: string }).value, /ignoring its MX records/);
    assert.match((svc.hover(uri, { line: 1, character: 22 })!.contents as { value: string }).value, /MX records/);
    assert.match((svc.hover(uri, { line: 1, character: 3 })!.contents as { value: string }).value, /below/);
  });

  it('completes the mailers this configuration defines', () => {
    const { svc, uri } = openMap('sendmail-mailertable', 'example.com\t\n');
    const labels = svc.completion(uri, { line: 0, character: 12 }).map((c) => c.label);
    assert.ok(labels.includes('esmtp') && labels.includes('relay') && !labels.includes('procmail'));
  });
});
