// Hover, completion, outline, semantic tokens and the McConfig others read.
import * as assert from 'node:assert';
import type { MarkupContent } from 'vscode-languageserver-types';
import { parseMcConfig } from '../../../server/src/service/mc/config';
import { SEMANTIC_TOKEN_TYPES } from '../../../server/src/service/types';
import { diagnose, openDoc } from '../helpers';

const TEXT = [
  "include(`/usr/share/sendmail/cf/m4/cf.m4')dnl", // 0
  "OSTYPE(`linux')dnl",                             // 1
  "define(`confMAX_DAEMON_CHILDREN', `50')dnl",     // 2
  "define(`SMART_HOST', `[mail.isp.net]')dnl",      // 3
  "FEATURE(`mailertable', `hash -o /etc/mail/mailertable.db')dnl", // 4
  "MAILER(`smtp')dnl",                              // 5
  'LOCAL_CONFIG',                                   // 6
  'Cwlocalhost',                                    // 7
].join('\n');

const hover = (line: number, character: number) => {
  const { svc, uri } = openDoc('sendmail-mc', TEXT);
  return (svc.hover(uri, { line, character })?.contents as MarkupContent | undefined)?.value ?? '';
};

describe('mc editor features', () => {
  it('hover explains features, mailers, options, macros and builtins', () => {
    assert.match(hover(4, 12), /FEATURE\(`mailertable'\)/);
    assert.match(hover(4, 12), /```sendmail-mc/);
    assert.match(hover(5, 9), /esmtp/);
    assert.match(hover(2, 12), /MaxDaemonChildren/);
    assert.match(hover(3, 10), /brackets/);
    assert.match(hover(1, 2), /OSTYPE/);
    assert.match(hover(0, 3), /include|file/i);
    assert.strictEqual(hover(7, 3), '', 'raw cf text has no hover');
  });

  it('completes feature names inside FEATURE(` and quotes them when the ` is missing', () => {
    const { svc, uri } = openDoc('sendmail-mc', 'FEATURE(`mail');
    const items = svc.completion(uri, { line: 0, character: 13 });
    assert.ok(items.some((i) => i.label === 'mailertable'));
    const { svc: s2, uri: u2 } = openDoc('sendmail-mc', 'FEATURE(');
    const m = s2.completion(u2, { line: 0, character: 8 }).find((i) => i.label === 'mailertable');
    assert.strictEqual(m?.insertText, "`mailertable'");
  });

  it('completes mailers, options and line-start snippets with correct quoting', () => {
    const { svc, uri } = openDoc('sendmail-mc', "MAILER(`\ndefine(`conf\n\n");
    assert.ok(svc.completion(uri, { line: 0, character: 8 }).some((i) => i.label === 'smtp'));
    assert.ok(svc.completion(uri, { line: 1, character: 12 }).some((i) => i.label === 'confMAX_DAEMON_CHILDREN'));
    const snippet = svc.completion(uri, { line: 2, character: 0 }).find((i) => i.label === "FEATURE(`mailertable')");
    assert.match(String(snippet?.insertText), /^FEATURE\(`mailertable', `\$\{1:hash -o \/etc\/mail\/mailertable\.db\}'\)dnl$/);
  });

  it('outline lists OSTYPE, defines, FEATUREs, MAILERs and LOCAL_* sections in order', () => {
    const { svc, uri } = openDoc('sendmail-mc', TEXT);
    assert.deepStrictEqual(svc.symbols(uri).map((s) => s.name), [
      'include(/usr/share/sendmail/cf/m4/cf.m4)', 'OSTYPE(linux)', 'confMAX_DAEMON_CHILDREN', 'SMART_HOST', 'FEATURE(mailertable)', 'MAILER(smtp)', 'LOCAL_CONFIG',
    ]);
  });

  it('semantic tokens: builtins, macros, strings, comments, option names, deprecated modifier', () => {
    const { svc, uri } = openDoc('sendmail-mc', "define(`confLOG_LEVEL', `9')dnl hi\nFEATURE(`blacklist_recipients')dnl\n");
    const data = svc.semanticTokens(uri);
    const types = new Set<string>();
    for (let i = 3; i < data.length; i += 5) types.add(SEMANTIC_TOKEN_TYPES[data[i]]);
    for (const t of ['function', 'macro', 'string', 'comment', 'property', 'enumMember']) assert.ok(types.has(t), `missing ${t}`);
    let deprecated = false;
    for (let i = 4; i < data.length; i += 5) if (data[i] & 1) deprecated = true;
    assert.ok(deprecated);
  });

  it('parseMcConfig returns mailers defined by the MAILER files, features with args, defines', () => {
    const cfg = parseMcConfig('/etc/mail/sendmail.mc', TEXT + "\nundefine(`SMART_HOST')\n");
    assert.deepStrictEqual(cfg.mailerFiles, ['smtp']);
    for (const m of ['local', 'prog', 'error', 'esmtp', 'relay']) assert.ok(cfg.mailers.has(m), m);
    assert.deepStrictEqual(cfg.features, [{ name: 'mailertable', args: ['hash -o /etc/mail/mailertable.db'], line: 4 }]);
    assert.strictEqual(cfg.defines.get('confMAX_DAEMON_CHILDREN'), '50');
    assert.ok(!cfg.defines.has('SMART_HOST'));
    // msp runs MAILER(local) and MAILER(smtp) itself.
    assert.ok(parseMcConfig('/x.mc', "FEATURE(`msp', `[127.0.0.1]')dnl").mailers.has('relay'));
  });
});

describe('mc: other tools\' .mc files', () => {
  it('a .mc file without sendmail m4 markers gets no diagnostics; sendmail.mc always does', () => {
    const winMessages = "MessageId=1\nSeverity=Error\nSymbolicName=define(MSG_OPEN', 1)\nLanguage=English\nThe file could not be opened.\n.\n";
    assert.deepStrictEqual(diagnose('sendmail-mc', winMessages, '/src/messages.mc'), []);
    assert.ok(diagnose('sendmail-mc', winMessages, '/etc/mail/sendmail.mc').length > 0);
    assert.ok(diagnose('sendmail-mc', "OSTYPE(`linux')dnl\nFEATURE(`mailertabel')dnl\n", '/src/host.mc').length > 0);
  });
});
