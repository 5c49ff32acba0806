// The big-file machinery must never change what is reported: the in-place fast paths, the
// 32-bit key index with its bulk load, and the offset-based line store are checked here
// against the full per-line checks and against opening the text afresh.
import * as assert from 'node:assert';
import type { Diagnostic } from 'vscode-languageserver-types';
import { LanguageService, memoryWorkspace, type LanguageId } from '../../../server/src/service';
import { dialectFor } from '../../../server/src/service/tables/dialects';
import { buildEnv } from '../../../server/src/service/tables/env';
import { checkLine } from '../../../server/src/service/tables/lineCheck';
import { fastMatch } from '../../../server/src/service/tables/fastPaths';
import { keyHash, leadingKeyHash, KeyCounter, repeatsOf } from '../../../server/src/service/tables/keyIndex';
import { TableState } from '../../../server/src/service/tables/state';
import type { LineScanner } from '../../../server/src/service/tables/lineScanners';
import { MC_SMTP } from './tableHelpers';

/** Lines near the fast paths' edges: clean ones they should take, and look-alikes with a problem. */
const SAMPLES: Record<string, string[]> = {
  'sendmail-access': [
    'Connect:10.1.2.3\tREJECT', 'connect:10.1.2\tOK', 'CONNECT:10\tRELAY', 'Connect:10.0.0.0/8\tREJECT', 'Connect:256.1.1.1\tREJECT',
    'Connect:10.1.2.3.4\tREJECT', 'From:user@spam.example.com\tERROR:5.7.1:550 Spam not accepted', 'From:a@b.example\tERROR:4.7.1:550 mixed',
    'From:a@b.example\tERROR:550 Spam', 'From:a@b.example\tERROR:5.7.1:550 text ', 'From:a@b.example\tERROR:5.7.1:550 has # hash',
    'To:host.example.org\tRELAY', 'To:host.example.org\tREJECT', 'To:host.example.org\tRELAYY', 'To:Host.example.org\tRELAY', 'To:host.example.org\tRELAY\r',
    'To:host.example.org\tRELAY ', 'To:host.example.org  RELAY', 'From:sender.example.net\tDISCARD', 'From:user@\tREJECT',
    'Spam:abuse@\tFRIEND', 'example.com\tOK', '123.example\tOK', '1234\tOK', 'From:-x.example\tOK', 'From:x-.example\tOK',
    'From:a..b\tOK', 'IPv6:2001:db8\tREJECT', 'Connect:IPv6:2001:db8::1\tREJECT', 'From:a@b.example\tQUARANTINE:why',
    'From:a@b.example\tok', '', '# comment', '\tREJECT', 'key', 'From:\u00e9.example\tOK', 'From:a@b.example\tERROR:5.7.1:550 x\u0001',
  ],
  'sendmail-mailertable': [
    '.dept1.example.com\tesmtp:[mx1.example.com]', 'host2.example.net\tsmtp:[10.0.0.2]', '.\tsmtp:[relay.example.com]',
    'broken.example.com\tesmpt:[mx.example.com]', 'port.example.com\tesmtp:[mx.example.com]:2525', 'a.example\tesmtp:10.0.0.1',
    'a.example\tesmtp:[10.0.0.256]', 'a.example\tesmtp:mx.example.com', 'a.example\tesmtp:1234', 'A.example\tesmtp:[mx.example]',
    'a.example\tprocmail:[mx.example]', 'a.example\tlocal:user', 'a.example\terror:5.1.1:550 no', 'user@a.example\tesmtp:[mx]',
    'a.example\tesmtp:[mx.example]\r', 'a.example\tesmtp:[mx.example] # c', 'a.example\tesmtp:%1.example', '..example\tesmtp:[mx]',
    'a.example\tesmtp:[mx.example],[mx2.example]', 'a.example\tesmtp:[IPv6:2001:db8::1]', 'a.example\t[mx.example]', 'a_b.example\trelay:[x]',
  ],
  'sendmail-virtusertable': [
    'info@example.com\tjoe', '@example.com\tjoe@other.example', '@example.com\t%1@other.example', 'info@Example.com\tjoe', 'info\tjoe',
    '.example.com\tjoe', 'info@example.com\terror:nouser 550 No such user', 'a+b@example.com\tjoe', 'info@example.com\tjoe ',
    'sales@example.org\tsales@mail.example.org', 'bob@example.org\tbob.smith',
  ],
};

