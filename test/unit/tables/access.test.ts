import * as assert from 'node:assert';
import { openMap, byCode, applyAction, MC_SMTP } from './tableHelpers';

const clean = (ds: { severity?: number }[]) => ds.filter((d) => d.severity! <= 2);

describe('tables: access', () => {
  it('accepts the documented tags, keys and actions', () => {
    const text = [
      'Connect:192.168.212\tREJECT', 'Connect:IPv6:2002:c0a8:02c7\tRELAY', 'From:spammer@aol.com\tREJECT', 'From:FREE.STEALTH.MAILER@\tERROR:550 Spam not accepted',
      'To:friend.domain\tRELAY', 'Connect:128.32.2\tSKIP', 'Connect:suspicious.example.com\tQUARANTINE:Mail from suspicious host', 'Connect:[127.0.0.3]\tOK',
      'From:cyberspammer.com\tERROR:"550 We don\'t accept mail from spammers"', 'To:user@example.com\tERROR:4.2.2:450 mailbox full',
      'TLS_Srv:secure.example.com\tENCR:112', 'TLS_Clt:laptop.example.com\tPERM+VERIFY:112', 'TLS_Rcpt:darth@endmail.org\tENCR:112+CN:smtp.endmail.org',
      'TLS_Srv:safe.example.net\tVERIFY+CN++CITag:MyCA', 'MyCA:/C=US/ST=CA/O=safe/CN=example.net/\tOK', 'Try_TLS:broken.server\tNO', 'Srv_Features:my.domain\tv', 'Srv_Features:\tV',
      'CertIssuer:/C=US/O=endmail.org/CN=Darth+20Mail\tSUBJECT', 'cyberspammer.com\tREJECT', '128.32\tRELAY', 'example.net\t550 Go away',
    ].join('\n') + '\n';
    // cf/README's To: refusals assume FEATURE(`blocklist_recipients') (without it: realSendmailBlocklist.test.ts)
    const mc = MC_SMTP.replace("MAILER(`local')", "FEATURE(`blocklist_recipients')dnl\nMAILER(`local')");
    assert.deepStrictEqual(clean(openMap('sendmail-access', text, { mc }).diags()), []);
    assert.deepStrictEqual(byCode(openMap('sendmail-access', text).diags(), 'access.feature-missing').map((d) => d.range.start.line), [9]);
  });

  it('no wildcards, no trailing dots on networks: warned, with the plain form as fix', () => {
    const text = 'Connect:10.0.0.*\tREJECT\nConnect:10.1.\tREJECT\nFrom:*@spam.example\tREJECT\nFrom:*.spam.example\tREJECT\nTo:*\tRELAY\n';
    const { svc, uri, diags } = openMap('sendmail-access', text);
    const ds = diags().filter((d) => d.code === 'access.wildcard' || d.code === 'access.trailing-dot');
    assert.deepStrictEqual(ds.map((d) => [d.range.start.line, d.code]), [[0, 'access.wildcard'], [1, 'access.trailing-dot'], [2, 'access.wildcard'], [3, 'access.wildcard'], [4, 'access.wildcard']]);
    const fixed = ds.slice(0, 4).map((d) => applyAction(svc.codeActions(uri, d.range, [d])[0], uri, text).split('\n')[d.range.start.line]);
    assert.deepStrictEqual(fixed, ['Connect:10.0.0\tREJECT', 'Connect:10.1\tREJECT', 'From:spam.example\tREJECT', 'From:spam.example\tREJECT']);
    assert.strictEqual(svc.codeActions(uri, ds[4].range, [ds[4]]).length, 0, 'no guess for a bare *');
  });

  it('flags unknown actions with did-you-mean and applies the fix', () => {
    const text = 'To:example.org\tRELYA\n';
    const { svc, uri, diags } = openMap('sendmail-access', text);
    const [d] = byCode(diags(), 'access.unknown-action');
    assert.match(String(d.message), /RELAY/);
    assert.strictEqual(applyAction(svc.codeActions(uri, d.range, [d])[0], uri, text), 'To:example.org\tRELAY\n');
  });

  it('flags a misspelled tag but leaves unknown CITag-style tags alone', () => {
    const ds = openMap('sendmail-access', 'Conect:10.1\tREJECT\nMyCA:/C=US/CN=x\tOK\n').diags();
    assert.deepStrictEqual(byCode(ds, 'access.unknown-tag').map((d) => [d.range.start.line, String(d.message).includes('Connect:')]), [[0, true]]);
  });

  it('CIDR and IPv6 keys without the IPv6: prefix never match; fixes rewrite them', () => {
    const text = 'Connect:10.0.0.0/8\tREJECT\nConnect:2a01:4f8::2\tOK\n';
    const { svc, uri, diags } = openMap('sendmail-access', text);
    const cidr = byCode(diags(), 'access.cidr')[0];
    const v6 = byCode(diags(), 'access.ipv6-needs-prefix')[0];
    assert.strictEqual(applyAction(svc.codeActions(uri, cidr.range, [cidr])[0], uri, text).split('\n')[0], 'Connect:10\tREJECT');
    // sendmail 8.15+ looks the client address up uncompressed: the fix writes that form.
    assert.strictEqual(applyAction(svc.codeActions(uri, v6.range, [v6])[0], uri, text).split('\n')[1], 'Connect:IPv6:2a01:4f8:0:0:0:0:0:2\tOK');
  });

  it('checks values per tag: numbers, FRIEND/HATER, TLS requirements', () => {
    const ds = openMap('sendmail-access', 'GreetPause:10.1\tfive\nSpam:abuse@\tFREIND\nTLS_Srv:x.example\tSTRONG\nClientRate:\t10\n',
      { mc: MC_SMTP + "FEATURE(`greet_pause')dnl\nFEATURE(`delay_checks', `friend')dnl\nFEATURE(`ratecontrol')dnl\n" }).diags();
    assert.deepStrictEqual(byCode(ds, 'access.bad-value').map((d) => d.range.start.line), [0, 1, 2]);
  });

  it('Spam: without FEATURE(delay_checks) warns and adds the FEATURE to sendmail.mc', () => {
    const text = 'Spam:abuse@\tFRIEND\n';
    const { svc, uri, diags } = openMap('sendmail-access', text);
    const [d] = byCode(diags(), 'access.feature-missing');
    assert.match(String(d.message), /delay_checks/);
    const action = svc.codeActions(uri, d.range, [d])[0];
    const mcUri = 'file:///etc/mail/sendmail.mc';
    const after = applyAction(action, mcUri, MC_SMTP);
    assert.match(after, /FEATURE\(`delay_checks', `friend'\)dnl\nMAILER\(`local'\)/);
  });

  it('GreetPause: without FEATURE(greet_pause) warns; with it, it does not', () => {
    assert.strictEqual(byCode(openMap('sendmail-access', 'GreetPause:\t5000\n').diags(), 'access.feature-missing').length, 1);
    assert.strictEqual(byCode(openMap('sendmail-access', 'GreetPause:\t5000\n', { mc: MC_SMTP + "FEATURE(`greet_pause', `5000')dnl\n" }).diags(), 'access.feature-missing').length, 0);
  });

  it('an access file whose mc lacks FEATURE(access_db) is unused; the fix adds it', () => {
    const mc = "OSTYPE(`debian')dnl\nMAILER(`smtp')dnl\n";
    const { svc, uri, diags } = openMap('sendmail-access', 'Connect:10.1\tRELAY\n', { mc });
    const [d] = byCode(diags(), 'table.feature-missing');
    assert.match(String(d.message), /never reads this access file/);
    const after = applyAction(svc.codeActions(uri, d.range, [d])[0], 'file:///etc/mail/sendmail.mc', mc);
    assert.strictEqual(after, "OSTYPE(`debian')dnl\nFEATURE(`access_db')dnl\nMAILER(`smtp')dnl\n");
  });

  it('hover explains tags, networks and actions; completion offers tags and actions', () => {
    const { svc, uri } = openMap('sendmail-access', 'Connect:192.168\tRELAY\n\n');
    assert.match((svc.hover(uri, { line: 0, character: 2 })!.contents as { value: string }).value, /client connects/);
    assert.match((svc.hover(uri, { line: 0, character: 10 })!.contents as { value: string }).value, /192\.168\.0\.0\/16/);
    assert.match((svc.hover(uri, { line: 0, character: 18 })!.contents as { value: string }).value, /relaying/);
    assert.ok(svc.completion(uri, { line: 1, character: 0 }).some((c) => c.label === 'GreetPause:'));
    assert.ok(svc.completion(uri, { line: 0, character: 16 }).some((c) => c.label === 'DISCARD'));
  });
});
