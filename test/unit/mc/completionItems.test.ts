// Completion details the QA pass found wrong: deprecated features listed like any other,
// section starters inserted with an argument list, MAILER's detail naming no mailer.
import * as assert from 'node:assert';
import { CompletionItemTag, type CompletionItem } from 'vscode-languageserver-types';
import { openDoc } from '../helpers';

function complete(text: string): CompletionItem[] {
  const { svc, uri } = openDoc('sendmail-mc', text);
  const lines = text.split('\n');
  return svc.completion(uri, { line: lines.length - 1, character: lines[lines.length - 1].length });
}
const order = (items: CompletionItem[]) => [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label)).map((i) => i.label);

describe('mc completion items', () => {
  it("FEATURE(`: blacklist_recipients is tagged deprecated, says what replaces it and sorts after every current feature", () => {
    const items = complete('FEATURE(`');
    const old = items.find((i) => i.label === 'blacklist_recipients')!;
    assert.deepStrictEqual(old.tags, [CompletionItemTag.Deprecated]);
    assert.match(old.detail ?? '', /^deprecated, use blocklist_recipients/);
    const sorted = order(items);
    assert.ok(sorted.indexOf('blacklist_recipients') > sorted.indexOf('virtusertable'), 'listed last');
    assert.strictEqual(items.find((i) => i.label === 'blocklist_recipients')!.tags, undefined);
  });

  it('line start: the deprecated FEATURE line snippet is tagged and sorted last too', () => {
    const items = complete('FEA');
    const old = items.find((i) => i.label === "FEATURE(`blacklist_recipients')")!;
    assert.deepStrictEqual(old.tags, [CompletionItemTag.Deprecated]);
    assert.ok(old.sortText!.localeCompare("FEATURE(`virtusertable')") > 0);
  });

  it('MAILER_DEFINITIONS and LOCAL_CONFIG insert the bare name and a new line, no argument list', () => {
    const items = complete('MAI');
    for (const name of ['MAILER_DEFINITIONS', 'LOCAL_CONFIG', 'LOCAL_RULESETS']) {
      const it = items.find((i) => i.label === name)!;
      assert.strictEqual(it.insertText, `${name}\n$0`, name);
    }
    assert.strictEqual(items.find((i) => i.label === 'OSTYPE')!.insertText, "OSTYPE(`${1:linux}')dnl");
  });

  it('MAILER: the line snippet and the file names say which mailers they define', () => {
    assert.match(complete('MAI').find((i) => i.label === 'MAILER')!.detail!, /defines the mailers smtp, esmtp.*relay/);
    const local = complete('MAILER(`').find((i) => i.label === 'local')!;
    assert.match(local.detail!, /^defines local, prog/);
  });
});
