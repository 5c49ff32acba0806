// Each mc diagnostic: where it is reported, what it says, and that its quick fix, applied,
// makes it go away.
import * as assert from 'node:assert';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { applyEdits, codes, openDoc } from '../helpers';
import { LanguageService } from '../../../server/src/service';
import { memoryWorkspace, type WorkspaceView } from '../../../server/src/service/workspace';

// A small fake sendmail-cf tree in the in-memory workspace (what installedCfTree reads).
const CF = '/usr/share/sendmail/cf';
const TREE: Record<string, string> = {
  [`${CF}/m4/cf.m4`]: 'divert(-1)',
  [`${CF}/m4/proto.m4`]: "ifdef(`confLOG_LEVEL', `O LogLevel=confLOG_LEVEL')\nifdef(`confMAX_DAEMON_CHILDREN',`')\n_OPTION(SmtpGreetingMessage, `confSMTP_LOGIN_MSG', `')\nifdef(`UUCP_RELAY', `')\nifdef(`SMART_HOST', `')",
  [`${CF}/feature/access_db.m4`]: '', [`${CF}/feature/mailertable.m4`]: '', [`${CF}/feature/blocklist_recipients.m4`]: '',
  [`${CF}/feature/blacklist_recipients.m4`]: '', [`${CF}/feature/use_cw_file.m4`]: '', [`${CF}/feature/local_site_only.m4`]: '',
  [`${CF}/mailer/smtp.m4`]: 'Msmtp, P=[IPC]\nMesmtp, P=[IPC]\nMrelay, P=[IPC]', [`${CF}/mailer/local.m4`]: 'Mlocal, P=/bin/mail',
  [`${CF}/mailer/uucp.m4`]: 'Muucp, P=/usr/bin/uux',
  [`${CF}/ostype/linux.m4`]: '', [`${CF}/domain/generic.m4`]: '', [`${CF}/hack/cssubdomain.m4`]: '',
  '/etc/mail/access': '', '/etc/mail/access.db': '', // built: a missing one is mc.map-database-missing
};
const HEAD = "include(`/usr/share/sendmail/cf/m4/cf.m4')dnl\nOSTYPE(`linux')dnl\n";

function run(text: string) {
  const { svc, uri } = openDoc('sendmail-mc', text, '/etc/mail/sendmail.mc', TREE);
  const ds = svc.diagnostics(uri);
  return { ds, svc, uri };
}
const only = (text: string, code: string): Diagnostic[] => run(text).ds.filter((d) => d.code === code);

/** Applies the first quick fix of the (single) diagnostic `code` and returns the new text. */
function fix(text: string, code: string): { fixed: string; action: CodeAction } {
  const { ds, svc, uri } = run(text);
  const d = ds.find((x) => x.code === code);
  assert.ok(d, `no ${code} in ${JSON.stringify(codes(ds))}`);
  const actions = svc.codeActions(uri, d.range, [d]);
  assert.ok(actions.length > 0, `no quick fix for ${code}`);
  assert.strictEqual(actions[0].kind, 'quickfix');
  assert.deepStrictEqual(actions[0].diagnostics, [d]);
  return { fixed: applyEdits(text, actions[0].edit!.changes![uri]), action: actions[0] };
}