describe('tables: fast paths and big-file state', () => {
  // access: the fast path depends on FEATURE(`blocklist_recipients') (To: REJECT is clean only with it)
  const BLOCKLIST_MC = MC_SMTP.replace("MAILER(`local')", "FEATURE(`blocklist_recipients')dnl\nMAILER(`local')");
  const runs: [LanguageId, string[], string, string][] = (Object.entries(SAMPLES) as [LanguageId, string[]][]).map(([l, x]) => [l, x, MC_SMTP, '']);
  runs.push(['sendmail-access', [...SAMPLES['sendmail-access'], 'To:host.example.org\tREJECT', 'To:a@b.example\tERROR:5.7.1:550 no'], BLOCKLIST_MC, ' (with blocklist_recipients)']);
  for (const [lang, samples, mc, label] of runs) {
    it(`${lang}${label}: a line the fast path accepts has no issue and the same key hash, in a line string and in place`, () => {
      const d = dialectFor(lang);
      const env = buildEnv(memoryWorkspace({ '/m/sendmail.mc': mc }), `/m/${lang.replace('sendmail-', '')}`, lang);
      const re = d.fastPath?.(env);
      assert.ok(re, 'dialect has a fast path');
      const lines = lang === 'sendmail-mailertable' ? [...samples, ...scannerEdgeCases()] : samples;
      const whole = lines.join('\n');
      let accepted = 0, offset = 0;
      for (const line of lines) {
        const alone = fastMatch(re, line, 0);
        assert.strictEqual(fastMatch(re, whole, offset), alone, `in place vs alone: ${JSON.stringify(line)}`);
        offset += line.length + 1;
        if (!alone) continue;
        accepted++;
        const full = checkLine(d, line, env);
        assert.deepStrictEqual(full.issues, undefined, `fast path accepted a line with issues: ${JSON.stringify(line)}`);
        assert.strictEqual(leadingKeyHash(line), keyHash(full.key!), `key hash of ${JSON.stringify(line)}`);
      }
      assert.ok(accepted >= 3, `the fast path should take the common clean lines (took ${accepted})`);
      assert.ok(accepted < lines.length / 2, 'the samples must include lines it refuses');
    });
  }

  for (const lang of ['sendmail-mailertable'] as LanguageId[]) {
    // The scanner takes more than the regex (local:, error:, procmail:, %1, [IPv6:...]): the contract is the full checks' (scanners.test.ts too).
    it(`${lang}: the hand-written scanner accepts only clean lines, with the same key hash`, () => {
      const d = dialectFor(lang);
      const env = buildEnv(memoryWorkspace({ '/m/sendmail.mc': MC_SMTP }), `/m/${lang.replace('sendmail-', '')}`, lang);
      const scan = d.scanner?.(env) as LineScanner;
      assert.ok(scan, 'dialect has a scanner');
      const lines = [...SAMPLES[lang], ...scannerEdgeCases(), ...randomMailertableLines(4000)];
      const whole = lines.join('\n');
      let accepted = 0, offset = 0;
      for (const line of lines) {
        const h = scan(line, 0);
        assert.strictEqual(scan(whole, offset), h, `in place vs alone: ${JSON.stringify(line)}`);
        offset += line.length + 1;
        if (h === 0) continue;
        accepted++;
        const full = checkLine(d, line, env);
        assert.deepStrictEqual(full.issues, undefined, `scanner accepted a line with issues: ${JSON.stringify(line)}`);
        assert.strictEqual(h, keyHash(full.key!), `key hash of ${JSON.stringify(line)}`);
      }
      assert.ok(accepted >= 500, `the scanner should take the common clean lines (took ${accepted} of ${lines.length})`);
      assert.ok(accepted < lines.length * 0.8, 'the lines must include many it refuses');
    });
  }

  it('the key counter: bulk load, adds and removes agree on what repeats', () => {
    const hashes = new Int32Array([keyHash('a'), keyHash('b'), keyHash('a'), 0, keyHash('c'), keyHash('a')]);
    const k = new KeyCounter();
    k.bulkLoad(hashes);
    assert.deepStrictEqual([...k.repeated], [keyHash('a')]);
    k.remove(keyHash('a'));
    assert.strictEqual(k.repeated.size, 1, 'still two left');
    k.remove(keyHash('a'));
    assert.strictEqual(k.repeated.size, 0);
    k.add(keyHash('b'));
    assert.deepStrictEqual([...k.repeated], [keyHash('b')]);
    for (let i = 0; i < 5000; i++) k.add(keyHash(`k${i}`)); // grows past its initial size
    k.add(keyHash('k4999'));
    assert.deepStrictEqual(new Set(k.repeated), new Set([keyHash('b'), keyHash('k4999')]));
  });

  it('the key counter on a big file (sorted bulk load) and the one-off scan find the same repeats', () => {
    const hashes = new Int32Array(300_000);
    for (let i = 0; i < hashes.length; i++) hashes[i] = i % 7 === 3 ? 0 : keyHash(`host${i % 299_990}.example`); // the last ten repeat the first ten
    const k = new KeyCounter();
    k.bulkLoad(hashes);
    const expected = new Set(Array.from({ length: 10 }, (_, i) => i).filter((i) => i % 7 !== 3 && (i + 299_990) % 7 !== 3).map((i) => keyHash(`host${i}.example`)));
    assert.ok(expected.size >= 5);
    assert.deepStrictEqual(new Set(k.repeated), expected);
    assert.deepStrictEqual(repeatsOf(hashes), expected);
    k.remove([...expected][0]);
    assert.strictEqual(k.repeated.size, expected.size - 1, 'counts survive the bulk load');
  });

  it('the one-off scan finds repeats whatever the spread of the values (one run, negative values, three copies, none)', () => {
    // All values in one run of the top-8-bit partition, some negative, one value three times.
    const same = Int32Array.from({ length: 5000 }, (_, i) => (0x7f << 24) | (i % 4990) + 1);
    assert.deepStrictEqual(repeatsOf(same), new Set(Array.from({ length: 10 }, (_, i) => (0x7f << 24) | (i + 1))));
    const neg = Int32Array.from([-5, 7, -5, -5, 0, 0, 9, -(2 ** 31), -(2 ** 31)]);
    assert.deepStrictEqual(repeatsOf(neg), new Set([-5, -(2 ** 31)]), 'zero is no key, however often');
    assert.deepStrictEqual(repeatsOf(new Int32Array(0)), new Set());
    assert.deepStrictEqual(repeatsOf(Int32Array.from({ length: 1000 }, (_, i) => keyHash(`k${i}`))), new Set());
  });

  it('the line store reads unedited lines from the opened text and edited ones from their own strings', () => {
    const st = new TableState('a\tOK\nb\tOK\n\nc\tOK');
    assert.deepStrictEqual([0, 1, 2, 3, 4].map((i) => st.line(i)), ['a\tOK', 'b\tOK', '', 'c\tOK', '']);
    st.apply([{ range: { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } }, text: 'x\tREJECT\ny\tOK\n' }]);
    assert.deepStrictEqual(Array.from({ length: st.lineCount }, (_, i) => st.line(i)), ['a\tOK', 'x\tREJECT', 'y\tOK', '', 'c\tOK']);
    st.apply([{ range: { start: { line: 1, character: 0 }, end: { line: 3, character: 0 } }, text: '' }]);
    assert.deepStrictEqual(Array.from({ length: st.lineCount }, (_, i) => st.line(i)), ['a\tOK', '', 'c\tOK']);
  });

  it('many random edits on a big map give the same diagnostics as opening the result', () => {
    const base: string[] = [];
    for (let i = 0; i < 3000; i++) base.push(i % 3 ? `From:user${i}@spam${i % 50}.example.com\tERROR:5.7.1:550 Go away` : `Connect:10.${i >> 8 & 255}.${i & 255}.1\tREJECT`);
    base[10] = 'To:typo.example.org\tRELAYY';
    let text = base.join('\n') + '\n';
    const svc = new LanguageService(memoryWorkspace({ '/m/sendmail.mc': MC_SMTP }));
    const uri = 'file:///m/access';
    svc.open(uri, 'sendmail-access', 1, text);
    svc.diagnostics(uri);
    let seed = 7;
    const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
    const pieces = ['', 'Connect:10.0.0.1\tREJECT\n', 'X', '\n', 'To:host.example.org\tRELAY', '\tOK', 'From:user3@spam3.example.com\tOK\n'];
    for (let v = 2; v < 60; v++) {
      const lines = text.split('\n');
      const sl = rnd(lines.length), el = Math.min(lines.length - 1, sl + rnd(3));
      const sc = rnd(lines[sl].length + 1), ec = sl === el ? sc + rnd(lines[el].length - sc + 1) : rnd(lines[el].length + 1);
      svc.change(uri, v, [{ range: { start: { line: sl, character: sc }, end: { line: el, character: ec } }, text: pieces[rnd(pieces.length)] }]);
      text = svc.document(uri)!.getText();
      if (v % 10 && v !== 59) continue; // diagnose only now and then: several edits pile up between checks
      const fresh = new LanguageService(memoryWorkspace({ '/m/sendmail.mc': MC_SMTP }));
      fresh.open(uri, 'sendmail-access', 1, text);
      const strip = (ds: Diagnostic[]) => ds.map((d) => [d.code, d.range, d.message]);
      assert.deepStrictEqual(strip(svc.diagnostics(uri)), strip(fresh.diagnostics(uri)), `after edit ${v}`);
    }
  });
});

