// The file-replacing path of Rebuild on real file systems: a full file system (a small tmpfs)
// never leaves a truncated sendmail.cf or .bak, mode and owner survive (new file and .bak),
// symlinks are written through, a read-only file system is told apart from "not writable",
// and stale temp files of a killed rebuild are cleaned up (ours only).
// The tmpfs cases need root (mount); they are skipped with a note otherwise.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { atomicWrite, removeStaleTemps } from '../../../client/src/commands/atomicWrite';
import { rebuildCf } from '../../../client/src/commands/rebuildCf';
import { rebuildMap } from '../../../client/src/commands/rebuildMap';
import { planForSource } from '../../../client/src/commands/mapPlan';
import { copyEtcMail, plainM4, rmrf, tempDir, withoutBuildStamp, MAKEMAP } from './etcMail';

const isRoot = process.getuid?.() === 0;

/** Mounts a tmpfs on `dir` (root only); false (with a note) when that is not possible. */
function mountTmpfs(dir: string, options: string): boolean {
  if (!isRoot) { console.log('      (skipped: mounting a tmpfs needs root)'); return false; }
  try { execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'pipe' }); return true; } catch (e) {
    console.log(`      (skipped: cannot mount a tmpfs here: ${(e as Error).message.split('\n')[0]})`);
    return false;
  }
}
function unmount(dir: string): void { spawnSync('umount', [dir], { stdio: 'ignore' }); }

const temps = (dir: string) => fs.readdirSync(dir).filter((n) => n.includes('.tmp-'));
const modeOf = (f: string) => fs.statSync(f).mode & 0o7777;
const ownerOf = (f: string) => { const s = fs.statSync(f); return [s.uid, s.gid]; };
const bigCf = Buffer.from(Array.from({ length: 1200 }, (_, i) => `R$* < @ host${i}.example . > $*\t$#esmtp $@ relay$i $: $1\n`).join('')).subarray(0, 61409);

describe('commands: atomic replace on a full file system (tmpfs)', function () {
  this.timeout(30_000);
  let root: string;
  let dir: string;
  beforeEach(function () {
    root = tempDir('sendmail-full-');
    dir = path.join(root, 'mnt');
    fs.mkdirSync(dir);
    if (!mountTmpfs(dir, 'size=32k')) { rmrf(root); root = ''; this.skip(); }
  });
  afterEach(() => { if (root) { unmount(dir); rmrf(root); } });

  it('no previous file: fails with the byte count, leaves no file and no temp', () => {
    assert.throws(() => atomicWrite(path.join(dir, 'sendmail.cf'), bigCf), (e: NodeJS.ErrnoException) => {
      assert.equal(e.code, 'ENOSPC');
      assert.match(e.message, new RegExp(`^the file system of ${dir} is full: wrote \\d+ of 61409 bytes; sendmail.cf unchanged$`));
      return true;
    });
    assert.deepEqual(fs.readdirSync(dir), []);
  });

  it('an empty previous file stays empty, and no .bak appears', () => {
    const cf = path.join(dir, 'sendmail.cf');
    fs.writeFileSync(cf, '');
    assert.throws(() => atomicWrite(cf, bigCf), /is full: wrote \d+ of 61409 bytes/);
    assert.equal(fs.readFileSync(cf).length, 0);
    assert.deepEqual(fs.readdirSync(dir), ['sendmail.cf']);
  });

  it('a non-empty previous file (and its old .bak) stay byte-identical', () => {
    const cf = path.join(dir, 'sendmail.cf');
    const old = Buffer.from('# previous config\n'.repeat(200));
    fs.writeFileSync(cf, old);
    fs.writeFileSync(`${cf}.bak`, 'older\n');
    assert.throws(() => atomicWrite(cf, bigCf), /is full/);
    assert.ok(fs.readFileSync(cf).equals(old));
    assert.equal(fs.readFileSync(`${cf}.bak`, 'utf8'), 'older\n');
    assert.deepEqual(temps(dir), []);
  });

  it('a backup that does not fit fails the replace: no truncated .bak, target unchanged', () => {
    const cf = path.join(dir, 'sendmail.cf');
    const old = Buffer.alloc(16 * 1024, 0x41); // 4 pages; the new file takes 2, the copy would need 4 more
    fs.writeFileSync(cf, old);
    assert.throws(() => atomicWrite(cf, Buffer.alloc(8 * 1024, 0x42)), /is full: wrote \d+ of 16384 bytes of the backup/);
    assert.ok(fs.readFileSync(cf).equals(old));
    assert.deepEqual(fs.readdirSync(dir), ['sendmail.cf']);
  });

  it('Rebuild (real m4, ~57 KB of output) reports ok:false with the reason and keeps the old file', async () => {
    copyEtcMail(dir); // the mc and maps take 4 of the 8 pages
    const r0 = await rebuildCf(path.join(dir, 'sendmail.mc'));
    assert.equal(r0.ok, false);
    assert.match(r0.reason ?? '', /file system of .* is full: wrote \d+ of \d{5} bytes; sendmail.cf unchanged/);
    assert.ok(!r0.notWritable && !r0.readOnly, 'no sudo offer: sudo cannot make room');
    assert.equal(fs.existsSync(path.join(dir, 'sendmail.cf')), false);
    fs.writeFileSync(path.join(dir, 'sendmail.cf'), '# old\n');
    const r1 = await rebuildCf(path.join(dir, 'sendmail.mc'));
    assert.equal(r1.ok, false);
    assert.equal(fs.readFileSync(path.join(dir, 'sendmail.cf'), 'utf8'), '# old\n');
    assert.equal(fs.existsSync(path.join(dir, 'sendmail.cf.bak')), false);
    assert.deepEqual(temps(dir), []);
  });
});

