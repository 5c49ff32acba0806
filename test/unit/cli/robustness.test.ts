// sendmail-lint on awkward input, as users run it (the bundled dist/cli.js in a real
// process, always with a timeout so a regression fails instead of hanging): symlink loops,
// standard input, FIFOs and devices, and output that must stream instead of piling up.
import * as assert from 'node:assert';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FIXTURES, ROOT } from '../helpers';

const CLI = path.join(ROOT, 'dist/cli.js');
const fixture = (name: string) => path.join(FIXTURES, 'cli', name);
const tmpDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'lint-'));

function lint(args: string[], opts: { input?: string; timeout?: number } = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', input: opts.input ?? '', timeout: opts.timeout ?? 20000 });
  assert.strictEqual(r.signal, null, `sendmail-lint was killed (${r.signal}): it hung or ran too long`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The JSON a run printed (its stderr in the message when it is not JSON). */
function parsed(r: { stdout: string; stderr: string }) {
  try { return JSON.parse(r.stdout); } catch (e) { assert.fail(`${(e as Error).message}; stderr: ${r.stderr}`); }
}

describe('sendmail-lint on awkward input', () => {
  it('ends on symlink loops, checks each file once, and follows a link out of the tree once', function () {
    this.timeout(30000);
    const root = tmpDir(), outside = tmpDir();
    fs.copyFileSync(path.join(fixture('clean'), 'sendmail.mc'), path.join(root, 'sendmail.mc'));
    fs.symlinkSync('.', path.join(root, 'loop'));
    fs.mkdirSync(path.join(root, 'a'));
    fs.symlinkSync('..', path.join(root, 'a', 'b'));
    fs.copyFileSync(path.join(fixture('clean'), 'mailertable'), path.join(outside, 'mailertable'));
    fs.symlinkSync(outside, path.join(root, 'ext'));
    fs.symlinkSync(outside, path.join(root, 'ext2'));
    const r = lint(['--format', 'json', root], { timeout: 15000 });
    assert.strictEqual(r.status, 0, r.stdout + r.stderr);
    const paths: string[] = parsed(r).files.map((f: { path: string }) => path.relative(root, f.path));
    assert.deepStrictEqual(paths.sort(), ['ext/mailertable', 'sendmail.mc']);
  });

  it('- reads standard input (with --lang) and reports it as -', () => {
    const r = lint(['--lang', 'sendmail-mc', '-'], { input: "FEATURE(`nope')\n" });
    assert.strictEqual(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /^-:1:\d+: error mc\.unknown-feature .*nope/m);
  });

  it('--stdin-filename names standard input: its language and the sendmail.mc it is checked with', () => {
    const name = path.join(fixture('broken'), 'mailertable');
    const r = lint(['--stdin-filename', name], { input: 'legacy.example  uucp-dom:oldhost\n' });
    assert.strictEqual(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /mailertable:1:\d+: error mailertable\.unknown-mailer .*uucp-dom/);
    const json = lint(['--format', 'json', '--stdin-filename', name, '-'], { input: 'a.example esmtp:[mx.example]\n' });
    assert.strictEqual(parsed(json).files[0].path, name);
    const unnamed = lint(['-'], { input: 'a.example esmtp:[mx.example]\n' });
    assert.strictEqual(unnamed.status, 2);
    assert.match(unnamed.stderr, /-: say which file standard input is with --lang or --stdin-filename/);
  });

  it('a FIFO or a device named explicitly: exit 2 with a message, never opened (no hang)', () => {
    const dir = tmpDir();
    const fifo = path.join(dir, 'access');
    execFileSync('mkfifo', [fifo]);
    const r = lint([fifo], { timeout: 10000 });
    assert.strictEqual(r.status, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /access: a FIFO, not checked \(to check standard input, name it -\)/);
    const dev = lint(['--lang', 'sendmail-access', '/dev/null'], { timeout: 10000 });
    assert.strictEqual(dev.status, 2, dev.stdout + dev.stderr);
    assert.match(dev.stderr, /\/dev\/null: a device, not checked/);
    // In a directory walk the FIFO is skipped silently, and the other files are checked.
    fs.copyFileSync(path.join(fixture('clean'), 'sendmail.mc'), path.join(dir, 'sendmail.mc'));
    const walk = lint([dir], { timeout: 10000 });
    assert.strictEqual(walk.status, 0, walk.stdout + walk.stderr);
    assert.match(walk.stdout, /in 1 file checked/);
  });

  it('--format json and sarif stay valid documents over several files, with and without findings', () => {
    for (const dirs of [[fixture('broken'), fixture('clean'), fixture('warnings')], [tmpDir()]]) {
      const json = parsed(lint(['--format', 'json', ...dirs]));
      assert.strictEqual(json.version, 1);
      assert.strictEqual(json.files.length, json.summary.files);
      const sarif = parsed(lint(['--format', 'sarif', ...dirs]));
      assert.strictEqual(sarif.version, '2.1.0');
      const ids = new Set(sarif.runs[0].tool.driver.rules.map((x: { id: string }) => x.id));
      for (const res of sarif.runs[0].results) assert.ok(ids.has(res.ruleId), res.ruleId);
      assert.strictEqual(sarif.runs[0].results.length, json.summary.errors + json.summary.warnings + json.summary.infos);
    }
  });

  it('streams its report: peak memory stays far below the size of a big JSON output', async function () {
    this.timeout(60000);
    // 220 mailertables of 1,000 lines (the most a file reports) whose every line has a finding: about 100 MB of JSON.
    const dir = tmpDir();
    fs.copyFileSync(path.join(fixture('broken'), 'sendmail.mc'), path.join(dir, 'sendmail.mc'));
    const text = Array.from({ length: 1000 }, (_, i) => `h${i}.example\tesmtp\n`).join('');
    for (let f = 0; f < 220; f++) fs.writeFileSync(path.join(dir, `${String(f).padStart(3, '0')}-mailertable`), text);
    const child = spawn(process.execPath, [CLI, '--format', 'json', dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    let bytes = 0, peakKb = 0;
    child.stdout.on('data', (b: Buffer) => { bytes += b.length; });
    // VmHWM is the process's peak resident size so far; sampled until it exits.
    const sample = setInterval(() => {
      try { peakKb = Math.max(peakKb, Number(/VmHWM:\s*(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0)); } catch { /* exited */ }
    }, 20);
    const killer = setTimeout(() => child.kill(), 50000);
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearInterval(sample);
    clearTimeout(killer);
    assert.strictEqual(status, 1);
    const outMb = bytes / 2 ** 20, peakMb = peakKb / 1024;
    assert.ok(outMb > 80, `output ${outMb.toFixed(0)} MB`);
    assert.ok(peakMb > 0, 'peak memory was sampled');
    assert.ok(peakMb < 3 * outMb + 100, `peak RSS ${peakMb.toFixed(0)} MB for ${outMb.toFixed(0)} MB of output`);
  });
});
