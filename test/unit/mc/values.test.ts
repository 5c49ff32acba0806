// Option values sendmail misreads (a size suffix on a numeric option) and how the hover
// describes options: byte-size options warn about suffixes, m4-only names say so.
import * as assert from 'node:assert';
import type { MarkupContent } from 'vscode-languageserver-types';
import { OPTIONS } from '../../../server/src/service/catalog';
import { applyEdits, codes, openDoc } from '../helpers';

const HEAD = "include(`/usr/share/sendmail/cf/m4/cf.m4')dnl\nOSTYPE(`linux')dnl\n";
const CODE = 'mc.number-with-suffix';

function run(text: string) {
  const { svc, uri } = openDoc('sendmail-mc', text);
  return { ds: svc.diagnostics(uri), svc, uri };
}
const hits = (text: string) => run(text).ds.filter((d) => d.code === CODE);

function hover(name: string): string {
  const line = `define(\`${name}', \`x')dnl`;
  const { svc, uri } = openDoc('sendmail-mc', `${line}\n`);
  return (svc.hover(uri, { line: 0, character: line.indexOf(name) + 2 })?.contents as MarkupContent | undefined)?.value ?? '';
}

describe('mc: numeric option values', () => {
  it('10M in confMAX_MESSAGE_SIZE: sendmail reads 10 bytes; the fix writes 10485760', () => {
    const text = `${HEAD}define(\`confMAX_MESSAGE_SIZE', \`10M')dnl\n`;
    const [d] = hits(text);
    assert.ok(d, 'reported');
    assert.strictEqual(d.range.start.line, 2);
    assert.strictEqual(text.split('\n')[2].slice(d.range.start.character, d.range.end.character), '10M');
    assert.match(String(d.message), /MaxMessageSize=10M.*value is 10 bytes.*"SIZE 10"/);
    const { svc, uri } = run(text);
    const [a] = svc.codeActions(uri, d.range, [d]);
    const fixed = applyEdits(text, a.edit!.changes![uri]);
    assert.ok(fixed.includes("`10485760'"), fixed);
    assert.deepStrictEqual(hits(fixed), []);
  });

  it('k, G and "MB" suffixes convert with 1024; a suffix on a non-byte number gets no conversion', () => {
    const fixOf = (v: string, name = 'confMAX_MESSAGE_SIZE') => {
      const text = `${HEAD}define(\`${name}', \`${v}')dnl\n`;
      const { ds, svc, uri } = run(text);
      const d = ds.find((x) => x.code === CODE)!;
      assert.ok(d, `${v} reported`);
      return svc.codeActions(uri, d.range, [d]).map((a) => applyEdits(text, a.edit!.changes![uri]).split('\n')[2]);
    };
    assert.deepStrictEqual(fixOf('64k'), ["define(`confMAX_MESSAGE_SIZE', `65536')dnl"]);
    assert.deepStrictEqual(fixOf('1G'), ["define(`confMAX_MESSAGE_SIZE', `1073741824')dnl"]);
    assert.deepStrictEqual(fixOf('20MB'), ["define(`confMAX_MESSAGE_SIZE', `20971520')dnl"]);
    assert.deepStrictEqual(fixOf('25x', 'confMAX_HOP'), []);
    assert.deepStrictEqual(fixOf('1,000', 'confMAX_DAEMON_CHILDREN'), []);
  });

  it('plain numbers, time values on time options, empty values and macro values are fine', () => {
    const text = `${HEAD}define(\`confMAX_MESSAGE_SIZE', \`10485760')dnl\ndefine(\`confTO_QUEUEWARN', \`4h')dnl\n`
      + `define(\`confMAX_DAEMON_CHILDREN', \`')dnl\ndefine(\`confMAX_HOP', \`MY_HOPS')dnl\ndefine(\`confMIN_FREE_BLOCKS', \`100/2000000')dnl\n`
      + `define(\`confSMTP_LOGIN_MSG', \`10M ready')dnl\n`;
    assert.deepStrictEqual(codes(run(text).ds).filter((c) => c === CODE), []);
  });

  it('never throws or hangs on huge or broken values and feature combinations', () => {
    const huge = `${HEAD}define(\`confMAX_MESSAGE_SIZE', \`${'9'.repeat(1_000_000)}M')dnl\n`;
    const t0 = Date.now();
    const [d] = hits(huge);
    assert.ok(d, 'still reported');
    assert.strictEqual(d.data, undefined, 'no quick fix to a number JavaScript cannot write exactly');
    assert.ok(String(d.message).length < 1000, 'the message does not repeat a million digits');
    const junk = `${HEAD}define(\`confMAX_HOP', \`12\u0000\u00ff\x1b')dnl\nFEATURE(\`nullclient'\nFEATURE(\`ldap_routing', \`\nMAILER(\`local'\n`.repeat(2000);
    run(junk);
    assert.ok(Date.now() - t0 < 10000, 'fast enough');
  });

  it('only the byte-size options are marked sizeInBytes, and all of them are numbers', () => {
    const sizes = OPTIONS.filter((o) => o.sizeInBytes).map((o) => o.name).sort();
    assert.deepStrictEqual(sizes, ['confDF_BUFFER_SIZE', 'confMAX_HEADERS_LENGTH', 'confMAX_MESSAGE_SIZE', 'confXF_BUFFER_SIZE']);
    for (const o of OPTIONS.filter((x) => x.sizeInBytes)) assert.strictEqual(o.valueType, 'number', o.name);
  });
});

describe('mc: option hover texts', () => {
  it('byte-size options warn that 10M means 10 bytes; other numbers do not', () => {
    assert.match(hover('confMAX_MESSAGE_SIZE'), /digits only.*`10M` as 10/);
    assert.doesNotMatch(hover('confMAX_HOP'), /10M/);
  });

  it('m4-only names do not claim to set a sendmail.cf option', () => {
    for (const name of ['confLOCAL_MAILER', 'confSMTP_MAILER', 'confUUCP_MAILER', 'confRELAY_MAILER', 'confREJECT_MSG', 'confRELAY_MSG', 'confDEQUOTE_OPTS']) {
      const md = hover(name);
      assert.doesNotMatch(md, /Sets `m4 only/, name);
      assert.match(md, /Used by m4 while it generates the rulesets/, name);
    }
    assert.match(hover('confMAX_HOP'), /Sets `O MaxHopCount` in sendmail\.cf/);
  });

  it('confREJECT_MSG shows the 8.17 default reply with its enhanced status code', () => {
    assert.match(hover('confREJECT_MSG'), /Default: `550 5\.7\.1 Access denied`/);
  });
});
