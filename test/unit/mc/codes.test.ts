// Every mc.* diagnostic code: a text that triggers it and a near-identical one that does
// not, and for codes with a quick fix, the fix applied and the text re-diagnosed. The list
// of codes is read from the source, so a new code without a fixture here fails the suite.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { applyEdits, codes, openDoc, ROOT } from '../helpers';

const CF = '/usr/share/sendmail/cf';
/** A small fake sendmail-cf tree (what installedCfTree and installedNames read). */
const TREE: Record<string, string> = {
  [`${CF}/m4/cf.m4`]: 'divert(-1)',
  [`${CF}/m4/proto.m4`]: "ifdef(`confLOG_LEVEL', `')\nifdef(`confAUTO_REBUILD', `')\nifdef(`UUCP_RELAY', `')\nifdef(`SMART_HOST', `')\nifdef(`RELAY_MAILER_ARGS', `')",
  [`${CF}/feature/access_db.m4`]: '', [`${CF}/feature/use_cw_file.m4`]: '',
  [`${CF}/mailer/smtp.m4`]: 'Msmtp, P=[IPC]\nMesmtp, P=[IPC]\nMrelay, P=[IPC], A=RELAY_MAILER_ARGS', [`${CF}/mailer/local.m4`]: 'Mlocal, P=/bin/mail',
  [`${CF}/mailer/uucp.m4`]: 'Muucp, P=/usr/bin/uux',
  [`${CF}/ostype/linux.m4`]: '', [`${CF}/ostype/unknown.m4`]: "errprint(`*** ERROR: You have not specified a valid operating system type.')\n",
  [`${CF}/domain/generic.m4`]: '', [`${CF}/hack/cssubdomain.m4`]: '',
  '/etc/mail/mailertable': 'example.com\tesmtp:[mx.example.com]\n', '/etc/mail/virtusertable': 'info@example.com\tbob\n', '/etc/mail/virtusertable.db': '',
  '/etc/mail/access': '', '/etc/mail/access.db': '', // built: a missing one is mc.map-database-missing
  '/etc/mail/tls/server.crt': 'cert', '/etc/mail/tls/ca.crt': 'ca', '/etc/mail/tls/private.key': 'key', '/etc/mail/tls/shared.key': 'key',
};
/** Permission bits of the TREE files where the default (0644) is not wanted. */
const MODES: Record<string, number> = { '/etc/mail/tls/private.key': 0o600 };
const tls = (cert: string, key: string, ca = "define(`confCACERT', `/etc/mail/tls/ca.crt')dnl\n") =>
  `${HEAD}define(\`confCACERT_PATH', \`/etc/mail/tls')dnl\n${ca}define(\`confSERVER_CERT', \`${cert}')dnl\ndefine(\`confSERVER_KEY', \`${key}')dnl\n`;
const INC = "include(`/usr/share/sendmail/cf/m4/cf.m4')dnl\n";
const HEAD = `${INC}OSTYPE(\`linux')dnl\n`;
const M = "MAILER(`local')dnl\nMAILER(`smtp')dnl\n";

