// The allocation-free mail log reader (parse.ts: scans instead of regexes, offsets instead of
// slices) and the per-document state (messages.ts: queue ids by key, no undo record per line,
// Sent lines of untroubled messages skipped) agree with the straightforward forms they replaced:
// the regexes of isQueueId / isSendmailProgram, and the previous parse.ts and messages.ts kept
// verbatim as referenceParse.ts / referenceMessages.ts. On every line of the shared corpus, the
// bench generator's lines and seeded mutations of both (CRLF, lone CR, lines past MAX_SCAN,
// non-ASCII, binary junk), and on whole texts, opened at once and appended piece by piece.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CORPUS } from '../helpers';
import * as now from '../../../server/src/service/maillog/parse';
import * as ref from './referenceParse';
import { LogState } from '../../../server/src/service/maillog/messages';
import { LogState as RefLogState } from './referenceMessages';

const LOGS = path.join(CORPUS, 'logs');
const haveCorpus = fs.existsSync(path.join(LOGS, 'MANIFEST.tsv'));

/** The regexes the scans replaced. */
const isQueueIdRe = (s: string) => s === 'NOQUEUE' || (s.length >= 8 && s.length <= 20 && /^(?=[0-9]{0,8}[A-Za-z])[A-Za-z0-9]{3,9}[0-9]{5,11}$/.test(s));
const isSendmailProgramRe = (name: string) => /^(?:send[\w.-]*|sm-[\w.-]+)$/.test(name) && !/^sendmail-?(?:qf|ctl)$/.test(name);

/** Every line of every corpus file, with its own line end. */
function corpusLines(): string[] {
  if (!haveCorpus) return [];
  const rows = fs.readFileSync(path.join(LOGS, 'MANIFEST.tsv'), 'utf8').split('\n').slice(1).filter(Boolean);
  return rows.flatMap((r) => fs.readFileSync(path.join(LOGS, r.split('\t')[0]), 'utf8').split(/(?<=\n)/));
}

/** The lines scripts/bench/maillog.mjs generates (same shapes: deliveries, deferrals, bounces, rejects, TLS, other programs). */
function benchLines(lines: number): string[] {
  const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  const qidOf = (n: number) => { let s = ''; for (let i = 0, x = n; i < 8; i++, x = Math.floor(x / 62)) s = B62[x % 62] + s; return `${s}${String(n % 1_000_000).padStart(6, '0')}`; };
  const DOMAINS = ['gmail.example', 'shop.partner.example', 'legacy.example', 'isp.example', 'corp.example'];
  const out: string[] = [];
  for (let n = 0; out.length < lines; n++) {
    const q = qidOf(n + 100000);
    const pre = `Jan  5 00:14:${String(n % 60).padStart(2, '0')} mx.example.test`;
    const to = `user${n % 9973}@${DOMAINS[n % DOMAINS.length]}`;
    switch (n % 10) {
      case 0: out.push(`${pre} sm-mta[${1000 + n}]: NOQUEUE: connect from [192.0.2.${n % 250}]`); break;
      case 1: out.push(`${pre} sm-mta[${1000 + n}]: STARTTLS=client, relay=mx${n % 9}.${DOMAINS[n % 5]}., version=TLSv1.3, verify=OK, cipher=TLS_AES_256_GCM_SHA384, bits=256/256`); break;
      case 2: out.push(`${pre} dovecot: imap-login: Login: user=<user${n % 500}>, method=PLAIN, rip=192.0.2.${n % 250}`); break;
      case 3: out.push(`${pre} sm-mta[${2000 + n}]: ${q}: ruleset=check_rcpt, arg1=<x${n}@spam.example>, relay=[198.51.100.${n % 250}], reject=550 5.7.1 <x${n}@spam.example>... Relaying denied`); continue;
      default: break;
    }
    out.push(`${pre} sm-mta[${3000 + n}]: ${q}: from=<sender${n % 777}@mx.example.test>, size=${1000 + n}, class=0, nrcpts=1, msgid=<${q}@mx.example.test>, proto=ESMTP, daemon=MTA-v4, relay=localhost [127.0.0.1]`);
    const relay = `mx${n % 9}.${DOMAINS[n % 5]}. [203.0.113.${n % 250}]`;
    if (n % 50 === 7) {
      out.push(`${pre} sm-mta[${4000 + n}]: ${q}: to=<${to}>, delay=00:00:31, xdelay=00:00:30, mailer=esmtp, pri=121000, relay=${relay}, dsn=4.0.0, stat=Deferred: Connection timed out with mx${n % 9}.${DOMAINS[n % 5]}.`);
      if (n % 100 === 7) out.push(`${pre} sm-mta[${4000 + n}]: ${q}: to=<${to}>, delay=00:40:31, xdelay=00:00:02, mailer=esmtp, pri=211000, relay=${relay}, dsn=2.0.0, stat=Sent (ok ${n})`);
    } else if (n % 97 === 5) {
      out.push(`${pre} sm-mta[${4000 + n}]: ${q}: to=<${to}>, delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=31000, relay=${relay}, dsn=5.1.1, stat=User unknown`);
    } else if (n % 89 === 3) {
      out.push(`${pre} sm-mta[${4000 + n}]: ${q}: ${qidOf(n + 7)}: sender notify: Cannot send message for 5 days`);
    } else {
      out.push(`${pre} sm-mta[${4000 + n}]: ${q}: to=<${to}>, delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=31000, relay=${relay}, dsn=2.0.0, stat=Sent (ok ${n})`);
    }
  }
  return out.slice(0, lines).map((l) => `${l}\n`);
}

