import * as assert from 'node:assert';
import { openMap as open, byCode, applyAction } from './tableHelpers';

// These maps are checked on their own (no sendmail.mc beside them, so no FEATURE cross-checks).
const openMap: typeof open = (lang, text, opts = {}) => open(lang, text, { mc: null, ...opts });

const serious = (ds: { severity?: number; code?: unknown }[]) => ds.filter((d) => d.severity! <= 2).map((d) => d.code);

describe('tables: virtusertable, genericstable, domaintable, authinfo, aliases, class files', () => {
  it('virtusertable: user@domain, @domain catch-alls with %1 are fine; bare names and .suffix keys never match', () => {
    assert.deepStrictEqual(serious(openMap('sendmail-virtusertable', 'info@example.com\tjoe\n@example.com\t%1@other.example\n@x.example\terror:nouser 550 No such user\n').diags()), []);
    const ds = openMap('sendmail-virtusertable', 'root\tjoe\n.com\tsink\n').diags();
    assert.deepStrictEqual(byCode(ds, 'virtusertable.key-never-matched').map((d) => d.range.start.line), [0, 1]);
  });

  it('genericstable: the new address should be qualified', () => {
    assert.deepStrictEqual(serious(openMap('sendmail-genericstable', 'joe\tjoe.public@example.com\n').diags()), []);
    assert.strictEqual(byCode(openMap('sendmail-genericstable', 'joe\tjoe.public\n').diags(), 'genericstable.unqualified').length, 1);
  });

  it('domaintable: whole domains only', () => {
    assert.deepStrictEqual(serious(openMap('sendmail-domaintable', 'old.example\tnew.example\n').diags()), []);
    assert.strictEqual(byCode(openMap('sendmail-domaintable', '.com\tsink.example\n').diags(), 'domaintable.key-never-matched').length, 1);
  });

  it('authinfo: AuthInfo: tag and U/I/P/M/R fields', () => {
    assert.deepStrictEqual(serious(openMap('sendmail-authinfo', 'AuthInfo:smtp.example.com "U:root" "I:user" "P:secret" "M:PLAIN LOGIN"\nAuthInfo: "I:u" "P=c2VjcmV0"\n').diags()), []);
    const text = 'smtp.example.com "U:root" "P:x"\nAuthInfo:b "I:u" "X:y"\n';
    const { svc, uri, diags } = openMap('sendmail-authinfo', text);
    const [tag] = byCode(diags(), 'authinfo.missing-tag');
    assert.strictEqual(applyAction(svc.codeActions(uri, tag.range, [tag])[0], uri, text).split('\n')[0], 'AuthInfo:smtp.example.com "U:root" "P:x"');
    assert.deepStrictEqual(byCode(diags(), 'authinfo.bad-field').map((d) => d.range.start.line), [1]);
    assert.deepStrictEqual(byCode(diags(), 'authinfo.no-password').map((d) => d.range.start.line), [1]);
  });

  it('aliases: continuation lines, :include: and duplicates', () => {
    const ok = 'postmaster: root\nstaff: joe,\n\tann, bob\nlist: :include:/etc/mail/list\nprog: "|/usr/bin/x"\n';
    assert.deepStrictEqual(serious(openMap('sendmail-aliases', ok, { file: '/etc/aliases', mc: null }).diags()), []);
    const ds = openMap('sendmail-aliases', 'root joe\n\n  orphan\nx: :include:list\nroot: ann\nRoot: bob\n', { file: '/etc/aliases', mc: null }).diags();
    assert.deepStrictEqual(['aliases.missing-colon', 'aliases.orphan-continuation', 'aliases.include-relative', 'table.duplicate-key'].map((c) => byCode(ds, c).map((d) => d.range.start.line)), [[0], [2], [3], [5]]);
  });

  it('class files: one name per word; a repeated name is only information', () => {
    const ds = openMap('sendmail-class', 'example.com\nmail.example.com # main\nexample.com\n', { file: '/etc/mail/local-host-names', mc: null }).diags();
    const [d] = byCode(ds, 'table.duplicate-key');
    assert.strictEqual(d.severity, 3);
    assert.deepStrictEqual(serious(ds), []);
  });
});
