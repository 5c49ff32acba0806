// Rebuild maps with the real makemap: the type the mc declares (hash for mailertable, btree
// for access in the fixture), checked by the database's magic number and by `makemap -u`.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { planMaps, planForSource } from '../../../client/src/commands/mapPlan';
import { rebuildMap } from '../../../client/src/commands/rebuildMap';
import { parseMcConfig } from '../../../server/src/service/mc/config';
import { copyEtcMail, rmrf, MAKEMAP } from './etcMail';

/** Berkeley DB magic numbers at byte offset 12 (native byte order). */
function dbKind(file: string): string {
  const b = fs.readFileSync(file);
  const magic = b.readUInt32LE(12);
  return magic === 0x061561 ? 'hash' : magic === 0x053162 ? 'btree' : `unknown ${magic.toString(16)}`;
}

describe('commands: rebuild maps (real makemap)', function () {
  this.timeout(30_000);
  let dir: string;
  beforeEach(() => { dir = copyEtcMail(); });
  afterEach(() => rmrf(dir));

  it('reads types and paths from the mc FEATUREs', () => {
    const plans = planMaps(dir);
    const mt = plans.find((p) => p.feature === 'mailertable');
    const ac = plans.find((p) => p.feature === 'access_db');
    assert.deepEqual([mt?.type, mt?.source, mt?.database], ['hash', path.join(dir, 'mailertable'), path.join(dir, 'mailertable.db')]);
    assert.deepEqual([ac?.type, ac?.database], ['btree', path.join(dir, 'access.db')]);
  });

  it('uses DATABASE_MAP_TYPE and the settings dir for FEATUREs without a map spec', () => {
    const cfg = parseMcConfig('/etc/mail/sendmail.mc', "define(`DATABASE_MAP_TYPE', `btree')dnl\nFEATURE(`virtusertable')dnl\nFEATURE(`access_db', , `skip')dnl\nFEATURE(`mailertable', `ldap -1 -k x')dnl\n");
    const plans = planMaps('/etc/mail', cfg);
    assert.deepEqual(plans.map((p) => `${p.feature}:${p.type}:${p.database}`), [
      'virtusertable:btree:/etc/mail/virtusertable.db', 'access_db:btree:/etc/mail/access.db', 'mailertable:ldap:/etc/mail/mailertable.db']);
    assert.match(plans[2].unsupported ?? '', /ldap/);
  });

  it('takes default map paths from MAIL_SETTINGS_DIR, the macro cf.m4 reads (not a conf* name)', () => {
    const cfg = parseMcConfig('/srv/repo/sendmail.mc', "define(`MAIL_SETTINGS_DIR', `/srv/mail/')dnl\ndefine(`confMAIL_SETTINGS_DIR', `/wrong/')dnl\nFEATURE(`virtusertable')dnl\n");
    assert.deepEqual(planMaps('/srv/repo', cfg).map((p) => p.source), ['/srv/mail/virtusertable']);
    const plain = parseMcConfig('/srv/repo/sendmail.mc', "FEATURE(`virtusertable')dnl\n");
    assert.deepEqual(planMaps('/srv/repo', plain).map((p) => p.source), ['/srv/repo/virtusertable'], 'without it: the maps beside the mc');
  });

  it('builds hash and btree databases that makemap -u reads back', async () => {
    const mt = await rebuildMap(planForSource(path.join(dir, 'mailertable')), { makemap: MAKEMAP });
    assert.equal(mt.ok, true, mt.reason);
    assert.equal(dbKind(path.join(dir, 'mailertable.db')), 'hash');
    const dump = execFileSync(MAKEMAP, ['-u', 'hash', path.join(dir, 'mailertable')], { encoding: 'utf8' });
    assert.match(dump, /^example\.com\tesmtp:\[mx\.example\.com\]$/m);
    const ac = await rebuildMap(planForSource(path.join(dir, 'access')), { makemap: MAKEMAP });
    assert.equal(ac.ok, true, ac.reason);
    assert.equal(dbKind(path.join(dir, 'access.db')), 'btree');
    assert.deepEqual(fs.readdirSync(dir).filter((n) => n.includes('.tmp-')), []);
  });

  it('keeps the old database byte-identical when makemap complains, with the complaint on its line', async () => {
    const first = await rebuildMap(planForSource(path.join(dir, 'mailertable')), { makemap: MAKEMAP });
    assert.equal(first.ok, true);
    const before = fs.readFileSync(path.join(dir, 'mailertable.db'));
    fs.appendFileSync(path.join(dir, 'mailertable'), 'norhs.example\n');
    const lineNo = fs.readFileSync(path.join(dir, 'mailertable'), 'utf8').split('\n').indexOf('norhs.example');
    const r = await rebuildMap(planForSource(path.join(dir, 'mailertable')), { makemap: MAKEMAP });
    assert.equal(r.ok, false);
    assert.ok(fs.readFileSync(path.join(dir, 'mailertable.db')).equals(before));
    const p = r.problems.find((x) => /no RHS/.test(x.message));
    assert.equal(p?.line, lineNo);
    assert.deepEqual(fs.readdirSync(dir).filter((n) => n.includes('.tmp-')), [], 'temp database removed');
  });

  it('keeps a backup of the previous database', async () => {
    await rebuildMap(planForSource(path.join(dir, 'mailertable')), { makemap: MAKEMAP });
    const before = fs.readFileSync(path.join(dir, 'mailertable.db'));
    const r = await rebuildMap(planForSource(path.join(dir, 'mailertable')), { makemap: MAKEMAP });
    assert.equal(r.backup, path.join(dir, 'mailertable.db.bak'));
    assert.ok(fs.readFileSync(r.backup!).equals(before));
  });
});