interface Case { bad: string; good: string; fix?: boolean }
/** Texts are complete files; most start with HEAD. */
const CASES: Record<string, Case> = {
  'mc.analysis-stopped': { bad: HEAD + "define(`confLOG_LEVEL', `9)dnl\n".repeat(51), good: HEAD + "define(`confLOG_LEVEL', `9)dnl\n".repeat(40) },
  'mc.too-many': { bad: HEAD + "FEATURE(`acess_db')dnl\n".repeat(1001), good: HEAD + "FEATURE(`acess_db')dnl\n".repeat(5) },
  'mc.unclosed-quote': { bad: `${HEAD}define(\`confLOG_LEVEL', \`9)dnl\n`, good: `${HEAD}define(\`confLOG_LEVEL', \`9')dnl\n`, fix: true },
  'mc.unclosed-paren': { bad: `${HEAD}FEATURE(\`access_db'dnl\n`, good: `${HEAD}FEATURE(\`access_db')dnl\n`, fix: true },
  'mc.stray-quote': { bad: `${HEAD}define(\`confLOG_LEVEL', '9')dnl\n`, good: `${HEAD}define(\`confLOG_LEVEL', \`9')dnl\n`, fix: true },
  'mc.typographic-quote': { bad: `${HEAD}FEATURE(‘access_db’)dnl\n`, good: `${HEAD}FEATURE(\`access_db')dnl\n`, fix: true },
  'mc.define-args': { bad: `${HEAD}define(\`confAUTH_MECHANISMS', LOGIN, PLAIN)dnl\n`, good: `${HEAD}define(\`confAUTH_MECHANISMS', \`LOGIN, PLAIN')dnl\n`, fix: true },
  'mc.unknown-feature': { bad: `${HEAD}FEATURE(\`acess_db')dnl\n`, good: `${HEAD}FEATURE(\`access_db')dnl\n`, fix: true },
  'mc.unknown-mailer': { bad: `${HEAD}MAILER(\`smpt')dnl\n`, good: `${HEAD}MAILER(\`smtp')dnl\n`, fix: true },
  'mc.unknown-ostype': { bad: `${INC}OSTYPE(\`linx')dnl\n`, good: `${INC}OSTYPE(\`linux')dnl\n`, fix: true },
  'mc.unknown-domain': { bad: `${HEAD}DOMAIN(\`generc')dnl\n`, good: `${HEAD}DOMAIN(\`generic')dnl\n`, fix: true },
  'mc.unknown-hack': { bad: `${HEAD}HACK(\`cssubdomian')dnl\n`, good: `${HEAD}HACK(\`cssubdomain')dnl\n`, fix: true },
  'mc.unknown-option': { bad: `${HEAD}define(\`confLOG_Level', \`9')dnl\n`, good: `${HEAD}define(\`confLOG_LEVEL', \`9')dnl\n`, fix: true },
  'mc.unknown-undefine': { bad: `${HEAD}undefine(\`UUCP_RELEAY')dnl\n`, good: `${HEAD}undefine(\`UUCP_RELAY')dnl\n`, fix: true },
  'mc.deprecated-feature': { bad: `${HEAD}FEATURE(\`access_db')dnl\nFEATURE(\`blacklist_recipients')dnl\n`, good: `${HEAD}FEATURE(\`access_db')dnl\nFEATURE(\`blocklist_recipients')dnl\n`, fix: true },
  'mc.feature-after-mailer': { bad: `${HEAD}${M}FEATURE(\`use_cw_file')dnl\n`, good: `${HEAD}FEATURE(\`use_cw_file')dnl\n${M}`, fix: true },
  'mc.duplicate-ostype': { bad: `${HEAD}OSTYPE(\`linux')dnl\n`, good: HEAD },
  'mc.ostype-after-mailer': { bad: `${INC}${M}OSTYPE(\`linux')dnl\n`, good: `${INC}OSTYPE(\`linux')dnl\n${M}`, fix: true },
  'mc.mailer-order': { bad: `${HEAD}MAILER(\`uucp')dnl\nMAILER(\`smtp')dnl\n`, good: `${HEAD}MAILER(\`smtp')dnl\nMAILER(\`uucp')dnl\n`, fix: true },
  'mc.section-before-mailer': { bad: `${HEAD}LOCAL_SRV_FEATURES\n${M}`, good: `${HEAD}${M}LOCAL_SRV_FEATURES\n` },
  'mc.feature-requires': { bad: `${HEAD}FEATURE(\`blocklist_recipients')dnl\nFEATURE(\`access_db')dnl\n`, good: `${HEAD}FEATURE(\`access_db')dnl\nFEATURE(\`blocklist_recipients')dnl\n`, fix: true },
  'mc.missing-ostype': { bad: `${INC}FEATURE(\`access_db')dnl\n`, good: `${INC}OSTYPE(\`linux')dnl\nFEATURE(\`access_db')dnl\n` },
  'mc.no-cf-include': { bad: "OSTYPE(`linux')dnl\nFEATURE(`access_db')dnl\n", good: `${INC}OSTYPE(\`linux')dnl\nFEATURE(\`access_db')dnl\n` },
  'mc.unbracketed-host': { bad: `${HEAD}define(\`SMART_HOST', \`mail.isp.net')dnl\n`, good: `${HEAD}define(\`SMART_HOST', \`[mail.isp.net]')dnl\n`, fix: true },
  'mc.number-with-suffix': { bad: `${HEAD}define(\`confMAX_MESSAGE_SIZE', \`10M')dnl\n`, good: `${HEAD}define(\`confMAX_MESSAGE_SIZE', \`10485760')dnl\n`, fix: true },
  'mc.feature-conflict': { bad: `${HEAD}FEATURE(\`access_db')dnl\nFEATURE(\`relay_hosts_only')dnl\nFEATURE(\`lookupdotdomain')dnl\n`, good: `${HEAD}FEATURE(\`access_db')dnl\nFEATURE(\`lookupdotdomain')dnl\n` },
  'mc.ldap-default-spec': { bad: `${HEAD}FEATURE(\`ldap_routing')dnl\n`, good: `${HEAD}define(\`confLDAP_DEFAULT_SPEC', \`-h ldap.example.com -b dc=example,dc=com')dnl\nFEATURE(\`ldap_routing')dnl\n` },
  'mc.duplicate-define': { bad: `${HEAD}define(\`confLOG_LEVEL', \`9')dnl\ndefine(\`confLOG_LEVEL', \`14')dnl\n`, good: `${HEAD}define(\`confLOG_LEVEL', \`9')dnl\ndefine(\`confLOG_LEVEL', \`9')dnl\n` },
  'mc.hash-comment': { bad: `${HEAD}# FEATURE(\`access_db')dnl\n`, good: `${HEAD}dnl # FEATURE(\`access_db')dnl\n`, fix: true },
  'mc.call-without-args': { bad: `${HEAD}FEATURE (\`access_db')dnl\n`, good: `${HEAD}FEATURE(\`access_db')dnl\n`, fix: true },
  'mc.removed-option': { bad: `${HEAD}define(\`confAUTO_REBUILD', \`True')dnl\n`, good: `${HEAD}define(\`confLOG_LEVEL', \`True')dnl\n` },
  'mc.feature-missing-arg': { bad: `${HEAD}FEATURE(\`dnsbl')dnl\n`, good: `${HEAD}FEATURE(\`dnsbl', \`zen.spamhaus.org')dnl\n` },
  'mc.risky-feature': { bad: `${HEAD}FEATURE(\`promiscuous_relay')dnl\n`, good: `${HEAD}FEATURE(\`relay_hosts_only')dnl\n` },
  'mc.duplicate-mailer': { bad: `${HEAD}${M}MAILER(\`smtp')dnl\n`, good: `${HEAD}${M}`, fix: true },
  'mc.access-tmpf': { bad: `${HEAD}FEATURE(\`access_db', \`hash -o /etc/mail/access.db')dnl\n`, good: `${HEAD}FEATURE(\`access_db', \`hash -T<TMPF> -o /etc/mail/access.db')dnl\n`, fix: true },
  'mc.apostrophe-closes-quote': { bad: `${HEAD}define(\`confSMTP_LOGIN_MSG', \`$j it's ready')dnl\n`, good: `${HEAD}define(\`confSMTP_LOGIN_MSG', \`$j it is ready')dnl\n`, fix: true },
  'mc.apostrophe-removed': { bad: `${HEAD}define(\`confSMTP_LOGIN_MSG', \`$j it\`'s ready')dnl\n`, good: `${HEAD}define(\`confSMTP_LOGIN_MSG', \`$j it''\`s ready')dnl\n`, fix: true },
  'mc.backquote-apostrophe': { bad: `${HEAD}define(\`confSMTP_LOGIN_MSG', \`$j it\`s ready')dnl\n`, good: `${HEAD}define(\`confSMTP_LOGIN_MSG', \`$j it''\`s ready')dnl\n`, fix: true },
  'mc.unquoted-branch': { bad: `${HEAD}ifdef(\`USE_X', FEATURE(\`access_db'))dnl\n`, good: `${HEAD}ifdef(\`USE_X', \`FEATURE(\`access_db')')dnl\n`, fix: true },
  'mc.mailer-in-argument': { bad: `${HEAD}ifdef(\`USE_X', MAILER(\`smtp'))dnl\n`, good: `${HEAD}ifdef(\`USE_X', \`MAILER(\`smtp')')dnl\n`, fix: true },
  'mc.dnl-eats-close': { bad: `${HEAD}ifdef(\`USE_X', LOCAL_DOMAIN(\`example.com'))dnl\n`, good: `${HEAD}ifdef(\`USE_X', \`LOCAL_DOMAIN(\`example.com')')dnl\n`, fix: true },
  'mc.tls-incomplete': { bad: tls('/etc/mail/tls/server.crt', '/etc/mail/tls/private.key', ''), good: tls('/etc/mail/tls/server.crt', '/etc/mail/tls/private.key') },
  'mc.tls-file-missing': { bad: tls('/etc/mail/tls/missing.crt', '/etc/mail/tls/private.key'), good: tls('/etc/mail/tls/server.crt', '/etc/mail/tls/private.key') },
  'mc.tls-key-readable': { bad: tls('/etc/mail/tls/server.crt', '/etc/mail/tls/shared.key'), good: tls('/etc/mail/tls/server.crt', '/etc/mail/tls/private.key') },
  'mc.unknown-option-word': { bad: `${HEAD}define(\`confPRIVACY_FLAGS', \`authwarnings,goway')dnl\n`, good: `${HEAD}define(\`confPRIVACY_FLAGS', \`authwarnings,goaway')dnl\n`, fix: true },
  'mc.needs-feature': { bad: `${HEAD}VIRTUSER_DOMAIN(\`virt.example')dnl\n${M}`, good: `${HEAD}FEATURE(\`virtusertable')dnl\nVIRTUSER_DOMAIN(\`virt.example')dnl\n${M}`, fix: true },
  'mc.map-database-missing': { bad: `${HEAD}FEATURE(\`mailertable')dnl\n${M}`, good: `${HEAD}FEATURE(\`virtusertable')dnl\n${M}` },
  'mc.included-file-message': { bad: `${INC}OSTYPE(\`unknown')dnl\n`, good: `${INC}OSTYPE(\`linux')dnl\n` },
  'mc.unread-name': { bad: `${HEAD}define(\`SMART_HOTS', \`[mail.isp.net]')dnl\n`, good: `${HEAD}define(\`SMART_HOST', \`[mail.isp.net]')dnl\n`, fix: true },
  'mc.unused-macro': { bad: `${HEAD}define(\`MY_DOMAIN', \`example.com')dnl\n`, good: `${HEAD}define(\`MY_DOMAIN', \`example.com')dnl\nLOCAL_CONFIG\nCw MY_DOMAIN\n` },
  'mc.boolean-value': { bad: `${HEAD}define(\`confCHECK_ALIASES', \`1')dnl\n`, good: `${HEAD}define(\`confCHECK_ALIASES', \`True')dnl\n`, fix: true },
  'mc.number-value': { bad: `${HEAD}define(\`confMAX_HOP', \`ten')dnl\n`, good: `${HEAD}define(\`confMAX_HOP', \`10')dnl\n` },
  'mc.duration-unit': { bad: `${HEAD}define(\`confTO_QUEUEWARN', \`4 h')dnl\n`, good: `${HEAD}define(\`confTO_QUEUEWARN', \`4h')dnl\n`, fix: true },
  'mc.option-value-refused': { bad: `${HEAD}define(\`confDELIVERY_MODE', \`Background')dnl\n`, good: `${HEAD}define(\`confDELIVERY_MODE', \`background')dnl\n`, fix: true },
  'mc.ssl-option-unknown': { bad: `${HEAD}define(\`confSERVER_SSL_OPTIONS', \`+SSL_OP_NO_SSLV3X')dnl\n`, good: `${HEAD}define(\`confSERVER_SSL_OPTIONS', \`+SSL_OP_NO_SSLv3')dnl\n`, fix: true },
  'mc.relative-path': { bad: `${HEAD}define(\`confCW_FILE', \`local-host-names')dnl\n`, good: `${HEAD}define(\`confCW_FILE', \`/etc/mail/local-host-names')dnl\n` },
  'mc.daemon-clash': { bad: `${HEAD}DAEMON_OPTIONS(\`Port=submission, Name=MSA, M=Ea')dnl\n${M}`, good: `${HEAD}FEATURE(\`no_default_msa')dnl\nDAEMON_OPTIONS(\`Port=submission, Name=MSA, M=Ea')dnl\n${M}`, fix: true },
  'mc.relay-port': { bad: `${HEAD}define(\`SMART_HOST', \`[mail.isp.net]:587')dnl\n${M}`, good: `${HEAD}define(\`RELAY_MAILER_ARGS', \`TCP $h 587')dnl\ndefine(\`SMART_HOST', \`[mail.isp.net]')dnl\n${M}`, fix: true },
  'mc.mailer-define-after-mailer': { bad: `${HEAD}${M}define(\`RELAY_MAILER_ARGS', \`TCP $h 587')dnl\n`, good: `${HEAD}define(\`RELAY_MAILER_ARGS', \`TCP $h 587')dnl\n${M}`, fix: true },
  'mc.filter-equate': { bad: `${HEAD}INPUT_MAIL_FILTER(\`f1', \`S=local:/run/f1.sock, Z=1')dnl\n`, good: `${HEAD}INPUT_MAIL_FILTER(\`f1', \`S=local:/run/f1.sock, F=T')dnl\n` },
};

