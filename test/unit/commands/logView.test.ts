// What "Sendmail: Open Mail Log" shows (client/src/commands/logView.ts), on real files: the end
// of the log in whole lines, the lines a writer appends (a half-written line only once it is
// complete), a rotated or truncated log read again, filters by queue id, address and @domain,
// and the next/previous line of a message. Lines come from the shared corpus of real logs.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LogView, MAX_FILTER_LINES, messageLine, parseFilter } from '../../../client/src/commands/logView';
import { CORPUS } from '../helpers';
import { rmrf, tempDir } from './etcMail';

const CLUSTER = path.join(CORPUS, 'logs/003-clp_qidtrace-maillog-head.log');

describe('mail log view (Open Mail Log)', function () {
  let dir = '', log = '', corpus: string[] = [];
  before(function () {
    if (!fs.existsSync(CLUSTER)) this.skip();
    corpus = fs.readFileSync(CLUSTER, 'utf8').split('\n').filter(Boolean);
  });
  beforeEach(() => { dir = tempDir('sendmail-logview-'); log = path.join(dir, 'mail.log'); });
  afterEach(() => rmrf(dir));

  it('shows the end of a big log in whole lines, and nothing of a line still being written', async () => {
    fs.writeFileSync(log, corpus.join('\n') + '\nJan  5 00:14:00 a.mx.example.net sm-mta[1]: jB88DJv6');
    const max = 4000;
    const v = new LogView(log, undefined, max);
    await v.load();
    assert.ok(v.text.length <= max && v.text.length > max - 600, `${v.text.length} characters`);
    assert.ok(v.truncated);
    const shown = v.text.split('\n');
    assert.strictEqual(shown.pop(), '', 'ends with a whole line');
    assert.deepStrictEqual(shown, corpus.slice(corpus.length - shown.length), 'the last lines of the file, each whole');
    const small = new LogView(log);
    await small.load();
    assert.strictEqual(small.text, corpus.join('\n') + '\n');
    assert.ok(!small.truncated);
  });

  it('follows appended lines; a line is shown once its newline is written; multi-byte characters cut by a read survive', async () => {
    fs.writeFileSync(log, corpus.slice(0, 10).join('\n') + '\n');
    const v = new LogView(log);
    await v.load();
    assert.strictEqual(await v.refresh(), false, 'nothing new');
    const next = corpus[10];
    fs.appendFileSync(log, next.slice(0, 40));
    assert.strictEqual(await v.refresh(), false, 'half a line: not yet');
    fs.appendFileSync(log, next.slice(40) + '\n');
    assert.strictEqual(await v.refresh(), true);
    assert.strictEqual(v.text, corpus.slice(0, 11).join('\n') + '\n');
    const utf8 = Buffer.from('Jan  5 00:14:01 a.mx.example.net sm-mta[9]: jB88DJv6008128: from=<jörg@h120.com>, relay=relay_id\n');
    const cut = utf8.indexOf(Buffer.from('ö')) + 1; // inside the two bytes of ö
    fs.appendFileSync(log, utf8.subarray(0, cut));
    await v.refresh();
    fs.appendFileSync(log, utf8.subarray(cut));
    await v.refresh();
    assert.ok(v.text.endsWith(utf8.toString()), v.text.slice(-120));
  });

  it('reads a rotated or truncated log again', async () => {
    fs.writeFileSync(log, corpus.slice(0, 20).join('\n') + '\n');
    const v = new LogView(log);
    await v.load();
    fs.renameSync(log, `${log}.1`);
    assert.strictEqual(await v.refresh(), false, 'the log is gone for a moment: keep what is shown');
    fs.writeFileSync(log, corpus[50] + '\n');
    assert.strictEqual(await v.refresh(), true);
    assert.strictEqual(v.text, corpus[50] + '\n');
    fs.writeFileSync(log, ''); // truncated in place (copytruncate)
    fs.appendFileSync(log, corpus[60] + '\n');
    fs.truncateSync(log, 0);
    fs.appendFileSync(log, corpus[61].slice(0, 10) + '\n');
    assert.strictEqual(await v.refresh(), true);
    assert.strictEqual(v.text, corpus[61].slice(0, 10) + '\n');
  });

  it('filters by queue id: the lines of that message, also where it is named second (its DSN)', async () => {
    const dsn = 'Jan  5 00:14:02 b.mx.example.net sm-mta[8128]: jB88DJv6008128: jB88EJv6008200: DSN: Service unavailable';
    const other = 'Jan  5 00:14:03 b.mx.example.net sm-mta[8200]: jB88EJv6008200: to=<u218@h219.com>, delay=00:00:00, mailer=esmtp, pri=30000, relay=relay_id, dsn=2.0.0, stat=Sent (ok)';
    fs.writeFileSync(log, [...corpus, dsn, other].join('\n') + '\n');
    const v = new LogView(log, parseFilter('jB88DJv6008128'));
    await v.load();
    const expected = [...corpus, dsn].filter((l) => l.includes('jB88DJv6008128: '));
    assert.strictEqual(expected.length, 6);
    assert.strictEqual(v.text, expected.join('\n') + '\n');
    const byDsn = new LogView(log, parseFilter('jB88EJv6008200'));
    await byDsn.load();
    assert.strictEqual(byDsn.text, [dsn, other].join('\n') + '\n', 'the DSN line names the new message second');
  });

  it('filters by address and @domain: every line of the messages that mention it, and follows them', async () => {
    fs.writeFileSync(log, corpus.join('\n') + '\n');
    const qidLines = corpus.filter((l) => l.includes('jB88DJv6008128: '));
    const v = new LogView(log, parseFilter('<U121@h120.com>'));
    await v.load();
    assert.strictEqual(v.text, qidLines.join('\n') + '\n', 'the from= line after the to= lines is of the same message');
    const domain = new LogView(log, parseFilter('@H120.com'));
    await domain.load();
    assert.ok(domain.text.split('\n').filter(Boolean).every((l) => corpus.includes(l)));
    assert.ok(domain.text.startsWith(qidLines.join('\n')), domain.text);
    // Follow: a new line of a known message is added; a new message that names the address brings its earlier lines.
    const late = 'Jan  5 00:14:05 b.mx.example.net sm-mta[8128]: jB88DJv6008128: done';
    const from = 'Jan  5 00:14:06 c.mx.h2.net sm-mta[700]: jB88EAAA000700: from=<u5@h6.com>, size=100, class=0, nrcpts=1, relay=relay_id';
    const unrelated = 'Jan  5 00:14:06 c.mx.h2.net sm-mta[701]: jB88EAAA000701: from=<u6@h6.com>, size=100, class=0, nrcpts=1, relay=relay_id';
    fs.appendFileSync(log, [late, from, unrelated].join('\n') + '\n');
    assert.strictEqual(await v.refresh(), true);
    assert.strictEqual(v.text, [...qidLines, late].join('\n') + '\n');
    const to = 'Jan  5 00:14:07 c.mx.h2.net sm-mta[702]: jB88EAAA000700: to=<u121@h120.com>, delay=00:00:01, mailer=esmtp, pri=30100, relay=relay_id, dsn=4.0.0, stat=Deferred: Connection timed out';
    fs.appendFileSync(log, to + '\n');
    assert.strictEqual(await v.refresh(), true);
    assert.strictEqual(v.text, [...qidLines, late, from, to].join('\n') + '\n');
  });

  it('understands queue ids, addresses and @domains as filters, and nothing else', () => {
    assert.deepStrictEqual(parseFilter(' jB88DJv6008128 '), { kind: 'qid', value: 'jB88DJv6008128' });
    assert.deepStrictEqual(parseFilter('<Bob@Example.COM>'), { kind: 'address', value: 'bob@example.com' });
    assert.deepStrictEqual(parseFilter('root'), { kind: 'address', value: 'root' });
    assert.deepStrictEqual(parseFilter('@Example.com.'), { kind: 'domain', value: 'example.com' });
    for (const bad of ['', 'two words', 'NOQUEUE', 'a@b@c', '<>']) assert.strictEqual(parseFilter(bad), undefined, bad);
    assert.ok(MAX_FILTER_LINES >= 10_000);
  });

  it('next/previous line of the message under the cursor, skipping the other messages', () => {
    const at = (n: number) => corpus[n];
    const lines = corpus.map((l, i) => (l.includes('jB88DJv6008128: ') ? i : -1)).filter((i) => i >= 0);
    assert.strictEqual(messageLine(at, corpus.length, lines[0], 1), lines[1]);
    assert.strictEqual(messageLine(at, corpus.length, lines[2], 1), lines[3], 'over 80 lines of other messages');
    assert.strictEqual(messageLine(at, corpus.length, lines[3], -1), lines[2]);
    assert.strictEqual(messageLine(at, corpus.length, lines[lines.length - 1], 1), undefined, 'the last line of the message');
    assert.strictEqual(messageLine(at, corpus.length, lines[0], -1), undefined, 'the first line of the message');
    const noQueue = corpus.findIndex((l) => /NOQUEUE|: [a-z]/.test(l) && !/: \w{14}: /.test(l));
    if (noQueue >= 0) assert.strictEqual(messageLine(at, corpus.length, noQueue, 1), undefined);
  });
});