describe('commands: a read-only file system is not "not writable"', function () {
  this.timeout(30_000);
  let root: string;
  let dir: string;
  beforeEach(function () {
    root = tempDir('sendmail-ro-');
    dir = path.join(root, 'mnt');
    fs.mkdirSync(dir);
    if (!mountTmpfs(dir, 'size=1m')) { rmrf(root); root = ''; this.skip(); }
    copyEtcMail(dir);
    fs.writeFileSync(path.join(dir, 'sendmail.cf'), '# old\n');
    execFileSync('mount', ['-o', 'remount,ro', dir]);
  });
  afterEach(() => { if (root) { unmount(dir); rmrf(root); } });

  it('Rebuild sendmail.cf says read-only and offers no sudo', async () => {
    const r = await rebuildCf(path.join(dir, 'sendmail.mc'));
    assert.equal(r.ok, false);
    assert.equal(r.readOnly, true);
    assert.ok(!r.notWritable);
    assert.equal(r.reason, `${path.join(dir, 'sendmail.cf')} is on a read-only file system`);
    assert.equal(fs.readFileSync(path.join(dir, 'sendmail.cf'), 'utf8'), '# old\n');
  });

  it('Rebuild map says read-only and offers no sudo', async () => {
    const r = await rebuildMap(planForSource(path.join(dir, 'mailertable')), { makemap: MAKEMAP });
    assert.equal(r.ok, false);
    assert.equal(r.readOnly, true);
    assert.ok(!r.notWritable);
    assert.match(r.reason ?? '', /mailertable\.db is on a read-only file system$/);
  });
});

