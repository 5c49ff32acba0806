// Grammars must never throw or stall the editor, whatever the input: binary junk, very
// long lines, thousands of unclosed quotes and parentheses. VS Code tokenizes with
// tokenizeLine2 and skips lines longer than 20,000 characters; we test 10x that.
import * as assert from 'node:assert/strict';
import * as vsctm from 'vscode-textmate';
import { declaredGrammars, loadGrammar, tokenize, hasScope } from './grammar';

const LONG = 200_000;

/** Deterministic bytes 0..255, including NUL and control characters. */
function junk(n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode((i * 7919 + (i >> 7)) % 256);
  return s;
}

const NASTY: Record<string, string[]> = {
  'binary junk': [junk(LONG), junk(5000)],
  'one long word': ['a'.repeat(LONG)],
  'long blank runs': [' '.repeat(LONG) + 'x', 'k' + '\t'.repeat(LONG) + 'v'],
  'unclosed everything': ['`(["${'.repeat(LONG / 6), "R$*\t$#\t$(\t$[\t\"\t`\t'\t[\t(", ':include:"|' + '"'.repeat(1000)],
  'deep nesting': ['`'.repeat(LONG / 10), 'FEATURE('.repeat(LONG / 80), "'".repeat(LONG / 10)],
  'many short tokens': ['$*$+$-$@$:$>$#$|$.$&x$?y$=z$~w%1[a]"b":c,d@e '.repeat(LONG / 50)],
};

describe('grammar robustness', function () {
  this.timeout(60_000);

  for (const { scopeName } of declaredGrammars()) {
    it(`${scopeName}: tokenizes hostile input quickly and recovers on the next document`, async () => {
      const grammar = await loadGrammar(scopeName);
      for (const [name, lines] of Object.entries(NASTY)) {
        const started = Date.now();
        let stack = vsctm.INITIAL;
        for (const line of [...lines, 'x y']) {
          const r = grammar.tokenizeLine2(line, stack);
          assert.ok(r.tokens.length >= 2, `${scopeName} ${name}: produced tokens`);
          stack = r.ruleStack;
        }
        const ms = Date.now() - started;
        assert.ok(ms < 4000, `${scopeName} ${name}: took ${ms} ms`);
      }
      // A fresh document starts from the initial state again (mail logs have no comments: a timestamp).
      const [probe, scope] = scopeName === 'source.sendmail.maillog' ? ['Jan  5 10:00:01 host sm-mta[1]: x', 'constant.numeric.date.timestamp'] : ['# comment', 'comment.line.number-sign'];
      const after = await tokenize(scopeName, [probe]);
      assert.ok(hasScope(after[0][0].scopes, scope), `${scopeName}: ${scope} after junk`);
    });
  }

  it('full-scope tokenization (tokenizeLine) of junk works for every grammar', async () => {
    for (const { scopeName } of declaredGrammars()) {
      const l = await tokenize(scopeName, [junk(3000), '\u0000\uffff\ud800', '']);
      assert.equal(l.length, 3);
      assert.equal(l[0].map((t) => t.text).join(''), junk(3000), `${scopeName}: tokens cover the line`);
    }
  });
});
