// A workspace file names the paths the service reads (include(), confCW_FILE, map specs): none
// of them may block the server. Each analysis runs in a child process (a hang is killed and
// fails the test instead of hanging mocha) that reports how long diagnostics() took. And big
// included files are read once, not on every keystroke.
import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LanguageService, diskWorkspace, type WorkspaceView } from '../../../server/src/service';
import { ROOT } from '../helpers';

const SERVICE = path.join(ROOT, 'out/server/src/service/index.js');
const HEAD = "include(`/usr/share/sendmail/cf/m4/cf.m4')dnl\nOSTYPE(`linux')dnl\n";
const isRoot = process.getuid?.() === 0;

/** In a child process: opens `file` as `languageId`, times diagnostics() and readFile() of `read`. */
const CHILD = `
const [service, file, languageId, read] = process.argv.slice(1);
const { LanguageService, diskWorkspace } = require(service);
const fs = require('fs');
const svc = new LanguageService(diskWorkspace());
const uri = 'file://' + file;
svc.open(uri, languageId, 1, fs.readFileSync(file, 'utf8'));
let t = Date.now();
const ds = svc.diagnostics(uri);
const diagnoseMs = Date.now() - t;
t = Date.now();
const text = diskWorkspace().readFile(read);
process.stdout.write(JSON.stringify({ diagnoseMs, readMs: Date.now() - t, read: text === undefined ? null : text.length, codes: ds.map((d) => d.code) }));
`;