/** Seeded mutations: characters the reader cares about, non-ASCII, binary, line ends, very long lines. */
function mutations(lines: string[], count: number, seed: number): string[] {
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const ALPHABET = ['=', ',', ' ', ', ', '\t', '<', '>', '"', ':', ']:', '[', ']', '\r', '\n', '\r\n', '0', '7', 'a', 'Z', '_', '.', '-', '/', ';',
    'é', '\u00a0', '\u2028', '\ufeff', 'İ', '\u0000', '\u00ff', '\ud83d\ude00', 'stat=', 'to=', 'dsn=5.', 'dsn=2.', ', to=<X@Y.>', ' ctladdr=', 'queued', 'Sent', 'Deferred:',
    'sm-mta[1]: ', 'sendmail-qf[2]: ', 'NOQUEUE: ', 'oBMH9mVv001357: ', 'AB1234567: ', 'sender notify: Cannot send message', 'SYSERR'];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let l = pick(lines);
    const edits = 1 + Math.floor(rnd() * 4);
    for (let e = 0; e < edits; e++) {
      const at = Math.floor(rnd() * (l.length + 1));
      const r = rnd();
      if (r < 0.35) l = l.slice(0, at) + pick(ALPHABET) + l.slice(at);
      else if (r < 0.55) l = l.slice(0, at) + l.slice(at + 1 + Math.floor(rnd() * 5));
      else if (r < 0.65) l = l.slice(0, at);
      else if (r < 0.72) l = l.slice(0, at) + pick(ALPHABET).repeat(Math.ceil(17000 / 3)) + l.slice(at); // past MAX_SCAN
      else if (r < 0.8) l = l.slice(0, at) + Array.from({ length: 1 + Math.floor(rnd() * 30) }, () => String.fromCharCode(Math.floor(rnd() * 0x3000))).join('') + l.slice(at);
      else if (r < 0.9) l = l.replace(/\n$/, pick(['\r\n', '\r', '', '\n', ' \t\n']));
      else l = l.slice(0, at) + l.slice(Math.floor(rnd() * l.length));
    }
    out.push(l);
  }
  return out;
}

/** Words that may be queue ids or program names: every token of the lines, and random ones. */
function tokens(lines: string[], seed: number): string[] {
  const out = new Set<string>(['NOQUEUE', 'noqueue', 'sendmail', 'sendmail-qf', 'sendmailqf', 'sendmail-ctl', 'sendmailctl', 'sendmail-ctlx', 'sm-', 'sm-x', 'send', 'sendmail/x', 'sm-msp-queue', 'sm.mta']);
  for (const l of lines.slice(0, 3000)) for (const w of l.split(/[\s:[\]=,<>]+/)) if (w.length <= 40) out.add(w);
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const CH = '0123456789aZ_.-/é';
  for (let i = 0; i < 20000; i++) {
    const n = Math.floor(rnd() * 23);
    let w = '';
    for (let k = 0; k < n; k++) w += rnd() < 0.6 ? String(Math.floor(rnd() * 10)) : CH[Math.floor(rnd() * CH.length)];
    out.add(w);
    out.add(`${['send', 'sm-', 'sendmail', 'sendmail-'][i % 4]}${w.slice(0, i % 5)}`);
  }
  return [...out];
}

