// Map sources read by makemap: mailertable, access, virtusertable, genericstable,
// domaintable, authinfo. Lines are from real files (corpus) plus the forms cf.README documents.
import { tokenize, expectScope, expectNoScope } from './grammar';

describe('map source grammars', () => {
  describe('makemap line rules (all maps)', () => {
    for (const lang of ['mailertable', 'access', 'virtusertable', 'genericstable', 'domaintable', 'authinfo']) {
      it(`${lang}: # only in column 1 is a comment; a leading blank is an error`, async () => {
        const l = await tokenize(`source.sendmail.${lang}`, ['# comment', 'key\tvalue#not-a-comment', '  key value', 'key2 value2']);
        expectScope(l, 0, '# comment', 'comment.line.number-sign');
        expectNoScope(l, 1, '#not-a-comment', 'comment');
        expectScope(l, 1, 'key', `entity.name.tag.key.${lang}`);
        expectScope(l, 2, '  ', 'invalid.illegal.leading-whitespace');
        expectNoScope(l, 3, 'key2', 'invalid');
        expectScope(l, 3, 'key2', `entity.name.tag.key.${lang}`);
      });
    }
  });

  it('mailertable: keys, mailer:host values, [host], %1 and error:', async () => {
    const l = await tokenize('source.sendmail.mailertable', [
      '.my.domain\t\txnet:%1.my.domain',
      'rafaelostertag.photo    esmtp:[colossus.kruemel.home]',
      '.\tsmtp:relay.example.com:backup.example.com',
      'bad.example\terror:5.1.1:550 User unknown',
      'local.example\tlocal:postmaster',
      'quoted.example\terror:5.7.1:"550 Go away"',
    ]);
    expectScope(l, 0, '.', 'punctuation.definition.wildcard.mailertable');
    expectScope(l, 0, 'my.domain', 'entity.name.tag.key.mailertable');
    expectScope(l, 0, 'xnet', 'entity.name.function.mailer.mailertable');
    expectScope(l, 0, '%1', 'variable.parameter.placeholder.mailertable');
    expectScope(l, 1, 'esmtp', 'entity.name.function.mailer.mailertable');
    expectScope(l, 1, '[', 'punctuation.definition.host.begin.mailertable');
    expectScope(l, 1, 'colossus.kruemel.home', 'meta.host.bracketed.mailertable');
    expectScope(l, 1, ']', 'punctuation.definition.host.end.mailertable');
    expectScope(l, 2, '.', 'entity.name.tag.key.mailertable');
    expectScope(l, 2, 'relay.example.com', 'string.unquoted.host.mailertable');
    expectScope(l, 3, 'error', 'keyword.control.error.mailertable');
    expectNoScope(l, 3, 'error', 'entity.name.function.mailer');
    expectScope(l, 3, '5.1.1', 'constant.numeric.dsn.mailertable');
    expectScope(l, 3, '550', 'constant.numeric.smtp-code.mailertable');
    expectScope(l, 3, 'User unknown', 'string.unquoted.error-text.mailertable');
    expectScope(l, 4, 'local', 'entity.name.function.mailer.mailertable', 1);
    expectScope(l, 4, 'postmaster', 'string.unquoted.host.mailertable');
    expectScope(l, 5, '550', 'constant.numeric.smtp-code.mailertable');
    expectScope(l, 5, 'Go away', 'string.unquoted.error-text.mailertable');
  });

  it('access: tags, IP keys, IPv6, actions, ERROR: and QUARANTINE:, numbers', async () => {
    const l = await tokenize('source.sendmail.access', [
      'ClientConn:IPv6:::1\t\t0',
      'Connect:127\t\t\tRELAY',
      'connect:192.168.1.0\treject',
      'From:hofa.de\t\t\tERROR:5.7.1:550 Spam not accepted',
      'error550@\t"ERROR:550 Mailbox disabled for this username 456-t3"',
      'Connect:suspicious.example.com\tQUARANTINE:Mail from suspicious host',
      'Spam:abuse@\t\tFRIEND',
      'Try_TLS:127\t\t\tNO',
      'CERTIssuer:/C=DE/L=Bonn/O=Moeding.net/OU=Certification+20Authority\tRELAY',
      'TLS_Srv:secure.example.com\tENCR:112',
      '10.1.2.3\tOK',
      'GreetPause:\t\t\t500',
      'Connect:[127.0.0.3]\t\tOK',
    ]);
    expectScope(l, 0, 'ClientConn', 'keyword.other.tag.access');
    expectScope(l, 0, 'IPv6', 'keyword.other.ipv6.access');
    expectScope(l, 0, '::1', 'constant.numeric.ip.access');
    expectScope(l, 0, '0', 'constant.numeric.access');
    expectScope(l, 1, '127', 'constant.numeric.ip.access');
    expectScope(l, 1, 'RELAY', 'keyword.control.action.access');
    expectScope(l, 2, 'connect', 'keyword.other.tag.access');
    expectScope(l, 2, '192.168.1.0', 'constant.numeric.ip.access');
    expectScope(l, 2, 'reject', 'keyword.control.action.access');
    expectScope(l, 3, 'ERROR', 'keyword.control.error.access');
    expectScope(l, 3, '5.7.1', 'constant.numeric.dsn.access');
    expectScope(l, 3, '550', 'constant.numeric.smtp-code.access');
    expectScope(l, 3, 'Spam not accepted', 'string.unquoted.error-text.access');
    expectNoScope(l, 3, 'hofa.de', 'constant.numeric');
    expectScope(l, 4, '"', 'string.quoted.double.access');
    expectScope(l, 4, 'ERROR', 'keyword.control.error.access');
    expectScope(l, 4, '550', 'constant.numeric.smtp-code.access', 1);
    expectNoScope(l, 4, '550', 'constant.numeric', 0);
    expectScope(l, 4, '456-t3', 'string.unquoted.error-text.access');
    expectScope(l, 4, '@', 'punctuation.separator.at.access');
    expectScope(l, 5, 'QUARANTINE', 'keyword.control.action.access');
    expectScope(l, 5, 'Mail from suspicious host', 'string.unquoted.reason.access');
    expectScope(l, 6, 'Spam', 'keyword.other.tag.access');
    expectScope(l, 6, 'FRIEND', 'keyword.control.action.access');
    expectScope(l, 7, 'Try_TLS', 'keyword.other.tag.access');
    expectScope(l, 7, 'NO', 'keyword.control.action.access');
    expectScope(l, 8, 'CERTIssuer', 'keyword.other.tag.access');
    expectScope(l, 9, 'TLS_Srv', 'keyword.other.tag.access');
    expectScope(l, 9, 'ENCR', 'keyword.control.action.access');
    expectScope(l, 9, '112', 'constant.numeric.access');
    expectScope(l, 10, '10.1.2.3', 'constant.numeric.ip.access');
    expectScope(l, 11, 'GreetPause', 'keyword.other.tag.access');
    expectScope(l, 11, '500', 'constant.numeric.access');
    expectScope(l, 12, '127.0.0.3', 'meta.host.bracketed.access');
  });

  it('access: a word that merely contains an action or a tag name is not highlighted as one', async () => {
    const l = await tokenize('source.sendmail.access', ['Fromage.example\tOKAY', 'relay.example.com\tREJECTED']);
    expectNoScope(l, 0, 'From', 'keyword.other.tag');
    expectNoScope(l, 0, 'OKAY', 'keyword.control.action');
    expectNoScope(l, 1, 'relay', 'keyword');
    expectNoScope(l, 1, 'REJECTED', 'keyword.control.action');
  });

  it('virtusertable: @domain catch-alls, %1, local users, error:', async () => {
    const l = await tokenize('source.sendmail.virtusertable', [
      'root@pc.home\troot',
      '@convio.com\t\t\tvmail',
      '@yet.another.sample.hostname\t%1@a.possibly.different.hostname',
      'info@example.com\terror:nouser 550 No such user here',
    ]);
    expectScope(l, 0, 'root', 'variable.other.local-part.virtusertable');
    expectScope(l, 0, 'pc.home', 'entity.name.domain.virtusertable');
    expectScope(l, 0, 'root', 'variable.other.user.virtusertable', 1);
    expectScope(l, 1, '@', 'punctuation.separator.at.virtusertable');
    expectScope(l, 1, 'convio.com', 'entity.name.tag.key.virtusertable');
    expectScope(l, 2, '%1', 'variable.parameter.placeholder.virtusertable');
    expectScope(l, 2, 'a.possibly.different.hostname', 'entity.name.domain.virtusertable');
    expectScope(l, 3, 'error', 'keyword.control.error.virtusertable');
    expectScope(l, 3, 'nouser 550 No such user here', 'string.unquoted.error-text.virtusertable');
  });

  it('genericstable and domaintable', async () => {
    const g = await tokenize('source.sendmail.genericstable', ['joe\tjoe.public@example.com']);
    expectScope(g, 0, 'joe', 'entity.name.tag.key.genericstable');
    expectScope(g, 0, 'joe.public', 'variable.other.local-part.genericstable');
    const d = await tokenize('source.sendmail.domaintable', ['.com       bvtmail.conviocloud.com', 'old.example\t%1.new.example']);
    expectScope(d, 0, '.', 'punctuation.definition.wildcard.domaintable');
    expectScope(d, 0, 'bvtmail.conviocloud.com', 'meta.value.domaintable');
    expectScope(d, 1, '%1', 'variable.parameter.placeholder.domaintable');
  });

  it('authinfo: AuthInfo: tag, quoted U/I/P/M/R fields, empty default host', async () => {
    const l = await tokenize('source.sendmail.authinfo', [
      'AuthInfo:email-smtp.us-west-2.amazonaws.com "U:root" "I:AWS-SES-USER" "P:AWS-SES-PWD" "M:PLAIN"',
      'AuthInfo: "U:root" "I:email@someplace.com" "P:PWORD"',
      'AuthInfo:[smtp.example.com] "U:smmsp" "P=c2VjcmV0" "M:LOGIN PLAIN" "R:example.com"',
    ]);
    expectScope(l, 0, 'AuthInfo', 'keyword.other.tag.authinfo');
    expectScope(l, 0, 'email-smtp.us-west-2.amazonaws.com', 'entity.name.tag.key.authinfo');
    expectScope(l, 0, 'U', 'entity.other.attribute-name.field.authinfo', 0);
    expectScope(l, 0, 'root', 'string.unquoted.field-value.authinfo');
    expectScope(l, 0, '"I:AWS-SES-USER"', 'string.quoted.double.authinfo');
    expectScope(l, 1, 'AuthInfo', 'keyword.other.tag.authinfo');
    expectScope(l, 1, '"U:root"', 'meta.value.authinfo');
    expectScope(l, 1, 'email@someplace.com', 'string.unquoted.field-value.authinfo');
    expectScope(l, 2, 'smtp.example.com', 'meta.host.bracketed.authinfo');
    expectScope(l, 2, '=', 'punctuation.separator.field.authinfo');
    expectScope(l, 2, 'LOGIN PLAIN', 'string.unquoted.field-value.authinfo');
    expectScope(l, 2, 'R', 'entity.other.attribute-name.field.authinfo');
  });
});
