// The mailq / sendmail -bp reader (client/src/queue/parse.ts): the outputs below are what the
// real sendmail 8.17 printed for the loopback world's queues (realQueue.test.ts produces them
// live), plus the lines a non-root user gets; and no input makes it throw.
import * as assert from 'node:assert/strict';
import { parseQueue, queuedAt, ageText, entryAge, isDeferred, bareAddress } from '../../../client/src/queue/parse';
import { queueIdProblem, queueArgs, retryArgs, deferredCount } from '../../../client/src/queue';

const DEFERRED = [
  '\t\t/var/spool/mqueue (2 requests)',
  '-----Q-ID----- --Size-- -----Q-Time----- ------------Sender/Recipient-----------',
  '6B28D8YN002450        3 Wed Dec  2 08:13 <alice@host10.example.test>',
  '                 (Deferred: Connection timed out with silent.example.test.)',
  '\t\t\t\t\t <bob@refuse.test>',
  '\t\t\t\t\t <carol@silent.test>',
  '6B28DaBi003386*      13 Wed Dec  2 08:14 <carl@host10.example.test>',
  '     QUARANTINE: testing quarantine',
  '                 (Deferred: Connection refused by refuse.example.test.)',
  '\t\t\t\t\t <x@refuse.test>',
  '\t\tTotal requests: 2', ''].join('\n');

