// Every catalog entry carries real documentation: non-empty summary/doc/example, no
// placeholder text, and no doc pasted onto several entries.
import * as assert from 'node:assert';
import { FEATURES, MAILERS, OPTIONS, MACROS, BUILTINS, OSTYPES, DOMAINS, HACKS } from '../../../server/src/service/catalog';

interface Documented { summary: string; doc: string; example: string }
const groups: [string, (Documented & { key: string })[]][] = [
  ['features', FEATURES.map((f) => ({ ...f, key: f.name }))],
  ['mailers', MAILERS.map((m) => ({ ...m, key: m.file }))],
  ['options', OPTIONS.map((o) => ({ ...o, key: o.name }))],
  ['macros', MACROS.map((m) => ({ ...m, key: m.name }))],
  ['builtins', BUILTINS.map((b) => ({ ...b, key: b.name }))],
];
const PLACEHOLDER = /\b(TODO|TBD|FIXME|XXX|lorem|placeholder)\b|^\s*\.{3}\s*$/i;

describe('catalog entries', () => {
  for (const [group, items] of groups) {
    describe(group, () => {
      it('has non-empty, non-placeholder summary, doc and example', () => {
        for (const e of items) {
          for (const field of ['summary', 'doc', 'example'] as const) {
            const v = e[field];
            assert.ok(typeof v === 'string' && v.trim().length > 2, `${e.key}.${field} empty`);
            if (field !== 'example') assert.doesNotMatch(v, PLACEHOLDER, `${e.key}.${field}`);
          }
          assert.ok(e.summary.length <= 140, `${e.key}: summary should be one short line`);
          assert.ok(!e.summary.includes('\n'), `${e.key}: summary spans lines`);
        }
      });
      it('has unique names and unique docs', () => {
        const keys = items.map((e) => e.key);
        assert.deepStrictEqual(keys.filter((k, i) => keys.indexOf(k) !== i), []);
        const docs = items.map((e) => e.doc);
        assert.deepStrictEqual(docs.filter((d, i) => docs.indexOf(d) !== i), []);
      });
    });
  }

  it('options: example defines the option itself, cfOption is filled, types are known', () => {
    for (const o of OPTIONS) {
      assert.ok(o.example.startsWith(`define(\`${o.name}',`), o.name);
      assert.ok(o.cfOption.length > 0, o.name);
    }
    assert.strictEqual(OPTIONS.find((o) => o.name === 'confMAX_DAEMON_CHILDREN')?.cfOption, 'O MaxDaemonChildren');
    assert.strictEqual(OPTIONS.find((o) => o.name === 'confMAILER_NAME')?.cfOption, 'macro $n');
  });

  it('examples that use m4 quotes balance them', () => {
    for (const e of [...FEATURES, ...OPTIONS, ...MACROS.filter((m) => m.kind === 'define')]) {
      const opens = (e.example.match(/`/g) ?? []).length;
      const closes = (e.example.match(/'/g) ?? []).length;
      assert.strictEqual(opens, closes, `${'name' in e ? e.name : ''}: ${e.example}`);
    }
  });

  it('every feature must precede MAILER and every map feature names its map', () => {
    for (const f of FEATURES) assert.strictEqual(f.beforeMailer, true, f.name);
    const mapped = FEATURES.filter((f) => f.map).map((f) => f.name);
    for (const n of ['mailertable', 'virtusertable', 'genericstable', 'domaintable', 'access_db', 'authinfo', 'bitdomain', 'uucpdomain']) {
      assert.ok(mapped.includes(n), n);
    }
    assert.strictEqual(FEATURES.find((f) => f.name === 'blacklist_recipients')?.replacedBy, 'blocklist_recipients');
  });

  it('relay hosts are marked as MX-looked-up values', () => {
    for (const n of ['SMART_HOST', 'MAIL_HUB', 'LUSER_RELAY', 'LOCAL_RELAY']) {
      assert.strictEqual(MACROS.find((m) => m.name === n)?.takesHost, true, n);
    }
    assert.ok(!MACROS.find((m) => m.name === 'OSTYPE')?.takesHost);
  });

  it('ostype/domain/hack lists have summaries', () => {
    for (const x of [...OSTYPES, ...DOMAINS, ...HACKS]) assert.ok(x.summary.length > 3, x.name);
  });
});