describe('mc diagnostics and quick fixes', () => {
  it('code actions reuse the findings of the document version instead of running every check again', () => {
    // Each analysis reads the included file and the cf tree; count what the checks ask of the workspace.
    const files = { ...TREE, '/etc/mail/extra.m4': 'dnl\n', '/etc/mail/sendmail.mc': '' };
    const text = HEAD + "include(`/etc/mail/extra.m4')dnl\nFEATURE(`mailertabel')dnl\nMAILER(`local')dnl\n";
    files['/etc/mail/sendmail.mc'] = text;
    const base = memoryWorkspace(files);
    let asked = 0;
    const ws: WorkspaceView = { ...base, readFile: (p) => (asked++, base.readFile(p)), mtime: (p) => (asked++, base.mtime(p)), mode: (p) => (asked++, base.mode?.(p)), listDir: (p) => (asked++, base.listDir(p)) };
    const svc = new LanguageService(ws);
    const uri = 'file:///etc/mail/sendmail.mc';
    svc.open(uri, 'sendmail-mc', 1, text);
    const ds = svc.diagnostics(uri);
    const d = ds.find((x) => x.code === 'mc.unknown-feature');
    assert.ok(d, JSON.stringify(codes(ds)));
    const after = asked;
    assert.ok(after > 0, 'the analysis reads the workspace');
    for (let i = 0; i < 3; i++) assert.ok(svc.codeActions(uri, d.range, [{ ...d, data: undefined }]).length > 0, 'the fix, found from the findings');
    assert.strictEqual(asked, after, 'no check ran again for the code actions');
    svc.change(uri, 2, [{ text: text + 'dnl\n' }]);
    svc.codeActions(uri, d.range, [d]);
    assert.ok(asked > after, 'a new version is analysed afresh');
  });

  it('valid config: no diagnostics at all', () => {
    const text = `${HEAD}define(\`SMART_HOST', \`[mail.isp.net]')dnl\nFEATURE(\`access_db')dnl\nMAILER(\`local')dnl\nMAILER(\`smtp')dnl\nLOCAL_CONFIG\n# it's raw cf: 'quotes' are fine\nCwlocalhost\n`;
    assert.deepStrictEqual(run(text).ds, []);
  });

  it('unclosed quote: reported at the ` that opens it, fix inserts the closing quote', () => {
    const text = `${HEAD}define(\`confLOG_LEVEL', \`9)dnl\nFEATURE(\`access_db')dnl\nMAILER(\`smtp')dnl\n`;
    const [d] = only(text, 'mc.unclosed-quote');
    assert.deepStrictEqual(d.range.start, { line: 2, character: 24 });
    assert.strictEqual(d.severity, 1);
    assert.match(String(d.message), /rest of the file/);
    assert.deepStrictEqual(codes(run(text).ds), ['mc.unclosed-quote'], 'one mistake, one diagnostic');
    const { fixed } = fix(text, 'mc.unclosed-quote');
    assert.ok(fixed.includes("define(`confLOG_LEVEL', `9')dnl"), fixed);
    assert.deepStrictEqual(run(fixed).ds, []);
  });

  it('nested unclosed quotes on one line: reported at the outermost, the fix closes all of them', () => {
    const text = `${HEAD}define(\`confLOG_LEVEL', \`9 \`x)dnl\nFEATURE(\`access_db')dnl\nMAILER(\`smtp')dnl\n`;
    const [d] = only(text, 'mc.unclosed-quote');
    assert.deepStrictEqual(d.range.start, { line: 2, character: 24 });
    assert.match(String(d.message), /nor is the ` opened after it/);
    assert.deepStrictEqual(codes(run(text).ds), ['mc.unclosed-quote']);
    const { fixed } = fix(text, 'mc.unclosed-quote');
    assert.ok(fixed.includes("`9 `x'')dnl"), fixed);
    assert.ok(!codes(run(fixed).ds).includes('mc.unclosed-quote'), fixed);
  });

  it('unclosed parenthesis: reported at the call, fix inserts ) before dnl', () => {
    const text = `${HEAD}FEATURE(\`access_db'dnl\nMAILER(\`smtp')dnl\n`;
    const [d] = only(text, 'mc.unclosed-paren');
    assert.deepStrictEqual([d.range.start, d.range.end], [{ line: 2, character: 0 }, { line: 2, character: 8 }]);
    assert.match(String(d.message), /FEATURE\( is never closed/);
    const { fixed } = fix(text, 'mc.unclosed-paren');
    assert.ok(fixed.includes("FEATURE(`access_db')dnl"));
    assert.deepStrictEqual(run(fixed).ds, []);
  });

  it("straight quote as opening quote: define(SMART_HOST', ...) names a macro SMART_HOST'", () => {
    const text = `${HEAD}define(SMART_HOST', \`[mail.isp.net]')dnl\n`;
    const [d] = only(text, 'mc.stray-quote');
    assert.match(String(d.message), /macro literally named SMART_HOST'/);
    const { fixed } = fix(text, 'mc.stray-quote');
    assert.ok(fixed.includes("define(`SMART_HOST', `[mail.isp.net]')"));
    assert.deepStrictEqual(run(fixed).ds, []);
  });

  it("'50' as a value keeps the apostrophes; fix turns the first into `", () => {
    const text = `${HEAD}define(\`confMAX_DAEMON_CHILDREN', '50')dnl\n`;
    const [d] = only(text, 'mc.stray-quote');
    assert.match(String(d.message), /'50'/);
    const { fixed } = fix(text, 'mc.stray-quote');
    assert.ok(fixed.includes("`50')"));
    assert.deepStrictEqual(run(fixed).ds, []);
  });

  it('apostrophes in dnl and # comments, and in LOCAL_CONFIG text, are not flagged', () => {
    const text = `divert(-1)\n# don't touch\ndivert(0)dnl\n${HEAD}dnl it's fine\nLOCAL_CONFIG\nD{x}it's raw\n`;
    assert.deepStrictEqual(run(text).ds, []);
  });

  it('typographic quotes: each replaced by the m4 quote', () => {
    const text = `${HEAD}FEATURE(‘access_db’)dnl\n`;
    const ds = only(text, 'mc.typographic-quote');
    assert.strictEqual(ds.length, 2);
    const t = fix(text, 'mc.typographic-quote').fixed;
    assert.ok(t.includes("FEATURE(`access_db')"));
    assert.deepStrictEqual(run(t).ds, []);
  });

  it('unknown FEATURE/MAILER are errors with did-you-mean fixes', () => {
    const text = `${HEAD}FEATURE(\`acess_db')dnl\nMAILER(\`smpt')dnl\n`;
    const f = only(text, 'mc.unknown-feature')[0];
    assert.match(String(f.message), /cannot open .*feature\/acess_db\.m4.*Did you mean access_db/);
    assert.strictEqual(f.severity, 1);
    const m = only(text, 'mc.unknown-mailer')[0];
    assert.match(String(m.message), /Did you mean smtp/);
    const t = fix(fix(text, 'mc.unknown-feature').fixed, 'mc.unknown-mailer').fixed;
    assert.deepStrictEqual(run(t).ds, []);
  });

  it('a feature only the installed tree has is accepted', () => {
    assert.deepStrictEqual(run(`${HEAD}FEATURE(\`local_site_only')dnl\n`).ds, []);
  });

  it('unknown conf option: warning, sendmail-cf ignores it; fix renames', () => {
    const text = `${HEAD}define(\`confLOG_Level', \`9')dnl\n`;
    const [d] = only(text, 'mc.unknown-option');
    assert.strictEqual(d.severity, 2);
    assert.match(String(d.message), /no effect.*confLOG_LEVEL/);
    assert.deepStrictEqual(run(fix(text, 'mc.unknown-option').fixed).ds, []);
  });

  it('unknown OSTYPE only when the installed tree lacks it', () => {
    const text = "include(`/usr/share/sendmail/cf/m4/cf.m4')dnl\nOSTYPE(`mysite')dnl\n";
    assert.deepStrictEqual(codes(run(text).ds), ['mc.unknown-ostype']);
    const { svc, uri } = openDoc('sendmail-mc', text); // no tree in the workspace: site files cannot be judged
    assert.deepStrictEqual(codes(svc.diagnostics(uri)), []);
  });

  it('undefine of a misspelled name', () => {
    const text = `${HEAD}undefine(\`UUCP_RELEAY')dnl\n`;
    assert.match(String(only(text, 'mc.unknown-undefine')[0].message), /UUCP_RELAY/);
    assert.deepStrictEqual(run(fix(text, 'mc.unknown-undefine').fixed).ds, []);
  });

  it('deprecated feature: warning, fix replaces it', () => {
    const text = `${HEAD}FEATURE(\`access_db')dnl\nFEATURE(\`blacklist_recipients')dnl\n`;
    const [d] = only(text, 'mc.deprecated-feature');
    assert.strictEqual(d.severity, 2);
    const { fixed } = fix(text, 'mc.deprecated-feature');
    assert.ok(fixed.includes("FEATURE(`blocklist_recipients')"));
    assert.deepStrictEqual(run(fixed).ds, []);
  });

  it('FEATURE after MAILER: error naming the MAILER line; fix moves it above', () => {
    const text = `${HEAD}MAILER(\`local')dnl\nMAILER(\`smtp')dnl\nFEATURE(\`use_cw_file')dnl\n`;
    const [d] = only(text, 'mc.feature-after-mailer');
    assert.match(String(d.message), /line 3.*FEATURE\(\) should be before MAILER\(\)/);
    const { fixed } = fix(text, 'mc.feature-after-mailer');
    assert.strictEqual(fixed, `${HEAD}FEATURE(\`use_cw_file')dnl\nMAILER(\`local')dnl\nMAILER(\`smtp')dnl\n`);
    assert.deepStrictEqual(run(fixed).ds, []);
  });

  it('MAILER order (uucp after smtp), duplicate OSTYPE, LOCAL_SRV_FEATURES before MAILER', () => {
    const text = `${HEAD}OSTYPE(\`linux')dnl\nLOCAL_SRV_FEATURES\nMAILER(\`uucp')dnl\nMAILER(\`smtp')dnl\n`;
    assert.deepStrictEqual(codes(run(text).ds).sort(), ['mc.duplicate-ostype', 'mc.mailer-order', 'mc.section-before-mailer']);
    const fixed = fix(text, 'mc.mailer-order').fixed;
    assert.ok(fixed.indexOf("MAILER(`smtp')") < fixed.indexOf("MAILER(`uucp')"));
    assert.ok(!codes(run(fixed).ds).includes('mc.mailer-order'));
  });

  it('missing OSTYPE is an Error (cf.m4 prints *** ERROR, so Rebuild refuses the file), missing cf.m4 include only Information', () => {
    const ds = run("FEATURE(`access_db')dnl\n").ds;
    assert.deepStrictEqual(ds.map((d) => [d.code, d.severity]).sort(), [['mc.missing-ostype', 1], ['mc.no-cf-include', 3]]);
  });

  it('smart host without brackets: information about MX lookups; fix adds brackets (mailer:host and IPs too)', () => {
    const text = `${HEAD}define(\`SMART_HOST', \`relay:mail.isp.net')dnl\ndefine(\`MAIL_HUB', \`10.0.0.1')dnl\ndefine(\`LUSER_RELAY', \`local:postmaster')dnl\n`;
    const ds = only(text, 'mc.unbracketed-host');
    assert.strictEqual(ds.length, 2);
    assert.strictEqual(ds[0].severity, 3);
    assert.match(String(ds[0].message), /SMART_HOST sends mail for other domains to mail\.isp\.net/);
    // No MX records is fine (sendmail uses the address): the message must not claim otherwise.
    assert.match(String(ds[0].message), /MX records for mail\.isp\.net first and, if there are any, delivers to those hosts instead/);
    assert.doesNotMatch(String(ds[0].message), /timed out|provider/);
    assert.match(String(ds[1].message), /treats it as a host name/);
    const hub = only(`${HEAD}define(\`MAIL_HUB', \`hub.example.com')dnl\n`, 'mc.unbracketed-host');
    assert.match(String(hub[0].message), /^MAIL_HUB sends mail for local users to hub\.example\.com/);
    const fixed = fix(text, 'mc.unbracketed-host').fixed;
    assert.ok(fixed.includes("`relay:[mail.isp.net]'"));
  });

  it('same option defined twice with different values: warning at the second, naming the first line and the winner', () => {
    const text = `${HEAD}define(\`confLOG_LEVEL', \`9')dnl\ndefine(\`confLOG_LEVEL', \`14')dnl\ndefine(\`confLOG_LEVEL', \`14')dnl\n`;
    const ds = only(text, 'mc.duplicate-define');
    assert.strictEqual(ds.length, 1);
    assert.strictEqual(ds[0].range.start.line, 3);
    assert.match(String(ds[0].message), /line 3.*"14"/);
  });

  it('define with a value cut at a comma', () => {
    const text = `${HEAD}define(\`confAUTH_MECHANISMS', EXTERNAL GSSAPI, LOGIN PLAIN)dnl\n`;
    const [d] = only(text, 'mc.define-args');
    assert.match(String(d.message), /"EXTERNAL GSSAPI"/);
    const fixed = fix(text, 'mc.define-args').fixed;
    assert.ok(fixed.includes("`EXTERNAL GSSAPI, LOGIN PLAIN'"));
    assert.deepStrictEqual(run(fixed).ds, []);
  });

  it('every diagnostic has source sendmail and an mc.* code', () => {
    const ds = run(`${HEAD}FEATURE(\`x'\ndefine(‘a’)`).ds;
    assert.ok(ds.length > 0);
    for (const d of ds) { assert.strictEqual(d.source, 'sendmail'); assert.match(String(d.code), /^mc\./); }
  });

  const BALANCED_SOUP = "changequote([,])changequote(`,')define(`a',[b])dnl\n";
  it('robustness: junk, a 10 MB line, 10k unclosed quotes/parens and changequote soup never throw', function () {
    this.timeout(30000);
    let seed = 7;
    const rnd = () => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed; };
    const junk = Array.from({ length: 100000 }, () => String.fromCharCode(rnd() % 65536)).join('');
    // many '#' lines with calls after cf.m4, many unknown conf defines: per-line/per-name work must stay linear
    const cf = "include(`/usr/share/sendmail/cf/m4/cf.m4')dnl\n";
    const hashLines = cf + "# FEATURE(`x') comment\n".repeat(40000);
    const defines = cf + Array.from({ length: 20000 }, (_, i) => `define(\`confX${i}', \`${i}')dnl\n`).join('');
    // 1 MB of changequote soup with an unclosed call every 20 KB: each one makes the scanner re-read the rest
    const soup = (BALANCED_SOUP.repeat(400) + "FEATURE(`x'\n").repeat(50);
    for (const text of [junk, 'define(`a\', '.repeat(1) + 'x'.repeat(10_000_000), '`'.repeat(10000) + '('.repeat(10000), 'FEATURE(`x\n'.repeat(10000), hashLines, defines, soup]) {
      const { svc, uri } = openDoc('sendmail-mc', text);
      const t = Date.now();
      assert.ok(Array.isArray(svc.diagnostics(uri)));
      svc.semanticTokens(uri); svc.symbols(uri); svc.hover(uri, { line: 0, character: 3 });
      svc.foldingRanges(uri); svc.documentLinks(uri);
      assert.ok(Date.now() - t < 10000, `took ${Date.now() - t} ms`);
    }
  });
});
