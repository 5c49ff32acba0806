// checkMap with the real makemap: its complaints land on their lines, the real database beside
// the source stays as it was, temp dirs are removed, big sources and hanging programs end clearly.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { checkMap } from '../../../client/src/check/mapCheck';
import { MAKEMAP, rmrf, tempDir } from '../commands/etcMail';

const ourTemps = () => fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('sendmail-mapcheck-')).sort();

describe('check: checkMap with the real makemap', function () {
  this.timeout(30_000);
  let dir = '';
  let tempsBefore: string[] = [];
  before(function () {
    if (!fs.existsSync(MAKEMAP)) this.skip();
    dir = tempDir('sendmail-mapchecktest-');
    tempsBefore = ourTemps();
  });
  after(() => { if (dir) rmrf(dir); });

  it('a duplicate key and a key without a value: errors on their lines, the real database untouched', async () => {
    const source = path.join(dir, 'mailertable');
    const good = 'a.example\tsmtp:[mx.a.example]\nb.example\tsmtp:[mx.b.example]\n';
    fs.writeFileSync(source, good);
    execFileSync(MAKEMAP, ['hash', source], { input: good });
    const db = fs.readFileSync(`${source}.db`);
    const text = '# routes\na.example\tsmtp:[mx.a.example]\nb.example\tsmtp:[mx.b.example]\na.example\tsmtp:[other]\nnorhs.example\n';
    const r = await checkMap(source, text, { type: 'hash' });
    assert.equal(r.ok, false);
    assert.deepEqual(r.problems.map((p) => [p.line, p.severity, p.source, p.code]), [
      [3, 'error', 'sendmail (makemap)', 'check.makemap'],
      [4, 'error', 'sendmail (makemap)', 'check.makemap'],
    ]);
    assert.match(r.problems[0].message, /^key a\.example: duplicate key \(makemap exits with status 65: Rebuild keeps the old database\)$/);
    assert.match(r.problems[1].message, /^no RHS for LHS norhs\.example/);
    assert.ok(fs.readFileSync(`${source}.db`).equals(db), 'the real database is unchanged');
    assert.equal(fs.readFileSync(source, 'utf8'), good, 'the source on disk is unchanged');
    assert.deepEqual(ourTemps(), tempsBefore);
  });

  it('a clean map: no problems; without a type it is read from disk as the mc beside it declares (btree here)', async () => {
    const sub = path.join(dir, 'declared');
    fs.mkdirSync(sub);
    fs.writeFileSync(path.join(sub, 'sendmail.mc'), "FEATURE(`mailertable', `btree -o " + path.join(sub, 'mailertable') + "')dnl\n");
    fs.writeFileSync(path.join(sub, 'mailertable'), 'a.example\tsmtp:[mx.a.example]\n');
    const r = await checkMap(path.join(sub, 'mailertable'), undefined);
    assert.deepEqual(r.problems, []);
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.deepEqual(r.steps.makemap?.args.slice(0, 1), ['btree']);
    assert.deepEqual(fs.readdirSync(sub).sort(), ['mailertable', 'sendmail.mc'], 'no database written beside the source');
  });

  it('a source above the size limit is not checked, and says so', async () => {
    const r = await checkMap(path.join(dir, 'access'), 'x'.repeat(2 * 1024 * 1024), { type: 'hash', maxBytes: 1024 * 1024 });
    assert.equal(r.ok, false);
    assert.equal(r.steps.makemap, undefined);
    assert.equal(r.skipped, 'not checked with makemap: access is larger than 1 MB');
  });

  it('a makemap that hangs ends in a clear timed-out result, and its temp dir is gone', async () => {
    const sleeper = path.join(dir, 'sleeping-makemap.sh');
    fs.writeFileSync(sleeper, '#!/bin/sh\nsleep 60\n', { mode: 0o755 });
    const r = await checkMap(path.join(dir, 'mailertable'), 'a\tb\n', { type: 'hash', programs: { makemap: sleeper }, timeoutMs: 1000 });
    assert.equal(r.timedOut, true);
    assert.equal(r.skipped, 'makemap did not finish: timed out after 1 s');
    assert.deepEqual(ourTemps(), tempsBefore);
  });
});
