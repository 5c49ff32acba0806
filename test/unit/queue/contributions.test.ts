// What package.json contributes for the mail queue and Diagnose delivery (issue #14): every
// command is registered by the client, those that run programs are disabled in Restricted Mode,
// the program-facing settings are machine-scoped, and the view container's icon ships.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../helpers';

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const source = ['diagnose.ts', 'diagnoseQueue.ts'].map((f) => fs.readFileSync(path.join(ROOT, 'client/src/commands', f), 'utf8')).join('\n');
const ours = (pkg.contributes.commands as { command: string; enablement?: string }[]).filter((c) => /^sendmail\.(queue\.|diagnoseDelivery$|applyDiagnosisEdits$)/.test(c.command));

describe('queue and Diagnose delivery: package.json contributions', () => {
  it('every command is registered; those that run sendmail are off in Restricted Mode', () => {
    assert.ok(ours.length >= 8);
    for (const c of ours) {
      assert.ok(source.includes(`register('${c.command}'`), `${c.command} is not registered`);
      if (c.command !== 'sendmail.queue.showLogLines') assert.equal(c.enablement, 'isWorkspaceTrusted', c.command);
    }
  });

  it('the DNS server, the time limit and the queue configuration are machine settings', () => {
    const p = pkg.contributes.configuration.properties;
    for (const k of ['sendmail.diagnose.dnsServer', 'sendmail.diagnose.timeout', 'sendmail.queue.configFile']) assert.equal(p[k]?.scope, 'machine', k);
    assert.equal(p['sendmail.queue.statusBar'].default, false);
  });

  it('the "Sendmail" activity-bar container holds the Mail Queue view; its icon exists and ships in the .vsix', () => {
    const [container] = pkg.contributes.viewsContainers.activitybar;
    assert.deepEqual([container.id, container.title], ['sendmail', 'Sendmail']);
    assert.deepEqual(pkg.contributes.views.sendmail.map((v: { id: string }) => v.id), ['sendmail.queue']);
    assert.match(fs.readFileSync(path.join(ROOT, 'client/src/queue/view.ts'), 'utf8'), /export const VIEW_ID = 'sendmail\.queue';/);
    assert.ok(fs.existsSync(path.join(ROOT, container.icon)));
    assert.match(fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8'), new RegExp(`^!${container.icon.replace('.', '\\.')}$`, 'm'));
  });
});
