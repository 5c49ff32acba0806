// Grammar files as VS Code will load them: declared in package.json, valid JSON with the
// declared scope name, every regex compiles in oniguruma and every include resolves.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as onig from 'vscode-oniguruma';
import { ROOT, declaredGrammars, loadGrammar, onigLib } from './grammar';

type Rule = Record<string, unknown>;

/** Every rule object in a grammar (patterns, repository entries, captures), depth first. */
function* rules(node: unknown): Generator<Rule> {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) { for (const n of node) yield* rules(n); return; }
  const r = node as Rule;
  yield r;
  for (const key of ['patterns', 'repository', 'captures', 'beginCaptures', 'endCaptures', 'whileCaptures']) {
    const child = r[key];
    if (Array.isArray(child)) yield* rules(child);
    else if (child && typeof child === 'object') for (const v of Object.values(child)) yield* rules(v);
  }
}

function readGrammar(rel: string): Rule {
  return JSON.parse(fs.readFileSync(path.join(ROOT, rel), 'utf8'));
}

describe('grammar files', () => {
  const declared = declaredGrammars();

  it('package.json declares the eleven sendmail languages, each with an existing grammar file', () => {
    assert.equal(declared.length, 11);
    for (const g of declared) assert.ok(fs.existsSync(path.join(ROOT, g.path)), `${g.path} missing`);
    const files = fs.readdirSync(path.join(ROOT, 'syntaxes')).filter((f) => f.endsWith('.tmLanguage.json'));
    assert.deepEqual(files.sort(), declared.map((g) => path.basename(g.path)).sort(), 'every grammar file is declared');
  });

  it('the JSON files are what syntaxes/src/build.mjs generates (edit the sources, then rebuild)', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'grammars-'));
    try {
      execFileSync(process.execPath, [path.join(ROOT, 'syntaxes/src/build.mjs'), tmp]);
      for (const g of declared) {
        const name = path.basename(g.path);
        assert.equal(fs.readFileSync(path.join(ROOT, g.path), 'utf8'), fs.readFileSync(path.join(tmp, name), 'utf8'), `${name} is stale`);
      }
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  for (const g of declared) {
    describe(g.scopeName, () => {
      const grammar = readGrammar(g.path);

      it('is JSON with the declared scopeName', () => {
        assert.equal(grammar.scopeName, g.scopeName);
        assert.ok(Array.isArray(grammar.patterns) && grammar.patterns.length > 0);
      });

      it('every regex compiles in oniguruma', async () => {
        await onigLib();
        for (const r of rules(grammar)) {
          for (const key of ['match', 'begin', 'end', 'while'] as const) {
            const src = r[key];
            if (typeof src !== 'string') continue;
            // End patterns may use back-references to begin captures; those compile only after substitution.
            const pattern = key === 'end' || key === 'while' ? src.replace(/\\[1-9]/g, 'x') : src;
            assert.doesNotThrow(() => new onig.OnigScanner([pattern]), `${g.scopeName} ${key}: ${src}`);
          }
        }
      });

      it('every include points at a repository entry or a declared grammar', () => {
        const repo = (grammar.repository ?? {}) as Record<string, unknown>;
        for (const r of rules(grammar)) {
          const inc = r.include;
          if (typeof inc !== 'string' || inc === '$self' || inc === '$base') continue;
          if (inc.startsWith('#')) { assert.ok(inc.slice(1) in repo, `${g.scopeName}: ${inc} not in repository`); continue; }
          const [scope, item] = inc.split('#');
          const other = declared.find((d) => d.scopeName === scope);
          assert.ok(other, `${g.scopeName}: include ${inc} names an undeclared grammar`);
          if (item) assert.ok(item in ((readGrammar(other.path).repository ?? {}) as object), `${inc} not in ${scope}`);
        }
      });

      it('loads in vscode-textmate', async () => {
        const loaded = await loadGrammar(g.scopeName);
        assert.ok(loaded.tokenizeLine('x', null).tokens.length > 0);
      });
    });
  }
});
