// The grammars against the real tools and real files: what the grammar calls a dnl
// comment or a quote must be what GNU m4 strips, and the key/value split of a map line
// must be the one makemap makes. Inputs are the real-world corpus plus nasty cases.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CORPUS, tokenize, hasScope, type Lines } from './grammar';

const STRING = 'string.quoted.other.m4';

/**
 * The output GNU m4 should give when no macro but dnl is defined, as the grammar sees the text:
 * dnl comments vanish with their newline and the outermost quotes are stripped.
 */
function predictM4Output(lines: Lines): string {
  let out = '';
  lines.forEach((tokens, i) => {
    let commented = false;
    for (const t of tokens) {
      if (hasScope(t.scopes, 'comment.line.dnl')) { commented = true; break; }
      const depth = t.scopes.filter((s) => s === STRING).length;
      const quoteMark = hasScope(t.scopes, 'punctuation.definition.string.begin.m4') || hasScope(t.scopes, 'punctuation.definition.string.end.m4');
      if (quoteMark && depth === 1) continue;
      out += t.text;
    }
    if (!commented && i < lines.length - 1) out += '\n';
  });
  return out;
}

/** Runs GNU m4 with every builtin renamed away except dnl, so only comments and quotes act. */
function m4Output(text: string): string {
  const prelude = "m4_define(`dnl', m4_defn(`m4_dnl'))m4_dnl\n";
  return execFileSync('m4', ['--prefix-builtins'], { input: prelude + text, encoding: 'utf8' });
}

const hasTool = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

describe('grammars agree with the real tools', function () {
  this.timeout(60_000);

  describe('sendmail.mc vs GNU m4: dnl comments and quote nesting', () => {
    before(function () { if (!hasTool('m4')) this.skip(); });

    it('nasty cases', async () => {
      const text = [
        "FEATURE(`access_db')dnl trailing `unbalanced",
        "define(`X', `a `b' c')dnl",
        "`outer `inner `deepest''' after",
        '# hash comment keeps `quotes and dnl',
        "`quoted # is not a comment' dnl but this is",
        'xdnl ydnlz dnl_x dnl real comment',
        "`multi",
        "line dnl inside quote' tail",
        "MAILER(smtp)dnl",
        "define(`confDEF_USER_ID', ``8:12'')dnl",
        '',
      ].join('\n');
      const l = await tokenize('source.sendmail.mc', text);
      assert.equal(predictM4Output(l), m4Output(text));
    });

    it('every corpus sendmail.mc', async function () {
      const dir = path.join(CORPUS, 'mc');
      if (!fs.existsSync(dir)) this.skip();
      const files = fs.readdirSync(dir);
      assert.ok(files.length > 0);
      for (const f of files) {
        const text = fs.readFileSync(path.join(dir, f), 'utf8');
        const l = await tokenize('source.sendmail.mc', text);
        const predicted = predictM4Output(l).split('\n');
        const actual = m4Output(text).split('\n');
        const i = predicted.findIndex((line, n) => line !== actual[n]);
        assert.equal(i, -1, `${f}: first difference at output line ${i}:\n grammar: ${JSON.stringify(predicted[i])}\n m4:      ${JSON.stringify(actual[i])}`);
      }
    });
  });

  describe('map sources vs makemap: comments, leading blanks and the key/value split', () => {
    let tmp = '';
    before(function () {
      if (!hasTool('makemap')) this.skip();
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'grammar-makemap-'));
    });
    after(() => { if (tmp) fs.rmSync(tmp, { recursive: true, force: true }); });

    type MapView = { pairs: [string, string][]; leadingBlank: number[]; noValue: number[] };

    /** makemap -v output: accepted key/value pairs and the lines it rejected (0-based). */
    function makemap(text: string): MapView {
      const r = spawnSync('makemap', ['-v', '-f', 'hash', path.join(tmp, 'map')], { input: text, encoding: 'utf8' });
      const pairs = [...r.stdout.matchAll(/^key=`(.*)', val=`(.*)'$/gm)].map((m) => [m[1], m[2]] as [string, string]);
      const rejected = (re: RegExp) => [...r.stderr.matchAll(re)].map((m) => Number(m[1]) - 1);
      return { pairs, leadingBlank: rejected(/line (\d+): syntax error \(leading space\)/g), noValue: rejected(/line (\d+): no RHS for LHS/g) };
    }

    /** The grammar's view: key and value text of each entry line, and lines marked invalid. */
    function grammarView(lang: string, lines: Lines): MapView {
      const pairs: [string, string][] = [];
      const leadingBlank: number[] = [];
      const noValue: number[] = [];
      lines.forEach((tokens, i) => {
        if (tokens.some((t) => hasScope(t.scopes, 'invalid.illegal.leading-whitespace'))) { leadingBlank.push(i); return; }
        if (tokens.some((t) => hasScope(t.scopes, 'invalid.illegal.missing-value'))) { noValue.push(i); return; }
        const key = tokens.filter((t) => hasScope(t.scopes, `entity.name.tag.key.${lang}`)).map((t) => t.text).join('');
        const value = tokens.filter((t) => hasScope(t.scopes, `meta.value.${lang}`)).map((t) => t.text).join('');
        if (key) pairs.push([key, value]);
      });
      return { pairs, leadingBlank, noValue };
    }

    const crafted = [
      '# comment',
      'key\tvalue # not a comment',
      '  leading.blank\tOK',
      '\t',
      'example.com    esmtp:[mx.example.com]',
      'From:a@b.example\t\t"ERROR:5.7.1:550 go away"',
      'AuthInfo: "U:root" "P:secret"',
      '#another comment',
      'novalue',
      'blank.value   ',
    ].join('\n') + '\n';

    for (const lang of ['mailertable', 'access', 'virtusertable', 'genericstable', 'domaintable', 'authinfo']) {
      it(`${lang}: crafted lines split as makemap splits them`, async () => {
        const l = await tokenize(`source.sendmail.${lang}`, crafted.replace(/\n$/, ''));
        assert.deepEqual(grammarView(lang, l), makemap(crafted));
      });
    }

    const corpusDirs: Record<string, string> = { mailertable: 'mailertable', access: 'access', virtusertable: 'virtusertable' };
    for (const [lang, sub] of Object.entries(corpusDirs)) {
      it(`${lang}: every corpus file splits as makemap splits it`, async function () {
        const dir = path.join(CORPUS, sub);
        if (!fs.existsSync(dir)) this.skip();
        for (const f of fs.readdirSync(dir)) {
          const text = fs.readFileSync(path.join(dir, f), 'utf8');
          const l = await tokenize(`source.sendmail.${lang}`, text.replace(/\n$/, ''));
          assert.deepEqual(grammarView(lang, l), makemap(text.endsWith('\n') ? text : text + '\n'), f);
        }
      });
    }
  });
});