function analyse(file: string, languageId: string, read: string) {
  const r = spawnSync(process.execPath, ['-e', CHILD, SERVICE, file, languageId, read], { encoding: 'utf8', timeout: 20000 });
  assert.strictEqual(r.signal, null, `${path.basename(file)} reading ${read}: killed after 20 s (it hung)`);
  assert.strictEqual(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as { diagnoseMs: number; readMs: number; read: number | null; codes: string[] };
}

describe('robustness: reads of workspace-named paths never block', function () {
  this.timeout(120000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sendmail-block-'));
    spawnSync('mkfifo', [path.join(dir, 'fifo')]); // nothing ever writes to it
    fs.symlinkSync('/proc/kmsg', path.join(dir, 'kmsg-link'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** An mc that includes `target` and uses MASQUERADE_DOMAIN without MASQUERADE_AS: the check reads the include. */
  const includeMc = (name: string, target: string) => {
    const p = path.join(dir, name, 'sendmail.mc');
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, `${HEAD}include(\`${target}')dnl\nMASQUERADE_DOMAIN(\`example.com')dnl\nFEATURE(\`no_such_feature')dnl\n`);
    return p;
  };
  /** A virtusertable whose mc reads class {w} from `cw` (confCW_FILE). */
  const cwVirtusertable = (name: string, cw: string) => {
    const d = path.join(dir, name);
    fs.mkdirSync(d, { recursive: true });
    fs.writeFileSync(path.join(d, 'sendmail.mc'), `${HEAD}define(\`confCW_FILE', \`${cw}')dnl\nFEATURE(\`use_cw_file')dnl\nFEATURE(\`virtusertable')dnl\nMAILER(\`local')dnl\nMAILER(\`smtp')dnl\n`);
    fs.writeFileSync(path.join(d, 'virtusertable'), 'info@example.com\tbob\n');
    return path.join(d, 'virtusertable');
  };

  it('an mc that includes a FIFO nobody writes to', () => {
    const fifo = path.join(dir, 'fifo');
    assert.ok(fs.statSync(fifo).isFIFO());
    const r = analyse(includeMc('fifo-mc', fifo), 'sendmail-mc', fifo);
    assert.ok(r.diagnoseMs < 1000, `diagnostics took ${r.diagnoseMs} ms`);
    assert.ok(r.codes.includes('mc.unknown-feature'), JSON.stringify(r.codes));
    assert.strictEqual(r.read, null);
  });

  it('a confCW_FILE that is a FIFO (a virtusertable beside the mc)', () => {
    const fifo = path.join(dir, 'fifo');
    const r = analyse(cwVirtusertable('fifo-cw', fifo), 'sendmail-virtusertable', fifo);
    assert.ok(r.diagnoseMs < 1000, `diagnostics took ${r.diagnoseMs} ms`);
  });

  it('as root: include(`/proc/kmsg\'), a symlink to it, and /proc/kmsg as confCW_FILE', function () {
    if (!isRoot) this.skip();
    for (const target of ['/proc/kmsg', path.join(dir, 'kmsg-link')]) {
      const r = analyse(includeMc(`mc-${path.basename(target)}`, target), 'sendmail-mc', target);
      assert.ok(r.diagnoseMs < 1000, `${target}: diagnostics took ${r.diagnoseMs} ms`);
      assert.ok(r.codes.includes('mc.unknown-feature'), JSON.stringify(r.codes));
      assert.strictEqual(r.read, null, `${target} is not read`);
    }
    const r = analyse(cwVirtusertable('kmsg-cw', '/proc/kmsg'), 'sendmail-virtusertable', '/dev/zero');
    assert.ok(r.diagnoseMs < 1000, `diagnostics took ${r.diagnoseMs} ms`);
    assert.strictEqual(r.read, null, '/dev/zero is not read');
  });

  it('regular files are still read, at most maxBytes per read', () => {
    const f = path.join(dir, 'plain.m4');
    fs.writeFileSync(f, 'x'.repeat(1000));
    assert.strictEqual(diskWorkspace().readFile(f)?.length, 1000);
    assert.strictEqual(diskWorkspace(999).readFile(f), undefined);
    assert.strictEqual(diskWorkspace(1000).readFile(f)?.length, 1000);
  });
});

describe('robustness: a big included file is read once, not on every keystroke', function () {
  this.timeout(60000);
  let dir: string;
  before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sendmail-bigincl-')); });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** The disk view, counting reads per path. */
  function counting(): { ws: WorkspaceView; reads: Map<string, number> } {
    const disk = diskWorkspace();
    const reads = new Map<string, number>();
    return { reads, ws: { ...disk, readFile: (p) => { reads.set(p, (reads.get(p) ?? 0) + 1); return disk.readFile(p); } } };
  }
  const keystroke = (svc: LanguageService, uri: string, version: number): void =>
    svc.change(uri, version, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n' }]); // a blank line

  it('sendmail.mc: five keystrokes, one read; a change of the file is read again', () => {
    const big = path.join(dir, 'big.m4');
    fs.writeFileSync(big, 'dnl a line of an included file\n'.repeat(200000)); // 6 MB
    const mc = path.join(dir, 'sendmail.mc');
    const text = `${HEAD}include(\`${big}')dnl\nMASQUERADE_DOMAIN(\`example.com')dnl\n`;
    fs.writeFileSync(mc, text);
    const { ws, reads } = counting();
    const svc = new LanguageService(ws);
    const uri = 'file://' + mc;
    svc.open(uri, 'sendmail-mc', 1, text);
    const first = svc.diagnostics(uri);
    assert.ok(first.some((d) => d.code === 'mc.needs-feature'), 'the check that reads the include ran');
    for (let v = 2; v <= 6; v++) { keystroke(svc, uri, v); svc.diagnostics(uri); }
    assert.strictEqual(reads.get(big), 1);
    fs.appendFileSync(big, "MASQUERADE_AS(`example.com')dnl\n");
    keystroke(svc, uri, 7);
    assert.ok(!svc.diagnostics(uri).some((d) => d.code === 'mc.needs-feature'), 'the new content is used');
    assert.strictEqual(reads.get(big), 2);
  });

  it('a virtusertable whose mc includes a big file: one read over five keystrokes', () => {
    const big = path.join(dir, 'big2.m4');
    fs.writeFileSync(big, 'dnl a line of an included file\n'.repeat(200000));
    fs.writeFileSync(path.join(dir, 'sendmail.mc'), `${HEAD}include(\`${big}')dnl\nFEATURE(\`virtusertable')dnl\nMAILER(\`local')dnl\nMAILER(\`smtp')dnl\n`);
    const vt = path.join(dir, 'virtusertable');
    fs.writeFileSync(vt, 'info@example.com\tbob\n');
    const { ws, reads } = counting();
    const svc = new LanguageService(ws);
    const uri = 'file://' + vt;
    svc.open(uri, 'sendmail-virtusertable', 1, 'info@example.com\tbob\n');
    svc.diagnostics(uri);
    for (let v = 2; v <= 6; v++) { keystroke(svc, uri, v); svc.diagnostics(uri); }
    assert.strictEqual(reads.get(big), 1);
  });
});
