// The mail queue with the real sendmail (issue #14): messages queued by a host of the loopback
// mail world towards a host that refuses connections and one that never greets, so that `sendmail
// -bp` with the host's private configuration (-C) lists real deferred entries; Retry now
// (sendmail -qI<id> -v) re-attempts one, as the host's log shows; a user who may not read the
// queue gets the permission message. The commands run as the world's host (its namespace: its
// DNS, its syslog), through a small wrapper given as the sendmail program.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { listQueue, readQueues, retryNow, deferredCount, isDeferred, bareAddress } from '../../../client/src/queue';
import { MailWorld, skipUnlessWorld, DOMAIN, type SendmailHost } from '../world';
import { asHost } from '../world/namespace';
import { SENDMAIL } from '../world/sendmailHost';

/** An executable that runs the real sendmail as `host` (optionally as user nobody) with the arguments it is given. */
function hostSendmail(host: SendmailHost, file: string, asNobody = false): string {
  const { cmd, args } = asHost(host.root, asNobody ? 'setpriv' : SENDMAIL,
    asNobody ? ['--reuid=65534', '--regid=65534', '--clear-groups', SENDMAIL, '-L', host.tag] : ['-L', host.tag]);
  fs.writeFileSync(file, `#!${process.execPath}\nconst r = require('child_process').spawnSync(${JSON.stringify(cmd)}, ${JSON.stringify(args)}.concat(process.argv.slice(2)), { stdio: 'inherit' });\nprocess.exit(r.status ?? 1);\n`, { mode: 0o755 });
  return file;
}

