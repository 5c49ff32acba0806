// Fix all m4 quoting (issue #11, section 3): one quick fix for all quoting mistakes of a line,
// and the whole-file source.fixAll.sendmail action (VS Code "Fix All", editor.codeActionsOnSave).
// A pasted how-to with a dozen lost backticks is mended in one step, the edits of an action
// never overlap, and applying the fix twice changes nothing.
import * as assert from 'node:assert';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { applyEdits, openDoc } from '../helpers';
import { FIX_ALL_KIND } from '../../../server/src/service/mc/codeActions';

const PASTED = [
  "include('/usr/share/sendmail/cf/m4/cf.m4')dnl",
  "OSTYPE('linux')dnl",
  "define('SMART_HOST', 'smtp.example.com')dnl",
  "define('confAUTH_MECHANISMS', 'LOGIN PLAIN')dnl",
  "FEATURE('mailertable', 'hash -o /etc/mail/mailertable.db')dnl",
  "define(confPRIVACY_FLAGS', `authwarnings,novrfy')dnl",
  "define(‘confTO_IDENT’, ‘0’)dnl",
  "MAILER(local')dnl",
  "MAILER(`smtp)dnl",
  '',
].join('\n');

const MENDED = [
  "include(`/usr/share/sendmail/cf/m4/cf.m4')dnl",
  "OSTYPE(`linux')dnl",
  "define(`SMART_HOST', `smtp.example.com')dnl",
  "define(`confAUTH_MECHANISMS', `LOGIN PLAIN')dnl",
  "FEATURE(`mailertable', `hash -o /etc/mail/mailertable.db')dnl",
  "define(`confPRIVACY_FLAGS', `authwarnings,novrfy')dnl",
  "define(`confTO_IDENT', `0')dnl",
  "MAILER(`local')dnl",
  "MAILER(`smtp')dnl",
  '',
].join('\n');

const QUOTING = /^mc\.(stray-quote|unclosed-quote|typographic-quote|backquote-apostrophe|apostrophe-|define-args)/;
const whole = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function fixAll(text: string, only = ['source.fixAll']): { actions: CodeAction[]; ds: Diagnostic[]; apply: (a: CodeAction) => string } {
  const { svc, uri } = openDoc('sendmail-mc', text, '/etc/mail/sendmail.mc');
  return { actions: svc.codeActions(uri, whole, [], only), ds: svc.diagnostics(uri), apply: (a) => applyEdits(text, a.edit!.changes![uri]) };
}

/** No two edits of one action touch the same characters. */
function assertNoOverlap(a: CodeAction): void {
  const edits = Object.values(a.edit!.changes!).flat();
  const key = (p: { line: number; character: number }) => p.line * 1e6 + p.character;
  const sorted = [...edits].sort((x, y) => key(x.range.start) - key(y.range.start));
  for (let i = 1; i < sorted.length; i++) assert.ok(key(sorted[i].range.start) >= key(sorted[i - 1].range.end), `edits overlap in "${a.title}"`);
}

describe('mc: fix all m4 quoting', () => {
  it('source.fixAll.sendmail mends a pasted how-to in one step; run again, it offers nothing', () => {
    const first = fixAll(PASTED);
    assert.ok(first.ds.filter((d) => QUOTING.test(String(d.code))).length >= 12, 'a dozen quoting mistakes');
    assert.strictEqual(first.actions.length, 1);
    const [a] = first.actions;
    assert.strictEqual(a.kind, FIX_ALL_KIND);
    assertNoOverlap(a);
    const mended = first.apply(a);
    assert.strictEqual(mended, MENDED);
    const again = fixAll(mended);
    assert.deepStrictEqual(again.actions, [], 'applying it twice changes nothing');
    assert.deepStrictEqual(again.ds.filter((d) => QUOTING.test(String(d.code))), []);
  });

  it('is offered only when asked for by kind (source, source.fixAll, source.fixAll.sendmail), never as a quick fix', () => {
    for (const only of [['source'], ['source.fixAll'], [FIX_ALL_KIND]]) assert.strictEqual(fixAll(PASTED, only).actions.length, 1, JSON.stringify(only));
    assert.deepStrictEqual(fixAll(PASTED, ['quickfix']).actions.filter((a) => a.kind !== 'quickfix'), []);
    assert.deepStrictEqual(fixAll(PASTED, ['source.organizeImports']).actions, []);
    assert.deepStrictEqual(fixAll(MENDED).actions, [], 'nothing to fix, no action');
  });

  it('a line with several quoting mistakes gets one quick fix for all of them', () => {
    const text = `${MENDED}define('confCW_FILE', '/etc/mail/local-host-names')dnl\n`;
    const { svc, uri } = openDoc('sendmail-mc', text, '/etc/mail/sendmail.mc');
    const line = text.split('\n').length - 2;
    const ds = svc.diagnostics(uri).filter((d) => d.range.start.line === line);
    assert.strictEqual(ds.length, 2, JSON.stringify(ds.map((d) => d.code)));
    const range = { start: { line, character: 0 }, end: { line, character: 0 } };
    const all = svc.codeActions(uri, range, ds).filter((a) => /^Fix all m4 quoting on line/.test(a.title));
    assert.strictEqual(all.length, 1);
    assertNoOverlap(all[0]);
    const fixed = applyEdits(text, all[0].edit!.changes![uri]);
    assert.ok(fixed.endsWith("define(`confCW_FILE', `/etc/mail/local-host-names')dnl\n"), fixed);
    assert.strictEqual(fixed.slice(0, MENDED.length), MENDED, 'other lines untouched');
    // A line with one mistake keeps its own quick fix only.
    const one = `${MENDED}define(\`confCW_FILE', '/etc/mail/local-host-names')dnl\n`;
    const o = openDoc('sendmail-mc', one, '/etc/mail/sendmail.mc');
    const d1 = o.svc.diagnostics(o.uri).filter((d) => d.range.start.line === line);
    assert.deepStrictEqual(o.svc.codeActions(o.uri, range, d1).filter((a) => /^Fix all/.test(a.title)), []);
  });

  it('the per-line fix and the whole-file fix agree, and neither touches what is not quoting', () => {
    const text = PASTED.replace("MAILER(local')dnl", "MAILER(local')dnl\nFEATURE(`acess_db')dnl");
    const { actions, apply } = fixAll(text);
    const mended = apply(actions[0]);
    assert.ok(mended.includes("FEATURE(`acess_db')dnl"), 'a misspelt name is not "fixed" on save');
  });
});
