// ifdef/ifelse branches: which calls the model finds in them and when they run, editor
// features inside branches (hover, semantic tokens, symbols, completion), duplicate defines,
// and robustness on hostile nesting. What m4 itself does is pinned in realM4Branches.test.ts.
import * as assert from 'node:assert';
import { buildMcModel } from '../../../server/src/service/mc/model';
import { SEMANTIC_TOKEN_TYPES } from '../../../server/src/service/types';
import { codes, diagnose, openDoc } from '../helpers';

const whenOf = (text: string) => buildMcModel(text).items.map((i) => `${i.name}(${(i.args[0] ?? '').trim()}):${i.when}`);

describe('mc branches: model', () => {
  it('finds calls in ifdef/ifelse branches and says when they run', () => {
    const text = [
      "define(`USE_X')dnl",
      "ifdef(`USE_X', `FEATURE(`a')', `FEATURE(`b')')dnl",
      "ifdef(`OTHER', `FEATURE(`c')')dnl",
      "ifelse(`x', `y', `MAILER(`d')', `x', `x', `MAILER(`e')', `MAILER(`f')')dnl",
      "ifdef(`OTHER', `ifdef(`USE_X', `HACK(`g')')')dnl",
    ].join('\n');
    assert.deepStrictEqual(whenOf(text), [
      'define(USE_X):always',
      'ifdef(USE_X):always', 'FEATURE(a):taken', 'FEATURE(b):never',
      'ifdef(OTHER):always', 'FEATURE(c):maybe',
      'ifelse(x):always', 'MAILER(d):never', 'MAILER(e):taken', 'MAILER(f):never',
      'ifdef(OTHER):always', 'ifdef(USE_X):maybe', 'HACK(g):maybe',
    ]);
  });

  it('an unquoted word in a comparison may be a macro: the branch is only "maybe"', () => {
    assert.deepStrictEqual(whenOf("ifelse(X, `y', `FEATURE(`a')')dnl").slice(1), ['FEATURE(a):maybe']);
  });

  it('branch calls carry document offsets', () => {
    const text = "ifdef(`X', `FEATURE(`mailertable')')dnl";
    const f = buildMcModel(text).features[0];
    assert.strictEqual(text.slice(f.call.start, f.call.nameEnd), 'FEATURE');
    assert.strictEqual(text.slice(f.call.args[0].start, f.call.args[0].end), '`mailertable\'');
  });

  it('a duplicate define counts only when both run; a maybe-undefine ends the pair', () => {
    const base = "define(`confLOG_LEVEL', `9')dnl\n";
    assert.ok(codes(diagnose('sendmail-mc', `${base}ifdef(\`X', \`define(\`confLOG_LEVEL', \`14')')dnl\n`)).every((c) => c !== 'mc.duplicate-define'));
    assert.ok(codes(diagnose('sendmail-mc', `${base}define(\`X')dnl\nifdef(\`X', \`define(\`confLOG_LEVEL', \`14')')dnl\n`)).includes('mc.duplicate-define'));
    assert.ok(!codes(diagnose('sendmail-mc', `${base}ifdef(\`X', \`undefine(\`confLOG_LEVEL')')dnl\ndefine(\`confLOG_LEVEL', \`14')dnl\n`)).includes('mc.duplicate-define'));
  });

  it('never throws or hangs on deep nesting and junk', () => {
    const deep = "ifdef(`X', `".repeat(3000) + "FEATURE(`a')" + "')".repeat(3000);
    const wide = "ifelse(`a', `a', `FEATURE(`x'', `b', `".repeat(2000) + "'".repeat(2000);
    const junk = Array.from({ length: 200000 }, (_, i) => String.fromCharCode((i * 7919) % 65536)).join('');
    // one unquoted argument holding 20k calls: per-argument work must not repeat per call
    const manyCalls = "ifdef(`X', " + "VERSIONID(`a') MAILER(`smtp') LOCAL_DOMAIN(`b') x\n".repeat(20000) + ')dnl\n';
    for (const text of [deep, wide, junk, "ifdef(`X', `" + 'x'.repeat(1_000_000), "ifdef(`X', `ifdef(`Y', `')')".repeat(20000), manyCalls]) {
      const t0 = Date.now();
      const { svc, uri } = openDoc('sendmail-mc', text);
      svc.diagnostics(uri); svc.semanticTokens(uri); svc.symbols(uri);
      assert.ok(Date.now() - t0 < 5000, `took ${Date.now() - t0} ms`);
    }
    assert.ok(buildMcModel(deep).branches.length <= 8, 'nesting depth is capped');
  });
});

