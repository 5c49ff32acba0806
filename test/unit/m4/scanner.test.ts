// The m4 scanner reads text the way GNU m4 does (checked against the real m4 where it matters).
import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import { argValue, scanM4 } from '../../../server/src/service/m4/scanner';

const MACROS = new Set(['define', 'FEATURE', 'MAILER', 'changequote', 'changecom', 'include', 'dnl']);
const scan = (text: string, extra: object = {}) => scanM4(text, { isMacro: (n) => MACROS.has(n), ...extra });
const args = (text: string, i = 0) => { const p = scan(text); return p.calls[i].args.map((a) => argValue(text, a)); };
const m4 = (text: string) => spawnSync('m4', [], { input: text, encoding: 'utf8' });

describe('m4 scanner', () => {
  it('collects arguments with one level of quotes removed and leading blanks skipped, like m4', () => {
    const text = "define(`A', `x `nested' y', (a, b),\n  c)";
    assert.deepStrictEqual(args(text), ['A', "x `nested' y", '(a, b)', 'c']);
    // The same text through real m4: the lengths of what m4 collected as $2..$4 agree.
    const real = m4("define(`SHOW', `len(`$2')|len(`$3')|len(`$4')')SHOW(`A', `x `nested' y', (a, b),\n  c)").stdout;
    assert.strictEqual(real, args(text).slice(1).map((a) => a.length).join('|'));
  });

  it("a '(' only starts arguments right after a macro name", () => {
    const p = scan('FEATURE (`x\')\nfoo(bar\n');
    assert.strictEqual(p.calls.length, 1);
    assert.strictEqual(p.calls[0].open, -1, 'FEATURE without ( is a call without arguments');
    assert.strictEqual(p.problems.length, 0, 'foo( is text: foo is not a macro');
  });

  it('comments hide parens and quotes; dnl discards to end of line; names inside words are not macros', () => {
    const text = "# don't ( FEATURE(\nxdnl FEATURE(`a')dnl ( `\nMAILER(`smtp')";
    const p = scan(text);
    assert.deepStrictEqual(p.calls.map((c) => c.name), ['FEATURE', 'MAILER']);
    assert.strictEqual(p.problems.length, 0);
    assert.deepStrictEqual(p.tokens.filter((t) => t.kind === 'comment').map((t) => text.slice(t.start, t.end)), ["# don't ( FEATURE(\n"]);
  });

  it('comments can be off from the start and after an include that disables them (cf.m4 runs changecom())', () => {
    assert.strictEqual(scan('# FEATURE(`x\')', { commentsAtStart: false }).calls.length, 1);
    const p = scan("include(`/x/m4/cf.m4')\n# FEATURE(`y')", { includeDisablesComments: (f: string) => f.endsWith('cf.m4') });
    assert.deepStrictEqual(p.calls.map((c) => c.name), ['include', 'FEATURE']);
  });

  it('follows changequote (including changequote() and changequote([,])) and changecom', () => {
    const p = scan("changequote([,])define([A], [x, `y'])changequote()FEATURE(`b')changequote\nFEATURE(`c')");
    const text = p.text;
    assert.deepStrictEqual(p.calls[1].args.map((a) => argValue(text, a)), ['A', "x, `y'"]);
    assert.deepStrictEqual(p.calls[3].args.map((a) => argValue(text, a)), ['`b\'']);
    assert.deepStrictEqual(p.calls[5].args.map((a) => argValue(text, a)), ['c']);
    const c = scan("changecom(`/*', `*/')/* FEATURE( */ # FEATURE(`x')");
    assert.deepStrictEqual(c.calls.map((x) => x.name), ['changecom', 'FEATURE']);
  });

  it('records close quotes and typographic quotes met outside strings in arguments', () => {
    const p = scan("define(`confX', '50')define(‘A’, `ok')");
    assert.deepStrictEqual(p.calls[0].args[1].strays.length, 2);
    assert.strictEqual(p.calls[1].args[0].typographic.length, 2);
  });

  it('reports an unclosed quote where it opens, once, and keeps reading the following lines', () => {
    const text = "define(`A', `x)dnl\nFEATURE(`access_db')dnl\nMAILER(`smtp')dnl\n";
    const p = scan(text);
    assert.deepStrictEqual(p.problems.map((x) => [x.kind, x.start]), [['unclosed-quote', text.indexOf('`x')]]);
    assert.deepStrictEqual(p.calls.map((c) => c.name), ['define', 'FEATURE', 'MAILER']);
    assert.match(m4(text).stderr, /end of file/, 'real m4 fails on this text too');
  });

  it('nested unclosed quotes: reports the outermost one, on the line real m4 names', () => {
    // Inside a quote every ` opens a nested quote: m4's string starts at the first one.
    const text = "dnl\nFEATURE(`FEATURE(`FEATURE(`FEATURE(`x\nMAILER(`smtp')dnl\ndefine(`A', `x `y)dnl\n";
    const p = scan(text);
    const first = p.problems[0];
    assert.deepStrictEqual([first.kind, first.start, first.openQuotes], ['unclosed-quote', text.indexOf('`'), 4]);
    const line = text.slice(0, first.start).split('\n').length;
    assert.match(m4(text).stderr, new RegExp(`:${line}: ERROR: end of file in string`), 'real m4 names the same line');
    // After recovery the next line's mistake is found too, again at its outermost quote.
    assert.deepStrictEqual(p.problems.slice(1).map((x) => [x.kind, x.start, x.openQuotes]), [['unclosed-quote', text.indexOf('`x `y'), 2]]);
    const rest = text.slice(text.indexOf('define'));
    assert.match(m4(rest).stderr, /:1: ERROR: end of file in string/, 'real m4 on that line alone');
  });

  it('reports an unclosed call at its name and recovers at the end of its line', () => {
    const text = "FEATURE(`a'dnl\nFEATURE(`b')dnl\n";
    const p = scan(text);
    assert.deepStrictEqual(p.problems.map((x) => [x.kind, x.start]), [['unclosed-call', 0]]);
    assert.deepStrictEqual(p.calls.map((c) => c.name), ['FEATURE', 'FEATURE']);
  });

  it('builtins GNU m4 only recognises with arguments are plain words without (', () => {
    const text = '# define the relay, include it\ndefine(`A\', `1\')include\n';
    const p = scanM4(text, { isMacro: (n) => MACROS.has(n), commentsAtStart: false });
    assert.deepStrictEqual(p.calls.map((c) => c.name), ['define']);
    // Real m4 (comments off) copies those words unchanged.
    assert.strictEqual(spawnSync('m4', [], { input: 'changecom()' + text, encoding: 'utf8' }).stdout, '# define the relay, include it\ninclude\n');
  });

  it('never throws and stays fast on hostile input', function () {
    this.timeout(20000);
    let seed = 42;
    const rnd = () => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed; };
    const junk = Array.from({ length: 200000 }, () => String.fromCharCode(rnd() % 256)).join('');
    const inputs = [junk, 'x'.repeat(10_000_000), '`'.repeat(10000), 'FEATURE('.repeat(10000), 'FEATURE(\n'.repeat(10000),
      "define(`a',\n".repeat(5000), "'".repeat(10000) + ')'.repeat(10000), '',
      // 1 MB of changequote soup with an unclosed call every 20 KB (each one re-reads the rest: bounded work)
      ("changequote([,])changequote(`,')define(`a',[b])dnl\n".repeat(400) + "FEATURE(`x'\n").repeat(50)];
    for (const input of inputs) {
      const t = Date.now();
      const p = scan(input);
      assert.ok(Array.isArray(p.calls));
      assert.ok(Date.now() - t < 5000, `took ${Date.now() - t} ms`);
    }
  });

  it('scans only a range when asked (a quoted branch), with document offsets and the given delimiters', () => {
    // The branch of ifdef is `FEATURE(`a')dnl\nFEATURE(`b'' (its second FEATURE( is never closed).
    const text = "ifdef(`X', `FEATURE(`a')dnl\nFEATURE(`b'')rest FEATURE(`c')";
    const start = text.indexOf('FEATURE');
    const end = text.indexOf("')rest");
    const p = scan(text, { range: { start, end, quotes: { open: '`', close: "'" }, comment: null } });
    assert.deepStrictEqual(p.calls.map((c) => text.slice(c.start, c.nameEnd) + '@' + c.start), [`FEATURE@${start}`, `FEATURE@${text.indexOf('FEATURE(`b')}`]);
    assert.deepStrictEqual(p.calls.map((c) => argValue(text, c.args[0])), ['a', 'b']);
    // A call left open at the end of the range is reported there, not continued past it.
    assert.deepStrictEqual(p.problems.map((x) => [x.kind, x.start]), [['unclosed-call', text.indexOf('FEATURE(`b')]]);
  });
});