/** Lines at the scanner's limits: label and name lengths, dots, brackets, blanks, end of text. */
function scannerEdgeCases(): string[] {
  const label = (n: number) => 'a'.repeat(n);
  /** A name of exactly n characters made of 62-character labels. */
  const name = (n: number) => { const s = `${label(62)}.`.repeat(5).slice(0, n); return s.endsWith('.') ? `${s.slice(0, -1)}b` : s; };
  return [
    `${label(63)}.example\tesmtp:[mx.example]`, `${label(64)}.example\tesmtp:[mx.example]`,
    `a.example\tesmtp:[${label(63)}]`, `a.example\tesmtp:[${label(64)}]`, `a.example\tesmtp:${label(64)}`,
    `${name(255)}\tesmtp:[mx]`, `${name(256)}\tesmtp:[mx]`, `.${name(255)}\tesmtp:[mx]`, `.${name(254)}\tesmtp:[mx]`,
    `a.example\tesmtp:[${name(255)}]`, `a.example\tesmtp:[${name(256)}]`, `a.example\tesmtp:${name(255)}`, `a.example\tesmtp:${name(256)}`,
    '.\tesmtp:[mx]', '.\tesmtp:mx', '. esmtp:mx', '..\tesmtp:mx', '.a.\tesmtp:mx', 'a.\tesmtp:mx', 'a..b\tesmtp:mx', '-a\tesmtp:mx', 'a-\tesmtp:mx',
    'a-b\tesmtp:mx-1', 'a\tesmtp:mx-', 'a\tesmtp:-mx', 'a\tesmtp:[mx', 'a\tesmtp:mx]', 'a\tesmtp:[]', 'a\tesmtp:', 'a\tesmtp', 'a\t:mx',
    'a\tesmtp:10.0.0.1', 'a\tesmtp:1234', 'a\tesmtp:1a', 'a\tesmtp:[1234]', 'a\tesmtp:[10.0.0.1]', 'a\t \t esmtp:mx', 'a\tesmtp:mx ', 'a\tesmtp:mx\t',
    'a\tesmtp:mx\r', 'a\tesmtp:mx:mx2', 'a\tesmtp:mx,mx2', 'a\tesmtp:u@mx', 'a\tesmtp:%1', 'a\tESMTP:mx', 'a\tesmtpx:mx', 'a\tesmt:mx',
    'a\terror:mx', 'a\tlocal:mx', 'a\tprog:mx', 'a\tdiscard:[mx]', 'a\trelay:mx', 'a\tsmtp8:mx', 'a\tdsmtp:mx', 'a\tprocmail:mx',
    'a\tesmtp:mx\u00e9', '\u00e9\tesmtp:mx', 'a\u0000\tesmtp:mx', 'a\tesmtp:m\u0001x', '', ' ', '\t', 'a', 'a\t', '\tesmtp:mx', ' a\tesmtp:mx',
  ];
}