function diagnostics(text: string) {
  const { svc, uri } = openDoc('sendmail-mc', text, '/etc/mail/sendmail.mc', TREE, {}, MODES);
  return { ds: svc.diagnostics(uri), svc, uri };
}

/** Every code the mc sources can emit (`mc.unknown-${dir}` expands to its three dirs). */
function sourceCodes(): string[] {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const f of fs.readdirSync(dir)) {
      const p = path.join(dir, f);
      if (fs.statSync(p).isDirectory()) walk(p);
      else if (f.endsWith('.ts')) {
        const src = fs.readFileSync(p, 'utf8');
        for (const m of src.matchAll(/'(mc\.[a-z-]+)'/g)) found.add(m[1]);
        if (src.includes('`mc.unknown-${dir}`')) for (const d of ['ostype', 'domain', 'hack']) found.add(`mc.unknown-${d}`);
      }
    }
  };
  walk(path.join(ROOT, 'server/src/service/mc'));
  return [...found].sort();
}

describe('mc: a positive and a negative fixture per diagnostic code', () => {
  it('every code in the sources has a case here', () => {
    assert.deepStrictEqual(sourceCodes(), Object.keys(CASES).sort());
  });

  for (const [code, c] of Object.entries(CASES)) {
    it(`${code}: reported on the faulty text, not on the corrected one${c.fix ? '; its quick fix removes it' : ''}`, () => {
      const bad = diagnostics(c.bad);
      const hit = bad.ds.filter((d: Diagnostic) => d.code === code);
      assert.ok(hit.length > 0, `${code} missing; got ${JSON.stringify(codes(bad.ds))}`);
      for (const d of hit) {
        assert.strictEqual(d.source, 'sendmail');
        assert.ok(String(d.message).length > 40, 'message explains what m4/sendmail does');
        assert.ok(d.range.end.line > d.range.start.line || d.range.end.character > d.range.start.character, 'non-empty range');
      }
      assert.ok(!codes(diagnostics(c.good).ds).includes(code), `${code} on the corrected text`);
      const actions = bad.svc.codeActions(bad.uri, hit[0].range, [hit[0]]);
      if (!c.fix) { assert.deepStrictEqual(actions, [], 'no quick fix expected'); return; }
      assert.ok(actions.length > 0, 'quick fix offered');
      const fixed = applyEdits(c.bad, actions[0].edit!.changes![bad.uri]);
      const after = codes(diagnostics(fixed).ds);
      // One fix may repair several reports (all typographic quotes of a call), never fewer than one.
      assert.ok(after.filter((x) => x === code).length < hit.length, `${code} still there after "${actions[0].title}":\n${fixed}`);
      assert.ok(!after.some((x) => !codes(bad.ds).includes(x)), `the fix introduced new problems: ${after}`);
    });
  }
});
