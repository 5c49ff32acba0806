// Restricted Mode: the Mail Queue view and Diagnose delivery run nothing. sendmail is pointed
// at a script that leaves a mark when it runs; the view is shown (it would list the queue at
// once), and Refresh, Retry now and Diagnose delivery are called: they refuse, and no mark appears.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';

describe('mail queue and Diagnose delivery in Restricted Mode', () => {
  let dir = '';
  let old: unknown;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sendmail-e2e-restricted-'));
    const script = path.join(dir, 'sendmail');
    fs.writeFileSync(script, `#!/bin/sh\ntouch "${dir}/ran"\n`, { mode: 0o755 });
    const c = vscode.workspace.getConfiguration('sendmail');
    old = c.inspect('paths.sendmail')?.globalValue;
    await c.update('paths.sendmail', script, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await vscode.workspace.getConfiguration('sendmail').update('paths.sendmail', old, vscode.ConfigurationTarget.Global);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the view shows, the commands refuse, and sendmail never runs', async () => {
    assert.strictEqual(vscode.workspace.isTrusted, false);
    await vscode.commands.executeCommand('sendmail.queue.focus');
    await new Promise((r) => setTimeout(r, 2000));
    const calls: [string, ...unknown[]][] = [
      ['sendmail.queue.refresh'], ['sendmail.queue.retryNow', 'ABCDEF123456'], ['sendmail.diagnoseDelivery', dir, 'postmaster@example.com'],
      ['sendmail.queue.listWithSudo', 'mta'], ['sendmail.applyDiagnosisEdits', path.join(dir, 'sendmail.mc'), []],
    ];
    for (const [id, ...args] of calls) {
      const r = await vscode.commands.executeCommand<{ ok: boolean; reason?: string }>(id, ...args);
      assert.strictEqual(r.ok, false, id);
      assert.match(String(r.reason), /not trusted/, id);
    }
    assert.ok(!fs.existsSync(path.join(dir, 'ran')), 'sendmail was run');
  });
});