describe('mail queue: real deferred messages in a loopback world, listed and retried', function () {
  this.timeout(300_000);
  let world: MailWorld;
  let host: SendmailHost;
  let sendmail: string;
  const log: string[] = [];
  before(async function () {
    skipUnlessWorld(this);
    world = await MailWorld.start();
    host = await world.addHost({
      mc: ["FEATURE(`mailertable')dnl"],
      files: { mailertable: `refuse.test esmtp:[refuse.${DOMAIN}]\nsilent.test esmtp:[silent.${DOMAIN}]\n` }, maps: { mailertable: 'hash' },
    });
    sendmail = hostSendmail(host, path.join(world.dir, 'host-sendmail'));
    await world.send(host, { from: `alice@${host.name}`, to: ['bob@refuse.test'] });
    await world.send(host, { from: `carol@${host.name}`, to: ['dan@silent.test', 'eve@silent.test'] });
    await host.log.waitFor((lines) => lines.filter((l) => /stat=Deferred/.test(l)).length >= 2, 60_000);
    await host.idle();
  });
  after(async () => { await world?.stop(); });

  it('sendmail -bp -C <cf> lists both messages as deferred, with sender, recipients and status', async () => {
    const r = await listQueue('mta', { sendmail, cfPath: host.cfPath, log: (l) => log.push(l) });
    assert.ok(r.ok, `${r.error} ${r.permission} ${r.run?.stderr}`);
    assert.deepEqual(r.listing.queues, [{ dir: path.join(host.dir, 'queue'), requests: 2 }]);
    const bySender = new Map(r.listing.entries.map((e) => [e.sender, e]));
    const a = bySender.get(`<alice@${host.name}>`)!;
    const c = bySender.get(`<carol@${host.name}>`)!;
    assert.equal(a.status, `Deferred: Connection refused by refuse.${DOMAIN}.`);
    // Deferred: Connection timed out with silent..., or reply: read error from silent... (what the attempt met first)
    assert.match(c.status!, new RegExp(`^(Deferred: Connection timed out with|reply: read error from) silent\\.${DOMAIN.replace('.', '\\.')}\\.$`));
    assert.ok(isDeferred(a) && isDeferred(c));
    assert.deepEqual(c.recipients.map((x) => bareAddress(x.address)).sort(), ['dan@silent.test', 'eve@silent.test']);
    assert.ok(a.size! > 0 && /\d\d:\d\d$/.test(a.time!));
    assert.equal(deferredCount([r]), 2);
    assert.ok(log.includes(`$ ${sendmail} -C ${host.cfPath} -bp`), log.join('\n'));
  });

  it('readQueues: the queue and the (empty) quarantine; a quarantined message is listed there', async () => {
    const before = await readQueues({ sendmail, cfPath: host.cfPath });
    assert.deepEqual(before.map((r) => [r.kind, r.ok, r.listing.entries.length]), [['mta', true, 2], ['quarantine', true, 0]]);
    const id = before[0].listing.entries.find((e) => e.sender === `<carol@${host.name}>`)!.id;
    const q = await host.run([`-qI${id}`, '-Qheld by the test']);
    assert.equal(q.status, 0, q.stderr);
    const after = await readQueues({ sendmail, cfPath: host.cfPath });
    assert.deepEqual(after[1].listing.entries.map((e) => [e.id, e.quarantine]), [[id, 'held by the test']]);
    assert.deepEqual(after[0].listing.entries.map((e) => e.sender), [`<alice@${host.name}>`], 'quarantined mail leaves the normal listing');
    await host.run(['-qQ', `-qI${id}`, '-Q']); // release it again (the other tests see two messages)
    assert.equal((await listQueue('mta', { sendmail, cfPath: host.cfPath })).listing.entries.length, 2);
  });

  it('Retry now: sendmail -qI<id> -v re-attempts the message (a new attempt in the log), which stays queued', async () => {
    const r = await listQueue('mta', { sendmail, cfPath: host.cfPath });
    const e = r.listing.entries.find((x) => x.sender === `<alice@${host.name}>`)!;
    const attempts = () => fs.readFileSync(host.logFile, 'utf8').split('\n').filter((l) => l.includes(`${e.id}: to=<bob@refuse.test>`) && /stat=Deferred/.test(l)).length;
    const n = attempts();
    const retry = await retryNow(e.id, { sendmail, cfPath: host.cfPath, log: (l) => log.push(l) });
    assert.ok(retry.ok, retry.error ?? retry.output);
    assert.deepEqual(retry.args, ['-C', host.cfPath, `-qI${e.id}`, '-v']);
    assert.match(retry.output, new RegExp(`Connecting to refuse\\.${DOMAIN.replace('.', '\\.')}\\. port \\d+ via esmtp`));
    assert.equal(retry.outcome, `Deferred: Connection refused by refuse.${DOMAIN}.`);
    await host.log.waitFor(() => attempts() > n, 20_000);
    const still = await listQueue('mta', { sendmail, cfPath: host.cfPath });
    assert.ok(still.listing.entries.some((x) => x.id === e.id && isDeferred(x)), 'still queued: nothing deletes mail');
    assert.ok(log.some((l) => l.includes(`-qI${e.id} -v`)), 'the run is logged');
  });

  it('Retry now refuses what is not a queue id, without running anything', async () => {
    const before = log.length;
    for (const bad of ['-bd', `${'x'}; rm -rf /`, '6B28 D8YN', '']) {
      const r = await retryNow(bad, { sendmail, cfPath: host.cfPath, log: (l) => log.push(l) });
      assert.equal(r.ok, false);
      assert.match(r.error!, /not a queue id/);
    }
    assert.equal(log.length, before);
  });

  it('a user who may not read the queue gets the permission message, not an empty queue', async () => {
    for (const d of [world.dir, path.join(world.dir, 'hosts'), host.dir]) fs.chmodSync(d, 0o755);
    fs.chmodSync(host.cfPath, 0o644);
    const nobody = hostSendmail(host, path.join(world.dir, 'nobody-sendmail'), true);
    const r = await listQueue('mta', { sendmail: nobody, cfPath: host.cfPath });
    assert.equal(r.ok, false);
    assert.ok(r.permission, JSON.stringify({ out: r.run?.stdout, err: r.run?.stderr, code: r.run?.code }));
    assert.match(r.permission!, /^Mail queue: sendmail could not read it as this user \(.*Permission denied.*\)/);
    const retry = await retryNow(r.listing.entries[0]?.id ?? 'AAAAAAAAAAAAAA', { sendmail: nobody, cfPath: host.cfPath });
    assert.equal(retry.ok, false);
    assert.ok(retry.permission, retry.output);
    assert.equal((await listQueue('mta', { sendmail, cfPath: host.cfPath })).listing.entries.length, 2, 'nothing changed');
  });
});
