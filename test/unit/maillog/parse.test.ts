// The mail log parser on the shared corpus of real sendmail log excerpts (every line parses,
// queue ids and fields where present), pinned lines of each timestamp format, the field
// helpers, and hostile input (binary junk, a 10 MB line, half-written lines).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CORPUS } from '../helpers';
import {
  fieldOf, isQueueId, looksLikeMailLog, outcomeOf, parseDelay, parseLogLine, relayParts, splitAddresses, summarizeAt, summarizeLine, type LogLine,
} from '../../../server/src/service/maillog/parse';

const LOGS = path.join(CORPUS, 'logs');
const haveCorpus = fs.existsSync(path.join(LOGS, 'MANIFEST.tsv'));

/** The corpus files with their MANIFEST format and lines (line ends removed, blank lines dropped). */
function corpus(): { file: string; format: string; lines: string[] }[] {
  const rows = fs.readFileSync(path.join(LOGS, 'MANIFEST.tsv'), 'utf8').split('\n').slice(1).filter(Boolean).map((r) => r.split('\t'));
  return rows.map(([file, , , format]) => ({ file, format, lines: fs.readFileSync(path.join(LOGS, file), 'utf8').split(/\r?\n/).filter((l) => l.trim()) }));
}

const parsed = (line: string): LogLine => {
  const p = parseLogLine(line);
  assert.ok(p, `not parsed: ${line}`);
  return p;
};
const fields = (p: LogLine) => Object.fromEntries(p.fields.map((f) => [f.key, f.value]));

