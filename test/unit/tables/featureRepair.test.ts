// "The mc has no FEATURE(`mailertable')" when it has one with its quotes lost or typed wrong by a
// paste (issue #11, section 3): the fix repairs that line, keeping its map spec, instead of adding
// a second FEATURE line.
import * as assert from 'node:assert';
import { byCode, openMap } from './tableHelpers';
import { applyEdits } from '../helpers';

const MC = (feature: string) => `include(\`/usr/share/sendmail/cf/m4/cf.m4')dnl\nOSTYPE(\`linux')dnl\n${feature}\nMAILER(\`local')dnl\nMAILER(\`smtp')dnl\n`;
const MC_URI = 'file:///etc/mail/sendmail.mc';

function fixMc(feature: string): { title: string; mc: string } {
  const mc = MC(feature);
  const { svc, uri, diags } = openMap('sendmail-mailertable', 'example.com\tesmtp:[mx.example.com]\n', { mc });
  const [d] = byCode(diags(), 'table.feature-missing');
  assert.ok(d, `no table.feature-missing with ${feature}`);
  const a = svc.codeActions(uri, d.range, [d])[0];
  return { title: a.title, mc: applyEdits(mc, a.edit!.changes![MC_URI]) };
}

describe('tables: the missing-FEATURE fix repairs a broken FEATURE line', () => {
  for (const [broken, repaired] of [
    ["FEATURE('mailertable', 'hash -o /etc/mail/mailertable.db')dnl", "FEATURE(`mailertable', `hash -o /etc/mail/mailertable.db')dnl"],
    ["FEATURE(`mailertable, `hash /etc/mail/mailertable')dnl # routes", "FEATURE(`mailertable', `hash /etc/mail/mailertable')dnl # routes"],
    ['FEATURE(‘mailertable’)dnl', "FEATURE(`mailertable')dnl"],
  ]) {
    it(`${broken} → ${repaired}`, () => {
      const { title, mc } = fixMc(broken);
      assert.match(title, /^Repair the FEATURE line \(line 3\)/);
      assert.strictEqual(mc, MC(repaired));
      assert.strictEqual(mc.split('FEATURE(').length, 2, 'one FEATURE line, not two');
    });
  }

  it('without a FEATURE line for the map, the line is added before MAILER', () => {
    const { title, mc } = fixMc("FEATURE(`access_db')dnl");
    assert.match(title, /^Add FEATURE\(`mailertable'\)dnl/);
    assert.ok(mc.includes("FEATURE(`access_db')dnl\nFEATURE(`mailertable')dnl\nMAILER(`local')"), mc);
  });
});
