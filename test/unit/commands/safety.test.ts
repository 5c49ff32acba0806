// Safety rules of the commands: address validation, shell quoting for the sudo command's log
// line (checked by running the quoted line through a real sh), machine-scoped program settings,
// restart method selection, and m4 message parsing.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { addressProblem } from '../../../client/src/commands/address';
import { shellQuote, shellLine } from '../../../client/src/commands/shellQuote';
import { restartPlan } from '../../../client/src/commands/restart';
import { parseM4Stderr } from '../../../client/src/commands/m4Diagnostics';
import { runProgram } from '../../../client/src/commands/run';
import { ROOT, rmrf, tempDir } from './etcMail';

describe('commands: safety', () => {
  it('accepts plain addresses and refuses whitespace, control characters, options and metacharacters', () => {
    for (const ok of ['postmaster@example.com', 'root', 'a.b+c@[192.0.2.1]', '<x@y.example>']) assert.equal(addressProblem(ok), undefined, ok);
    for (const bad of ['', 'a@b.example; touch /tmp/x', 'a@b\n/tryflags', 'a\x07@b', '-oQ/tmp', '/parse x', 'x'.repeat(400), 'a|b@c', '$(id)@x']) {
      assert.ok(addressProblem(bad), JSON.stringify(bad));
    }
  });

  it('quotes each argument so a real sh gives back exactly the same arguments', () => {
    const args = ["it's", 'a b', '$(touch /tmp/never)', '`id`', 'semi;colon', 'new\nline', '*', '', 'plain/path-1.0'];
    const out = execFileSync('sh', ['-c', `printf '%s\\0' ${args.map(shellQuote).join(' ')}`], { encoding: 'utf8' });
    assert.deepEqual(out.split('\0').slice(0, -1), args);
    assert.equal(shellLine(['sudo', 'make', '-C', '/etc/mail']), 'sudo make -C /etc/mail');
  });

  it('program-path settings (and the rebuild method) are machine-scoped in package.json', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const props = pkg.contributes.configuration.properties;
    for (const key of ['sendmail.paths.m4', 'sendmail.paths.sendmail', 'sendmail.paths.makemap', 'sendmail.paths.make', 'sendmail.cfDirectory', 'sendmail.rebuild.method']) {
      assert.equal(props[key]?.scope, 'machine', key);
    }
    const mine = pkg.contributes.commands.filter((c: { command: string }) => /rebuild|testRoute|verifyAddress|restartSendmail|showGeneratedCf/.test(c.command));
    assert.ok(mine.length >= 7);
    for (const c of mine) assert.equal(c.enablement, 'isWorkspaceTrusted', c.command);
  });

  it('restarts with systemctl only when systemd runs, else service, else the init script', () => {
    const has = (list: string[]) => (p: string) => list.includes(p);
    assert.deepEqual(restartPlan(has(['/usr/bin/systemctl', '/usr/sbin/service']), true), { command: '/usr/bin/systemctl', args: ['restart', 'sendmail'] });
    assert.deepEqual(restartPlan(has(['/usr/bin/systemctl', '/usr/sbin/service']), false), { command: '/usr/sbin/service', args: ['sendmail', 'restart'] });
    assert.deepEqual(restartPlan(has(['/etc/init.d/sendmail']), false), { command: '/etc/init.d/sendmail', args: ['restart'] });
    assert.equal(restartPlan(has([]), false), undefined);
  });

  it('maps m4 messages to mc lines, folds continuation lines and places feature-file errors on their FEATURE line', () => {
    const mc = "include(`/usr/share/sendmail/cf/m4/cf.m4')\nFEATURE(`mailertable')\nMAILER(`smtp')\n";
    const ps = parseM4Stderr([
      'm4:sendmail.mc:3: cannot open `x\': No such file',
      'sendmail.mc:2: *** WARNING: something odd',
      '    second line of it',
      '/usr/share/sendmail/cf/feature/mailertable.m4:20: *** ERROR: bad map',
    ].join('\n'), '/etc/mail/sendmail.mc', mc);
    assert.deepEqual(ps.map((p) => [p.line, p.severity]), [[2, 'error'], [1, 'warning'], [1, 'error']]);
    assert.match(ps[1].message, /second line of it/);
    assert.equal(ps[2].origin, '/usr/share/sendmail/cf/feature/mailertable.m4:20');
  });

  it('runs programs without a shell and can cancel them', async () => {
    const dir = tempDir();
    const marker = path.join(dir, 'never');
    const r = await runProgram('/bin/echo', [`; touch ${marker}`]);
    assert.equal(r.stdout, `; touch ${marker}\n`);
    assert.equal(fs.existsSync(marker), false);
    rmrf(dir);
    const ac = new AbortController();
    const p = runProgram('/bin/sleep', ['30'], { signal: ac.signal });
    setTimeout(() => ac.abort(), 50);
    const s = await p;
    assert.equal(s.cancelled, true);
  });
});