describe('maillog: the allocation-free reader agrees with the reference forms', function () {
  this.timeout(120_000);
  const corpus = corpusLines();
  const bench = benchLines(5000);
  const lines = [...corpus, ...bench, ...mutations([...corpus, ...bench], 6000, 12345)];

  it('the inputs include CRLF, lone CR, lines past MAX_SCAN, non-ASCII and binary', () => {
    if (haveCorpus) assert.ok(corpus.length >= 760, `${corpus.length} corpus lines`);
    assert.ok(lines.some((l) => l.endsWith('\r\n')) && lines.some((l) => /\r(?!\n)/.test(l)));
    assert.ok(lines.some((l) => l.length > now.MAX_SCAN) && lines.some((l) => /[^\x00-\x7f]/.test(l)) && lines.some((l) => l.includes('\u0000')));
  });

  it('isQueueId and isSendmailProgram: the scans answer as the regexes on every token', () => {
    for (const t of tokens(lines, 99)) {
      assert.equal(now.isQueueId(t), isQueueIdRe(t), `isQueueId(${JSON.stringify(t)})`);
      assert.equal(now.isSendmailProgram(t), isSendmailProgramRe(t), `isSendmailProgram(${JSON.stringify(t)})`);
    }
  });

  it('parseLogLine, summarizeLine and summarizeAt (in place in a big text) agree with the reference on every line', () => {
    let sendmail = 0;
    const big = lines.join('');
    let at = 0;
    for (const l of lines) {
      const p = now.parseLogLine(l);
      assert.deepEqual(p, ref.parseLogLine(l), JSON.stringify(l));
      if (p) sendmail++;
      assert.deepEqual(now.summarizeLine(l), ref.summarizeLine(l), JSON.stringify(l));
      assert.deepEqual(now.summarizeAt(big, at, at + l.length), ref.summarizeAt(big, at, at + l.length), JSON.stringify(l));
      if (p) assert.equal(now.outcomeOf(p), ref.outcomeOf(p));
      at += l.length;
    }
    assert.ok(sendmail > lines.length / 2, `only ${sendmail} sendmail lines`);
  });

  it('splitAddresses and bareAddress agree with the reference on every field value and on mutated addresses', () => {
    const values = new Set<string>(['', ',', ' , ', '<>', '<<a@b>>', '"a,b" <X@Y.>, c', 'Name <User@Example.COM.>', ' \u00a0<A@B>\u00a0 ', '<a@b', 'a@b>', '<\u0130@x>', '<a@b.>.', 'x. ', '\u2028a\u2028']);
    for (const l of lines) for (const f of ref.parseLogLine(l)?.fields ?? []) values.add(f.value);
    for (const v of mutations([...values], 5000, 777)) values.add(v);
    for (const v of values) {
      assert.deepEqual(now.splitAddresses(v, 3), ref.splitAddresses(v, 3), JSON.stringify(v));
      assert.deepEqual(now.addressKeys(v), ref.splitAddresses(v).map((a) => a.address), JSON.stringify(v));
      assert.equal(now.bareAddress(v), ref.bareAddress(v), JSON.stringify(v));
    }
  });

  /** Everything LogState tells its users. */
  function view(st: LogState | RefLogState) {
    const msgs = Array.from({ length: st.messageCount }, (_, m) => ({ qid: st.qids[m], lines: st.linesOf(m), latest: st.latestProblemLine(m), last: st.lastLine[m], status: st.lastStatus[m] }));
    const lineMsgs = Array.from({ length: st.lineCount }, (_, i) => st.messageAt(i));
    const lineTexts = Array.from({ length: st.lineCount }, (_, i) => st.line(i));
    const troubled = st.troubled().map((t) => ({ ...t, recipients: [...t.recipients].sort() })).sort((a, b) => a.msg - b.msg || a.kind.localeCompare(b.kind));
    return { count: st.messageCount, msgs, lineMsgs, lineTexts, troubled, end: st.isEnd(st.lineCount - 1, lineTexts[st.lineCount - 1].length) };
  }

  it('LogState: opened at once and appended piece by piece, the same messages, lines and troubles as the reference', () => {
    let seed = 4242;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const texts = [bench.join(''), lines.join(''), mutations(bench, 3000, 31).join(''), corpus.join('')];
    for (const text of texts) {
      assert.deepEqual(view(new LogState(text)), view(new RefLogState(text)));
      // Appends at random cuts (inside lines too): both take them the same way, or both refuse.
      const a = new LogState(''), b = new RefLogState('');
      let p = 0;
      while (p < text.length) {
        const q = Math.min(text.length, p + 1 + Math.floor(rnd() * 3000));
        const piece = text.slice(p, q);
        const okA = a.append(piece), okB = b.append(piece);
        assert.equal(okA, okB);
        if (!okA) break;
        p = q;
      }
      assert.deepEqual(view(a), view(b));
      const c = new LogState(text);
      assert.equal(c.messageOf(c.qids[0] ?? 'none'), c.qids.length ? 0 : undefined);
      assert.equal(c.messageOf('NOQUEUE'), undefined);
    }
  });
});
