// aliases (newaliases input) and class files (local-host-names, relay-domains, trusted-users).
import { tokenize, expectScope, expectNoScope } from './grammar';

describe('aliases grammar', () => {
  it('keys, continuation lines, :include:, programs, files, addresses, commas', async () => {
    const l = await tokenize('source.sendmail.aliases', [
      '# Basic system aliases -- these MUST be present.',
      'MAILER-DAEMON:\tpostmaster',
      'staff: :include:/etc/mail/lists/staff, \\joe,',
      '\t"|/usr/bin/procmail -m /etc/procmailrc", /var/log/mail.archive,',
      '  jane@example.org',
      'handler: |/usr/local/bin/handler',
      'gone: error:nouser 5.1.1 user gone',
    ]);
    expectScope(l, 0, '# Basic system aliases', 'comment.line.number-sign.aliases');
    expectScope(l, 1, 'MAILER-DAEMON', 'entity.name.tag.key.aliases');
    expectScope(l, 1, ':', 'punctuation.separator.key-value.aliases');
    expectScope(l, 1, 'postmaster', 'variable.other.user.aliases');
    expectScope(l, 2, ':include:', 'keyword.control.include.aliases');
    expectScope(l, 2, '/etc/mail/lists/staff', 'string.unquoted.path.aliases');
    expectScope(l, 2, ',', 'punctuation.separator.comma.aliases');
    expectScope(l, 2, '\\', 'constant.character.escape.aliases');
    expectScope(l, 3, '|', 'keyword.operator.pipe.aliases');
    expectScope(l, 3, '/usr/bin/procmail -m /etc/procmailrc', 'string.unquoted.program.aliases');
    expectNoScope(l, 3, '/usr/bin/procmail', 'entity.name.tag.key');
    expectScope(l, 3, '/var/log/mail.archive', 'string.unquoted.path.aliases');
    // A line starting with a blank continues the entry: no key on it.
    expectNoScope(l, 4, 'jane', 'entity.name.tag.key');
    expectScope(l, 4, 'example.org', 'entity.name.domain.aliases');
    expectScope(l, 5, '|', 'keyword.operator.pipe.aliases');
    expectScope(l, 5, '/usr/local/bin/handler', 'string.unquoted.program.aliases');
    expectScope(l, 6, 'error', 'keyword.control.error.aliases');
  });
});

describe('class file grammar', () => {
  it('one member per line, comments, IP addresses', async () => {
    const l = await tokenize('source.sendmail.class', ['# local-host-names', 'jausoft.com', 'mail.example.org', '192.168.1.10', 'IPv6:::1']);
    expectScope(l, 0, '# local-host-names', 'comment.line.number-sign.class');
    expectScope(l, 1, 'jausoft.com', 'entity.name.tag.member.class');
    expectScope(l, 3, '192.168.1.10', 'constant.numeric.ip.class');
    expectScope(l, 4, 'IPv6:::1', 'constant.numeric.ip.class');
  });
});
