// Folding ranges and document links of a sendmail.mc.
import * as assert from 'node:assert';
import type { DocumentLink } from 'vscode-languageserver-types';
import { mapSpecFile } from '../../../server/src/service/mc/links';
import { openDoc } from '../helpers';

const MC = [
  'divert(-1)',                                             // 0
  '# A header m4 throws away',                              // 1
  '# (second line)',                                        // 2
  'divert(0)dnl',                                           // 3
  "include(`/usr/share/sendmail/cf/m4/cf.m4')dnl",          // 4
  'dnl # Privacy',                                          // 5
  'dnl # (more)',                                           // 6
  "define(`confPRIVACY_FLAGS',",                           // 7
  "  `goaway,noetrn')dnl",                                  // 8
  "FEATURE(`mailertable', `hash -o /etc/mail/mailertable.db')dnl", // 9
  "FEATURE(`virtusertable')dnl",                            // 10
  "FEATURE(`access_db', , `skip')dnl",                      // 11
  "FEATURE(`genericstable', `ldap -1 -v mailRoutingAddress')dnl", // 12
  "FEATURE(`use_cw_file')dnl",                              // 13
  "include(`site.m4')dnl",                                  // 14
  "include(`missing.m4')dnl",                               // 15
  "RELAY_DOMAIN_FILE(`-o /etc/mail/relay-domains')dnl",     // 16
  "MAILER(`smtp')dnl",                                      // 17
  'LOCAL_CONFIG',                                           // 18
  '# raw cf',                                               // 19
  'Kfoo hash /etc/mail/foo',                                // 20
  '',                                                       // 21
].join('\n');

const FILES = {
  '/usr/share/sendmail/cf/m4/cf.m4': '', '/etc/mail/mailertable': '', '/etc/mail/virtusertable': '',
  '/etc/mail/access': '', '/etc/mail/local-host-names': '', '/etc/mail/site.m4': '', '/etc/mail/relay-domains': '',
  '/etc/mail/genericstable': '',
};

function links(text: string, files: Record<string, string> = FILES): { line: number; text: string; target: string }[] {
  const { svc, uri } = openDoc('sendmail-mc', text, '/etc/mail/sendmail.mc', files);
  const lines = text.split('\n');
  return svc.documentLinks(uri).map((l: DocumentLink) => ({
    line: l.range.start.line, text: lines[l.range.start.line].slice(l.range.start.character, l.range.end.character), target: String(l.target),
  }));
}

describe('mc folding ranges', () => {
  it('folds the divert(-1) header, runs of comment lines, multi-line calls and LOCAL_CONFIG', () => {
    const { svc, uri } = openDoc('sendmail-mc', MC);
    const got = svc.foldingRanges(uri).map((r) => [r.startLine, r.endLine, r.kind ?? '']);
    assert.deepStrictEqual(got, [
      [0, 2, 'region'],   // divert(-1) .. the line before divert(0)
      [1, 2, 'comment'],  // # lines
      [5, 6, 'comment'],  // dnl lines
      [7, 8, ''],         // define spanning two lines
      [18, 20, 'region'], // LOCAL_CONFIG up to its last non-blank line
    ]);
  });

  it('a single comment line and a one-line call do not fold; a quoted # is not a comment', () => {
    const { svc, uri } = openDoc('sendmail-mc', "dnl one\nFEATURE(`x')dnl\ndefine(`A', `\n# inside a string\n# still')dnl\n");
    assert.deepStrictEqual(svc.foldingRanges(uri).map((r) => [r.startLine, r.endLine, r.kind ?? '']), [[2, 4, '']]);
  });

  it('an unterminated divert(-1) folds to the last non-blank line', () => {
    const { svc, uri } = openDoc('sendmail-mc', 'divert(-1)\nfoo\nbar\n\n\n');
    assert.deepStrictEqual(svc.foldingRanges(uri).map((r) => [r.startLine, r.endLine]), [[0, 2]]);
  });
});

describe('mc document links', () => {
  it('links includes, FEATURE maps (source file, not .db), defaults and *_FILE paths that exist', () => {
    assert.deepStrictEqual(links(MC), [
      { line: 4, text: '/usr/share/sendmail/cf/m4/cf.m4', target: 'file:///usr/share/sendmail/cf/m4/cf.m4' },
      { line: 9, text: '/etc/mail/mailertable.db', target: 'file:///etc/mail/mailertable' },
      { line: 10, text: 'virtusertable', target: 'file:///etc/mail/virtusertable' },
      { line: 11, text: 'access_db', target: 'file:///etc/mail/access' },
      { line: 13, text: 'use_cw_file', target: 'file:///etc/mail/local-host-names' },
      { line: 14, text: 'site.m4', target: 'file:///etc/mail/site.m4' }, // relative to the mc's directory
      { line: 16, text: '/etc/mail/relay-domains', target: 'file:///etc/mail/relay-domains' },
    ]);
  });

  it('no link when the file does not exist', () => {
    assert.deepStrictEqual(links(MC, {}), []);
  });

  it('honours MAIL_SETTINGS_DIR and confCW_FILE for default paths', () => {
    const text = "define(`MAIL_SETTINGS_DIR', `/opt/mail/')dnl\ndefine(`confCW_FILE', `-o /opt/mail/names')dnl\nFEATURE(`mailertable')dnl\nFEATURE(`use_cw_file')dnl\n";
    assert.deepStrictEqual(links(text, { '/opt/mail/mailertable': '', '/opt/mail/names': '' }).map((l) => [l.line, l.text, l.target]), [
      [1, '/opt/mail/names', 'file:///opt/mail/names'],
      [2, 'mailertable', 'file:///opt/mail/mailertable'],
      [3, 'use_cw_file', 'file:///opt/mail/names'],
    ]);
  });

  it('reads map definitions: class, flags, suffix per class; non-file maps have no file', () => {
    assert.deepStrictEqual(mapSpecFile('hash -o -T<TMPF> /etc/mail/access.db'), { token: '/etc/mail/access.db', file: '/etc/mail/access' });
    assert.deepStrictEqual(mapSpecFile('cdb /etc/mail/x.cdb'), { token: '/etc/mail/x.cdb', file: '/etc/mail/x' });
    assert.deepStrictEqual(mapSpecFile('dbm /etc/mail/x'), { token: '/etc/mail/x', file: '/etc/mail/x' });
    assert.deepStrictEqual(mapSpecFile('hash MAIL_SETTINGS_DIR`mailertable\'', '/srv/'), { token: "MAIL_SETTINGS_DIR`mailertable'", file: '/srv/mailertable' });
    assert.strictEqual(mapSpecFile('ldap -1 -v mail'), undefined);
    assert.strictEqual(mapSpecFile('sequence a b'), undefined);
    assert.strictEqual(mapSpecFile('hash relative/path'), undefined);
  });
});
