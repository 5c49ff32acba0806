// Rebuild sendmail.cf with the real m4 and sendmail-cf: same output as plain m4, atomic
// replacement with a backup, and a broken mc leaves the old file byte-identical.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { rebuildCf, generateCf, cfPathFor } from '../../../client/src/commands/rebuildCf';
import { copyEtcMail, plainM4, rmrf, withoutBuildStamp } from './etcMail';

describe('commands: rebuild sendmail.cf (real m4)', function () {
  this.timeout(30_000);
  let dir: string;
  beforeEach(() => { dir = copyEtcMail(); });
  afterEach(() => rmrf(dir));

  it('writes the same sendmail.cf as plain `m4 sendmail.mc`, without a backup the first time', async () => {
    const log: string[] = [];
    const r = await rebuildCf(path.join(dir, 'sendmail.mc'), { log: (l) => log.push(l) });
    assert.equal(r.ok, true, r.reason);
    assert.equal(r.backup, undefined);
    const written = fs.readFileSync(path.join(dir, 'sendmail.cf'), 'utf8');
    assert.equal(withoutBuildStamp(written), withoutBuildStamp(plainM4(dir)));
    assert.match(written, /^Kmailertable hash .*\/mailertable$/m);
    assert.ok(log.some((l) => /^\$ m4 /.test(l)), 'the command is logged');
    assert.ok(log.some((l) => /exit status 0/.test(l)), 'the exit status is logged');
    assert.deepEqual(fs.readdirSync(dir).filter((n) => n.includes('.tmp-')), [], 'no temp file left');
  });

  it('keeps the previous sendmail.cf as sendmail.cf.bak', async () => {
    fs.writeFileSync(path.join(dir, 'sendmail.cf'), '# previous config\n');
    const r = await rebuildCf(path.join(dir, 'sendmail.mc'));
    assert.equal(r.ok, true, r.reason);
    assert.equal(r.backup, path.join(dir, 'sendmail.cf.bak'));
    assert.equal(fs.readFileSync(r.backup!, 'utf8'), '# previous config\n');
  });

  it('leaves the old sendmail.cf byte-identical when the mc is broken, with problems on the causing lines', async () => {
    const mc = path.join(dir, 'sendmail.mc');
    const lines = fs.readFileSync(mc, 'utf8').split('\n');
    // FEATURE after MAILER (cf.m4 *** ERROR) and an include that does not exist (m4 error).
    lines.push("FEATURE(`virtusertable')dnl", "include(`/nonexistent/site.m4')dnl", '');
    fs.writeFileSync(mc, lines.join('\n'));
    const featureLine = lines.indexOf("FEATURE(`virtusertable')dnl");
    const includeLine = lines.indexOf("include(`/nonexistent/site.m4')dnl");
    const old = Buffer.from([0x23, 0x20, 0xff, 0x00, 0x0a, 0x4f, 0x6c, 0x64]);
    fs.writeFileSync(path.join(dir, 'sendmail.cf'), old);
    const r = await rebuildCf(mc);
    assert.equal(r.ok, false);
    assert.ok(fs.readFileSync(path.join(dir, 'sendmail.cf')).equals(old), 'old file untouched');
    assert.equal(fs.existsSync(path.join(dir, 'sendmail.cf.bak')), false);
    const feature = r.problems.find((p) => /FEATURE\(\) should be before MAILER\(\)/.test(p.message));
    assert.equal(feature?.line, featureLine);
    assert.equal(feature?.severity, 'error');
    const include = r.problems.find((p) => /cannot open/.test(p.message));
    assert.equal(include?.line, includeLine);
    assert.deepEqual(fs.readdirSync(dir).filter((n) => n.includes('.tmp-')), []);
  });

  it('refuses an error-free but empty result and keeps the old file', async () => {
    // A stand-in cf tree whose cf.m4 prints nothing: m4 exits 0 with empty output.
    fs.mkdirSync(path.join(dir, 'fake/m4'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'fake/m4/cf.m4'), 'divert(-1)\n');
    const mc = path.join(dir, 'empty.mc');
    fs.writeFileSync(mc, "include(`fake/m4/cf.m4')\n");
    fs.writeFileSync(path.join(dir, 'empty.cf'), 'keep me\n');
    const r = await rebuildCf(mc);
    assert.equal(r.ok, false);
    assert.match(r.reason ?? '', /no output/);
    assert.equal(fs.readFileSync(path.join(dir, 'empty.cf'), 'utf8'), 'keep me\n');
  });

  it('finds the cf tree from the setting when the mc does not include cf.m4', async () => {
    const mc = path.join(dir, 'noinclude.mc');
    const text = fs.readFileSync(path.join(dir, 'sendmail.mc'), 'utf8').replace(/^include\(`[^']*cf\.m4'\)dnl\n/m, '');
    fs.writeFileSync(mc, text);
    const g = await generateCf(mc, { cfDirectory: '/usr/share/sendmail/cf/' });
    assert.equal(g.ok, true, g.reason + g.run.stderr);
    assert.equal(g.run.args[0], '-D_CF_DIR_=/usr/share/sendmail/cf/');
    assert.match(g.cfText, /^Kmailertable /m);
    assert.equal(cfPathFor(mc), path.join(dir, 'noinclude.cf'));
    assert.equal(fs.existsSync(path.join(dir, 'noinclude.cf')), false, 'generate writes nothing');
  });

  it("m4's own \"Warning:\" (exit 0) is a warning, not a reason to refuse the rebuild", async () => {
    // ifdef with three arguments: m4 1.4 prints "Warning: excess arguments to builtin `ifdef' ignored" and exits 0.
    const mc = path.join(dir, 'sendmail.mc');
    fs.appendFileSync(mc, "ifdef(`NO_SUCH_NAME', `', `', `')dnl\n");
    const r = await rebuildCf(mc);
    const warned = r.problems.find((p) => /excess arguments/.test(p.message));
    assert.ok(warned, JSON.stringify(r.problems));
    assert.equal(warned.severity, 'warning');
    assert.equal(r.ok, true, r.reason);
    assert.equal(withoutBuildStamp(fs.readFileSync(path.join(dir, 'sendmail.cf'), 'utf8')), withoutBuildStamp(plainM4(dir)));
  });

  it('reports a missing m4 program instead of throwing', async () => {
    const r = await rebuildCf(path.join(dir, 'sendmail.mc'), { m4: '/nonexistent/m4' });
    assert.equal(r.ok, false);
    assert.match(r.reason ?? '', /did not run/);
    assert.equal(fs.existsSync(path.join(dir, 'sendmail.cf')), false);
  });
});
