// The sudo fallback, run for real: the root scripts with the real m4 and makemap (as root, the
// same script text run by sh without sudo), and the terminal's argument vector with the real
// sudo on a real pty (Python's pty module), in directories whose names hold control characters.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as sudo from '../../../client/src/commands/sudo';
import { planM4 } from '../../../client/src/commands/m4Plan';
import { planForSource, type MapPlan } from '../../../client/src/commands/mapPlan';
import { copyEtcMail, plainM4, rmrf, tempDir, withoutBuildStamp, CF_DIR, MAKEMAP } from './etcMail';

const SUDO = '/usr/bin/sudo';
const isRoot = process.getuid?.() === 0;

// The root scripts as sudo would run them (`sh -c <script> sh params...`), run here without sudo.
function cfArgv(dir: string, m4 = 'm4', cf = path.join(dir, 'sendmail.cf')): string[] {
  const mc = path.join(dir, 'sendmail.mc');
  return shArgs(sudo.sudoRebuildCf(SUDO, m4, planM4(mc, fs.readFileSync(mc, 'utf8')), cf));
}
const mapArgv = (plan: MapPlan, makemap = MAKEMAP) => shArgs(sudo.sudoRebuildMap(SUDO, makemap, plan));
function shArgs(cmd: sudo.SudoCommand): string[] {
  assert.equal(cmd.command, SUDO);
  assert.deepEqual(cmd.args.slice(0, 2), ['--', 'sh']);
  return cmd.args.slice(2);
}
const runSh = (argv: string[], cwd?: string) => spawnSync('sh', argv, { cwd, encoding: 'utf8' });

/** Every entry under `dir` with its type, mode, owner and content (or link target): equal snapshots mean nothing changed. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of fs.readdirSync(d).sort()) {
      const p = path.join(d, name);
      const st = fs.lstatSync(p);
      const what = st.isSymbolicLink() ? `link ${fs.readlinkSync(p)}` : st.isFile() ? `file ${createHash('sha256').update(fs.readFileSync(p)).digest('hex').slice(0, 16)}` : st.isDirectory() ? 'dir' : 'other';
      out[path.relative(dir, p)] = `${(st.mode & 0o7777).toString(8)} ${st.uid}:${st.gid} ${what}`;
      if (st.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out;
}

/** A file outside the directory, with a distinctive mode and owner, that planted links point to. */
function victim(dir: string, name: string): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, `victim ${name}\n`);
  fs.chmodSync(p, 0o600);
  fs.chownSync(p, 4242, 4243);
  return p;
}

const ownership = (p: string) => { const st = fs.lstatSync(p); return `${(st.mode & 0o7777).toString(8)} ${st.uid}:${st.gid}`; };

describe('commands: sudo fallback (argument vectors)', () => {
  it('finds sudo at /usr/bin/sudo, else on PATH, else reports none', () => {
    const has = (list: string[]) => (p: string) => list.includes(p);
    assert.equal(sudo.findSudo(has(['/usr/bin/sudo', '/opt/bin/sudo']), '/opt/bin'), '/usr/bin/sudo');
    assert.equal(sudo.findSudo(has(['/opt/bin/sudo']), 'relative:/opt/bin'), '/opt/bin/sudo');
    assert.equal(sudo.findSudo(has(['relative/sudo']), 'relative'), undefined, 'relative PATH entries are ignored');
    assert.equal(sudo.findSudo(has([]), '/usr/local/bin:/bin'), undefined);
  });

  it('refuses arguments holding control characters, whatever program they go to', () => {
    const mc = '/etc/mail/sendmail.mc';
    const plan = planM4(mc, "include(`/usr/share/sendmail/cf/m4/cf.m4')dnl\n");
    assert.equal(sudo.controlCharacterProblem(sudo.sudoRebuildCf(SUDO, 'm4', plan, '/etc/mail/sendmail.cf')), undefined);
    for (const c of ['\x00', '\x15', '\t', '\r', '\n', '\x1b', '\x7f']) {
      assert.match(sudo.controlCharacterProblem(sudo.sudoRebuildCf(SUDO, 'm4', planM4(`/etc/ma${c}il/sendmail.mc`, ''), `/etc/ma${c}il/sendmail.cf`)) ?? '', /control character/, JSON.stringify(c));
    }
    assert.ok(sudo.controlCharacterProblem(sudo.sudoMake(SUDO, 'make', '/etc/\x15mail')));
    assert.ok(sudo.controlCharacterProblem(sudo.sudoRun(SUDO, '/usr/bin/systemctl', ['restart', 'send\x1bmail'])));
  });

  it('starts the terminal on sudo itself: a fixed non-root wrapper, then the exact argument vector', () => {
    const cmd = sudo.sudoRun(SUDO, '/usr/bin/systemctl', ['restart', 'sendmail']);
    assert.deepEqual([cmd.command, ...cmd.args], [SUDO, '--', '/usr/bin/systemctl', 'restart', 'sendmail']);
    assert.equal(cmd.display, `${SUDO} -- /usr/bin/systemctl restart sendmail`);
    const t = sudo.terminalOptions(cmd);
    assert.equal(t.shellPath, '/bin/sh');
    assert.deepEqual(t.shellArgs.slice(2), ['sh', SUDO, '--', '/usr/bin/systemctl', 'restart', 'sendmail']);
  });
});

