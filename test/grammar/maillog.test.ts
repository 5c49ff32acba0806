// The mail log grammar: pinned lines of each timestamp format, and the shared corpus of real
// sendmail logs checked against the parser of the language service (the same timestamp,
// host, program, queue id, and a stat= outcome scope that agrees with the parser's outcome).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CORPUS, tokenize, expectScope, expectNoScope, hasScope, type Lines } from './grammar';
import { fieldOf, outcomeOf, parseLogLine } from '../../server/src/service/maillog/parse';

const S = 'source.sendmail.maillog';
const OUTCOME_SCOPES = {
  sent: 'markup.inserted.stat.sent.maillog',
  queued: 'markup.inserted.stat.sent.maillog',
  deferred: 'markup.changed.stat.deferred.maillog',
  failed: 'markup.deleted.stat.failed.maillog',
} as const;

/** Every character of [start, end) of a line carries `scope`. */
function covered(lines: Lines, n: number, start: number, end: number, scope: string): boolean {
  return lines[n].filter((t) => t.end > start && t.start < end).every((t) => hasScope(t.scopes, scope));
}

describe('mail log grammar', () => {
  it('syslog line: timestamp, host, program[pid], queue id, fields, mailer, delay, relay, dsn and a deferred stat', async () => {
    const l = await tokenize(S, ['Dec  1 22:36:14 markserver sm-mta[4811]: mAO2tx04010773: to=<user@example.com>, delay=8+03:40:15, xdelay=00:10:18, mailer=esmtp, pri=32250365, relay=example.com. [208.77.188.166], dsn=4.0.0, stat=Deferred: Connection timed out with example.com.']);
    expectScope(l, 0, 'Dec  1 22:36:14', 'constant.numeric.date.timestamp.maillog');
    expectScope(l, 0, 'markserver', 'entity.name.section.host.maillog');
    expectScope(l, 0, 'sm-mta', 'entity.name.function.program.maillog');
    expectScope(l, 0, '4811', 'constant.numeric.pid.maillog');
    expectScope(l, 0, 'mAO2tx04010773', 'constant.other.queue-id.maillog');
    expectScope(l, 0, 'to', 'entity.other.attribute-name.maillog');
    expectScope(l, 0, '<user@example.com>', 'string.unquoted.address.maillog');
    expectScope(l, 0, '8+03:40:15', 'constant.numeric.delay.maillog');
    expectScope(l, 0, 'esmtp', 'entity.name.function.mailer.maillog');
    expectScope(l, 0, 'example.com.', 'entity.name.host.relay.maillog');
    expectScope(l, 0, '208.77.188.166', 'constant.numeric.ip.maillog');
    expectScope(l, 0, '4.0.0', 'constant.numeric.dsn.maillog');
    expectScope(l, 0, 'Deferred: Connection timed out with example.com.', 'markup.changed.stat.deferred.maillog');
  });

  it('stat outcomes in distinct scopes: sent, deferred, permanent failure (by dsn class or text), rejected', async () => {
    const l = await tokenize(S, [
      'sm-mta[1]: x0000000000001: to=a, dsn=2.0.0, stat=Sent (ok)',
      'sm-mta[1]: x0000000000001: to=a, dsn=4.4.1, stat=timeout waiting for input',
      'sm-mta[1]: x0000000000001: to=a, dsn=5.1.1, stat=User unknown',
      'sm-mta[1]: x0000000000001: to=a, stat=Deferred',
      'sm-mta[1]: x0000000000001: to=a, stat=Host unknown (Name server: x: host not found)',
      'sm-mta[1]: x0000000000001: ruleset=check_rcpt, arg1=<a@b>, relay=[192.0.2.1], reject=550 5.7.1 <a@b>... Relaying denied',
    ]);
    expectScope(l, 0, 'Sent (ok)', OUTCOME_SCOPES.sent);
    expectScope(l, 1, 'timeout waiting for input', OUTCOME_SCOPES.deferred);
    expectScope(l, 2, 'User unknown', OUTCOME_SCOPES.failed);
    expectScope(l, 3, 'Deferred', OUTCOME_SCOPES.deferred);
    expectScope(l, 4, 'Host unknown (Name server: x: host not found)', OUTCOME_SCOPES.failed);
    expectScope(l, 5, '550 5.7.1 <a@b>... Relaying denied', 'markup.deleted.reject.rejected.maillog');
    expectNoScope(l, 5, 'Relaying denied', 'markup.deleted.stat');
  });

  it('RFC 3339, ISO glued to the host, Solaris [ID ...], BSD <mail.info>, <PRI> and no host', async () => {
    const l = await tokenize(S, [
      '2020-11-30T04:23:31.117593+00:00 vcenter sendmail[63191]: 0AU4NVat063189: to=<adm.vms@domain.hk>, relay=192.168.1.2, dsn=5.1.2, stat=Host unknown',
      '2019-03-27T22:22:13.222416kismet.3phase.com sm-mta[16184]: NOQUEUE: connect from kismet.3phase.com [69.94.12.143]',
      'Aug  3 03:19:02 sarcnode sendmail[12325]: [ID 801593 mail.info] r72DY20O010335: to=root, stat=Deferred: Connection refused by [127.0.0.1]',
      'Jun 17 14:37:39 <mail.info> robin sm-mta[2794]: 55HIbcGI002794: from=<root@yourhost.com>, size=108',
      '<22>Jun 26 12:02:38 sendmail[23292]: [ID 801593 mail.info] h5QG2YLj023291: h5QG2cLj023292: clone: owner=owner-whine',
      'Apr 09 09:29:47 infraportal sm-msp-queue[15093]: STARTTLS=client, relay=csf-mail.rl.ac.uk, verify=FAIL',
    ]);
    expectScope(l, 0, '2020-11-30T04:23:31.117593+00:00', 'constant.numeric.date.timestamp.maillog');
    expectScope(l, 0, 'vcenter', 'entity.name.section.host.maillog');
    expectScope(l, 1, '2019-03-27T22:22:13.222416', 'constant.numeric.date.timestamp.maillog');
    expectScope(l, 1, 'kismet.3phase.com', 'entity.name.section.host.maillog');
    expectScope(l, 1, 'NOQUEUE', 'constant.other.queue-id.maillog');
    expectNoScope(l, 1, 'kismet.3phase.com', 'entity.name.section.host', 1);
    expectScope(l, 2, 'ID', 'keyword.other.solaris-id.maillog');
    expectScope(l, 2, '801593', 'constant.numeric.solaris-id.maillog');
    expectScope(l, 2, 'mail.info', 'keyword.other.facility.maillog');
    expectScope(l, 2, 'r72DY20O010335', 'constant.other.queue-id.maillog');
    expectScope(l, 3, 'mail.info', 'keyword.other.facility.maillog');
    expectScope(l, 3, 'robin', 'entity.name.section.host.maillog');
    expectScope(l, 4, '22', 'constant.numeric.pri.maillog');
    expectScope(l, 4, 'h5QG2cLj023292', 'constant.other.queue-id.maillog');
    expectScope(l, 5, 'Apr 09 09:29:47', 'constant.numeric.date.timestamp.maillog');
    expectScope(l, 5, 'sm-msp-queue', 'entity.name.function.program.maillog');
  });

  it('lines of other programs get the header scopes only; the message never looks like a header', async () => {
    const l = await tokenize(S, ['Jan  5 00:00:01 mx postfix/smtp[123]: 4BCD12345678: to=<a@b.example>, status=sent (x[1]: y)', 'sm-mta[1]: x0000000000001: text mentions host sendmail[22]: here']);
    expectScope(l, 0, 'postfix/smtp', 'entity.name.function.program.maillog');
    expectNoScope(l, 1, 'host', 'entity.name.section.host');
    expectNoScope(l, 1, 'sendmail', 'entity.name.function.program');
  });

  describe('the shared corpus agrees with the parser', function () {
    const dir = path.join(CORPUS, 'logs');
    before(function () { if (!fs.existsSync(path.join(dir, 'MANIFEST.tsv'))) this.skip(); });

    it('program, queue id, timestamp, single-word host and the stat outcome of every line', async () => {
      let checked = 0;
      for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.log')).sort()) {
        const lines = fs.readFileSync(path.join(dir, file), 'utf8').split(/\r?\n/).filter((x) => x.trim());
        const toks = await tokenize(S, lines);
        lines.forEach((line, n) => {
          const p = parseLogLine(line);
          assert.ok(p, `${file}: ${line}`);
          const where = `${file} line ${n + 1}: ${line}`;
          assert.ok(covered(toks, n, p.program.start, p.program.start + p.program.name.length, 'entity.name.function.program.maillog'), where);
          if (p.qid) assert.ok(covered(toks, n, p.qid.start, p.qid.end, 'constant.other.queue-id.maillog'), where);
          if (p.timestamp) assert.ok(covered(toks, n, p.timestamp.start, p.timestamp.end, 'constant.numeric.date.timestamp.maillog'), where);
          if (p.host && !/\s/.test(p.host.text)) assert.ok(covered(toks, n, p.host.start, p.host.end, 'entity.name.section.host.maillog'), where);
          const stat = fieldOf(p, 'stat');
          const outcome = outcomeOf(p);
          if (stat && outcome && stat.value) assert.ok(covered(toks, n, stat.valueStart, stat.end, OUTCOME_SCOPES[outcome]), `${where}\n(${outcome})`);
          checked++;
        });
      }
      assert.equal(checked, 760);
    });
  });
});
