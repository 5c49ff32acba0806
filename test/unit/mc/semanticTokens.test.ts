// Semantic tokens: known vs unknown sendmail-cf names, the file's own macros, deprecated.
import * as assert from 'node:assert';
import { SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES } from '../../../server/src/service/types';
import { openDoc } from '../helpers';

/** Decodes LSP semantic tokens into { text: "type+mod+mod" } for the given document. */
function tokens(text: string): Map<string, string> {
  const { svc, uri } = openDoc('sendmail-mc', text);
  const data = svc.semanticTokens(uri);
  const lines = text.split('\n');
  const out = new Map<string, string>();
  let line = 0; let char = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i]; char = data[i] === 0 ? char + data[i + 1] : data[i + 1];
    const mods = SEMANTIC_TOKEN_MODIFIERS.filter((_m, b) => data[i + 4] & (1 << b));
    out.set(`${line}:${lines[line].slice(char, char + data[i + 2])}`, [SEMANTIC_TOKEN_TYPES[data[i + 3]], ...mods].join('+'));
  }
  return out;
}

describe('mc semantic tokens', () => {
  const text = [
    "FEATURE(`mailertable')dnl",          // 0 known feature
    "FEATURE(`mailertabel')dnl",          // 1 unknown feature
    "FEATURE(`blacklist_recipients')dnl", // 2 deprecated
    "define(`confLOG_LEVEL', `9')dnl",    // 3 known option
    "define(`confLOG_Level', `9')dnl",    // 4 unknown option
    "define(`MY_RELAY', `[10.0.0.1]')dnl",// 5 the file's own macro
    "define(`SMART_HOST', MY_RELAY)dnl",  // 6 ... used
    "MAILER(`smtp')dnl",                  // 7 known mailer
    "MAILER(`smtpx')dnl",                 // 8 unknown mailer
  ].join('\n');
  const t = tokens(text);

  it('known FEATURE/MAILER names carry defaultLibrary, unknown ones do not', () => {
    assert.strictEqual(t.get('0:mailertable'), 'enumMember+defaultLibrary');
    assert.strictEqual(t.get('1:mailertabel'), 'enumMember');
    assert.strictEqual(t.get('7:smtp'), 'enumMember+defaultLibrary');
    assert.strictEqual(t.get('8:smtpx'), 'enumMember');
  });

  it('deprecated names carry deprecated', () => {
    assert.strictEqual(t.get('2:blacklist_recipients'), 'enumMember+deprecated+defaultLibrary');
  });

  it('known options are library properties, unknown ones plain properties', () => {
    assert.strictEqual(t.get('3:confLOG_LEVEL'), 'property+defaultLibrary');
    assert.strictEqual(t.get('4:confLOG_Level'), 'property');
  });

  it("the file's own macros are variables, declared where defined", () => {
    assert.strictEqual(t.get('5:MY_RELAY'), 'variable+declaration');
    assert.strictEqual(t.get('6:MY_RELAY'), 'variable');
    assert.strictEqual(t.get('6:SMART_HOST'), 'property+defaultLibrary');
  });

  it('builtins are library functions, sendmail-cf macros library macros', () => {
    assert.strictEqual(t.get('0:FEATURE'), 'macro+defaultLibrary');
    assert.strictEqual(t.get('3:define'), 'function+defaultLibrary');
  });
});
