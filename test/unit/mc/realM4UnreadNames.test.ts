// Names nothing reads, checked with the real m4 and the installed sendmail-cf: where we say a
// define or ifdef has no effect, sendmail.cf comes out the same without it; where we suggest a
// name, the suggestion changes sendmail.cf; names the file reads itself change it too. Every
// such finding on the corpus and on the .mc files shipped with sendmail-cf is checked the same way.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { LanguageService, diskWorkspace } from '../../../server/src/service';
import { withoutBuildStamp } from '../commands/etcMail';
import { CORPUS, applyEdits } from '../helpers';
import { CF, haveRealM4, m4 } from './realM4Helpers';

const CODES = ['mc.unread-name', 'mc.unused-macro'];
const HEAD = `include(\`${CF}/m4/cf.m4')dnl\nOSTYPE(\`linux')dnl\n`;
const TAIL = "MAILER(`local')dnl\nMAILER(`smtp')dnl\n";

function ours(text: string, file = '/tmp/unread-m4/sendmail.mc') {
  const svc = new LanguageService(diskWorkspace());
  const uri = `file://${file}`;
  svc.open(uri, 'sendmail-mc', 1, text);
  const ds = svc.diagnostics(uri).filter((d) => CODES.includes(String(d.code)));
  return { ds, fix: (i: number) => applyEdits(text, svc.codeActions(uri, ds[i].range, [ds[i]])[0].edit!.changes![uri]) };
}
const cf = (text: string) => withoutBuildStamp(m4(text).out);

interface Case { what: string; line: string; code: string; extra?: string }
const CASES: Case[] = [
  { what: 'a typo of SMART_HOST', line: "define(`SMART_HOTS', `[relay.example.com]')dnl\n", code: 'mc.unread-name' },
  { what: 'RELAY_MAILER, which sendmail-cf 8.17 no longer reads', line: "define(`RELAY_MAILER', `esmtp')dnl\n", code: 'mc.unread-name', extra: "define(`SMART_HOST', `relay.example.com')dnl\n" },
  { what: 'MCI_CACHE_SIZE without its conf prefix (as in cf/vangogh.cs.mc)', line: "define(`MCI_CACHE_SIZE', `5')dnl\n", code: 'mc.unread-name' },
  { what: 'an ifdef of a misspelt name', line: "ifdef(`SMART_HOTS', `FEATURE(`nocanonify')')dnl\n", code: 'mc.unread-name', extra: "define(`SMART_HOST', `[relay.example.com]')dnl\n" },
  { what: "the admin's own macro that nothing uses", line: "define(`MY_DOMAIN', `example.com')dnl\n", code: 'mc.unused-macro' },
];

describe('mc: names nothing reads, checked against the real m4', function () {
  this.timeout(120_000);
  before(function () { if (!haveRealM4()) this.skip(); });

  for (const c of CASES) {
    it(`${c.what}: sendmail.cf is the same without it${c.code === 'mc.unread-name' ? ', and different with our fix' : ''}`, () => {
      const text = HEAD + (c.extra ?? '') + c.line + TAIL;
      const { ds, fix } = ours(text);
      assert.deepStrictEqual(ds.map((d) => d.code), [c.code], JSON.stringify(ds.map((d) => String(d.message))));
      const without = HEAD + (c.extra ?? '') + TAIL;
      assert.strictEqual(cf(text), cf(without), 'the line changes nothing');
      if (c.code === 'mc.unread-name') {
        const fixed = fix(0);
        assert.notStrictEqual(cf(fixed), cf(without), `the suggested name is read:\n${fixed}`);
        assert.deepStrictEqual(ours(fixed).ds, []);
      }
    });
  }

  it('a macro the file itself uses (raw LOCAL_CONFIG lines expand it): quiet, and it does change sendmail.cf', () => {
    const text = `${HEAD}define(\`MY_DOMAIN', \`example.com')dnl\n${TAIL}LOCAL_CONFIG\nCw MY_DOMAIN\n`;
    assert.deepStrictEqual(ours(text).ds, []);
    assert.match(cf(text), /^Cw example\.com$/m);
  });

  /** The findings on the corpus and the shipped .mc files, decided file by file (all others: none). */
  const DECIDED: Record<string, string[]> = {
    '004-Swicegood_OMD-sendmail.mc': ['mc.unread-name RELAY_MAILER -> confRELAY_MAILER'],
    '056-cobalt-mirror_bluequartz-sendmail.mc': ['mc.unused-macro _DNSVALID_'], // HACK(popauth), not in the tree, may have read it
    'vangogh.cs.mc': ['mc.unread-name MCI_CACHE_SIZE -> confMCI_CACHE_SIZE'], // sendmail's own sample: ConnectionCacheSize stays 2
  };

  it('every finding on the corpus and the shipped .mc files: the ones decided, and removing the line leaves sendmail.cf as it is', () => {
    const files: string[] = [];
    for (const d of [path.join(CORPUS, 'mc'), `${CF}/cf`, `${CF}/debian`]) {
      for (const n of fs.existsSync(d) ? fs.readdirSync(d) : []) if (n.endsWith('.mc')) files.push(path.join(d, n));
    }
    let checked = 0;
    const found: Record<string, string[]> = {};
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const { ds } = ours(text, file);
      if (ds.length) {
        found[path.basename(file)] = ds.map((d) => `${d.code} ${/(?:reads|defines) (\S+):/.exec(String(d.message))![1]}${/Did you mean (\S+)\?/.exec(String(d.message))?.[1].replace(/^/, ' -> ') ?? ''}`);
      }
      for (const d of ds) {
        // Take out the call itself (not the rest of its line: a newline m4 copies stays).
        const lines = text.split('\n');
        const line = lines[d.range.start.line];
        const open = line.slice(0, d.range.start.character).search(/(?:define|pushdef|ifdef)\(\s*`?$/);
        let depth = 0, close = open;
        for (let i = open; i < line.length; i++) {
          if (line[i] === '(') depth++;
          else if (line[i] === ')' && --depth === 0) { close = i; break; }
        }
        assert.ok(close > open, `one-line call: ${line}`);
        lines[d.range.start.line] = line.slice(0, open) + line.slice(close + 1);
        const without = lines.join('\n');
        const run = (t: string) => {
          const args = /include\([^)]*cf\.m4/.test(t) ? [] : [`${CF}/m4/cf.m4`];
          const r = spawnSync('m4', [`-D_CF_DIR_=${CF}/`, ...args, '-'], { input: t, cwd: path.dirname(file), encoding: 'utf8' });
          return withoutBuildStamp(r.stdout);
        };
        assert.strictEqual(run(text), run(without), `${file}:${d.range.start.line + 1} ${String(d.message)}`);
        checked++;
      }
    }
    assert.deepStrictEqual(found, DECIDED);
    assert.ok(checked >= 3, `only ${checked} findings checked`);
  });
});
