// Rules every map file shares (makemap's own behaviour) and the incremental machinery.
import * as assert from 'node:assert';
import { openMap, byCode, applyAction } from './tableHelpers';
import { LanguageService, memoryWorkspace } from '../../../server/src/service';

describe('tables: makemap rules', () => {
  it('at most 1,000 problems per map are shown, the first ones, then a note says more exist', () => {
    const text = Array.from({ length: 1500 }, (_, i) => `host${i}.example\tRELAYY`).join('\n') + '\n';
    const ds = openMap('sendmail-access', text).diags();
    assert.strictEqual(ds.length, 1001);
    assert.deepStrictEqual(ds.slice(0, 1000).map((d) => d.range.start.line), Array.from({ length: 1000 }, (_, i) => i));
    const last = ds[1000];
    assert.strictEqual(last.code, 'table.too-many');
    assert.strictEqual(last.severity, 3);
    assert.match(String(last.message), /^Only the first 1000 problems of this file are shown; fix those and the rest appear\.$/);
  });

  it('duplicate keys (case-insensitive) say where the first one is; the fix removes the later line', () => {
    const text = 'Foo.example\tOK\nbar.example\tOK\nfoo.example\tREJECT\n';
    const { svc, uri, diags } = openMap('sendmail-access', text);
    const [d] = byCode(diags(), 'table.duplicate-key');
    assert.strictEqual(d.range.start.line, 2);
    assert.match(String(d.message), /line 1/);
    assert.strictEqual(d.severity, 1);
    assert.strictEqual(applyAction(svc.codeActions(uri, d.range, [d])[0], uri, text), 'Foo.example\tOK\nbar.example\tOK\n');
  });

  it('leading blanks, missing values, end-of-line comments and control characters; CR LF is fine', () => {
    const text = '  a.example\tOK\nb.example\nc.example\tOK # ok for now\nd.example\tOK\r\ne.\x01example\tOK\n';
    const ds = openMap('sendmail-access', text).diags();
    assert.deepStrictEqual(['table.leading-space', 'table.missing-value', 'table.inline-comment', 'table.control-char'].map((c) => byCode(ds, c).map((x) => x.range.start.line)), [[0], [1], [2], [4]]);
    // sendmail 8.17 matched every CR LF entry tried (test/unit/claims): no finding on line 3.
    assert.deepStrictEqual(ds.filter((d) => d.range.start.line === 3), []);
  });

  // Issue #11: makemap reads a file of lone-CR line ends as one line; CR LF files are fine.
  it('lone CR line ends: one Error at the first, naming the key makemap never stores', () => {
    const mixed = openMap('sendmail-access', 'a.example\tOK\r\nb.example\tREJECT\rc.example\tOK\rd.example\tOK\r\n').diags();
    const lone = byCode(mixed, 'table.lone-cr');
    assert.strictEqual(lone.length, 1);
    assert.strictEqual(lone[0].severity, 1);
    assert.strictEqual(lone[0].range.start.line, 1);
    assert.match(String(lone[0].message), /never stores the key `c\.example`\. 2 lines end this way\./);
    assert.doesNotMatch(String(lone[0].message), /Windows/);
    assert.deepStrictEqual(byCode(openMap('sendmail-access', 'a.example\tOK\r\nb.example\tOK\r\n').diags(), 'table.lone-cr'), []);
    assert.deepStrictEqual(byCode(openMap('sendmail-access', 'a.example\tOK\r').diags(), 'table.lone-cr'), [], 'a CR ending the file joins nothing');
  });

  it('lone CR line ends typed into an open file are found too (edited lines)', () => {
    const { svc, uri } = openMap('sendmail-access', 'a.example\tOK\nb.example\tOK\n');
    svc.change(uri, 2, [{ range: { start: { line: 0, character: 12 }, end: { line: 1, character: 0 } }, text: '\r' }]);
    assert.strictEqual(byCode(svc.diagnostics(uri), 'table.lone-cr').length, 1);
  });

  it('moves an end-of-line comment to its own line', () => {
    const text = 'c.example\tOK # ok for now\n';
    const { svc, uri, diags } = openMap('sendmail-access', text);
    const [d] = byCode(diags(), 'table.inline-comment');
    assert.strictEqual(applyAction(svc.codeActions(uri, d.range, [d])[0], uri, text), '# ok for now\nc.example\tOK\n');
  });

  it('warns when the database is older than its source (path from the mc FEATURE)', () => {
    const mc = "FEATURE(`mailertable', `btree -o /etc/mail/mailertable')dnl\nMAILER(`smtp')dnl\n";
    const mk = (db: number) => openMap('sendmail-mailertable', 'a.example\tesmtp:[b]\n', { mc, others: { '/etc/mail/mailertable.db': '' }, mtimes: { '/etc/mail/mailertable': 2000, '/etc/mail/mailertable.db': db } }).diags();
    const [stale] = byCode(mk(1000), 'table.db-stale');
    assert.match(String(stale.message), /\/etc\/mail\/mailertable\.db is older/);
    assert.match(String(stale.message), /makemap btree /);
    assert.strictEqual(byCode(mk(3000), 'table.db-stale').length, 0);
  });

  it('a copy of a map outside the mc\'s map directory is not compared with the deployed database', () => {
    // The mc (in a config repository) names /etc/mail/access; this file is the repository's copy.
    const mc = "FEATURE(`access_db', `hash -T<TMPF> -o /etc/mail/access')dnl\nMAILER(`smtp')dnl\n";
    const opts = (mtimes: Record<string, number>) => ({ file: '/repo/mail/access', mc: null, others: { '/repo/mail/sendmail.mc': mc, '/etc/mail/access.db': '', '/repo/mail/access.db': '' }, mtimes });
    const fresh = openMap('sendmail-access', 'a.example\tOK\n', opts({ '/repo/mail/access': 2000, '/etc/mail/access.db': 1000, '/repo/mail/access.db': 3000 })).diags();
    assert.strictEqual(byCode(fresh, 'table.db-stale').length, 0, 'the deployed /etc/mail/access.db is not this file\'s database');
    const stale = openMap('sendmail-access', 'a.example\tOK\n', opts({ '/repo/mail/access': 2000, '/repo/mail/access.db': 1000 })).diags();
    assert.match(String(byCode(stale, 'table.db-stale')[0]?.message), /\/repo\/mail\/access\.db is older/);
  });

  it('offers "rebuild now" on a stale database only to clients that have the rebuild command', () => {
    const mc = "FEATURE(`mailertable')dnl\nMAILER(`smtp')dnl\n";
    const { svc, uri, diags } = openMap('sendmail-mailertable', 'a.example\tesmtp:[b]\n', { mc, others: { '/etc/mail/mailertable.db': '' }, mtimes: { '/etc/mail/mailertable': 2000, '/etc/mail/mailertable.db': 1000 } });
    const [d] = byCode(diags(), 'table.db-stale');
    assert.ok(d);
    assert.deepStrictEqual(svc.codeActions(uri, d.range, [d]).filter((a) => a.command), [], 'a plain LSP client gets no command it cannot run');
    svc.settings = { ...svc.settings, clientCommands: true };
    const [a] = svc.codeActions(uri, d.range, [d]).filter((x) => x.command);
    assert.strictEqual(a.command?.command, 'sendmail.rebuildMap');
    assert.deepStrictEqual(a.command?.arguments, [uri]);
  });

  it('incremental edits give the same diagnostics as opening the edited text', () => {
    const svc = new LanguageService(memoryWorkspace({}));
    const uri = 'file:///m/access';
    let text = 'a.example\tOK\nb.example\tOK\nc.example\tOK\n';
    svc.open(uri, 'sendmail-access', 1, text);
    const edits: [number, number, number, number, string][] = [
      [1, 0, 1, 1, 'a'], // b.example -> a.example: duplicate of line 1
      [2, 13, 2, 13, '\nd.example\tRELYA'], // split a line: new line with a typo
      [0, 0, 1, 0, ''], // delete the first line: the duplicate disappears
    ];
    let v = 1;
    for (const [sl, sc, el, ec, t] of edits) {
      svc.change(uri, ++v, [{ range: { start: { line: sl, character: sc }, end: { line: el, character: ec } }, text: t }]);
      text = svc.document(uri)!.getText();
      const fresh = new LanguageService(memoryWorkspace({}));
      fresh.open(uri, 'sendmail-access', 1, text);
      const strip = (ds: { code?: unknown; range: unknown }[]) => ds.map((d) => [d.code, d.range]);
      assert.deepStrictEqual(strip(svc.diagnostics(uri)), strip(fresh.diagnostics(uri)), `after edit -> ${JSON.stringify(text)}`);
    }
    assert.strictEqual(text, 'a.example\tOK\nc.example\tOK\nd.example\tRELYA\n');
  });

  it('never throws or hangs on binary junk, a 10 MB line or unbalanced brackets', () => {
    const junk = Buffer.from(Array.from({ length: 20000 }, (_, i) => (i * 7919) % 256)).toString('latin1');
    const huge = 'k\t' + 'x'.repeat(10 * 1024 * 1024);
    for (const lang of ['sendmail-mailertable', 'sendmail-access', 'sendmail-virtusertable', 'sendmail-genericstable', 'sendmail-domaintable', 'sendmail-authinfo', 'sendmail-aliases', 'sendmail-class'] as const) {
      for (const text of [junk, huge, 'a\tesmtp:[[[[:::\n"unclosed\t"ERROR:\n:include:\n\t\n']) {
        const t0 = Date.now();
        const { svc, uri, diags } = openMap(lang, text);
        assert.ok(Array.isArray(diags()));
        svc.hover(uri, { line: 0, character: 3 });
        svc.completion(uri, { line: 0, character: 1 });
        svc.symbols(uri);
        assert.ok(Date.now() - t0 < 5000, `${lang} took too long`);
      }
    }
  });

  it('one document symbol per entry', () => {
    const { svc, uri } = openMap('sendmail-virtusertable', '# c\ninfo@example.com\tjoe\n\n@example.com\terror:5.1.1:550 No such user\n');
    assert.deepStrictEqual(svc.symbols(uri).map((s) => [s.name, s.range.start.line]), [['info@example.com', 1], ['@example.com', 3]]);
  });
});
