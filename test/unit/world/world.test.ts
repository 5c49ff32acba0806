// The test mail world itself: each of its hosts plays its part (accepts, refuses, never greets,
// does not resolve), the senders' syslog files get sendmail's lines, and stop() leaves no
// process and no file behind.
import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MailWorld, DOMAIN, skipUnlessWorld, smtpConversation } from './index';
import { syslogLine } from './syslog';
import { hostMc } from './sendmailHost';
import { isLoopback } from './smtp';
import { routedLogs, RECIPIENTS, FROM } from './routedLogs';

const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };

describe('test mail world: pure parts', () => {
  it('turns a syslog(3) record into a classic syslog line with the host name', () => {
    assert.strictEqual(syslogLine('<22>Dec  2 07:13:58 sm-mta[7051]: hello there\n', 'mail'), 'Dec  2 07:13:58 mail sm-mta[7051]: hello there');
    assert.strictEqual(syslogLine('not syslog', 'mail'), undefined);
  });

  it('talks SMTP to loopback addresses only', async () => {
    assert.ok(isLoopback('127.1.2.3') && isLoopback('::1'));
    assert.ok(!isLoopback('192.0.2.1') && !isLoopback('10.255.255.53'));
    await assert.rejects(smtpConversation('192.0.2.1', 25, ['QUIT']), /outside loopback/);
  });

  it('a host\'s mc lines: DIR is its folder, the word ADDR its address', () => {
    const mc = hostMc({ name: 'h.example.test', address: '127.9.9.10', port: 2525, mc: ["DAEMON_OPTIONS(`Port=587, Addr=ADDR, Name=MSA')dnl", "define(`confUSE_COMPRESSED_IPV6_ADDRESSES', `True')dnl", 'DIR/x'] }, '/w/h');
    assert.ok(mc.includes("DAEMON_OPTIONS(`Port=587, Addr=127.9.9.10, Name=MSA')dnl\ndefine(`confUSE_COMPRESSED_IPV6_ADDRESSES', `True')dnl\n/w/h/x\n"), mc);
  });
});

describe('test mail world: real sendmail, dnsmasq and syslog on loopback', function () {
  this.timeout(300_000);
  before(function () { skipUnlessWorld(this); });

  it('each host plays its part: accepted, refused, timed out, host unknown, MX', async () => {
    const logs = await routedLogs();
    const statOf = (lines: string[], rcpt: string) => lines.filter((l) => l.includes(`<${rcpt}>`) && / stat=/.test(l)).map((l) => /stat=(.*)$/.exec(l)![1]);
    const mx = logs.mx.lines;
    assert.match(statOf(mx, `judy@route-mx.${DOMAIN}`)[0], /^Sent \(\w+ Message accepted for delivery\)/);
    assert.ok(mx.some((l) => l.includes(`<judy@route-mx.${DOMAIN}>`) && l.includes(`relay=mx.accept.${DOMAIN}. [${logs.addresses.accept}]`)), 'delivered to the MX host');
    assert.deepStrictEqual(statOf(mx, `kim@refuse-mx.${DOMAIN}`), [`Deferred: Connection refused by refuse.${DOMAIN}.`, `Deferred: Connection refused by refuse.${DOMAIN}.`]);
    assert.deepStrictEqual(statOf(mx, `leo@silent-mx.${DOMAIN}`), [`Deferred: Connection timed out with silent.${DOMAIN}.`, `Deferred: Connection timed out with silent.${DOMAIN}.`]);
    assert.deepStrictEqual(statOf(mx, `mia@nowhere.${DOMAIN}`), [`Host unknown (Name server: nowhere.${DOMAIN}: host not found)`]);
    assert.match(statOf(mx, FROM)[0], /^Sent /, 'the DSN reached the sender');
    // The accepting host queued what it accepted.
    for (const r of [...RECIPIENTS.smartHost.to, `judy@route-mx.${DOMAIN}`]) assert.deepStrictEqual(statOf(logs.accept.lines, r), ['queued']);
    // Every line is a classic syslog line of the sender's host, and the file holds the same lines.
    assert.ok(mx.every((l) => /^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d sender-mx sm-mta\[\d+\]: /.test(l)), mx.join('\n'));
    assert.deepStrictEqual(fs.readFileSync(logs.mx.logPath, 'utf8').split('\n').filter(Boolean), mx);
  });

  it('stop() ends the daemons and dnsmasq and removes the folder', async () => {
    const world = await MailWorld.start();
    let pid = 0, dir = '';
    try {
      const host = await world.addHost({});
      pid = Number(fs.readFileSync(path.join(host.dir, 'sendmail.pid'), 'utf8').split('\n')[0]);
      dir = world.dir;
      assert.ok(alive(pid), 'the daemon runs');
      const [greeting] = await smtpConversation(host.address, world.port, ['QUIT']);
      assert.match(greeting, new RegExp(`^220 ${host.name} ESMTP Sendmail`));
    } finally { await world.stop(); }
    assert.ok(!alive(pid), 'the daemon is gone');
    assert.ok(!fs.existsSync(dir), 'the folder is gone');
    await assert.rejects(smtpConversation(world.addresses.accept, world.port, ['QUIT'], '', 5000), /ECONNREFUSED/);
  });

  it('a test process that exits without stop() takes its daemons and dnsmasq along', async () => {
    // A separate node process starts a world and exits at once; it prints the pids of its daemons and dnsmasq.
    const script = `const { MailWorld } = require(${JSON.stringify(path.join(__dirname, 'index.js'))});
      MailWorld.start().then(async (w) => { const h = await w.addHost({});
        const pid = (d) => Number(require('fs').readFileSync(d + '/sendmail.pid', 'utf8').split('\\n')[0]);
        console.log(JSON.stringify({ daemons: [pid(w.accept.dir), pid(h.dir)], dns: w.dns.pid, dir: w.dir })); process.exit(0); });`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 120_000 });
    assert.strictEqual(r.status, 0, r.stderr);
    const { daemons, dns, dir } = JSON.parse(r.stdout.trim().split('\n').pop()!) as { daemons: number[]; dns: number; dir: string };
    try {
      for (let i = 0; i < 50 && [...daemons, dns].some(alive); i++) await new Promise((res) => setTimeout(res, 100));
      assert.deepStrictEqual([...daemons, dns].filter(alive), [], 'left running');
    } finally {
      // Whatever the outcome, nothing of that world stays (daemons lead their process groups).
      for (const id of [...daemons.map((p) => -p), dns]) { try { process.kill(id, 'SIGKILL'); } catch { /* gone */ } }
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
