// `sendmail-lint log`: the mail log per recipient domain and relay, with the configuration
// line that routes each domain. On the shared corpus of real log excerpts and on logs the real
// sendmail wrote in the test mail world (test/unit/world), plain, gzip'd and on standard
// input; as users run it (dist/cli.js in a process) and through logMode for the pure parts.
import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import { logMode } from '../../../server/src/cli/log';
import { lineTime, MAX_LINE_BYTES, parseSince, splitLines } from '../../../server/src/cli/logInput';
import { deferralReason } from '../../../server/src/cli/logSummary';
import { CORPUS, ROOT } from '../helpers';
import { skipUnlessWorld, DOMAIN } from '../world';
import { routedLogs, RECIPIENTS } from '../world/routedLogs';

const CLI = path.join(ROOT, 'dist/cli.js');
const LOGS = path.join(CORPUS, 'logs');

function cli(args: string[], input?: Buffer | string) {
  const r = spawnSync(process.execPath, [CLI, 'log', ...args], { cwd: ROOT, encoding: 'utf8', input: input ?? '', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function run(args: string[], o: { stdin?: Buffer | string; now?: Date } = {}) {
  let stdout = '', stderr = '';
  const status = await logMode(args, { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; } }, { stdin: Readable.from([Buffer.from(o.stdin ?? '')]), now: o.now });
  return { status, stdout, stderr };
}

interface Json { lines: number; sendmailLines: number; sent: number; deferred: number; bounced: number; queued: number; routes: { domain: string; relay: string; sent: number; deferred: number; bounced: number; queued: number; deferredBy: Record<string, number>; route: { text: string; path?: string; line?: number } | null }[] }

const json = (s: string) => JSON.parse(s) as Json;
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sendmail-log-cli-'));

describe('sendmail-lint log: times and reasons', () => {
  const now = new Date(2025, 0, 2, 12, 0, 0); // 2 January 2025, local time

  it('--since: durations back from now, ISO dates at local midnight, ISO date-times; anything else is refused', () => {
    assert.strictEqual(parseSince('2h', now), now.getTime() - 2 * 3_600_000);
    assert.strictEqual(parseSince('3d', now), now.getTime() - 3 * 86_400_000);
    assert.strictEqual(parseSince('90m', now), now.getTime() - 90 * 60_000);
    assert.strictEqual(parseSince('2024-12-31', now), new Date(2024, 11, 31).getTime());
    assert.strictEqual(parseSince('2024-12-31T10:30', now), new Date(2024, 11, 31, 10, 30).getTime());
    assert.strictEqual(parseSince('2024-12-31T10:30:00Z', now), Date.UTC(2024, 11, 31, 10, 30));
    for (const bad of ['yesterday', '2h30', '2024-13-45', '2024-02-30', '', '-3d']) assert.strictEqual(parseSince(bad, now), undefined, bad);
  });

  it('classic syslog times: the current year, or the year before for a date more than a day ahead', () => {
    const at = (text: string, style: 'syslog' | 'journal' = 'syslog') => lineTime({ text, start: 0, end: text.length, style }, now);
    assert.strictEqual(at('Jan  2 10:00:01'), new Date(2025, 0, 2, 10, 0, 1).getTime());
    assert.strictEqual(at('Jan 03 09:00:00', 'journal'), new Date(2025, 0, 3, 9, 0, 0).getTime(), 'within a day ahead: clock skew, same year');
    assert.strictEqual(at('Dec 31 23:59:59'), new Date(2024, 11, 31, 23, 59, 59).getTime(), 'December read in January: last year');
    assert.strictEqual(lineTime({ text: '2019-03-27T22:22:13.222416', start: 0, end: 26, style: 'iso' }, now), new Date(2019, 2, 27, 22, 22, 13, 222).getTime());
    assert.strictEqual(lineTime({ text: '2020-11-30T04:23:31.117593+00:00', start: 0, end: 32, style: 'rfc3339' }, now), Date.UTC(2020, 10, 30, 4, 23, 31, 117));
  });

  it('deferral reasons are grouped without the host and queue file names they name', () => {
    assert.strictEqual(deferralReason('Deferred: Connection refused by refuse.example.test.'), 'Connection refused');
    assert.strictEqual(deferralReason('Deferred: Connection timed out with [192.0.2.7]'), 'Connection timed out');
    assert.strictEqual(deferralReason('Deferred: 421 4.3.0 collect: Cannot write ./dfp964f1qe026392 (bfcommit, uid=0, gid=129): No such file or directory'),
      '421 4.3.0 collect: Cannot write ./df* (bfcommit, uid=0, gid=129): No such file or directory');
    assert.strictEqual(deferralReason('Deferred'), 'Deferred');
  });
});

describe('sendmail-lint log: the corpus of real log excerpts', function () {
  this.timeout(120_000);
  before(function () { if (!fs.existsSync(LOGS)) this.skip(); });
  const files = () => fs.readdirSync(LOGS).filter((f) => f.endsWith('.log')).sort().map((f) => path.join(LOGS, f));

  /** Recipients on delivery lines, counted without our parser: each <address> of to=, else one. */
  function expectedAttempts(): number {
    let n = 0;
    for (const f of files()) {
      for (const line of fs.readFileSync(f, 'utf8').split(/\r?\n/)) {
        const m = /\bto=(.*?), (?:ctladdr|delay)=.* stat=/.exec(line);
        if (m) n += (m[1].match(/<[^<>]*>/g) ?? ['one']).length;
      }
    }
    return n;
  }

  it('reads every file, counts each recipient of each delivery line once, exits 0', () => {
    const r = cli(['--format', 'json', ...files()]);
    assert.strictEqual(r.status, 0, r.stderr);
    const j = json(r.stdout);
    const lines = files().reduce((n, f) => n + fs.readFileSync(f, 'utf8').split(/\r\n|\n/).filter((l, i, a) => i < a.length - 1 || l !== '').length, 0);
    assert.strictEqual(j.lines, lines);
    assert.strictEqual(j.sent + j.deferred + j.bounced + j.queued, expectedAttempts());
    assert.ok(j.deferred > 50 && j.sent > 50 && j.bounced > 0, JSON.stringify({ ...j, routes: j.routes.length }));
    assert.deepStrictEqual(j.routes.reduce((n, g) => n + g.sent, 0), j.sent);
    // qidtrace's "Connection timed out with somewhereelse.com." deferrals, grouped as one reason.
    const h1840 = j.routes.find((g) => g.domain === 'h1840.com' && g.relay === 'relay_id');
    assert.ok(h1840 && h1840.deferredBy['Connection timed out'] >= 10, JSON.stringify(h1840));
  });

  it('a gzip-rotated copy and standard input give the same report', () => {
    const dir = tmp();
    try {
      const all = Buffer.concat(files().map((f) => fs.readFileSync(f)));
      fs.writeFileSync(path.join(dir, 'mail.log'), all);
      fs.writeFileSync(path.join(dir, 'mail.log.2.gz'), zlib.gzipSync(all));
      fs.writeFileSync(path.join(dir, 'rotated-without-suffix'), zlib.gzipSync(all));
      const plain = cli(['--format', 'json', path.join(dir, 'mail.log')]);
      assert.strictEqual(plain.status, 0, plain.stderr);
      const strip = (s: string) => ({ ...JSON.parse(s), files: undefined });
      for (const r of [cli(['--format', 'json', path.join(dir, 'mail.log.2.gz')]), cli(['--format', 'json', path.join(dir, 'rotated-without-suffix')]), cli(['--format', 'json', '-'], all), cli(['--format', 'json', '-'], zlib.gzipSync(all))]) {
        assert.strictEqual(r.status, 0, r.stderr);
        assert.deepStrictEqual(strip(r.stdout), strip(plain.stdout));
      }
    } finally { fs.rmSync(dir, { recursive: true, force: true }); }
  });

  it('--since keeps the lines at or after the time (lines without a timestamp are left out)', async () => {
    // 004: lines of a real log of 5 January (classic syslog, no year).
    const f = path.join(LOGS, '004-clp_qidtrace-maillog-selected.log');
    const now = new Date(2025, 0, 6);
    const all = json((await run(['--format', 'json', f], { now })).stdout);
    const times = fs.readFileSync(f, 'utf8').split('\n').map((l) => /^Jan {1,2}5 (\d\d:\d\d:\d\d)/.exec(l)?.[1]).filter((t): t is string => !!t);
    assert.ok(times.length > 50);
    const distinct = [...new Set(times)].sort();
    const mid = distinct[Math.floor(distinct.length / 2)];
    const sinceMid = json((await run(['--format', 'json', '--since', `2025-01-05T${mid}`, f], { now })).stdout);
    assert.strictEqual(sinceMid.sendmailLines, times.filter((t) => t >= mid).length);
    assert.ok(sinceMid.sendmailLines < all.sendmailLines);
    assert.strictEqual(json((await run(['--format', 'json', '--since', '1d', f], { now: new Date(2025, 0, 5, 12) })).stdout).sendmailLines, all.sendmailLines, 'a day back from noon on 5 January covers the morning');
    assert.strictEqual(json((await run(['--format', 'json', '--since', '2h', f], { now })).stdout).sendmailLines, 0);
  });

  it('exit status 2 for bad usage and unreadable files (the readable ones are still reported)', async () => {
    const f = path.join(LOGS, '003-clp_qidtrace-maillog-head.log');
    for (const args of [[], ['--bogus', f], ['--since', 'yesterday', f], ['--format', 'sarif', f], ['--config-dir', os.tmpdir(), f], ['-', '-']]) {
      const r = await run(args);
      assert.strictEqual(r.status, 2, `${args.join(' ')}: ${r.stdout}`);
      assert.match(r.stderr, /^sendmail-lint log: .*\n\nUsage: sendmail-lint log/, args.join(' '));
      assert.strictEqual(r.stdout, '');
    }
    const r = cli(['--format', 'json', '/nonexistent/mail.log', f]);
    assert.strictEqual(r.status, 2);
    assert.match(r.stderr, /cannot read \/nonexistent\/mail\.log: ENOENT/);
    assert.ok(json(r.stdout).sendmailLines > 100, 'the readable file is reported');
    const help = cli(['--help']);
    assert.strictEqual(help.status, 0);
    assert.match(help.stdout, /^Usage: sendmail-lint log/);
    const broken = zlib.gzipSync(fs.readFileSync(f)).subarray(0, 400);
    const cut = cli(['-'], broken);
    assert.strictEqual(cut.status, 2);
    assert.match(cut.stderr, /cannot read standard input: unexpected end of file/);
  });
});

describe('sendmail-lint log: logs of the real sendmail, with the routing configuration', function () {
  this.timeout(300_000);
  before(function () { skipUnlessWorld(this); });

  /** 1-based line of `file` starting with `start`, read from the file itself. */
  const lineOf = (file: string, start: string) => fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => l.startsWith(start)) + 1;

  it('mailertable route: deferrals by reason, the bounce, and the mailertable line of each domain', async () => {
    const { mailertable: s } = await routedLogs();
    const r = cli(['--format', 'json', '--config-dir', s.dir, s.logPath]);
    assert.strictEqual(r.status, 0, r.stderr);
    const j = json(r.stdout);
    const mt = path.join(s.dir, 'mailertable');
    const group = (domain: string) => j.routes.find((g) => g.domain === domain)!;
    const down = group(`down.${DOMAIN}`);
    assert.deepStrictEqual([down.relay, down.deferred, down.deferredBy, down.sent], [`refuse.${DOMAIN}`, 2, { 'Connection refused': 2 }, 0]);
    assert.deepStrictEqual([down.route?.path, down.route?.line], [mt, lineOf(mt, `down.${DOMAIN}\t`)]);
    const slow = group(`slow.${DOMAIN}`);
    assert.deepStrictEqual([slow.deferredBy, slow.route?.line], [{ 'Connection timed out': 2 }, lineOf(mt, `slow.${DOMAIN}\t`)]);
    const lost = group(`lost.${DOMAIN}`);
    assert.deepStrictEqual([lost.bounced, lost.relay, lost.route?.line], [1, `[nowhere.${DOMAIN}]`, lineOf(mt, `lost.${DOMAIN}\t`)]);
    assert.deepStrictEqual([group(`sales.partner.${DOMAIN}`).route?.line, group(`partner.${DOMAIN}`).route?.line], [lineOf(mt, `.partner.${DOMAIN}\t`), lineOf(mt, `partner.${DOMAIN}\t`)]);
    const mx = group(`route-mx.${DOMAIN}`);
    assert.strictEqual(mx.route?.path, undefined, 'no line decides an MX route');
    assert.match(mx.route!.text, /no mailertable entry matches .* MX records/);
    assert.strictEqual(j.deferred, 2 * RECIPIENTS.mailertable.deferred.length, 'two attempts each (first delivery and the queue run)');
    // The text format names the same lines as path:line.
    const text = cli(['--config-dir', s.dir, s.logPath]);
    assert.ok(text.stdout.includes(`down.${DOMAIN} via refuse.${DOMAIN}\n  deferred 2 (Connection refused: 2)\n  route: mailertable line ${lineOf(mt, `down.${DOMAIN}\t`)} `), text.stdout);
    assert.ok(text.stdout.includes(`\n  ${mt}:${lineOf(mt, `down.${DOMAIN}\t`)}\n`), text.stdout);
  });

  it('SMART_HOST and MX routes, gzip-rotated and on standard input', async () => {
    const logs = await routedLogs();
    const dir = tmp();
    try {
      const gz = path.join(dir, 'mail.log.1.gz');
      fs.writeFileSync(gz, zlib.gzipSync(fs.readFileSync(logs.smartHost.logPath)));
      const smart = json(cli(['--format', 'json', '--config-dir', logs.smartHost.dir, gz]).stdout);
      const n = lineOf(logs.smartHost.mcPath, "define(`SMART_HOST'");
      assert.strictEqual(smart.sent, RECIPIENTS.smartHost.to.length);
      for (const g of smart.routes) {
        assert.deepStrictEqual([g.relay, g.route?.path, g.route?.line], [`accept.${DOMAIN}`, logs.smartHost.mcPath, n], JSON.stringify(g));
        assert.match(g.route!.text, /SMART_HOST \(sendmail\.mc line \d+\)/);
      }
      const mx = json(cli(['--format', 'json', '--config-dir', logs.mx.dir, '-'], zlib.gzipSync(fs.readFileSync(logs.mx.logPath))).stdout);
      const kim = mx.routes.find((g) => g.domain === `refuse-mx.${DOMAIN}`)!;
      assert.deepStrictEqual([kim.relay, kim.deferredBy], [`refuse.${DOMAIN}`, { 'Connection refused': 2 }]);
      assert.match(kim.route!.text, new RegExp(`MX records of refuse-mx\\.${DOMAIN.replace('.', '\\.')} and tried to connect to refuse\\.`));
      assert.strictEqual(mx.routes.find((g) => g.domain === `nowhere.${DOMAIN}`)?.bounced, 1);
    } finally { fs.rmSync(dir, { recursive: true, force: true }); }
  });
});

describe('sendmail-lint log: line splitting', () => {
  const collect = async (chunks: (string | Buffer)[]) => { const out: string[] = []; for await (const l of splitLines(Readable.from(chunks))) out.push(l); return out; };

  it('splits LF and CRLF lines across chunks, keeps a last line without newline, and cuts very long lines', async () => {
    assert.deepStrictEqual(await collect(['a\r', '\nb', 'c\n', '', 'd']), ['a', 'bc', 'd']);
    assert.deepStrictEqual(await collect(['x\n', '\n']), ['x', '']);
    assert.deepStrictEqual(await collect([]), []);
    const ö = Buffer.from('ö');
    assert.deepStrictEqual(await collect([Buffer.from([0x61, ö[0]]), Buffer.from([ö[1], 0x0a])]), ['aö'], 'a character split between chunks');
    const long = await collect(['y'.repeat(MAX_LINE_BYTES + 10), 'z'.repeat(MAX_LINE_BYTES), '\nend\n']);
    assert.deepStrictEqual(long.map((l) => l.length), [MAX_LINE_BYTES, 3]);
    assert.ok(/^y+$/.test(long[0]));
  });
});
