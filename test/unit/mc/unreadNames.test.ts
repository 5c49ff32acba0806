// Names nothing reads: a define or ifdef of a name that neither the installed sendmail-cf tree
// (a small one in memory here), nor the mc, nor what it includes uses. Typos of a name the tree
// reads get a Warning with the fix, the admin's own unused macros Information, and names that
// something does read stay quiet. The real m4 pins "no effect" in realM4UnreadNames.test.ts.
import * as assert from 'node:assert';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { LanguageService, diskWorkspace } from '../../../server/src/service';
import { namesTreeReads } from '../../../server/src/service/catalog/installed';
import { memoryWorkspace } from '../../../server/src/service/workspace';
import { applyEdits, openDoc } from '../helpers';

const CF = '/usr/share/sendmail/cf';
const TREE: Record<string, string> = {
  [`${CF}/m4/cf.m4`]: 'divert(-1)',
  [`${CF}/m4/proto.m4`]: "ifdef(`SMART_HOST', `DS`'SMART_HOST')\nifdef(`confRELAY_MAILER',, `define(`confRELAY_MAILER', `relay')')\n"
    + "_OPTION(LogLevel, `confLOG_LEVEL', `9')\nifdef(`MAIL_HUB', `DH`'MAIL_HUB')\nifdef(`_ACCESS_TABLE_', `')\n",
  [`${CF}/feature/access_db.m4`]: "define(`_ACCESS_TABLE_', `')", [`${CF}/ostype/linux.m4`]: "define(`LOCAL_MAILER_PATH', `/bin/mail')",
  [`${CF}/mailer/local.m4`]: 'Mlocal, P=/bin/mail',
  '/etc/mail/site.m4': "ifdef(`SITE_RELAY', `DRSITE_RELAY')dnl\n",
};
const HEAD = `include(\`${CF}/m4/cf.m4')dnl\nOSTYPE(\`linux')dnl\n`;
const CODES = ['mc.unread-name', 'mc.unused-macro', 'mc.unknown-option'];

function run(lines: string, files: Record<string, string> = TREE) {
  const text = `${HEAD}${lines}`;
  const { svc, uri } = openDoc('sendmail-mc', text, '/etc/mail/sendmail.mc', files);
  const ds = svc.diagnostics(uri).filter((d) => CODES.includes(String(d.code)));
  return {
    ds, text,
    marked: (i = 0) => text.split('\n')[ds[i].range.start.line].slice(ds[i].range.start.character, ds[i].range.end.character),
    fixed: (i = 0) => applyEdits(text, svc.codeActions(uri, ds[i].range, [ds[i]])[0].edit!.changes![uri]),
  };
}
const summary = (lines: string, files?: Record<string, string>) => run(lines, files).ds.map((d) => `${d.code} ${d.severity}`);