/** Mostly well-formed mailertable lines with random damage, from a fixed seed. */
function randomMailertableLines(n: number): string[] {
  let seed = 12345;
  const rnd = (k: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % k; };
  const pick = <T>(a: T[]) => a[rnd(a.length)];
  const labelChars = 'abcdefghijklmnopqrstuvwxyz0123456789_-';
  const label = () => Array.from({ length: 1 + rnd(rnd(10) ? 8 : 70) }, () => labelChars[rnd(labelChars.length)]).join('');
  const host = () => Array.from({ length: 1 + rnd(4) }, label).join('.');
  const ip = () => Array.from({ length: 4 }, () => String(rnd(300))).join('.');
  const noise = ['', '', '', '', 'A', '.', '-', '_', ' ', '\t', ':', '[', ']', '@', '%', ',', '#', '\r', '\u00e9', '\u2028', '\u0000', '\ud83d\ude00', '1', 'Z'];
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const key = pick(['.', `.${host()}`, host(), host(), `${label()}@${host()}`]);
    const value = pick([`[${host()}]`, `[${ip()}]`, host(), ip(), `${host()}:${host()}`, `[${host()}]:25`]);
    let line = `${key}${pick(['\t', ' ', '\t\t', ' \t'])}${pick(['esmtp', 'smtp', 'relay', 'esmpt', 'local', 'error', 'prog', 'ESMTP', ''])}:${value}`;
    if (rnd(3) === 0) { const at = rnd(line.length + 1); line = line.slice(0, at) + pick(noise) + line.slice(at + (rnd(2))); }
    out.push(line);
  }
  return out;
}
