// Hovers that explain a value: DAEMON_OPTIONS (where the daemon listens, who can connect; the
// reading of the m4 argument is checked against the O DaemonPortOptions lines real m4 writes to
// sendmail.cf) and the words of confPRIVACY_FLAGS / confDONT_BLAME_SENDMAIL.
import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { describeDaemon, parseDaemonOptions } from '../../../server/src/service/mc/daemonOptions';
import { openDoc } from '../helpers';

const DEBIAN_MC = '/usr/share/sendmail/cf/debian/sendmail.mc';
const hoverAt = (text: string, needle: string) => {
  const { svc, uri } = openDoc('sendmail-mc', text);
  const offset = text.indexOf(needle) + 1;
  const line = text.slice(0, offset).split('\n').length - 1;
  const character = offset - text.lastIndexOf('\n', offset - 1) - 1;
  const h = svc.hover(uri, { line, character });
  return (h?.contents as { value: string } | undefined)?.value ?? '';
};

describe('mc: DAEMON_OPTIONS and list-option words explained', () => {
  it('reads keys by their first letter, as sendmail does', () => {
    assert.deepStrictEqual(parseDaemonOptions('Family=inet,  Name=MSP-v4, Port=submission, M=Ea, Addr=127.0.0.1'),
      { family: 'inet', name: 'MSP-v4', port: 'submission', modifiers: 'Ea', addr: '127.0.0.1' });
    assert.strictEqual(parseDaemonOptions('Address=10.0.0.5').addr, '10.0.0.5');
  });

  it('a loopback daemon: no other host can deliver here, and how to change that', () => {
    const md = describeDaemon('Family=inet,  Name=MTA-v4, Port=smtp, Addr=127.0.0.1');
    assert.match(md, /port 25 \(smtp\) on 127\.0\.0\.1 \(loopback\) only/);
    assert.match(md, /no other host can deliver mail here/);
    assert.match(md, /remove `Addr=127\.0\.0\.1`/);
    assert.match(describeDaemon('Family=inet6, Port=smtp, Addr=::1'), /loopback/);
  });

  it('every address, one interface, modifiers and local sockets', () => {
    assert.match(describeDaemon('Port=smtp, Name=MTA'), /every IPv4 address of this machine: other hosts can connect/);
    assert.match(describeDaemon('Port=587, Addr=192.0.2.10'), /port 587 on 192\.0\.2\.10 only/);
    const msa = describeDaemon('Port=submission, M=Ea, Name=MSA');
    assert.match(msa, /port 587 \(submission\)/);
    assert.match(msa, /`a` requires AUTH/);
    assert.match(msa, /`E` refuses ETRN/);
    assert.match(describeDaemon('Family=local, Addr=/var/run/sendmail.sock'), /local socket `\/var\/run\/sendmail\.sock`/);
  });

  it('hover on a DAEMON_OPTIONS line of a sendmail.mc says it, on the name and in the arguments', () => {
    const text = "include(`/usr/share/sendmail/cf/m4/cf.m4')dnl\nDAEMON_OPTIONS(`Family=inet,  Name=MTA-v4, Port=smtp, Addr=127.0.0.1')dnl\nMAILER(`smtp')dnl\n";
    assert.match(hoverAt(text, 'DAEMON_OPTIONS'), /no other host can deliver mail here[\s\S]*---/);
    assert.match(hoverAt(text, 'smtp, Addr'), /^\*\*Daemon `MTA-v4`\*\* listens on port 25/);
    assert.doesNotMatch(hoverAt(text, "smtp')dnl\n"), /Daemon/, 'MAILER(`smtp`) keeps its own hover');
  });

  it('hover on a word of confPRIVACY_FLAGS / confDONT_BLAME_SENDMAIL says what it does', () => {
    const text = "include(`/usr/share/sendmail/cf/m4/cf.m4')dnl\ndefine(`confPRIVACY_FLAGS', ``authwarnings,novrfy,goaway'')dnl\ndefine(`confDONT_BLAME_SENDMAIL', `TrustStickyBit,LinkedMapInWritableDir')dnl\n";
    assert.match(hoverAt(text, 'novrfy'), /PrivacyOptions: `novrfy`\*\* — Refuses VRFY/);
    assert.match(hoverAt(text, 'goaway'), /Shorthand for almost everything/);
    assert.match(hoverAt(text, 'TrustStickyBit'), /sticky world-writable directory/);
    assert.match(hoverAt(text, 'LinkedMapInWritableDir'), /relaxes one of sendmail's file-safety checks/);
  });

  it('completion inside a list option offers its words, without those already there', () => {
    const text = "include(`/usr/share/sendmail/cf/m4/cf.m4')dnl\ndefine(`confPRIVACY_FLAGS', `authwarnings,no";
    const { svc, uri } = openDoc('sendmail-mc', text);
    const labels = svc.completion(uri, { line: 1, character: text.split('\n')[1].length }).map((c) => c.label);
    assert.ok(labels.includes('novrfy') && labels.includes('goaway'), labels.join(','));
    assert.ok(!labels.includes('authwarnings'), 'already listed');
    assert.ok(!labels.includes('TrustStickyBit'), 'a DontBlameSendmail word does not belong here');
  });

  it('reads the argument as m4 passes it: same keys as the O DaemonPortOptions lines of the generated cf', function () {
    if (!fs.existsSync(DEBIAN_MC) || spawnSync('m4', ['--version']).status !== 0) this.skip();
    const mc = fs.readFileSync(DEBIAN_MC, 'utf8');
    const r = spawnSync('m4', [DEBIAN_MC], { cwd: '/usr/share/sendmail/cf/debian', encoding: 'utf8' });
    const cfLines = [...r.stdout.matchAll(/^O DaemonPortOptions=(.*)$/gm)].map((m) => parseDaemonOptions(m[1]));
    const mcLines = [...mc.matchAll(/^DAEMON_OPTIONS\(`([^']*)'\)/gm)].map((m) => parseDaemonOptions(m[1]));
    assert.ok(cfLines.length >= 2, r.stderr);
    assert.deepStrictEqual(cfLines, mcLines);
  });
});