describe('mc: names nothing reads', () => {
  it('a typo of a name the tree reads: Warning with the name it reads, and the fix silences it', () => {
    const r = run("define(`SMART_HOTS', `[relay.example.com]')dnl\n");
    assert.deepStrictEqual(r.ds.map((d) => d.code), ['mc.unread-name']);
    assert.strictEqual(r.ds[0].severity, DiagnosticSeverity.Warning);
    assert.strictEqual(r.marked(), 'SMART_HOTS');
    assert.match(String(r.ds[0].message), /Nothing reads SMART_HOTS: not the installed sendmail-cf, not this file nor the files it includes, so this define has no effect on sendmail.cf. Did you mean SMART_HOST\?/);
    assert.ok(r.fixed().includes("define(`SMART_HOST',"));
    assert.deepStrictEqual(summary("define(`SMART_HOST', `[relay.example.com]')dnl\n"), []);
  });

  it('the conf prefix left off, or mistyped, is found too', () => {
    const r = run("define(`RELAY_MAILER', `esmtp')dnl\n");
    assert.match(String(r.ds[0].message), /Nothing reads RELAY_MAILER.*Did you mean confRELAY_MAILER\?/);
    assert.match(String(run("define(`cnofLOG_LEVEL', `9')dnl\n").ds[0].message), /Did you mean confLOG_LEVEL\?/);
  });

  it('a conf prefix put on a plain name: mc.unknown-option suggests the plain name', () => {
    const r = run("define(`confSMART_HOST', `[relay.example.com]')dnl\n");
    assert.deepStrictEqual(r.ds.map((d) => d.code), ['mc.unknown-option']);
    assert.match(String(r.ds[0].message), /Did you mean SMART_HOST\?/);
  });

  it('an ifdef of a name nothing defines never takes its first branch: Warning when a defined name is close', () => {
    const r = run("ifdef(`SMART_HOTS', `FEATURE(`access_db')')dnl\n");
    assert.deepStrictEqual(r.ds.map((d) => d.code), ['mc.unread-name']);
    assert.match(String(r.ds[0].message), /Nothing defines SMART_HOTS.*never takes its first branch \(unless m4 is run with -DSMART_HOTS\)\. Did you mean SMART_HOST\?/);
    // nothing close, or close only to another flag of the file: it may come from the m4 command line (-DUSE_TLS)
    assert.deepStrictEqual(summary("ifdef(`USE_TLS', `FEATURE(`access_db')')dnl\n"), []);
    assert.deepStrictEqual(summary("define(`USE_X')dnl\nifdef(`USE_X', `ifdef(`USE_Y', `FEATURE(`access_db')')')dnl\n"), []);
  });

  it("the admin's own macro that nothing uses: Information; used anywhere in the file: quiet", () => {
    assert.deepStrictEqual(summary("define(`MY_DOMAIN', `example.com')dnl\n"), ['mc.unused-macro 3']);
    assert.match(String(run("define(`MY_DOMAIN', `example.com')dnl\n").ds[0].message), /Nothing reads MY_DOMAIN.*has no effect on sendmail.cf\.$/);
    assert.deepStrictEqual(summary("define(`MY_DOMAIN', `example.com')dnl\nLOCAL_CONFIG\nCw MY_DOMAIN\n"), [], 'raw sections still expand macros');
    assert.deepStrictEqual(summary("define(`MY_DOMAIN', `example.com')dnl\nLOCAL_CONFIG\nCwMY_DOMAIN\n"), ['mc.unused-macro 3'], 'CwMY_DOMAIN is one word to m4');
    assert.deepStrictEqual(summary("define(`MY_DOMAIN', `example.com')dnl\nifdef(`MY_DOMAIN', `FEATURE(`access_db')')dnl\n"), []);
    assert.deepStrictEqual(summary("define(`MY_DOMAIN', `example.com')dnl\ndefine(`SMART_HOST', `smtp.MY_DOMAIN')dnl\n"), []);
    assert.deepStrictEqual(summary("pushdef(`MY_DOMAIN', `example.com')dnl\n"), ['mc.unused-macro 3']);
    assert.deepStrictEqual(summary("define(`MY_DOMAIN', FEATURE(`access_db'))dnl\n"), [], 'm4 runs the unquoted FEATURE while reading the define');
  });

  it('names the tree or an included file reads are quiet', () => {
    assert.deepStrictEqual(summary("define(`MAIL_HUB', `hub.example.com')dnl\ndefine(`LOCAL_MAILER_PATH', `/usr/bin/procmail')dnl\ndefine(`_ACCESS_TABLE_')dnl\n"), []);
    assert.deepStrictEqual(summary("define(`SITE_RELAY', `relay.example.com')dnl\ninclude(`/etc/mail/site.m4')dnl\n"), []);
    assert.deepStrictEqual(summary("define(`SITE_RELAY', `relay.example.com')dnl\ninclude(`site.m4')dnl\n"), [], 'relative to the mc');
  });

  it('internal _X_ names, and files the tree does not have, make it Information at most', () => {
    assert.deepStrictEqual(summary("define(`_ACCESS_TABLES_')dnl\n"), ['mc.unused-macro 3']);
    assert.deepStrictEqual(summary("FEATURE(`site_feature')dnl\ndefine(`SMART_HOTS', `x')dnl\n"), ['mc.unused-macro 3']);
    assert.match(String(run("include(`/etc/mail/missing.m4')dnl\ndefine(`SMART_HOTS', `x')dnl\n").ds[0].message), /apart from files named here that are not in the installed tree, which may/);
  });

  it('without an installed tree nothing is said', () => {
    const { svc, uri } = openDoc('sendmail-mc', `${HEAD}define(\`SMART_HOTS', \`x')dnl\ndefine(\`MY_DOMAIN', \`x')dnl\n`);
    assert.deepStrictEqual(svc.diagnostics(uri).filter((d) => CODES.includes(String(d.code))), []);
  });

  it('the names a tree reads are read once and again only after the tree changes', () => {
    const files: Record<string, string> = { ...TREE };
    const mtimes: Record<string, number> = { [CF]: 1, [`${CF}/m4`]: 1, [`${CF}/feature`]: 1, [`${CF}/m4/proto.m4`]: 1 };
    const ws = memoryWorkspace(files, mtimes);
    const first = namesTreeReads(ws, CF);
    assert.ok(first.has('SMART_HOST') && first.has('_ACCESS_TABLE_') && first.has('LOCAL_MAILER_PATH'));
    assert.strictEqual(namesTreeReads(ws, CF), first, 'cached');
    files[`${CF}/m4/proto.m4`] += "ifdef(`NEW_NAME', `')\n";
    assert.strictEqual(namesTreeReads(ws, CF), first, 'same mtimes: still cached');
    mtimes[`${CF}/m4/proto.m4`] = 2;
    assert.ok(namesTreeReads(ws, CF).has('NEW_NAME'), 'an edited m4/ file is seen');
    files[`${CF}/feature/new_feature.m4`] = "ifdef(`FEATURE_NAME', `')";
    mtimes[`${CF}/feature`] = 2;
    assert.ok(namesTreeReads(ws, CF).has('FEATURE_NAME'), 'a new file is seen');
  });

  it('the real tree: what proto.m4 and the feature files read is quiet, its typos are not', function () {
    const svc = new LanguageService(diskWorkspace());
    const ws = diskWorkspace();
    if (!ws.mtime(`${CF}/m4/cf.m4`)) this.skip();
    const text = `${HEAD}define(\`SMART_HOST', \`[relay.example.com]')dnl\ndefine(\`MASQUERADE_NAME', \`x')dnl\ndefine(\`confRELAY_MAILER', \`esmtp')dnl\n`
      + "define(`_FFR_MILTER', `1')dnl\ndefine(`MAIL_HUB', `hub')dnl\ndefine(`LUSER_RELAY', `local:bob')dnl\ndefine(`STATUS_FILE', `/var/log/stats')dnl\n"
      + "define(`UUCP_RELAY', `x')dnl\ndefine(`MCI_CACHE_SIZE', `5')dnl\n";
    svc.open('file:///tmp/unread/sendmail.mc', 'sendmail-mc', 1, text);
    const got = svc.diagnostics('file:///tmp/unread/sendmail.mc').filter((d) => CODES.includes(String(d.code)));
    assert.deepStrictEqual(got.map((d) => String(d.message).replace(/:.*Did you mean /, ' -> ')), ['Nothing reads MCI_CACHE_SIZE -> confMCI_CACHE_SIZE?']);
  });

  it('never throws or hangs on many or huge names', () => {
    const t0 = Date.now();
    const r = run(`define(\`${'X'.repeat(100_000)}', \`1')dnl\n` + "define(`SMART_HOTZ_', `x')dnl\nifdef(`A_B', `')dnl\n".repeat(3000));
    assert.ok(Date.now() - t0 < 10_000, `took ${Date.now() - t0} ms`);
    assert.ok(String(r.ds[0].message).length < 400, 'a huge name is quoted short');
  });
});