describe('queue: parse mailq / sendmail -bp', () => {
  it('reads ids, marks, size, time, sender, status, quarantine and recipients', () => {
    const l = parseQueue(DEFERRED);
    assert.deepEqual(l.queues, [{ dir: '/var/spool/mqueue', requests: 2 }]);
    assert.equal(l.total, 2);
    assert.deepEqual(l.other, []);
    assert.equal(l.permissionDenied, false);
    const [a, b] = l.entries;
    assert.deepEqual(a, { id: '6B28D8YN002450', queue: '/var/spool/mqueue', mark: undefined, size: 3, priority: undefined, time: 'Wed Dec 2 08:13',
      sender: '<alice@host10.example.test>', status: 'Deferred: Connection timed out with silent.example.test.', recipients: [{ address: '<bob@refuse.test>' }, { address: '<carol@silent.test>' }] });
    assert.equal(b.mark, 'locked');
    assert.equal(b.quarantine, 'testing quarantine');
    assert.equal(b.status, 'Deferred: Connection refused by refuse.example.test.');
    assert.deepEqual(b.recipients.map((r) => bareAddress(r.address)), ['x@refuse.test']);
    assert.ok(isDeferred(a) && isDeferred(b));
    // Any status left by a failed attempt counts (the real world printed "reply: read error from ..."); none: not tried yet.
    assert.ok(isDeferred({ ...a, status: 'reply: read error from silent.example.test.' }));
    assert.ok(!isDeferred({ ...a, status: undefined }));
  });

  it('verbose listing (-v: priority, shorter time), empty queues, several queue folders', () => {
    const v = parseQueue(['\t\t/q (1 request)', '-----Q-ID----- --Size-- -Priority- ---Q-Time--- --------Sender/Recipient--------',
      '6B28D8YN002450        3      60095 Dec  2 08:13 <alice@h.example>', '                 (8BITMIME)', '\t\t\t\t\t\t<bob@x.example>', '\t\tTotal requests: 1'].join('\n'));
    assert.deepEqual([v.entries[0].priority, v.entries[0].time, v.entries[0].bodyType, v.entries[0].status], [60095, 'Dec 2 08:13', '8BITMIME', undefined]);
    const e = parseQueue('/var/spool/mqueue is empty\n\t\tTotal requests: 0\n');
    assert.deepEqual([e.queues, e.entries, e.total], [[{ dir: '/var/spool/mqueue', requests: 0 }], [], 0]);
    const two = parseQueue('\t\t/q/a (1 request)\n6B28D8YN002450-       3 Wed Dec  2 08:13 <a@b.example>\n\t\t\t\t\t <c@d.example>\n/q/b is empty\n\t\tTotal requests: 1\n');
    assert.deepEqual(two.entries.map((x) => [x.queue, x.mark]), [['/q/a', 'too-young']]);
    assert.equal(two.queues.length, 2);
  });

  it('a non-root user: entries sendmail could not read, and error lines, mean permission denied', () => {
    const l = parseQueue('\t\t/var/spool/mqueue (2 requests)\n-----Q-ID----- --Size-- -----Q-Time----- ------------Sender/Recipient-----------\n6B284qkM022308 (Permission denied)\n6B27vQQE013989 (Permission denied)\n\t\tTotal requests: 2\n');
    assert.deepEqual(l.entries.map((x) => [x.id, x.unreadable]), [['6B284qkM022308', 'Permission denied'], ['6B27vQQE013989', 'Permission denied']]);
    assert.equal(l.permissionDenied, true);
    // What the real sendmail 8.17 says to user nobody when the queue folder is root's (realQueue.test.ts): stdout, then stderr.
    assert.equal(parseQueue('can not chdir(/var/spool/mqueue/): Permission denied\n').permissionDenied, true);
    assert.equal(parseQueue('Program mode requires special privileges, e.g., root or TrustedUser.\n').permissionDenied, true);
    const err = parseQueue('/etc/mail/sendmail.cf: line 0: cannot open: Permission denied\n');
    assert.equal(err.permissionDenied, true);
    assert.deepEqual(err.other, ['/etc/mail/sendmail.cf: line 0: cannot open: Permission denied']);
  });

  it('never throws, on any input', () => {
    const samples = ['', '\n\n', '(', ')', '\t\t', 'Total requests: x', '6B28D8YN002450', '6B28D8YN002450        3 Wed Dec  2 08:13', '\t\t\t <a>\n(Deferred)',
      '\u0000\u0001\uffff', 'x'.repeat(100_000), DEFERRED.slice(0, 123), DEFERRED.replace(/\n/g, '\r\n')];
    for (let i = 0; i < 300; i++) samples.push(DEFERRED.split('').sort(() => Math.random() - 0.5).join('').slice(0, 400));
    for (const s of samples) assert.doesNotThrow(() => parseQueue(s));
    assert.doesNotThrow(() => parseQueue(undefined as unknown as string));
    assert.deepEqual(parseQueue(DEFERRED.replace(/\n/g, '\r\n')).entries.length, 2);
  });

  it('age from the printed local time (no year: the latest such time not in the future)', () => {
    const now = new Date(2026, 11, 2, 9, 0);
    assert.equal(queuedAt('Wed Dec 2 08:13', now)?.getTime(), new Date(2026, 11, 2, 8, 13).getTime());
    assert.equal(queuedAt('Dec 31 23:00', new Date(2027, 0, 1, 1, 0))?.getFullYear(), 2026);
    assert.equal(queuedAt('garbage', now), undefined);
    assert.deepEqual(['just now', '47 min', '2 h 5 min', '3 d 1 h', '2 h'].map((x) => x),
      [ageText(10_000), ageText(47 * 60_000), ageText(125 * 60_000), ageText(73 * 3600_000), ageText(120 * 60_000)]);
    assert.equal(entryAge(parseQueue(DEFERRED).entries[0], now), '47 min');
  });

  it('queue ids are validated; the argument arrays of the listing and of Retry now', () => {
    for (const bad of ['', '-q', 'a b', '6B28;rm', '../x', 'abc', 'ä6B28D8YN', 42, undefined, 'x'.repeat(41)]) assert.ok(queueIdProblem(bad), String(bad));
    assert.equal(queueIdProblem('6B28D8YN002450'), undefined);
    assert.deepEqual(queueArgs('mta'), ['-bp']);
    assert.deepEqual(queueArgs('submit'), ['-bp', '-Ac']);
    assert.deepEqual(queueArgs('quarantine', { cfPath: '/x/sendmail.cf' }), ['-C', '/x/sendmail.cf', '-bp', '-qQ']);
    assert.deepEqual(retryArgs('6B28D8YN002450', { cfPath: '/x/sendmail.cf' }), ['-C', '/x/sendmail.cf', '-qI6B28D8YN002450', '-v']);
    const l = parseQueue(DEFERRED);
    assert.equal(deferredCount([{ kind: 'mta', ok: true, listing: l, args: [] }, { kind: 'quarantine', ok: true, listing: l, args: [] }]), 2);
  });
});
