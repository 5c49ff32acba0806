// Option values sendmail rejects or misreads, by the option's type in the catalog: fixtures for
// each kind (what is reported, where, with which fix) and for what must stay quiet. What the
// real sendmail does with each is pinned in realSendmailOptionValues.test.ts.
import * as assert from 'node:assert';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { OPTIONS } from '../../../server/src/service/catalog';
import { SSL_OPTION_NAMES } from '../../../server/src/service/catalog/sslOptions';
import { badTimeUnits, filterEquateProblem } from '../../../server/src/service/mc/checks/optionValues';
import { applyEdits, openDoc } from '../helpers';

const HEAD = "include(`/usr/share/sendmail/cf/m4/cf.m4')dnl\nOSTYPE(`linux')dnl\n";
const CODES = new Set(['mc.boolean-value', 'mc.number-value', 'mc.duration-unit', 'mc.option-value-refused', 'mc.ssl-option-unknown', 'mc.relative-path', 'mc.filter-equate']);

function run(lines: string) {
  const text = `${HEAD}${lines}`;
  const { svc, uri } = openDoc('sendmail-mc', text);
  const ds = svc.diagnostics(uri).filter((d) => CODES.has(String(d.code)));
  const marked = (d: Diagnostic) => text.split('\n')[d.range.start.line].slice(d.range.start.character, d.range.end.character);
  const fixes = (d: Diagnostic) => svc.codeActions(uri, d.range, [d]).map((a) => applyEdits(text, a.edit!.changes![uri]).split('\n')[d.range.start.line]);
  return { ds, marked, fixes };
}
const define = (name: string, value: string) => `define(\`${name}', \`${value}')dnl\n`;
const one = (name: string, value: string) => {
  const r = run(define(name, value));
  assert.strictEqual(r.ds.length, 1, `${name}=${value}: ${JSON.stringify(r.ds.map((d) => d.code))}`);
  return { d: r.ds[0], marked: r.marked(r.ds[0]), fixes: r.fixes(r.ds[0]) };
};
const quiet = (lines: string) => assert.deepStrictEqual(run(lines).ds.map((d) => `${d.code}: ${String(d.message)}`), []);

describe('mc: the catalog gives each option the type of value sendmail reads', () => {
  it('every option has a type, enumerations list their words, and the older valueType agrees', () => {
    const agree: Record<string, string[]> = {
      boolean: ['boolean'], number: ['number', 'string'], size: ['number'], duration: ['time'], enum: ['string'],
      words: ['list', 'string'], 'ssl-options': ['string'], path: ['path'], octal: ['string'], text: ['string'],
    };
    for (const o of OPTIONS) {
      assert.ok(o.type, `${o.name} has no type`);
      assert.ok(agree[o.type].includes(o.valueType!), `${o.name}: type ${o.type} but valueType ${o.valueType}`);
      assert.strictEqual(o.type === 'size', !!o.sizeInBytes, `${o.name}: size and sizeInBytes`);
      assert.strictEqual(o.type === 'enum', !!o.values?.length, `${o.name}: enum and values`);
    }
  });

  it('the kinds sendmail reads specially are typed so', () => {
    const type = (n: string) => OPTIONS.find((o) => o.name === n)?.type;
    assert.strictEqual(type('confDELIVERY_MODE'), 'enum');
    assert.strictEqual(type('confQUEUE_SORT_ORDER'), 'enum');
    assert.strictEqual(type('confSERVER_SSL_OPTIONS'), 'ssl-options');
    assert.strictEqual(type('confCLIENT_SSL_OPTIONS'), 'ssl-options');
    assert.strictEqual(type('confTO_QUEUEWARN'), 'duration');
    assert.strictEqual(type('confMAX_MESSAGE_SIZE'), 'size');
    assert.strictEqual(type('confMAX_HOP'), 'number');
    assert.strictEqual(type('confALLOW_BOGUS_HELO'), 'boolean');
    assert.strictEqual(type('confCW_FILE'), 'path');
  });
});

