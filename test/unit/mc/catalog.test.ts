// The whole catalog through the editor features: every FEATURE, MAILER, option, macro and
// m4 builtin has a hover with its name and an example, completion offers every one of them
// where it belongs, and every inserted snippet is correctly quoted m4.
import * as assert from 'node:assert';
import type { CompletionItem, MarkupContent } from 'vscode-languageserver-types';
import { BUILTINS, FEATURES, MACROS, MAILERS, OPTIONS } from '../../../server/src/service/catalog';
import { codes, openDoc } from '../helpers';

const QUOTE_CODES = ['mc.unclosed-quote', 'mc.unclosed-paren', 'mc.stray-quote', 'mc.typographic-quote', 'mc.define-args'];

function hoverAt(line: string, character: number): string {
  const { svc, uri } = openDoc('sendmail-mc', line + '\n');
  return (svc.hover(uri, { line: 0, character })?.contents as MarkupContent | undefined)?.value ?? '';
}

function assertDoc(md: string, name: string): void {
  assert.ok(md.includes(name), `hover of ${name} does not name it:\n${md}`);
  assert.match(md, /```sendmail-mc\n.+\n```/s, `hover of ${name} has no example block`);
}

/** Snippet syntax to plain text: ${1:x} -> x, ${1} / $1 -> ''. */
const plain = (s: string) => s.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\{\d+\}|\$\d/g, '');

function complete(text: string): CompletionItem[] {
  const { svc, uri } = openDoc('sendmail-mc', text);
  const lines = text.split('\n');
  return svc.completion(uri, { line: lines.length - 1, character: lines[lines.length - 1].length });
}

function quoteProblems(text: string): string[] {
  const { svc, uri } = openDoc('sendmail-mc', text);
  return codes(svc.diagnostics(uri)).filter((c) => QUOTE_CODES.includes(c));
}

describe('mc: the whole catalog in hover and completion', () => {
  it('hover documents every FEATURE', () => {
    for (const f of FEATURES) assertDoc(hoverAt(`FEATURE(\`${f.name}')dnl`, 9), f.name);
  });
  it('hover documents every MAILER', () => {
    for (const m of MAILERS) assertDoc(hoverAt(`MAILER(\`${m.file}')dnl`, 8), m.file);
  });
  it('hover documents every conf option', () => {
    for (const o of OPTIONS) assertDoc(hoverAt(`define(\`${o.name}', \`x')dnl`, 8), o.name);
  });
  it('hover documents every sendmail-cf macro', () => {
    for (const m of MACROS) {
      const md = m.kind === 'define' ? hoverAt(`define(\`${m.name}', \`x')dnl`, 8) : hoverAt(`${m.name}(\`x')dnl`, 1);
      assertDoc(md, m.name);
    }
  });
  it('hover documents every m4 builtin', () => {
    for (const b of BUILTINS) assertDoc(hoverAt(`${b.name}(\`x')`, 1), b.name);
  });

  it('completion offers every feature in FEATURE(`, every mailer in MAILER(`, every option in define(`', () => {
    const labels = (t: string) => new Set(complete(t).map((i) => i.label));
    const f = labels('FEATURE(`');
    for (const x of FEATURES) assert.ok(f.has(x.name), x.name);
    const m = labels('MAILER(`');
    for (const x of MAILERS) assert.ok(m.has(x.file), x.file);
    const d = labels('define(`');
    for (const x of OPTIONS) assert.ok(d.has(x.name), x.name);
  });

  it("names inserted without an opening quote are quoted: the line parses without quote problems", () => {
    for (const [call, items] of [['FEATURE', complete('FEATURE(')], ['MAILER', complete('MAILER(')]] as const) {
      assert.ok(items.length > 10);
      for (const it of items) {
        const line = `${call}(${it.insertText ?? it.label})dnl\n`;
        assert.deepStrictEqual(quoteProblems(line), [], line);
      }
    }
  });

  it('every line-start snippet (FEATURE with its map argument, macros, define) inserts correctly quoted m4', () => {
    const items = complete('');
    assert.ok(items.length >= FEATURES.length);
    for (const it of items) {
      const text = plain(String(it.insertText ?? it.label)) + '\n';
      assert.deepStrictEqual(quoteProblems(text), [], text);
    }
  });

  it('names only the installed sendmail-cf tree has: hover says which installed version provides them', () => {
    const CF = '/usr/share/sendmail/cf';
    const tree = {
      [`${CF}/m4/cf.m4`]: '', [`${CF}/m4/version.m4`]: 'DZ8.99.1\n',
      [`${CF}/feature/brand_new.m4`]: '', [`${CF}/mailer/newmail.m4`]: 'Mnewmail, P=[IPC]\n',
      [`${CF}/m4/proto.m4`]: "ifdef(`confBRAND_NEW_OPTION', `')",
    };
    const text = "FEATURE(`brand_new')dnl\nMAILER(`newmail')dnl\ndefine(`confBRAND_NEW_OPTION', `1')dnl\n";
    const { svc, uri } = openDoc('sendmail-mc', text, '/etc/mail/sendmail.mc', tree);
    const at = (line: number, character: number) => (svc.hover(uri, { line, character })?.contents as MarkupContent | undefined)?.value ?? '';
    assert.match(at(0, 10), /FEATURE `brand_new`.*installed sendmail-cf for sendmail 8\.99\.1 in `\/usr\/share\/sendmail\/cf`/s);
    assert.match(at(1, 9), /MAILER `newmail`.*8\.99\.1.*Defines mailers: `newmail`/s);
    assert.match(at(2, 10), /option `confBRAND_NEW_OPTION`.*8\.99\.1/s);
    // The same names without the tree: no hover, and the feature is an unknown one.
    const bare = openDoc('sendmail-mc', text);
    assert.strictEqual(bare.svc.hover(bare.uri, { line: 0, character: 10 }), null);
  });
});