describe('maillog: parser', () => {
  describe('the shared corpus (/work/shared/corpus/logs)', function () {
    before(function () { if (!haveCorpus) this.skip(); });

    it('has the 37 files and 760 lines the MANIFEST lists', () => {
      const files = corpus();
      assert.equal(files.length, 37);
      assert.equal(files.reduce((n, f) => n + f.lines.length, 0), 760);
    });

    it('parses every line of every file (all are sendmail lines), never throwing', () => {
      for (const { file, lines } of corpus()) for (const l of lines) assert.ok(parseLogLine(l), `${file}: ${l}`);
    });

    it('finds the queue id wherever one follows program[pid]: (and the Solaris id)', () => {
      let qids = 0;
      for (const { file, lines } of corpus()) {
        for (const l of lines) {
          const m = /\w\[\d+\]: (?:\[ID \d+ [\w.]+\] )?([A-Za-z0-9]{8,20}|NOQUEUE): /.exec(l);
          const p = parsed(l);
          if (m && isQueueId(m[1])) { qids++; assert.equal(p.qid?.text, m[1], `${file}: ${l}`); assert.equal(l.slice(p.qid!.start, p.qid!.end), m[1]); }
          if (!m) assert.equal(p.qid, undefined, `${file}: ${l}`);
        }
      }
      assert.ok(qids > 600, `only ${qids} queue ids`);
    });

    it('reads the key=value fields: each ", key=" of a line is a field, stat= and reject= run to the end', () => {
      for (const { file, lines } of corpus()) {
        for (const l of lines) {
          const p = parsed(l);
          if (/^SYSERR/.test(p.message.text)) continue;
          for (const m of l.matchAll(/, ([A-Za-z][A-Za-z0-9_]*)=/g)) {
            const inReject = /reject=/.test(l.slice(0, m.index)) || /stat=/.test(l.slice(0, m.index));
            if (!inReject) assert.ok(p.fields.some((f) => f.key === m[1]), `${file}: no ${m[1]} in ${l}`);
          }
          const stat = /stat=(.*)$/.exec(l);
          if (stat) assert.equal(fieldOf(p, 'stat')?.value, stat[1].replace(/\s+$/, ''), `${file}: ${l}`);
          for (const f of p.fields) assert.equal(l.slice(f.valueStart, f.end), f.value, `${file}: offsets of ${f.key}`);
        }
      }
    });

    it('the fast summary the document state uses agrees with the full parse on every line', () => {
      for (const { file, lines } of corpus()) {
        for (const l of lines) {
          const p = parsed(l);
          const s = summarizeLine(l);
          assert.deepEqual(s, { qid: p.qid?.text, to: fieldOf(p, 'to')?.value, outcome: outcomeOf(p), gaveUp: s?.gaveUp }, `${file}: ${l}`);
          assert.equal(s?.gaveUp, /^(sender notify: Cannot send message|return to sender:)/.test(p.message.text), `${file}: ${l}`);
          // Read in place from a bigger text, as the state reads its lines.
          const big = `x\n${l}\r\nJan  5 00:00:00 y sm-mta[2]: q0000000000002: to=z\n`;
          assert.deepEqual(summarizeAt(big, 2, 2 + l.length + 2), s, `${file}: in place`);
        }
      }
    });

    it('gives each file the timestamp style of its MANIFEST format', () => {
      for (const { file, format, lines } of corpus()) {
        const styles = new Set(lines.map((l) => parsed(l).timestamp?.style ?? 'none'));
        if (format === 'rfc3339') assert.deepEqual([...styles], ['rfc3339'], file);
        if (format === 'solaris') assert.ok(lines.every((l) => parsed(l).solarisId?.facility.startsWith('mail.')), file);
        if (format === 'bsd' || format === 'linux-syslog') assert.ok([...styles].every((s) => s === 'syslog' || s === 'journal'), `${file}: ${[...styles]}`);
      }
      const styleOf = (prefix: string) => new Set(corpus().find((f) => f.file.startsWith(prefix))!.lines.map((l) => parsed(l).timestamp?.style));
      assert.deepEqual([...styleOf('016-')], ['iso']);
      assert.deepEqual([...styleOf('022-')], ['journal']);
      assert.deepEqual([...styleOf('034-')], ['rfc3339']);
    });
  });

  describe('pinned lines, one or more per format', () => {
    it('classic syslog delivery: host, program, qid, multi-recipient to=, relay [ip] [ip], stat with commas and spaces', () => {
      const l = 'Apr  2 00:15:25 mta001 sendmail[32302]: u31FFPtp032300: to=<sent1@example.com>,<sent2@example.com>, delay=00:00:00, xdelay=00:00:00, mailer=esmtp, pri=245938, relay=[93.184.216.34] [93.184.216.34], dsn=2.0.0, stat=Sent (ok:  Message 40279894 accepted)';
      const p = parsed(l);
      assert.deepEqual([p.timestamp?.text, p.timestamp?.style, p.host?.text, p.program.name, p.program.pid, p.qid?.text], ['Apr  2 00:15:25', 'syslog', 'mta001', 'sendmail', '32302', 'u31FFPtp032300']);
      assert.deepEqual(fields(p), {
        to: '<sent1@example.com>,<sent2@example.com>', delay: '00:00:00', xdelay: '00:00:00', mailer: 'esmtp', pri: '245938',
        relay: '[93.184.216.34] [93.184.216.34]', dsn: '2.0.0', stat: 'Sent (ok:  Message 40279894 accepted)',
      });
      assert.deepEqual(splitAddresses(fieldOf(p, 'to')!.value).map((a) => a.address), ['sent1@example.com', 'sent2@example.com']);
      assert.deepEqual(relayParts(fieldOf(p, 'relay')!.value), { host: undefined, ip: '93.184.216.34', forged: false });
      assert.equal(outcomeOf(p), 'sent');
    });

    it('the issue\'s line: no timestamp and no host, 14-character qid, host. [ip] relay, Deferred', () => {
      const p = parsed('sm-mta[1517]: oBMH9mVv001357: to=recipient@domain.com, relay=pmx0.isp.net [69.145.248.1], dsn=4.0.0, stat=Deferred: Connection timed out');
      assert.deepEqual([p.timestamp, p.host, p.program.name, p.qid?.text], [undefined, undefined, 'sm-mta', 'oBMH9mVv001357']);
      assert.equal(fieldOf(p, 'stat')?.value, 'Deferred: Connection timed out');
      assert.deepEqual(relayParts('pmx0.isp.net. [69.145.248.1]'), { host: 'pmx0.isp.net', ip: '69.145.248.1', forged: false });
      assert.equal(outcomeOf(p), 'deferred');
    });

    it('15-character qid with a 7-digit pid; AUTH failure fields after free text; (may be forged)', () => {
      const p = parsed('Feb 25 04:02:28 relay1 sendmail[16665]: 06I02CNi016765: AUTH failure (LOGIN): authentication failure (-13) SASL(-13): authentication failure: checkpass failed, user=criminal, relay=[192.0.2.100], relay=[192.0.2.4] (may be forged)');
      assert.equal(p.qid?.text, '06I02CNi016765');
      assert.match(p.text.text, /^AUTH failure \(LOGIN\): .*checkpass failed,$/);
      assert.deepEqual(p.fields.map((f) => [f.key, f.value]), [['user', 'criminal'], ['relay', '[192.0.2.100]'], ['relay', '[192.0.2.4] (may be forged)']]);
      assert.equal(relayParts(p.fields[2].value).forged, true);
      assert.equal(parsed('Feb 24 14:00:01 server sendmail[3529566]: xA32R2PQ3529566: [192.0.2.2]: possible SMTP attack: command=AUTH, count=5').qid?.text, 'xA32R2PQ3529566');
    });

    it('RFC 3339 with fraction and zone; a bare-IP relay; Host unknown', () => {
      const p = parsed('2020-11-30T04:23:31.117593+00:00 vcenter sendmail[63191]: 0AU4NVat063189: to=<adm.vms@domain.hk>, delay=00:00:00, xdelay=00:00:00, mailer=relay, pri=120870, relay=192.168.1.2, dsn=5.1.2, stat=Host unknown (Name server: 192.168.1.2: host not found)');
      assert.deepEqual([p.timestamp?.text, p.timestamp?.style, p.host?.text], ['2020-11-30T04:23:31.117593+00:00', 'rfc3339', 'vcenter']);
      assert.deepEqual(relayParts(fieldOf(p, 'relay')!.value), { host: undefined, ip: '192.168.1.2', forged: false });
      assert.equal(outcomeOf(p), 'failed');
    });

    it('ISO without zone glued to the host (journal export), NOQUEUE', () => {
      const p = parsed('2019-03-27T22:22:13.222416kismet.3phase.com sm-mta[16184]: NOQUEUE: connect from kismet.3phase.com [69.94.12.143]');
      assert.deepEqual([p.timestamp?.text, p.timestamp?.style, p.host?.text, p.qid?.text, p.message.text], ['2019-03-27T22:22:13.222416', 'iso', 'kismet.3phase.com', 'NOQUEUE', 'connect from kismet.3phase.com [69.94.12.143]']);
    });

    it('journal short format (zero-padded day), STARTTLS=client fields without a qid', () => {
      const p = parsed('Apr 09 09:29:47 infraportal.stfc.ac.uk sm-msp-queue[15093]: STARTTLS=client, relay=csf-mail.rl.ac.uk, version=TLSv1/SSLv3, verify=FAIL, cipher=ECDHE-RSA-AES256-GCM-SHA384, bits=256/256');
      assert.deepEqual([p.timestamp?.style, p.program.name, p.qid], ['journal', 'sm-msp-queue', undefined]);
      assert.deepEqual(fields(p), { STARTTLS: 'client', relay: 'csf-mail.rl.ac.uk', version: 'TLSv1/SSLv3', verify: 'FAIL', cipher: 'ECDHE-RSA-AES256-GCM-SHA384', bits: '256/256' });
    });

    it('Solaris [ID 801593 mail.info], raw <PRI> without host, two queue ids', () => {
      const p = parsed('<22>Jun 26 12:02:38 sendmail[23292]: [ID 801593 mail.info] h5QG2YLj023291: h5QG2cLj023292: clone: owner=owner-whine');
      assert.deepEqual([p.pri?.text, p.timestamp?.text, p.host, p.solarisId?.id, p.solarisId?.facility, p.qid?.text, p.qid2?.text], ['<22>', 'Jun 26 12:02:38', undefined, '801593', 'mail.info', 'h5QG2YLj023291', 'h5QG2cLj023292']);
      const s = parsed('Aug  3 03:19:02 sarcnode sendmail[12325]: [ID 801593 mail.info] r72DY20O010335: to=root, delay=03:45:00, xdelay=00:00:00, mailer=relay, pri=1381565, relay=[127.0.0.1] [127.0.0.1], dsn=4.0.0, stat=Deferred: Connection refused by [127.0.0.1]');
      assert.deepEqual([s.host?.text, s.qid?.text, fieldOf(s, 'to')?.value], ['sarcnode', 'r72DY20O010335', 'root']);
    });

    it('BSD <mail.info> before the host', () => {
      const p = parsed('Jun 17 14:37:39 <mail.info> robin sm-mta[2794]: 55HIbcGI002794: from=<root@yourhost.com>, size=108, class=0, nrcpts=0, proto=ESMTP, daemon=MTA-v4, relay=[192.168.1.45]');
      assert.deepEqual([p.facility?.text, p.host?.text, p.qid?.text, fieldOf(p, 'daemon')?.value], ['mail.info', 'robin', '55HIbcGI002794', 'MTA-v4']);
    });

    it('a line that lost its comma before ctladdr= still splits the fields; "sender notify" carries two qids', () => {
      const p = parsed('Jan 29 15:40:01 XXXXX-SERVER sm-msp-queue[7335]: o0T0017D008442: to=XXXXX ctladdr=XXXXXX (1000/1000), delay=15:40:00, xdelay=00:00:00, mailer=relay, pri=4350427, relay=[127.0.0.1] [127.0.0.1], dsn=4.0.0, stat=Deferred: Connection refused by [127.0.0.1]');
      assert.deepEqual([fieldOf(p, 'to')?.value, fieldOf(p, 'ctladdr')?.value], ['XXXXX', 'XXXXXX (1000/1000)']);
      const n = parsed('Dec  1 22:36:14 markserver sm-mta[4811]: mAO2tx04010773: mB26PuEl004811: sender notify: Cannot send message for 5 days');
      assert.deepEqual([n.qid?.text, n.qid2?.text, n.text.text, n.fields], ['mAO2tx04010773', 'mB26PuEl004811', 'sender notify: Cannot send message for 5 days', []]);
    });

    it('lines of other programs and non-log text are not sendmail lines', () => {
      for (const l of ['Jan  5 00:00:01 mx postfix/smtp[123]: 4BCD1234: to=<a@b>, status=sent', 'Jan  5 00:00:01 mx CRON[12]: (root) CMD (x)', '', 'plain text', 'sendmail.mc: define(`SMART_HOST\', `x\')']) {
        assert.equal(parseLogLine(l), undefined, l);
      }
    });
  });

  describe('helpers', () => {
    it('queue ids: 8.12+ forms and NOQUEUE, not words or numbers', () => {
      for (const q of ['oBMH9mVv001357', 'xA32R2PQ3529566', '0397TlbO013757', 'NOQUEUE', 'PAA12345']) assert.ok(isQueueId(q), q);
      for (const q of ['Deferred', '20240101', 'STARTTLS', 'abc', 'sendmail']) assert.ok(!isQueueId(q), q);
    });
    it('delays and addresses', () => {
      assert.deepEqual(parseDelay('1+05:19:58'), { days: 1, hours: 5, minutes: 19, seconds: 58 });
      assert.deepEqual(parseDelay('00:00:15'), { days: 0, hours: 0, minutes: 0, seconds: 15 });
      assert.equal(parseDelay('soon'), undefined);
      assert.deepEqual(splitAddresses('Vasya <UnixAppDev@Gmail.com>').map((a) => a.address), ['unixappdev@gmail.com']);
      assert.deepEqual(splitAddresses('"Doe, John" <j@x.example>,<k@y.example>,').map((a) => a.address), ['j@x.example', 'k@y.example']);
    });
    it('recognises a log by its first lines', () => {
      assert.ok(looksLikeMailLog('Jan  5 10:00:01 mx sm-mta[1]: started\n'));
      assert.ok(looksLikeMailLog('x\ny\nsm-msp-queue[7335]: o0T401sX008943: to=a\n'));
      assert.ok(!looksLikeMailLog('divert(-1)\ninclude(`cf.m4\')\n'));
    });
  });

  describe('hostile input', () => {
    it('binary junk, control characters and half-written lines never throw', () => {
      let seed = 7;
      const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
      const base = 'Jan  5 00:14:41 mx sm-mta[18904]: jB848V6w012563: to=<u@h.com>, delay=04:06:11, relay=relay [10.1.2.3], dsn=4.0.0, stat=Deferred: x';
      for (let i = 0; i < 3000; i++) {
        const junk = Array.from({ length: Math.floor(rnd() * 200) }, () => String.fromCharCode(Math.floor(rnd() * 0x3000))).join('');
        const cut = base.slice(0, Math.floor(rnd() * base.length));
        for (const l of [junk, cut, cut + junk, junk + base, base.replace(/=/g, junk.slice(0, 3))]) {
          const p = parseLogLine(l);
          if (p) { outcomeOf(p); for (const f of p.fields) { splitAddresses(f.value); relayParts(f.value); parseDelay(f.value); } }
        }
      }
    });

    it('a 10 MB line is read in linear time (only its start)', () => {
      const huge = 'Jan  5 00:14:41 mx sm-mta[1]: jB848V6w012563: to=' + 'a'.repeat(10 * 1024 * 1024);
      const other = 'x'.repeat(10 * 1024 * 1024) + ' sm-mta[1]: jB848V6w012563: a=b';
      const equals = 'Jan  5 00:14:41 mx sm-mta[1]: jB848V6w012563: ' + 'k=,'.repeat(3 * 1024 * 1024);
      const t = Date.now();
      assert.equal(parseLogLine(huge)?.qid?.text, 'jB848V6w012563');
      assert.equal(parseLogLine(other), undefined);
      assert.ok(parseLogLine(equals));
      assert.ok(Date.now() - t < 2000, `took ${Date.now() - t} ms`);
    });
  });
});