describe('commands: sudo fallback scripts (run as root without sudo, real m4 and makemap)', function () {
  this.timeout(60_000);
  let dir: string;
  let victims: string;
  before(function () { if (!isRoot || !fs.existsSync(`${CF_DIR}/m4/cf.m4`)) this.skip(); });
  beforeEach(() => { dir = copyEtcMail(tempDir('sendmail dir ')); victims = tempDir('sudo-victims-'); });
  afterEach(() => { rmrf(dir); rmrf(victims); });

  it('installs the same sendmail.cf as plain m4 and keeps the old one as .bak', () => {
    fs.writeFileSync(path.join(dir, 'sendmail.cf'), 'old\n');
    const r = runSh(cfArgv(dir));
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.equal(withoutBuildStamp(fs.readFileSync(path.join(dir, 'sendmail.cf'), 'utf8')), withoutBuildStamp(plainM4(dir)));
    assert.equal(fs.readFileSync(path.join(dir, 'sendmail.cf.bak'), 'utf8'), 'old\n');
  });

  it('never follows links planted at temp or backup names (sendmail.cf)', () => {
    fs.writeFileSync(path.join(dir, 'sendmail.cf'), 'old\n');
    const planted = ['.sendmail.cf.sudo-new', '.sendmail.cf.sudo-new.err', 'sendmail.cf.bak'];
    for (const name of planted) fs.symlinkSync(victim(victims, name), path.join(dir, name));
    const before = snapshot(victims);
    const r = runSh(cfArgv(dir));
    assert.deepEqual(snapshot(victims), before, 'victim files unchanged');
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.ok(fs.lstatSync(path.join(dir, 'sendmail.cf')).isFile(), 'sendmail.cf is a regular file');
    assert.equal(withoutBuildStamp(fs.readFileSync(path.join(dir, 'sendmail.cf'), 'utf8')), withoutBuildStamp(plainM4(dir)));
    assert.ok(fs.lstatSync(path.join(dir, 'sendmail.cf.bak')).isFile(), 'the backup replaced the planted link');
    assert.equal(fs.readFileSync(path.join(dir, 'sendmail.cf.bak'), 'utf8'), 'old\n');
  });

  it('never follows links planted at temp or backup names (map database)', () => {
    const plan = planForSource(path.join(dir, 'mailertable'));
    execFileSync(MAKEMAP, [plan.type, plan.source], { input: 'old.example smtp:old\n' });
    const old = fs.readFileSync(plan.database);
    const planted = ['.mailertable.sudo-new.db', 'mailertable.db.bak'];
    for (const name of planted) fs.symlinkSync(victim(victims, name), path.join(dir, name));
    const before = snapshot(victims);
    const r = runSh(mapArgv(plan));
    assert.deepEqual(snapshot(victims), before, 'victim files unchanged');
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.ok(fs.lstatSync(plan.database).isFile());
    assert.match(execFileSync(MAKEMAP, ['-u', plan.type, plan.source], { encoding: 'utf8' }), /^example\.com\tesmtp:\[mx\.example\.com\]$/m);
    assert.ok(fs.lstatSync(`${plan.database}.bak`).isFile());
    assert.deepEqual(fs.readFileSync(`${plan.database}.bak`), old, 'the previous database is the backup');
  });

  for (const [mode, uid, gid] of [[0o600, 0, 0], [0o640, 4242, 4243]]) {
    it(`keeps a ${mode.toString(8)} ${uid}:${gid} sendmail.cf and its .bak so`, () => {
      const cf = path.join(dir, 'sendmail.cf');
      fs.writeFileSync(cf, 'old\n');
      fs.chownSync(cf, uid, gid);
      fs.chmodSync(cf, mode);
      const want = ownership(cf);
      const r = runSh(cfArgv(dir));
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.equal(ownership(cf), want);
      assert.equal(ownership(`${cf}.bak`), want);
    });

    it(`keeps a ${mode.toString(8)} ${uid}:${gid} map database and its .bak so`, () => {
      const plan = planForSource(path.join(dir, 'mailertable'));
      execFileSync(MAKEMAP, [plan.type, plan.source], { input: fs.readFileSync(plan.source) });
      fs.chownSync(plan.database, uid, gid);
      fs.chmodSync(plan.database, mode);
      const want = ownership(plan.database);
      const r = runSh(mapArgv(plan));
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.equal(ownership(plan.database), want);
      assert.equal(ownership(`${plan.database}.bak`), want);
    });
  }

  it('writes through a symlinked sendmail.cf to its target (the link stays)', () => {
    fs.mkdirSync(path.join(dir, 'real'));
    const real = path.join(dir, 'real', 'sendmail.cf');
    fs.writeFileSync(real, 'old\n', { mode: 0o640 });
    fs.symlinkSync('real/sendmail.cf', path.join(dir, 'sendmail.cf'));
    const r = runSh(cfArgv(dir));
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.equal(fs.readlinkSync(path.join(dir, 'sendmail.cf')), 'real/sendmail.cf');
    assert.equal(withoutBuildStamp(fs.readFileSync(real, 'utf8')), withoutBuildStamp(plainM4(dir)));
    assert.equal(ownership(real), '640 0:0');
    assert.equal(fs.readFileSync(`${real}.bak`, 'utf8'), 'old\n');
  });

  const failures: [string, (d: string) => string[]][] = [
    ['a FEATURE that does not exist', (d) => {
      fs.appendFileSync(path.join(d, 'sendmail.mc'), "FEATURE(`no_such_feature_here')dnl\n");
      return cfArgv(d);
    }],
    ['cf.m4 reporting *** ERROR (m4 itself exits 0)', (d) => {
      fs.appendFileSync(path.join(d, 'sendmail.mc'), "FEATURE(`use_ct_file')dnl\n");
      return cfArgv(d);
    }],
    ['a missing m4', (d) => cfArgv(d, path.join(d, 'no-such-m4'))],
    ['a missing makemap', (d) => mapArgv(planForSource(path.join(d, 'mailertable')), path.join(d, 'no-such-makemap'))],
  ];
  for (const [what, argv] of failures) {
    it(`leaves every file as it was, and no temp file, after ${what}`, () => {
      fs.writeFileSync(path.join(dir, 'sendmail.cf'), 'old\n');
      execFileSync(MAKEMAP, ['hash', path.join(dir, 'mailertable')], { input: 'old.example smtp:old\n' });
      const args = argv(dir);
      const before = snapshot(dir);
      const r = runSh(args);
      assert.notEqual(r.status, 0, r.stdout + r.stderr);
      assert.deepEqual(snapshot(dir), before);
    });
  }

  it('leaves no temp file when the terminal is closed while m4 runs (SIGHUP)', async () => {
    fs.writeFileSync(path.join(dir, 'sendmail.cf'), 'old\n');
    execFileSync('mkfifo', [path.join(dir, 'slow')]);
    fs.appendFileSync(path.join(dir, 'sendmail.mc'), "include(`slow')dnl\n"); // m4 blocks opening the fifo
    const args = cfArgv(dir);
    const before = snapshot(dir);
    const child = spawn('sh', args, { detached: true, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    const started = Date.now();
    while (Object.keys(snapshot(dir)).length === Object.keys(before).length && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 200)); // m4 is blocked on the fifo now
    process.kill(-child.pid!, 'SIGHUP');
    await exited;
    assert.deepEqual(snapshot(dir), before);
  });
});

// A real terminal: Python's pty module runs argv on a pty and, in 'answer' mode, presses Enter
// at our "Press Enter" prompt; in 'type' mode it types a line into an interactive shell at its
// first prompt (READY>) and `exit` at the next. Prints what the terminal showed.
const PTY_DRIVER = String.raw`
import os, pty, select, sys, time
mode, line, argv = sys.argv[1], sys.argv[2], sys.argv[3:]
pid, fd = pty.fork()
if pid == 0:
    os.execvp(argv[0], argv)
out, sent, deadline = b'', 0, time.time() + 40
while time.time() < deadline:
    r, _, _ = select.select([fd], [], [], 0.2)
    if fd in r:
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        out += data
    if mode == 'answer' and sent == 0 and b'Press Enter' in out:
        os.write(fd, b'\r'); sent = 1
    if mode == 'type' and out.count(b'READY>') > sent and sent < 2:
        os.write(fd, (line if sent == 0 else 'exit').encode() + b'\r'); sent += 1
if time.time() >= deadline:
    os.kill(pid, 9)
_, status = os.waitpid(pid, 0)
sys.stdout.buffer.write(out)
sys.exit(os.waitstatus_to_exitcode(status))
`;
function onPty(mode: 'answer' | 'type', argv: string[], cwd: string, line = '') {
  return spawnSync('python3', ['-c', PTY_DRIVER, mode, line, ...argv], { cwd, encoding: 'utf8', timeout: 50_000 });
}

/** Every name under `dir`, recursively. */
const allNames = (dir: string): string[] => fs.readdirSync(dir, { recursive: true, encoding: 'utf8' });

const MC = ["include(`/usr/share/sendmail/cf/m4/cf.m4')dnl", "OSTYPE(`linux')dnl", "define(`confDOMAIN_NAME', `mail.example.test')dnl", "MAILER(`local')dnl", "MAILER(`smtp')dnl", ''].join('\n');
/** A directory name a line editor would act on: Ctrl-U, TAB, Ctrl-W, ESC, CR, LF, quotes and command substitutions. */
const HOSTILE = "d\x15u\tt\x17w\x1b[Ae\rr\nn $(touch pwned-a) `touch pwned-b` 'q\" ;x";

describe('commands: sudo fallback in a terminal (real sudo on a real pty)', function () {
  this.timeout(60_000);
  let sandbox: string;
  let scratch: string;
  before(function () {
    const has = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
    if (!isRoot || !fs.existsSync(SUDO) || !has('python3', ['-c', 'import pty']) || !fs.existsSync(`${CF_DIR}/m4/cf.m4`)) this.skip();
  });
  beforeEach(() => { sandbox = tempDir('sudo-pty-'); scratch = tempDir('sudo-rc-'); });
  afterEach(() => { rmrf(sandbox); rmrf(scratch); });

  it('rebuilds sendmail.cf in exactly the named directory, whatever control characters its name holds', () => {
    const dir = path.join(sandbox, HOSTILE);
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'sendmail.mc'), MC);
    const mc = path.join(dir, 'sendmail.mc');
    const cmd = sudo.sudoRebuildCf(SUDO, 'm4', planM4(mc, MC), path.join(dir, 'sendmail.cf'));
    const t = sudo.terminalOptions(cmd);
    const r = onPty('answer', [t.shellPath, ...t.shellArgs], sandbox);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /Press Enter/);
    assert.equal(withoutBuildStamp(fs.readFileSync(path.join(dir, 'sendmail.cf'), 'utf8')), withoutBuildStamp(plainM4(dir)));
    assert.deepEqual(allNames(sandbox).sort(), [HOSTILE, `${HOSTILE}/sendmail.cf`, `${HOSTILE}/sendmail.mc`].sort(), 'nothing else created, nothing injected');
  });

  it('rebuilds a map in exactly the named directory', () => {
    const dir = path.join(sandbox, HOSTILE);
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'sendmail.mc'), MC);
    fs.writeFileSync(path.join(dir, 'mailertable'), 'example.com esmtp:[mx.example.com]\n');
    const plan = planForSource(path.join(dir, 'mailertable'));
    const t = sudo.terminalOptions(sudo.sudoRebuildMap(SUDO, MAKEMAP, plan));
    const r = onPty('answer', [t.shellPath, ...t.shellArgs], sandbox);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(execFileSync(MAKEMAP, ['-u', plan.type, plan.source], { encoding: 'utf8' }), /^example\.com\tesmtp:\[mx\.example\.com\]$/m);
    assert.deepEqual(allNames(sandbox).sort(), [HOSTILE, `${HOSTILE}/mailertable`, `${HOSTILE}/mailertable.db`, `${HOSTILE}/sendmail.mc`].sort());
  });

  it('(why the line is never typed) an interactive bash runs text after a Ctrl-U in a typed path', () => {
    const dir = path.join(sandbox, 'x\x15touch pwned-typed #');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'sendmail.mc'), MC);
    const mc = path.join(dir, 'sendmail.mc');
    const line = sudo.sudoRebuildCf(SUDO, 'm4', planM4(mc, MC), path.join(dir, 'sendmail.cf')).display;
    const rc = path.join(scratch, 'bashrc');
    fs.writeFileSync(rc, "PS1='READY> '\n");
    onPty('type', ['bash', '--rcfile', rc, '--noprofile', '-i'], sandbox, line);
    assert.ok(fs.existsSync(path.join(sandbox, 'pwned-typed')), 'the pty harness sees the injection');
    assert.equal(fs.existsSync(path.join(dir, 'sendmail.cf')), false, 'and the intended command did not run');
  });
});
