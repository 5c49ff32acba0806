// mc.map-database-missing rows on an in-memory workspace: which FEATUREs are reported when the
// database was never built or when neither source nor database exists, and when we stay silent
// (database there, an optional map with nothing at all, a copy outside the live configuration,
// a folder an untrusted workspace may not list). What sendmail does in each case is pinned with
// the real sendmail in realSendmailMapDatabases.test.ts.
import * as assert from 'node:assert';
import type { Diagnostic } from 'vscode-languageserver-types';
import { LanguageService } from '../../../server/src/service';
import { memoryWorkspace, restrictedWorkspace } from '../../../server/src/service/workspace';
import { openDoc } from '../helpers';

const HEAD = "include(`/usr/share/sendmail/cf/m4/cf.m4')dnl\nOSTYPE(`linux')dnl\n";
const TAIL = "MAILER(`local')dnl\nMAILER(`smtp')dnl\n";
const mcWith = (...lines: string[]) => HEAD + lines.map((l) => `${l}dnl\n`).join('') + TAIL;

/** Our mc.map-database-missing diagnostics for `mc` at `file` beside `others`. */
function ours(mc: string, others: Record<string, string> = {}, file = '/etc/mail/sendmail.mc'): Diagnostic[] {
  const { svc, uri } = openDoc('sendmail-mc', mc, file, others);
  return svc.diagnostics(uri).filter((d) => d.code === 'mc.map-database-missing');
}
const messages = (ds: Diagnostic[]) => ds.map((d) => String(d.message));

