// runProgram's kill path with real processes: a timeout or a cancel ends the whole process
// group (a grandchild too), a child that ignores SIGTERM is killed after the grace period,
// and a program still running when our process exits does not outlive it.
// The `sh -c` scripts here are fixed test texts that start a grandchild and print its pid.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { runProgram, type RunResult } from '../../../client/src/commands/run';
import { rmrf, tempDir } from './etcMail';

/** True while `pid` runs (a zombie waiting for its reaper counts as gone). */
function alive(pid: number): boolean {
  try { process.kill(pid, 0); } catch (e) { return (e as NodeJS.ErrnoException).code !== 'ESRCH'; }
  try { return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8')); } catch { return false; }
}

async function goneWithin(pid: number, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) if (!alive(pid)) return true;
  return !alive(pid);
}

/** The run, or a failure after `ms` (the old code hung until the grandchild's `sleep 300` ended). */
function within(p: Promise<RunResult>, ms: number): Promise<RunResult> {
  let t: NodeJS.Timeout;
  return Promise.race([p, new Promise<RunResult>((_, reject) => { t = setTimeout(() => reject(new Error(`runProgram did not return within ${ms} ms`)), ms); })])
    .finally(() => clearTimeout(t));
}

const GRANDCHILD = 'sleep 300 & echo $!; wait';
const IGNORES_TERM = 'trap "" TERM; sleep 300 & echo $!; wait';

describe('commands: runProgram kills the whole program', function () {
  this.timeout(20_000);
  const started: number[] = [];
  after(() => { for (const pid of started) try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } });
  const grandchild = (r: RunResult) => { const pid = Number(r.stdout.trim()); assert.ok(pid > 1, r.stdout); started.push(pid); return pid; };

  it('a timeout ends the grandchild too', async () => {
    const r = await within(runProgram('sh', ['-c', GRANDCHILD], { timeoutMs: 300 }), 5000);
    assert.equal(r.timedOut, true);
    assert.ok(await goneWithin(grandchild(r), 1000), 'grandchild still running');
  });

  it('a cancel ends the grandchild too', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 300);
    const r = await within(runProgram('sh', ['-c', GRANDCHILD], { signal: ac.signal }), 5000);
    assert.equal(r.cancelled, true);
    assert.ok(await goneWithin(grandchild(r), 1000), 'grandchild still running');
  });

  it('a program that ignores SIGTERM is killed after the grace period', async () => {
    const t0 = Date.now();
    const r = await within(runProgram('sh', ['-c', IGNORES_TERM], { timeoutMs: 300 }), 8000);
    assert.equal(r.timedOut, true);
    assert.ok(Date.now() - t0 >= 2000, 'SIGKILL only after the grace period');
    assert.ok(await goneWithin(grandchild(r), 1000), 'grandchild still running');
  });

  it('a program still running when our process exits is ended with it', async () => {
    const dir = tempDir();
    try {
      const pidFile = path.join(dir, 'pid');
      const runJs = require.resolve('../../../client/src/commands/run');
      // A node process that starts `sleep 300` (its pid written by the fixed sh text) and exits at once.
      const script = `const { runProgram } = require(${JSON.stringify(runJs)});
        void runProgram('sh', ['-c', 'echo $$ > "$1"; exec sleep 300', 'sh', ${JSON.stringify(pidFile)}]);
        const t = setInterval(() => { try { if (require('fs').readFileSync(${JSON.stringify(pidFile)}, 'utf8').endsWith('\\n')) { clearInterval(t); process.exit(0); } } catch { /* not yet */ } }, 20);`;
      execFileSync(process.execPath, ['-e', script], { timeout: 10_000 });
      const pid = Number(fs.readFileSync(pidFile, 'utf8'));
      started.push(pid);
      assert.ok(await goneWithin(pid, 2000), 'the program outlived us');
    } finally { rmrf(dir); }
  });
});