describe('mc branches: editor features', () => {
  const text = "define(`USE_X')dnl\nifdef(`USE_X', `FEATURE(`mailertable')dnl\ndefine(`confLOG_LEVEL', `9')')dnl\n";

  it('hover on a FEATURE name inside a branch shows the feature', () => {
    const { svc, uri } = openDoc('sendmail-mc', text);
    const h = svc.hover(uri, { line: 1, character: text.split('\n')[1].indexOf('mailertable') + 3 });
    assert.ok(h && JSON.stringify(h.contents).includes('mailertable'), JSON.stringify(h));
    const o = svc.hover(uri, { line: 2, character: 10 });
    assert.ok(o && /LogLevel/.test(JSON.stringify(o.contents)), JSON.stringify(o));
  });

  it('semantic tokens inside a branch: macro names and option names, not one string', () => {
    const { svc, uri } = openDoc('sendmail-mc', text);
    const data = svc.semanticTokens(uri);
    const lines = text.split('\n');
    const got = new Map<string, string>();
    let line = 0; let char = 0;
    for (let i = 0; i < data.length; i += 5) {
      line += data[i]; char = data[i] === 0 ? char + data[i + 1] : data[i + 1];
      got.set(`${line}:${lines[line].slice(char, char + data[i + 2])}`, SEMANTIC_TOKEN_TYPES[data[i + 3]]);
    }
    assert.strictEqual(got.get('1:FEATURE'), 'macro');
    assert.strictEqual(got.get('1:mailertable'), 'enumMember');
    assert.strictEqual(got.get('2:define'), 'function');
    assert.strictEqual(got.get('2:confLOG_LEVEL'), 'property');
  });

  it('symbols list branch calls; a branch that may not run says so', () => {
    const t = "ifdef(`OTHER', `FEATURE(`mailertable')')dnl\n";
    const { svc, uri } = openDoc('sendmail-mc', t);
    const f = svc.symbols(uri).find((s) => s.name === 'FEATURE(mailertable)');
    assert.ok(f, 'listed');
    assert.match(String(f!.detail), /in ifdef branch/);
  });

  it('completion of feature names inside a branch', () => {
    const t = "ifdef(`OTHER', `FEATURE(`mailer";
    const { svc, uri } = openDoc('sendmail-mc', t);
    assert.ok(svc.completion(uri, { line: 0, character: t.length }).some((c) => c.label === 'mailertable'));
  });
});

describe('mc branches: unquoted branches', () => {
  it('reports each side-effect call once, at the innermost branch not certainly chosen; text-only calls and quoted branches are left alone', () => {
    const text = [
      "define(`USE_X')dnl",
      "ifdef(`USE_X', ifdef(`USE_Y', FEATURE(`a') MAILER(`b')), VERSIONID(`v'))dnl",
      "ifdef(`USE_Z', `FEATURE(`c')', CONCAT(`x', `y'))dnl",
      "ifelse(`a', `b', , define(`confLOG_LEVEL', `9'))dnl",
    ].join('\n');
    const m = buildMcModel(text);
    assert.deepStrictEqual(m.unquotedBranches.map((b) => [b.owner.name, b.argIndex, b.when, b.calls.map((c) => c.name)]),
      [['ifdef', 1, 'maybe', ['FEATURE']]]); // MAILER breaks in any argument: mc.mailer-in-argument
    assert.deepStrictEqual(codes(diagnose('sendmail-mc', text)).filter((c) => c === 'mc.unquoted-branch' || c === 'mc.mailer-in-argument'), ['mc.unquoted-branch', 'mc.mailer-in-argument']);
  });

  it('no quick fix when quoting the whole branch would change it (it has quoted text of its own)', () => {
    const text = "ifdef(`USE_X', `dnl' FEATURE(`a'))dnl\n";
    const { svc, uri } = openDoc('sendmail-mc', text);
    const d = svc.diagnostics(uri).find((x) => x.code === 'mc.unquoted-branch')!;
    assert.ok(d, 'reported');
    assert.deepStrictEqual(svc.codeActions(uri, d.range, [d]), []);
  });

  it('hostile nesting of unquoted branches stays fast', () => {
    const n = 20000;
    const text = "ifdef(`X', ".repeat(n) + "FEATURE(`a')" + ')'.repeat(n) + '\n';
    const t0 = Date.now();
    const ds = diagnose('sendmail-mc', text);
    assert.ok(Date.now() - t0 < 5000, `took ${Date.now() - t0} ms`);
    assert.ok(codes(ds).length < 10);
  });
});