describe('mc: option values sendmail misreads or refuses', () => {
  it('boolean: 1, on and maybe are read as False; the fix writes True or False', () => {
    const a = one('confALLOW_BOGUS_HELO', '1');
    assert.strictEqual(a.d.code, 'mc.boolean-value');
    assert.strictEqual(a.d.severity, DiagnosticSeverity.Warning);
    assert.strictEqual(a.marked, '1');
    assert.match(String(a.d.message), /first letter.*"1" is read as False/);
    assert.deepStrictEqual(a.fixes, ["define(`confALLOW_BOGUS_HELO', `True')dnl", "define(`confALLOW_BOGUS_HELO', `False')dnl"]);
    assert.deepStrictEqual(one('confALLOW_BOGUS_HELO', 'maybe').fixes[0], "define(`confALLOW_BOGUS_HELO', `False')dnl");
    assert.strictEqual(one('confCHECK_ALIASES', 'on').fixes[0], "define(`confCHECK_ALIASES', `True')dnl");
  });

  it('boolean: an empty value is read as True; the range shows the empty quotes', () => {
    const a = one('confALLOW_BOGUS_HELO', '');
    assert.strictEqual(a.marked, "`'");
    assert.match(String(a.d.message), /without a value and sendmail reads that as True/);
    assert.deepStrictEqual(a.fixes, ["define(`confALLOW_BOGUS_HELO', `False')dnl", "define(`confALLOW_BOGUS_HELO', `True')dnl"]);
  });

  it('boolean: True, False, yes, no, t, f, 0, off and words that start with t or y are quiet', () => {
    quiet(['True', 'false', 'YES', 'no', 't', 'F', '0', 'off', 'yeah'].map((v) => define('confALLOW_BOGUS_HELO', v)).join(''));
  });

  it('number or size without digits: read as 0, and for the message size that means no limit', () => {
    const a = one('confMAX_MESSAGE_SIZE', 'unlimited');
    assert.strictEqual(a.d.code, 'mc.number-value');
    assert.match(String(a.d.message), /no digits in "unlimited" and reads 0: no size limit .*"SIZE" without a number/);
    assert.match(String(one('confMAX_HOP', 'ten').d.message), /confMAX_HOP takes a number: .* reads 0, without a message/);
    quiet(define('confMAX_HOP', '30') + define('confMAX_MESSAGE_SIZE', '-1') + define('confMIN_FREE_BLOCKS', '100/2000000') + define('confMAX_HOP', ''));
    // digits then text is the older mc.number-with-suffix, not this one
    assert.deepStrictEqual(run(define('confMAX_MESSAGE_SIZE', '10M')).ds, []);
  });

  it('duration: a unit sendmail does not know, or a blank, with the lines sendmail prints', () => {
    const a = one('confTO_QUEUEWARN', '5x');
    assert.strictEqual(a.d.code, 'mc.duration-unit');
    assert.strictEqual(a.marked, '5x');
    assert.match(String(a.d.message), /prints "Invalid time unit `x'" each time it reads its configuration/);
    assert.deepStrictEqual(a.fixes, []);
    const b = one('confTO_QUEUERETURN', '5 d');
    assert.match(String(b.d.message), /"Invalid time unit ` '"/);
    assert.deepStrictEqual(b.fixes, ["define(`confTO_QUEUERETURN', `5d')dnl"]);
    assert.match(String(one('confMIN_QUEUE_AGE', 'ten').d.message), /`t'.*`e'.*`n'/);
    quiet(['4h', '1h30m', '2w', '90', '-5m', '0', 'now', ''].map((v) => define('confTO_QUEUEWARN', v)).join(''));
    assert.deepStrictEqual(badTimeUnits('ten'), ['t', 'e', 'n']);
    assert.deepStrictEqual(badTimeUnits('5 m'), [' ']);
    assert.deepStrictEqual(badTimeUnits('1h30m'), []);
  });

  it('enum: an unknown delivery mode, 8-bit mode, queue sort order or no-recipient action stops sendmail', () => {
    const a = one('confDELIVERY_MODE', 'fast');
    assert.strictEqual(a.d.code, 'mc.option-value-refused');
    assert.strictEqual(a.d.severity, DiagnosticSeverity.Error);
    assert.match(String(a.d.message), /prints "Unknown delivery mode f" and exits \(status 64\).*first letter, and case matters/);
    assert.match(String(one('confDELIVERY_MODE', 'Background').d.message), /Unknown delivery mode B/);
    assert.deepStrictEqual(one('confDELIVERY_MODE', 'Background').fixes, ["define(`confDELIVERY_MODE', `background')dnl"]);
    assert.match(String(one('confEIGHT_BIT_HANDLING', 'utf8').d.message), /"Unknown 8-bit mode u".*status 64/);
    assert.match(String(one('confEIGHT_BIT_HANDLING', '').d.message), /"Unknown 8-bit mode "/);
    assert.match(String(one('confQUEUE_SORT_ORDER', 'xyz').d.message), /"Invalid queue sort order "xyz"".*status 70/);
    assert.match(String(one('confNO_RCPT_ACTION', 'add-cc').d.message), /"Invalid NoRecipientAction: add-cc".*status 70/);
    quiet(define('confDELIVERY_MODE', 'queueonly') + define('confDELIVERY_MODE', 'd') + define('confDELIVERY_MODE', '')
      + define('confQUEUE_SORT_ORDER', 'Host') + define('confQUEUE_SORT_ORDER', 'shuffle') + define('confEIGHT_BIT_HANDLING', 'mimefy')
      + define('confNO_RCPT_ACTION', 'Add-To-Undisclosed') + define('confERROR_MODE', 'loud'));
  });

  it('SSL options: an unknown name or a lone + stops sendmail; names, numbers, commas and any case are fine', () => {
    const a = one('confSERVER_SSL_OPTIONS', '+SSL_OP_NO_SSLv3 +SSL_OP_NO_SSLV2X');
    assert.strictEqual(a.d.code, 'mc.ssl-option-unknown');
    assert.strictEqual(a.d.severity, DiagnosticSeverity.Error);
    assert.strictEqual(a.marked, 'SSL_OP_NO_SSLV2X');
    assert.match(String(a.d.message), /"readcf: ServerSSLOptions option value SSL_OP_NO_SSLV2X unrecognized" and exits \(status 70\)/);
    assert.deepStrictEqual(a.fixes, ["define(`confSERVER_SSL_OPTIONS', `+SSL_OP_NO_SSLv3 +SSL_OP_NO_SSLv2')dnl"]);
    assert.match(String(one('confCLIENT_SSL_OPTIONS', 'NO_SSLv3').d.message), /ClientSSLOptions option value NO_SSLv3 unrecognized/);
    assert.match(String(one('confSERVER_SSL_OPTIONS', '+ SSL_OP_NO_SSLv3').d.message), /option value  unrecognized.*without a blank/);
    const newer = one('confSERVER_SSL_OPTIONS', '+SSL_OP_IGNORE_UNEXPECTED_EOF');
    assert.strictEqual(newer.d.severity, DiagnosticSeverity.Warning, 'a name of the SSL_OP_ kind far from all we know may be a newer one');
    quiet(define('confSERVER_SSL_OPTIONS', '+SSL_OP_NO_SSLv3,+ssl_op_no_tlsv1 -SSL_OP_ALL 0x4 +0x40000000'));
    assert.ok(SSL_OPTION_NAMES.includes('SSL_OP_NO_TLSv1_3'));
  });

  it('relative paths: class files and TLS files; absolute, -o, programs and the host status directory are fine', () => {
    const a = one('confCW_FILE', 'local-host-names');
    assert.strictEqual(a.d.code, 'mc.relative-path');
    assert.match(String(a.d.message), /directory it happens to be started from.*"fileclass: cannot open 'local-host-names': No such file or directory", exit status 71/);
    assert.strictEqual(one('confCR_FILE', '-o relay-domains').marked, '-o relay-domains');
    assert.match(String(one('confSERVER_CERT', 'certs/server.pem').d.message), /does not use it, wherever the file is, and offers no STARTTLS/);
    quiet(define('confCW_FILE', '/etc/mail/local-host-names') + define('confCR_FILE', '-o /etc/mail/relay-domains')
      + define('confHOST_STATUS_DIRECTORY', '.hoststat') + define('confSERVER_CERT', '/etc/mail/tls/cert.pem') + define('confCT_FILE', '$z/trusted'));
  });

  it('mail filter equates: unknown keys, a part without =, bad timeouts, socket types and no socket stop sendmail', () => {
    const r = run("INPUT_MAIL_FILTER(`f1', `S=local:/run/f1.sock, Z=1')dnl\n");
    assert.strictEqual(r.ds.length, 1);
    assert.strictEqual(r.ds[0].code, 'mc.filter-equate');
    assert.strictEqual(r.marked(r.ds[0]), 'S=local:/run/f1.sock, Z=1');
    assert.match(String(r.ds[0].message), /"Xf1: unknown filter equate Z=" and stops/);
    assert.strictEqual(filterEquateProblem('f1', 'S=local:/x,'), "Xf1: `=' expected");
    assert.strictEqual(filterEquateProblem('f1', 's=local:/x'), 'Xf1: unknown filter equate s=');
    assert.strictEqual(filterEquateProblem('f1', 'S=local:/x, T=C:2m;'), "Xf1, T=: `:' expected");
    assert.strictEqual(filterEquateProblem('f1', 'S=local:/x, T=C:2m;Q:5s'), 'Xf1: unknown filter timeout Q');
    assert.strictEqual(filterEquateProblem('f1', 'S=lokal:/x'), 'Xf1: unknown socket type lokal: Protocol not supported');
    assert.strictEqual(filterEquateProblem('f1', 'F=T'), 'Xf1: empty or missing socket information');
    assert.strictEqual(filterEquateProblem('f1', 'S=inet:8891@localhost, F=T, T=C:2m;S:10s;R:10s;E:5m'), undefined);
    assert.strictEqual(filterEquateProblem('f1', 'Socket=/run/f1.sock'), undefined);
    quiet("MAIL_FILTER(`f2', `S=inet6:8891@[::1], F=R')dnl\nINPUT_MAIL_FILTER(`f3', `S=unix:/run/f3.sock, T=E:5m')dnl\n");
  });

  it('values m4 builds from the file\'s own macros, or that run into other lines, are left alone', () => {
    quiet("define(`MYMODE', `fast')dnl\n" + define('confDELIVERY_MODE', 'MYMODE') + "define(`confALLOW_BOGUS_HELO', `1\nTrue')dnl\n");
  });

  it('never throws or hangs on hostile values', () => {
    const t0 = Date.now();
    run(define('confTO_QUEUEWARN', 'x'.repeat(200_000)) + define('confSERVER_SSL_OPTIONS', '+ '.repeat(50_000))
      + `INPUT_MAIL_FILTER(\`f', \`${'T=C:;'.repeat(20_000)}')dnl\n` + define('confALLOW_BOGUS_HELO', '\u0000\u00ff'));
    assert.ok(Date.now() - t0 < 10_000, 'fast enough');
  });
});
