// QA findings on the access map: IPv6 key forms (a live 8.17 daemon on [::1] logged
// [IPv6:0:0:0:0:0:0:0:1] and matched `Connect:IPv6:0:0:0:0:0:0:0`, never `IPv6:::1`),
// Spam: against the delay_checks mode, tags nothing looks up, hovers, the case hint.
import * as assert from 'node:assert';
import { openMap, byCode, applyAction, MC_SMTP } from './tableHelpers';
import { LanguageService, memoryWorkspace } from '../../../server/src/service';

const COMPRESSED_MC = MC_SMTP.replace("MAILER(`local')", "define(`confUSE_COMPRESSED_IPV6_ADDRESSES', `True')dnl\nMAILER(`local')");
const hoverText = (h: { contents: unknown } | null) => (h?.contents as { value: string } | undefined)?.value ?? '';

describe('tables: access (QA findings)', () => {
  it('IPv6 keys with "::" or leading zeros never match by default: Information with the uncompressed form as fix', () => {
    const text = 'Connect:IPv6:::1\tRELAY\nGreetPause:IPv6:2001:0db8:0:0:0:0:0:1\t0\nConnect:IPv6:2001:db8::\tREJECT\n';
    const { svc, uri, diags } = openMap('sendmail-access', text, { mc: MC_SMTP + "FEATURE(`greet_pause')dnl\n" });
    const ds = byCode(diags(), 'access.ipv6-form');
    assert.deepStrictEqual(ds.map((d) => [d.range.start.line, d.severity]), [[0, 3], [1, 3], [2, 3]]);
    assert.match(String(ds[0].message), /confUSE_COMPRESSED_IPV6_ADDRESSES/);
    const fixed = ds.map((d) => applyAction(svc.codeActions(uri, d.range, [d])[0], uri, text).split('\n')[d.range.start.line]);
    assert.deepStrictEqual(fixed, ['Connect:IPv6:0:0:0:0:0:0:0:1\tRELAY', 'GreetPause:IPv6:2001:db8:0:0:0:0:0:1\t0', 'Connect:IPv6:2001:db8\tREJECT']);
    // What sendmail does look up: the full form, and leading groups as a network prefix.
    assert.deepStrictEqual(openMap('sendmail-access', 'Connect:IPv6:0:0:0:0:0:0:0:1\tRELAY\nConnect:IPv6:0:0:0:0:0:0:0\tRELAY\nConnect:IPv6:2001:db8\tREJECT\n').diags().map((d) => d.code), []);
  });

  it('with confUSE_COMPRESSED_IPV6_ADDRESSES the compressed form is the one that matches', () => {
    const text = 'Connect:IPv6:0:0:0:0:0:0:0:1\tRELAY\nConnect:IPv6:::1\tRELAY\nConnect:IPv6:2001:db8:0:0:1:0:0:1\tOK\n';
    const { svc, uri, diags } = openMap('sendmail-access', text, { mc: COMPRESSED_MC });
    const ds = byCode(diags(), 'access.ipv6-form');
    assert.deepStrictEqual(ds.map((d) => d.range.start.line), [0, 2]);
    assert.strictEqual(applyAction(svc.codeActions(uri, ds[0].range, [ds[0]])[0], uri, text).split('\n')[0], 'Connect:IPv6:::1\tRELAY');
    assert.strictEqual(applyAction(svc.codeActions(uri, ds[1].range, [ds[1]])[0], uri, text).split('\n')[2], 'Connect:IPv6:2001:db8::1:0:0:1\tOK');
    assert.match(hoverText(svc.hover(uri, { line: 1, character: 14 })), /compressed/);
  });

  it('re-checks cached lines when the mc starts defining confUSE_COMPRESSED_IPV6_ADDRESSES', () => {
    const files: Record<string, string> = { '/etc/mail/sendmail.mc': MC_SMTP };
    const svc = new LanguageService(memoryWorkspace(files));
    const uri = 'file:///etc/mail/access';
    svc.open(uri, 'sendmail-access', 1, 'Connect:IPv6:::1\tRELAY\n');
    assert.strictEqual(byCode(svc.diagnostics(uri), 'access.ipv6-form').length, 1);
    files['/etc/mail/sendmail.mc'] = COMPRESSED_MC;
    assert.strictEqual(byCode(svc.diagnostics(uri), 'access.ipv6-form').length, 0);
  });

  it('hovers have a range, explain the IPv6 lookup form and give the reply ERROR: makes sendmail answer', () => {
    const { svc, uri } = openMap('sendmail-access', 'Connect:IPv6:::1\tRELAY\nFrom:spam.example\tERROR:5.7.1:550 Go away\n');
    const key = svc.hover(uri, { line: 0, character: 14 })!;
    assert.match(hoverText(key), /written out in full/);
    assert.match(hoverText(key), /never matches; write `IPv6:0:0:0:0:0:0:0:1`/);
    assert.deepStrictEqual(key.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 16 } });
    assert.deepStrictEqual(svc.hover(uri, { line: 0, character: 3 })!.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 8 } }, 'the tag');
    const err = svc.hover(uri, { line: 1, character: 20 })!;
    assert.match(hoverText(err), /sendmail answers `550 5\.7\.1 <address>\.\.\. Go away` \(permanent/);
    assert.doesNotMatch(hoverText(err), /message bounces/);
    assert.deepStrictEqual(err.range, { start: { line: 1, character: 18 }, end: { line: 1, character: 41 } });
  });

  it('Spam: with delay_checks but no friend/hater argument is never looked up; the fix edits the FEATURE line', () => {
    const mc = MC_SMTP.replace("MAILER(`local')", "FEATURE(`delay_checks')dnl\nMAILER(`local')");
    const { svc, uri, diags } = openMap('sendmail-access', 'Spam:abuse@\tFRIEND\n', { mc });
    const [d] = byCode(diags(), 'access.spam-unused');
    assert.strictEqual(d.severity, 2);
    assert.match(String(d.message), /never looks up Spam: entries/);
    const after = applyAction(svc.codeActions(uri, d.range, [d])[0], 'file:///etc/mail/sendmail.mc', mc);
    assert.strictEqual(after, mc.replace("FEATURE(`delay_checks')dnl", "FEATURE(`delay_checks', `friend')dnl"));
    assert.strictEqual(byCode(openMap('sendmail-access', 'Spam:abuse@\tFRIEND\n', { mc: after }).diags(), 'access.spam-unused').length, 0);
  });

  it('Spam: HATER has no effect with `friend\', FRIEND none with `hater\'', () => {
    const text = 'Spam:abuse@\tFRIEND\nSpam:ceo@\tHATER\n';
    const withMode = (m: string) => byCode(openMap('sendmail-access', text, { mc: MC_SMTP + `FEATURE(\`delay_checks', \`${m}')dnl\n` }).diags(), 'access.spam-unused').map((d) => d.range.start.line);
    assert.deepStrictEqual(withMode('friend'), [1]);
    assert.deepStrictEqual(withMode('hater'), [0]);
  });

  it('a tag sendmail-cf never looks up is Information unless the mc has custom rulesets; CITag maps are left alone', () => {
    const text = 'BADMX:127\tREJECT\nMAIL_TLS:x\tOK\nMyCA:/C=US/O=Example/CN=CA\tOK\n';
    assert.deepStrictEqual(byCode(openMap('sendmail-access', text).diags(), 'access.custom-tag').map((d) => [d.range.start.line, d.severity]), [[0, 3], [1, 3]]);
    const custom = MC_SMTP + 'LOCAL_RULESETS\nSLocal_check_mail\nR$*\t$: $(access BADMX:$1 $)\n';
    assert.deepStrictEqual(byCode(openMap('sendmail-access', text, { mc: custom }).diags(), 'access.custom-tag'), []);
  });

  it('no case hint on tags, IPv6 keys, certificate DNs and user names; still on a mixed-case domain', () => {
    const ds = openMap('sendmail-access', 'Connect:IPv6:0:0:0:0:0:0:0:1\tRELAY\nCERTISSUER:/C=US/O=Example/CN=CA\tRELAY\nFrom:MAILER-DAEMON@\tOK\nTo:Example.COM\tRELAY\n').diags();
    assert.deepStrictEqual(byCode(ds, 'table.key-case').map((d) => [d.range.start.line, d.range.start.character]), [[3, 3]]);
  });
});