describe('commands: rebuilt files keep mode and owner; symlinks are written through', function () {
  this.timeout(30_000);
  let dir: string;
  beforeEach(() => { dir = copyEtcMail(); });
  afterEach(() => rmrf(dir));

  it('a 0600 root:root and a 0640 65534:65534 sendmail.cf keep mode and owner, and so do their .bak', async function () {
    if (!isRoot) { console.log('      (skipped: chown needs root)'); this.skip(); }
    const cf = path.join(dir, 'sendmail.cf');
    for (const [mode, uid, gid] of [[0o600, 0, 0], [0o640, 65534, 65534]]) {
      fs.rmSync(`${cf}.bak`, { force: true });
      fs.writeFileSync(cf, '# old\n');
      fs.chownSync(cf, uid, gid);
      fs.chmodSync(cf, mode);
      const r = await rebuildCf(path.join(dir, 'sendmail.mc'));
      assert.equal(r.ok, true, r.reason);
      for (const f of [cf, `${cf}.bak`]) {
        assert.equal(modeOf(f).toString(8), mode.toString(8), f);
        assert.deepEqual(ownerOf(f), [uid, gid], f);
      }
      assert.equal(fs.readFileSync(`${cf}.bak`, 'utf8'), '# old\n');
    }
  });

  it('a fresh sendmail.cf gets the default mode 0644', async () => {
    const r = await rebuildCf(path.join(dir, 'sendmail.mc'));
    assert.equal(r.ok, true, r.reason);
    assert.equal(modeOf(path.join(dir, 'sendmail.cf')).toString(8), '644');
  });

  it('a symlinked sendmail.cf stays a link; the real file gets the new content and the .bak sits beside it', async () => {
    fs.mkdirSync(path.join(dir, 'real'));
    fs.writeFileSync(path.join(dir, 'real/sendmail.cf'), '# old\n');
    fs.symlinkSync('real/sendmail.cf', path.join(dir, 'sendmail.cf'));
    const r = await rebuildCf(path.join(dir, 'sendmail.mc'));
    assert.equal(r.ok, true, r.reason);
    assert.ok(fs.lstatSync(path.join(dir, 'sendmail.cf')).isSymbolicLink());
    assert.equal(withoutBuildStamp(fs.readFileSync(path.join(dir, 'real/sendmail.cf'), 'utf8')), withoutBuildStamp(plainM4(dir)));
    assert.equal(r.backup, path.join(dir, 'real/sendmail.cf.bak'));
    assert.equal(fs.readFileSync(r.backup!, 'utf8'), '# old\n');
    assert.deepEqual([...temps(dir), ...temps(path.join(dir, 'real'))], []);
  });

  it('a dangling or looping sendmail.cf link is refused with the reason and left as it was', async () => {
    const cf = path.join(dir, 'sendmail.cf');
    fs.symlinkSync('nowhere/sendmail.cf', cf);
    const r = await rebuildCf(path.join(dir, 'sendmail.mc'));
    assert.equal(r.ok, false);
    assert.ok(!r.notWritable);
    assert.equal(r.reason, `${cf} is a symbolic link to nowhere/sendmail.cf, which does not exist`);
    assert.equal(fs.readlinkSync(cf), 'nowhere/sendmail.cf');
    fs.rmSync(cf);
    fs.symlinkSync('sendmail.cf', cf);
    const loop = await rebuildCf(path.join(dir, 'sendmail.mc'));
    assert.equal(loop.reason, `${cf} is a symbolic link that loops`);
    assert.equal(fs.readlinkSync(cf), 'sendmail.cf');
  });

  it('a symlinked map database stays a link; the real database is rebuilt', async () => {
    fs.mkdirSync(path.join(dir, 'real'));
    fs.writeFileSync(path.join(dir, 'real/mailertable.db'), 'old');
    fs.symlinkSync(path.join(dir, 'real/mailertable.db'), path.join(dir, 'mailertable.db'));
    const r = await rebuildMap(planForSource(path.join(dir, 'mailertable')), { makemap: MAKEMAP });
    assert.equal(r.ok, true, r.reason);
    assert.ok(fs.lstatSync(path.join(dir, 'mailertable.db')).isSymbolicLink());
    assert.equal(r.backup, path.join(dir, 'real/mailertable.db.bak'));
    assert.equal(fs.readFileSync(r.backup!, 'utf8'), 'old');
    // makemap (like sendmail) refuses to read a map through a link: read the real database.
    const dump = execFileSync(MAKEMAP, ['-u', 'hash', path.join(dir, 'real/mailertable')], { encoding: 'utf8' });
    assert.match(dump, /^example\.com\tesmtp:\[mx\.example\.com\]$/m);
    assert.deepEqual([...temps(dir), ...temps(path.join(dir, 'real'))], []);
  });
});

