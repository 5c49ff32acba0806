// Pathological mc input: the work per analysis (that is, per keystroke) grows linearly with the
// size of the file, and a file with thousands of problems gets a bounded list of findings.
import * as assert from 'node:assert';
import { openDoc } from '../helpers';

/** `unit` repeated to `n` characters. */
const repeat = (unit: string, n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
const BALANCED = "changequote([,])changequote(`,')define(`a',[b])dnl\n";

/** changequote soups; the sparse ones have an unclosed quote or call every 20 KB (each makes the scanner re-read the rest). */
export const SOUPS: Record<string, (n: number) => string> = {
  changequote: (n) => repeat("changequote([,])changequote(`,')define(`a',[b])", n),
  'unclosed quotes': (n) => repeat(BALANCED.repeat(400) + "define(`x', `y)dnl\n", n),
  'unclosed calls': (n) => repeat(BALANCED.repeat(400) + "FEATURE(`x'\n", n),
  'random mix': (n) => {
    let seed = 5;
    const rnd = () => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed; };
    const pieces = ['changequote([,])', "changequote(`,')", 'changequote', '`', "'", '[', ']', '(', ')', 'dnl', '\n', "define(`a',[b])", ','];
    let t = '';
    while (t.length < n) t += pieces[rnd() % pieces.length];
    return t;
  },
};

/** Best of `runs` diagnostics() timings, in ms. */
function diagnoseMs(text: string, runs = 2): number {
  let best = Infinity;
  for (let r = 0; r < runs; r++) {
    const { svc, uri } = openDoc('sendmail-mc', text);
    const t = process.hrtime.bigint();
    svc.diagnostics(uri);
    best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e6);
  }
  return best;
}

describe('robustness: pathological mc input', function () {
  this.timeout(300000);

  for (const [name, soup] of Object.entries(SOUPS)) {
    it(`${name}: 1 MB takes less than 20 times as long as 100 KB`, () => {
      const small = Math.max(diagnoseMs(soup(100_000)), 20); // below 20 ms the timer says little
      const big = diagnoseMs(soup(1_000_000));
      assert.ok(big / small < 20, `100 KB: ${small.toFixed(0)} ms, 1 MB: ${big.toFixed(0)} ms (${(big / small).toFixed(1)}x)`);
    });
  }

  it('when the work bound stops the analysis, one Information says where and that the rest is not checked', () => {
    const text = SOUPS['unclosed calls'](1_000_000);
    const { svc, uri } = openDoc('sendmail-mc', text);
    const ds = svc.diagnostics(uri);
    const stopped = ds.filter((d) => d.code === 'mc.analysis-stopped');
    assert.strictEqual(stopped.length, 1, JSON.stringify(ds.map((d) => d.code)));
    assert.strictEqual(stopped[0].severity, 3);
    assert.match(String(stopped[0].message), /^Analysis stopped at line \d+: .*the rest of the file is not checked/);
    // Every unclosed FEATURE( before that line is reported, none after it.
    const unclosed = ds.filter((d) => d.code === 'mc.unclosed-paren');
    assert.ok(unclosed.length >= 1);
    assert.ok(unclosed.every((d) => d.range.start.line <= stopped[0].range.start.line));
  });

  it('after 50 unclosed quotes the analysis stops and says so', () => {
    const text = "define(`confLOG_LEVEL', `9)dnl\n".repeat(60);
    const { svc, uri } = openDoc('sendmail-mc', text);
    const ds = svc.diagnostics(uri);
    assert.strictEqual(ds.filter((d) => d.code === 'mc.unclosed-quote').length, 51);
    const [stopped] = ds.filter((d) => d.code === 'mc.analysis-stopped');
    assert.match(String(stopped?.message), /^Analysis stopped at line 51 after 51 unclosed quotes and parentheses: the rest of the file is not checked/);
  });

  it('at most 1,000 findings, then one Information with how many more there are', () => {
    const text = "include(`/usr/share/sendmail/cf/m4/cf.m4')dnl\nOSTYPE(`linux')dnl\n" + "FEATURE(`no_such_feature')dnl\n".repeat(1500);
    const { svc, uri } = openDoc('sendmail-mc', text);
    const ds = svc.diagnostics(uri);
    assert.strictEqual(ds.length, 1001);
    assert.ok(ds.slice(0, 1000).every((d) => d.code === 'mc.unknown-feature'));
    assert.strictEqual(ds[1000].code, 'mc.too-many');
    assert.strictEqual(ds[1000].severity, 3);
    assert.match(String(ds[1000].message), /^500 more problems not shown/);
    // Below the cap nothing is added.
    const few = openDoc('sendmail-mc', text.split('\n').slice(0, 1002).join('\n'));
    assert.ok(!few.svc.diagnostics(few.uri).some((d) => d.code === 'mc.too-many'));
  });
});
