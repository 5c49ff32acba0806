// virtusertable keys whose domain sendmail never looks up (not in class {w} nor {VirtHost}).
// The rule is proto.m4's Parse1; the evidence from `sendmail -bt` is in virtualDomains.ts.
import * as assert from 'node:assert';
import { openMap, byCode, applyAction } from './tableHelpers';
import { MC_SMTP } from './tableHelpers';

const CODE = 'virtusertable.domain-not-virtual';
const MC_CW = MC_SMTP.replace("FEATURE(`mailertable')dnl\n", "FEATURE(`mailertable')dnl\nFEATURE(`use_cw_file')dnl\nFEATURE(`virtusertable')dnl\n");
const LHN = '/etc/mail/local-host-names';
const TABLE = 'info@listed.example.com\tbob\n@example.net\tjane\nsales@virt.example.org\tbob\nroot@localhost\tbob\n';

const flagged = (ds: ReturnType<ReturnType<typeof openMap>['diags']>) => byCode(ds, CODE).map((d) => [d.range.start.line, d.range.start.character, d.range.end.character]);

describe('tables: virtusertable domains sendmail never treats as virtual', () => {
  it('flags only the domain in neither {w} (local-host-names) nor {VirtHost} (VIRTUSER_DOMAIN), as Information', () => {
    const mc = MC_CW.replace('MAILER(`local', "VIRTUSER_DOMAIN(`virt.example.org')dnl\nMAILER(`local");
    const { diags } = openMap('sendmail-virtusertable', TABLE, { mc, others: { [LHN]: '# hosts\nlisted.example.com  other.example.com\n' } });
    const ds = diags();
    assert.deepStrictEqual(flagged(ds), [[1, 1, '@example.net'.length]]);
    const [d] = byCode(ds, CODE);
    assert.strictEqual(d.severity, 3);
    assert.strictEqual(d.source, 'sendmail');
    assert.match(String(d.message), /Relaying denied/);
    assert.match(String(d.message), /\/etc\/mail\/local-host-names/);
  });

  it('says nothing when the classes cannot be known: no mc, no virtusertable feature, unreadable local-host-names or VIRTUSER_DOMAIN_FILE', () => {
    assert.deepStrictEqual(flagged(openMap('sendmail-virtusertable', TABLE, { mc: null }).diags()), []);
    assert.deepStrictEqual(flagged(openMap('sendmail-virtusertable', TABLE, { mc: MC_CW }).diags()), []);
    assert.deepStrictEqual(flagged(openMap('sendmail-virtusertable', TABLE, { mc: MC_SMTP, others: { [LHN]: '' } }).diags()), []);
    const withFile = MC_CW.replace('MAILER(`local', "VIRTUSER_DOMAIN_FILE(`-o /etc/mail/virtuser-domains')dnl\nMAILER(`local");
    assert.deepStrictEqual(flagged(openMap('sendmail-virtusertable', TABLE, { mc: withFile, others: { [LHN]: 'listed.example.com\n' } }).diags()), []);
    // With the file readable the classes are known again, and its names count.
    const known = openMap('sendmail-virtusertable', TABLE, { mc: withFile, others: { [LHN]: 'listed.example.com\n', '/etc/mail/virtuser-domains': 'virt.example.org\n' } });
    assert.deepStrictEqual(flagged(known.diags()), [[1, 1, 12]]);
  });

  it('LOCAL_DOMAIN, confCW_FILE with MAIL_SETTINGS_DIR and a scanf pattern, and virtuser_entire_domain are followed', () => {
    const mc = MC_CW.replace('MAILER(`local', "define(`MAIL_SETTINGS_DIR', `/etc/mail/')dnl\ndefine(`confCW_FILE', `-o MAIL_SETTINGS_DIR`'hosts %[^\\#]')dnl\nLOCAL_DOMAIN(`example.net')dnl\nVIRTUSER_DOMAIN(`example.org')dnl\nFEATURE(`virtuser_entire_domain')dnl\nMAILER(`local");
    const text = '@example.net\tjane\nsales@virt.example.org\tbob\ninfo@listed.example.com\tbob\nx@nowhere.example\tbob\n';
    const { diags } = openMap('sendmail-virtusertable', text, { mc, others: { '/etc/mail/hosts': 'listed.example.com # the web host\n' } });
    assert.deepStrictEqual(flagged(diags()).map((x) => x[0]), [3]);
    // Without virtuser_entire_domain a subdomain of a VIRTUSER_DOMAIN is not looked up (sendmail -bt: mailer esmtp).
    const { diags: d2 } = openMap('sendmail-virtusertable', text, { mc: mc.replace("FEATURE(`virtuser_entire_domain')dnl\n", ''), others: { '/etc/mail/hosts': 'listed.example.com\n' } });
    assert.deepStrictEqual(flagged(d2()).map((x) => x[0]), [1, 3]);
  });

  it('DOMAIN(`generic\') turns use_cw_file on; other DOMAIN/HACK files and unreadable includes make the classes unknown', () => {
    const virt = MC_SMTP.replace('MAILER(`local', "FEATURE(`virtusertable')dnl\nMAILER(`local");
    const lhn = { [LHN]: 'listed.example.com\nvirt.example.org\n' };
    const lines = (mc: string, others: Record<string, string> = lhn) => flagged(openMap('sendmail-virtusertable', TABLE, { mc, others }).diags()).map((x) => x[0]);
    assert.deepStrictEqual(lines(virt.replace('OSTYPE', "DOMAIN(`generic')dnl\nOSTYPE")), [1]);
    assert.deepStrictEqual(lines(virt.replace('OSTYPE', "DOMAIN(`example.com')dnl\nOSTYPE")), []);
    assert.deepStrictEqual(lines(MC_CW.replace('OSTYPE', "HACK(`cssubdomain')dnl\nOSTYPE")), []);
    const inc = MC_CW.replace('OSTYPE', "include(`/etc/mail/m4/provider.m4')dnl\nOSTYPE");
    assert.deepStrictEqual(lines(inc), []);
    assert.deepStrictEqual(lines(inc, { ...lhn, '/etc/mail/m4/provider.m4': 'dnl nothing here\n' }), [1]);
    assert.deepStrictEqual(lines(inc, { ...lhn, '/etc/mail/m4/provider.m4': "LOCAL_DOMAIN(`example.net')dnl\n" }), []);
  });

  it('quick fixes: append to local-host-names (preferred) or add VIRTUSER_DOMAIN to the mc', () => {
    const lhn = 'listed.example.com';
    const { svc, uri, diags } = openMap('sendmail-virtusertable', TABLE, { mc: MC_CW, others: { [LHN]: lhn } });
    const [d] = byCode(diags(), CODE);
    const actions = svc.codeActions(uri, d.range, [d]);
    assert.deepStrictEqual(actions.map((a) => a.title), [`Add example.net to ${LHN}`, "Add VIRTUSER_DOMAIN(`example.net')dnl to /etc/mail/sendmail.mc"]);
    assert.strictEqual(actions[0].isPreferred, true);
    assert.strictEqual(applyAction(actions[0], 'file://' + LHN, lhn), 'listed.example.com\nexample.net\n');
    const mcAfter = applyAction(actions[1], 'file:///etc/mail/sendmail.mc', MC_CW);
    assert.match(mcAfter, /VIRTUSER_DOMAIN\(`example\.net'\)dnl\nMAILER\(`local'\)/);
    // Either fix makes the entry used (line 2's virt.example.org stays unlisted).
    assert.deepStrictEqual(flagged(openMap('sendmail-virtusertable', TABLE, { mc: MC_CW, others: { [LHN]: 'listed.example.com\nexample.net\n' } }).diags()).map((x) => x[0]), [2]);
    assert.deepStrictEqual(flagged(openMap('sendmail-virtusertable', TABLE, { mc: mcAfter, others: { [LHN]: lhn } }).diags()).map((x) => x[0]), [2]);
  });

  it('hover on the key domain says whether and why sendmail looks it up', () => {
    const { svc, uri } = openMap('sendmail-virtusertable', TABLE, { mc: MC_CW, others: { [LHN]: 'listed.example.com\n' } });
    const md = (line: number, ch: number) => { const h = svc.hover(uri, { line, character: ch }); return h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : ''; };
    assert.match(md(0, 8), /looks up this key: it is in class \{w\}.*local-host-names/);
    assert.match(md(1, 3), /does not look up this key/);
    assert.match(md(3, 7), /always counts it as this host/);
  });

  it('re-checks the virtusertable when local-host-names changes (open document edited)', () => {
    const { svc, uri, diags } = openMap('sendmail-virtusertable', TABLE, { mc: MC_CW, others: { [LHN]: 'listed.example.com\n' } });
    assert.deepStrictEqual(flagged(diags()).map((x) => x[0]), [1, 2]);
    const lhnUri = 'file://' + LHN;
    svc.open(lhnUri, 'sendmail-class', 1, 'listed.example.com\n');
    assert.ok(svc.dependents(lhnUri).includes(uri));
    svc.change(lhnUri, 2, [{ text: 'listed.example.com\nexample.net\nvirt.example.org\n' }]);
    assert.deepStrictEqual(flagged(diags()), []);
    svc.change(lhnUri, 3, [{ text: 'listed.example.com\nvirt.example.org\n' }]);
    assert.deepStrictEqual(flagged(diags()).map((x) => x[0]), [1]);
  });

  it('never throws on junk in the mc or local-host-names', () => {
    const junk = '\u0000\uffff`((((' + 'x'.repeat(200000) + "\nVIRTUSER_DOMAIN(`";
    const { diags } = openMap('sendmail-virtusertable', TABLE + '@' + 'a.'.repeat(50000) + 'b\tx\n', { mc: MC_CW + junk, others: { [LHN]: junk } });
    assert.ok(Array.isArray(diags()));
  });
});
