// Map messages, hovers and fixes made true (issue #11); what sendmail really does is pinned in
// test/unit/claims: here the analysis itself, on small fixtures.
import * as assert from 'node:assert';
import { applyAction, byCode, openMap, MC_SMTP } from './tableHelpers';

const hoverAt = (lang: Parameters<typeof openMap>[0], text: string, at: string) => {
  const { svc, uri } = openMap(lang, text);
  const i = text.indexOf(at);
  const before = text.slice(0, i).split('\n');
  return (svc.hover(uri, { line: before.length - 1, character: before[before.length - 1].length + 1 })?.contents as { value: string }).value;
};

describe('tables: messages, hovers and fixes that are true', () => {
  it('mailertable: an unbracketed IPv6 address is one Error with the [IPv6:…] fix, not a row of port errors', () => {
    const text = 'v6.example\tesmtp:2001:db8::25\n';
    const { svc, uri, diags } = openMap('sendmail-mailertable', text);
    const ds = diags();
    assert.deepStrictEqual(ds.map((d) => d.code), ['mailertable.unbracketed-ipv6']);
    assert.strictEqual(ds[0].severity, 1);
    assert.strictEqual(applyAction(svc.codeActions(uri, ds[0].range, [ds[0]])[0], uri, text), 'v6.example\tesmtp:[IPv6:2001:db8::25]\n');
    assert.deepStrictEqual(openMap('sendmail-mailertable', 'a.example\tesmtp:mx1.example:mx2.example\n').diags(), [], 'a host list stays a host list');
  });

  it('mailertable: [::1] (IPv6 without the tag) is a good host', () => {
    assert.deepStrictEqual(openMap('sendmail-mailertable', 'v6.example\tesmtp:[::1]\nv6b.example\tesmtp:[IPv6:::1]\n').diags(), []);
    assert.match(hoverAt('sendmail-mailertable', 'v6.example\tesmtp:[::1]\n', '[::1]'), /connects straight to the address ::1/);
  });

  it('access: TEMP: outside Compat: is a permanent 553 5.3.0; the fix writes ERROR: with a 4xx code', () => {
    const text = 'From:a.example\tTEMP:4.7.1:450 Try later\nConnect:10.1\tTEMP:Not now\nCompat:x@a.example<@>y@b.example\tTEMP:Later\n';
    const mc = MC_SMTP.replace("MAILER(`local')", "FEATURE(`compat_check')dnl\nMAILER(`local')");
    const { svc, uri, diags } = openMap('sendmail-access', text, { mc });
    const ds = byCode(diags(), 'access.temp-action');
    assert.deepStrictEqual(ds.map((d) => d.range.start.line), [0, 1], 'Compat: entries do read TEMP:');
    assert.match(String(ds[0].message), /"553 5\.3\.0 <address>\.\.\. TEMP:4\.7\.1:450 Try later", a permanent refusal/);
    assert.strictEqual(applyAction(svc.codeActions(uri, ds[0].range, [ds[0]])[0], uri, text).split('\n')[0], 'From:a.example\tERROR:4.7.1:450 Try later');
    assert.strictEqual(applyAction(svc.codeActions(uri, ds[1].range, [ds[1]])[0], uri, text).split('\n')[1], 'Connect:10.1\tERROR:4.7.1:450 Not now');
    const h = hoverAt('sendmail-access', text, 'TEMP:4.7.1');
    assert.match(h, /553 5\.3\.0 <address>\.\.\. TEMP:4\.7\.1:450 Try later/);
    assert.doesNotMatch(h, /temporar/);
    assert.match(hoverAt('sendmail-access', text, 'TEMP:Later'), /temporarily \(TEMPFAIL\)/);
  });

  it('error values: the hover gives the reply each map makes of it', () => {
    const v = 'joe@example.com\terror:nouser 550 No such user here\n';
    assert.match(hoverAt('sendmail-virtusertable', v, 'error:'), /`550 5\.0\.0 <address>\.\.\. No such user here`/);
    assert.match(hoverAt('sendmail-mailertable', 'example.com\terror:nouser 550 No such user here\n', 'nouser'), /`553 5\.3\.0 <address>\.\.\. nouser 550 No such user here`/);
    assert.match(hoverAt('sendmail-mailertable', 'example.com\terror:nouser:550 No\n', 'nouser'), /`550 5\.0\.0 <address>\.\.\. No`/);
    assert.match(hoverAt('sendmail-virtusertable', 'joe@example.com\terror:5.1.1:550 User unknown\n', 'error:'), /`550 5\.1\.1 <address>\.\.\. User unknown` \(permanent/);
    assert.match(hoverAt('sendmail-access', 'From:a.example\tERROR:4.7.1:Later\n', 'ERROR'), /`553 5\.3\.0 <address>\.\.\. Later`.*No SMTP code follows 4\.7\.1/);
    assert.match(hoverAt('sendmail-access', 'From:a.example\tERROR:550 5.7.1 Go away\n', 'ERROR'), /`550 5\.7\.1 <address>\.\.\. Go away`/);
  });

  it('authinfo: fields without quotes are an Error (no AUTH at all); the fix quotes each field', () => {
    const text = 'AuthInfo:smtp.example\tU:joe P:secret M:PLAIN LOGIN\n';
    const { svc, uri, diags } = openMap('sendmail-authinfo', text, { mc: MC_SMTP.replace("MAILER(`local')", "FEATURE(`authinfo')dnl\nMAILER(`local')") });
    const ds = diags();
    assert.deepStrictEqual(ds.map((d) => d.code), ['authinfo.unquoted']);
    assert.strictEqual(ds[0].severity, 1);
    assert.match(String(ds[0].message), /sends no AUTH at all/);
    const fixed = applyAction(svc.codeActions(uri, ds[0].range, [ds[0]])[0], uri, text);
    assert.strictEqual(fixed, 'AuthInfo:smtp.example\t"U:joe" "P:secret" "M:PLAIN LOGIN"\n');
    const m = openMap('sendmail-authinfo', 'AuthInfo:smtp.example\t"U:joe" "P:secret" M:PLAIN\n', { mc: null }).diags();
    assert.deepStrictEqual(m.map((d) => [d.code, d.severity]), [['authinfo.unquoted', 2]], 'only M: unquoted: AUTH still happens');
  });
});
