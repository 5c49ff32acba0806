// LanguageService.dependents: which open documents must be re-checked after a document
// changed — only those that read it, and only when what they read of it changed.
import * as assert from 'node:assert';
import { LanguageService, memoryWorkspace, type LanguageId } from '../../../server/src/service';

const MC = "include(`/usr/share/sendmail/cf/m4/cf.m4')dnl\nFEATURE(`use_cw_file')dnl\nFEATURE(`access_db')dnl\nFEATURE(`mailertable')dnl\nMAILER(`local')dnl\nMAILER(`smtp')dnl\n";
const FILES: Record<string, [LanguageId, string]> = {
  '/etc/mail/sendmail.mc': ['sendmail-mc', MC],
  '/etc/mail/mailertable': ['sendmail-mailertable', 'a.example\tprocmail:/etc/procmailrc\n'],
  '/etc/mail/access': ['sendmail-access', 'From:spam.example\tREJECT\n'],
  '/etc/mail/local-host-names': ['sendmail-class', 'mail.example\n'],
};
const uri = (p: string) => 'file://' + p;
const base = (u: string) => u.replace(/.*\//, '');

function setup() {
  const svc = new LanguageService(memoryWorkspace(Object.fromEntries(Object.entries(FILES).map(([p, [, t]]) => [p, t]))));
  for (const [p, [lang, text]] of Object.entries(FILES)) svc.open(uri(p), lang, 1, text);
  for (const p of Object.keys(FILES)) svc.diagnostics(uri(p));
  const version = new Map<string, number>();
  const append = (p: string, text: string) => {
    const v = (version.get(p) ?? 1) + 1;
    version.set(p, v);
    const lines = svc.document(uri(p))!.lineCount;
    svc.change(uri(p), v, [{ range: { start: { line: lines - 1, character: 0 }, end: { line: lines - 1, character: 0 } }, text }]);
  };
  const deps = (p: string) => svc.dependents(uri(p)).map(base).sort();
  return { svc, append, deps };
}

describe('service: dependents', () => {
  it('a plain map has none: nobody reads it', () => {
    const { append, deps } = setup();
    append('/etc/mail/access', 'To:relay.example\tRELAY\n');
    assert.deepStrictEqual(deps('/etc/mail/access'), []);
  });

  it('the mc: every map that reads it, once per change of its configuration, not for a comment', () => {
    const { append, deps } = setup();
    assert.deepStrictEqual(deps('/etc/mail/sendmail.mc'), ['access', 'local-host-names', 'mailertable']);
    assert.deepStrictEqual(deps('/etc/mail/sendmail.mc'), [], 'nothing changed since');
    append('/etc/mail/sendmail.mc', 'dnl a comment changes nothing the maps read\n');
    assert.deepStrictEqual(deps('/etc/mail/sendmail.mc'), []);
    append('/etc/mail/sendmail.mc', "MAILER(`procmail')dnl\n");
    assert.deepStrictEqual(deps('/etc/mail/sendmail.mc'), ['access', 'local-host-names', 'mailertable']);
  });

  it('local-host-names: the mailertable (class {w}), only when its words change', () => {
    const { append, deps } = setup();
    assert.deepStrictEqual(deps('/etc/mail/local-host-names'), ['mailertable']);
    append('/etc/mail/local-host-names', '# a comment\n');
    assert.deepStrictEqual(deps('/etc/mail/local-host-names'), []);
    append('/etc/mail/local-host-names', 'other.example\n');
    assert.deepStrictEqual(deps('/etc/mail/local-host-names'), ['mailertable']);
  });
});