describe('mc: map databases that are missing (mc.map-database-missing)', () => {
  it('neither source nor database: one warning per verified FEATURE, on its line, saying what sendmail does and what to do', () => {
    const mc = mcWith("FEATURE(`access_db')", "FEATURE(`mailertable')", "FEATURE(`virtusertable')", "FEATURE(`domaintable')", "FEATURE(`bitdomain')", "FEATURE(`uucpdomain')");
    const ds = ours(mc);
    assert.deepStrictEqual(ds.map((d) => [d.range.start.line, d.severity]), [[2, 2], [3, 2], [4, 2], [5, 2], [6, 2], [7, 2]]);
    const [access, mailertable, virtuser, domaintable, bitdomain, uudomain] = messages(ds);
    assert.strictEqual(access, 'Neither /etc/mail/access nor /etc/mail/access.db exists, so sendmail prints "missing map file" and answers every MAIL FROM but <> (bounces) with "451 4.3.0 Temporary system failure". Create the source (even empty) and build it: makemap hash /etc/mail/access < /etc/mail/access; or add -o if the map is optional; or remove this FEATURE.');
    assert.match(mailertable, /^Neither \/etc\/mail\/mailertable nor \/etc\/mail\/mailertable\.db exists, .*other hosts but only queues it/);
    assert.match(virtuser, /accepts mail for local and virtual domains but only queues it/);
    assert.match(domaintable, /accepts all mail but only queues it/);
    assert.match(bitdomain, /\.BITNET hosts/);
    assert.match(uudomain, /^Neither \/etc\/mail\/uudomain nor .*\.UUCP hosts/);
  });

  it('the source there but never built: the never-built message, as before', () => {
    assert.deepStrictEqual(messages(ours(mcWith("FEATURE(`mailertable')"), { '/etc/mail/mailertable': 'example.com\tesmtp:[mx.example.com]\n' })), [
      '/etc/mail/mailertable was never built: /etc/mail/mailertable.db does not exist, so sendmail prints "missing map file" and accepts mail for other hosts but only queues it ("Recipient ok (will queue)") instead of delivering it. Build it: makemap hash /etc/mail/mailertable < /etc/mail/mailertable (or "Sendmail: Rebuild All Map Databases").']);
  });

  it('the database there (with or without its source): silent', () => {
    assert.deepStrictEqual(ours(mcWith("FEATURE(`access_db')"), { '/etc/mail/access.db': '' }), []);
    assert.deepStrictEqual(ours(mcWith("FEATURE(`access_db')"), { '/etc/mail/access': '', '/etc/mail/access.db': '' }), []);
    assert.deepStrictEqual(ours(mcWith("FEATURE(`mailertable', `btree /etc/mail/mt.db')"), { '/etc/mail/mt.db': '' }), []);
  });

  it('optional (-o) with neither source nor database: silent; optional and never built: the entries are not in effect', () => {
    assert.deepStrictEqual(ours(mcWith("FEATURE(`access_db', `hash -T<TMPF> -o /etc/mail/access')")), []);
    assert.deepStrictEqual(ours(mcWith("FEATURE(`mailertable', `hash -o /etc/mail/mailertable')")), []);
    assert.match(messages(ours(mcWith("FEATURE(`mailertable', `hash -o /etc/mail/mailertable')"), { '/etc/mail/mailertable': '' }))[0], /optional \(-o\)/);
  });

  it('a Makefile beside the mc: the message also offers make -C', () => {
    assert.match(messages(ours(mcWith("FEATURE(`access_db')"), { '/etc/mail/Makefile': 'all:\n' }))[0],
      /makemap hash \/etc\/mail\/access < \/etc\/mail\/access \(or make -C \/etc\/mail\); or add -o if/);
    // The longest messages stay within the 400 characters of tables/messages.test.ts.
    const all = ours(mcWith(...['access_db', 'mailertable', 'virtusertable', 'domaintable', 'bitdomain', 'uucpdomain'].map((f) => `FEATURE(\`${f}')`)), { '/etc/mail/Makefile': 'all:\n' });
    assert.strictEqual(all.length, 6);
    for (const m of messages(all)) assert.ok(m.length <= 400, `${m.length}: ${m}`);
  });

  it('FEATUREs whose outage was not checked with sendmail: reported only when the source exists', () => {
    for (const f of ['genericstable', 'authinfo']) {
      assert.deepStrictEqual(ours(mcWith(`FEATURE(\`${f}')`)), [], f);
      assert.strictEqual(ours(mcWith(`FEATURE(\`${f}')`), { [`/etc/mail/${f}`]: '' }).length, 1, f);
    }
  });

  it('outside the live configuration: nothing, with or without a source', () => {
    // A copy in a config repository names another machine's /etc/mail.
    assert.deepStrictEqual(ours(mcWith("FEATURE(`access_db')", "FEATURE(`mailertable')"), {}, '/home/u/cfg/sendmail.mc'), []);
    assert.deepStrictEqual(ours(mcWith("FEATURE(`mailertable', `hash /srv/other/mailertable')"), { '/srv/other/x': '' }, '/home/u/cfg/sendmail.mc'), []);
    // Maps below the mc's own folder are live: reported.
    assert.strictEqual(ours(mcWith("FEATURE(`mailertable', `hash /home/u/cfg/mailertable')"), {}, '/home/u/cfg/sendmail.mc').length, 1);
  });

  it('a folder that cannot be listed (untrusted workspace, or no such folder): nothing claimed missing', () => {
    const mc = mcWith("FEATURE(`access_db')", "FEATURE(`mailertable', `hash /var/lib/nowhere/mailertable')");
    const ws = restrictedWorkspace(memoryWorkspace({ '/etc/mail/sendmail.mc': mc, '/etc/mail/access': '' }), () => ['/home/u/project']);
    const svc = new LanguageService(ws);
    svc.open('file:///etc/mail/sendmail.mc', 'sendmail-mc', 1, mc);
    assert.deepStrictEqual(svc.diagnostics('file:///etc/mail/sendmail.mc').filter((d) => d.code === 'mc.map-database-missing'), []);
    assert.deepStrictEqual(messages(ours(mc)).map((m) => m.slice(0, 30)), ['Neither /etc/mail/access nor /']);
  });

  it('a spec built with m4 macros or a non-local class: silent', () => {
    assert.deepStrictEqual(ours(mcWith("FEATURE(`mailertable', `hash '`MAIL_SETTINGS_DIR`mailertable')")), []);
    assert.deepStrictEqual(ours(mcWith("FEATURE(`mailertable', `ldap -1 -v sendmailMTAMapValue')")), []);
    assert.deepStrictEqual(ours(mcWith("FEATURE(`mailertable', `LDAP')")), []);
  });
});