describe('commands: stale temp files of a killed rebuild', function () {
  this.timeout(30_000);
  let dir: string;
  beforeEach(() => { dir = copyEtcMail(); });
  afterEach(() => rmrf(dir));

  /** A pid that is certainly not running: a child that has exited and been reaped. */
  const deadPid = () => spawnSync('true').pid;

  it('removes only our own stale temp names (dead pid, or older than an hour), never links or other files', async () => {
    const dead = deadPid();
    const stale = [`.sendmail.cf.tmp-${dead}-0badc0de`, `.sendmail.cf.bak.tmp-${dead}-12345678`, '.sendmail.cf.tmp-1-abcdef01'];
    const kept = [
      `.sendmail.cf.tmp-${process.pid}-89abcdef`, // ours, in progress
      `.sendmail.cf.tmp-${dead}-0badc0d`, // 7 hex digits
      `.sendmail.cf.tmp-${dead}-0BADC0DE`, // not our (lower-case) hex
      `sendmail.cf.tmp-${dead}-0badc0de`, // no leading dot
      `.sendmail.cf.tmp-${dead}-0badc0de.db`, // a suffix the cf never has
      `.other.cf.tmp-${dead}-0badc0de`, // another file's temp
      `.sendmail.cf.tmp-${dead}-0badc0de~`,
    ];
    for (const n of [...stale, ...kept]) fs.writeFileSync(path.join(dir, n), 'x');
    const hourAgo = new Date(Date.now() - 2 * 3600_000);
    fs.utimesSync(path.join(dir, stale[2]), hourAgo, hourAgo); // pid 1 is alive, but the file is 2 h old
    fs.writeFileSync(path.join(dir, 'victim'), 'keep');
    fs.symlinkSync(path.join(dir, 'victim'), path.join(dir, `.sendmail.cf.tmp-${dead}-feedface`));
    fs.mkdirSync(path.join(dir, `.sendmail.cf.tmp-${dead}-facefeed`));
    kept.push(`.sendmail.cf.tmp-${dead}-feedface`, `.sendmail.cf.tmp-${dead}-facefeed`);
    const log: string[] = [];
    const r = await rebuildCf(path.join(dir, 'sendmail.mc'), { log: (l) => log.push(l) });
    assert.equal(r.ok, true, r.reason);
    assert.deepEqual(temps(dir).sort(), kept.sort());
    assert.equal(fs.readFileSync(path.join(dir, 'victim'), 'utf8'), 'keep');
    for (const n of stale) assert.ok(log.some((l) => l === `removed a stale temp file of an interrupted rebuild: ${path.join(dir, n)}`), n);
  });

  it('Rebuild map removes the stale temp database of a killed makemap', async () => {
    const dead = deadPid();
    const stale = `.access.tmp-${dead}-cafebabe.db`;
    const kept = `.access.tmp-${process.pid}-cafebabe.db`;
    fs.writeFileSync(path.join(dir, stale), 'x');
    fs.writeFileSync(path.join(dir, kept), 'x');
    const r = await rebuildMap(planForSource(path.join(dir, 'access')), { makemap: MAKEMAP });
    assert.equal(r.ok, true, r.reason);
    assert.deepEqual(temps(dir), [kept]);
  });

  it('removeStaleTemps is a no-op in a missing directory', () => {
    assert.deepEqual(removeStaleTemps(path.join(dir, 'nope', 'sendmail.cf')), []);
  });
});
