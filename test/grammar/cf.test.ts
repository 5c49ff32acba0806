// sendmail.cf highlighting: command letters, rules split at TABs, macros and operators.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { tokenize, scopesAt, expectScope, expectNoScope } from './grammar';

const CF = 'source.sendmail.cf';

describe('sendmail.cf grammar', () => {
  it('highlights the command letters of a generated sendmail.cf', async () => {
    const l = await tokenize(CF, [
      'V10/Berkeley',
      'Cwlocalhost',
      'Fw/etc/mail/local-host-names %[^\\#]',
      'DnMAILER-DAEMON',
      'O AliasFile=/etc/mail/aliases',
      'O SmtpGreetingMessage=$j Sendmail $v/$Z; $b',
      'Pspecial-delivery=100',
      'Troot',
      'H?P?Return-Path: <$g>',
      'HReceived: $?sfrom $s $.$?_($?s$|from $.$_)',
      'Scanonify=3',
      'Kresolve host -a<OKR> -T<TEMP>',
      'Xopendkim, S=inet:8891@localhost, F=T, T=R:2m',
      'Qmqueue, P=/var/spool/mqueue-rx, R=2, F=f',
      'EPATH=/bin:/usr/bin',
      '# a comment line',
      'C{TLS}\tfoo',
    ]);
    expectScope(l, 0, 'V', 'keyword.control.cf');
    expectScope(l, 0, '10', 'constant.numeric.version.cf');
    expectScope(l, 0, 'Berkeley', 'entity.name.type.vendor.cf');
    expectScope(l, 1, 'C', 'keyword.control.cf');
    expectScope(l, 1, 'w', 'variable.other.class.cf');
    expectScope(l, 1, 'localhost', 'string.unquoted.member.cf');
    expectScope(l, 2, 'w', 'variable.other.class.cf');
    expectScope(l, 2, '/etc/mail/local-host-names', 'string.unquoted.path.cf');
    expectScope(l, 3, 'n', 'variable.other.macro.cf');
    expectScope(l, 3, 'MAILER-DAEMON', 'string.unquoted.value.cf');
    expectScope(l, 4, 'O', 'keyword.control.cf');
    expectScope(l, 4, 'AliasFile', 'variable.other.constant.option.cf');
    expectScope(l, 4, '=', 'keyword.operator.assignment.cf');
    expectScope(l, 4, '/etc/mail/aliases', 'string.unquoted.value.cf');
    expectScope(l, 5, '$j', 'variable.other.macro.cf');
    expectScope(l, 5, '$Z', 'variable.other.macro.cf');
    expectScope(l, 6, 'special-delivery', 'variable.other.precedence.cf');
    expectScope(l, 6, '100', 'constant.numeric.cf');
    expectScope(l, 7, 'root', 'string.unquoted.user.cf');
    expectScope(l, 8, 'P', 'constant.character.flags.cf');
    expectScope(l, 8, 'Return-Path', 'entity.name.tag.header.cf');
    expectScope(l, 8, '$g', 'variable.other.macro.cf');
    expectScope(l, 9, '$?', 'keyword.control.conditional.cf');
    expectScope(l, 9, '$.', 'keyword.control.conditional.cf');
    expectScope(l, 9, '$|', 'keyword.control.conditional.cf');
    expectScope(l, 9, '_', 'variable.other.macro.cf');
    expectScope(l, 10, 'canonify', 'entity.name.function.ruleset.cf');
    expectScope(l, 10, '3', 'constant.numeric.ruleset.cf');
    expectScope(l, 11, 'resolve', 'entity.name.function.map.cf');
    expectScope(l, 11, 'host', 'support.type.map-class.cf');
    expectScope(l, 11, '-a<OKR>', 'constant.other.flag.cf');
    expectScope(l, 12, 'opendkim', 'entity.name.type.milter.cf');
    expectScope(l, 12, 'S', 'entity.other.attribute-name.field.cf');
    expectScope(l, 13, 'mqueue', 'entity.name.type.queue-group.cf');
    expectScope(l, 14, 'PATH', 'variable.other.environment.cf');
    expectScope(l, 15, '# a comment line', 'comment.line.number-sign.cf');
    expectScope(l, 16, '{TLS}', 'variable.other.class.cf');
  });

  it('splits R rules at TABs only: LHS, RHS, comment', async () => {
    const l = await tokenize(CF, [
      'R$* < $* > $* <@>\t$: $1 < $2 > $3\t\t\tunmark <addr>',
      'R$* [ IPv6 : $+ ] <@>\t$: $1 [ IPv6 : $2 ]\t\tunmark IPv6 addr',
      'R$+ $| $={Foo}\t$@ $>Parse0 $1',
      'R$* <@ $+ . >\t$#esmtp $@ $[ $2 $] $: $(dequote $1 $)',
      'R$* $~w $-\t$: $&{client_addr} $$ x',
      'R$* spaces only are not a separator $: $1',
    ]);
    expectScope(l, 0, '$* < $* > $* <@>', 'meta.rule.lhs.cf');
    expectScope(l, 0, '$: $1 < $2 > $3', 'meta.rule.rhs.cf');
    expectScope(l, 0, 'unmark <addr>', 'comment.line.rule.cf');
    expectNoScope(l, 0, 'unmark', 'meta.rule.rhs.cf');
    expectScope(l, 0, '$1', 'variable.parameter.positional.cf');
    expectScope(l, 0, '$:', 'keyword.operator.cf');
    expectScope(l, 1, 'unmark IPv6 addr', 'comment.line.rule.cf');
    expectScope(l, 2, '$|', 'meta.rule.lhs.cf');
    expectScope(l, 2, '$=', 'keyword.operator.class.cf');
    expectScope(l, 2, '{Foo}', 'variable.other.class.cf');
    expectScope(l, 2, '$@', 'keyword.operator.cf');
    expectScope(l, 2, '$>', 'keyword.operator.ruleset-call.cf');
    expectScope(l, 2, 'Parse0', 'entity.name.function.ruleset.cf');
    expectScope(l, 3, 'esmtp', 'entity.name.function.mailer.cf');
    expectScope(l, 3, '$[', 'keyword.operator.canonify.cf');
    expectScope(l, 3, '$]', 'keyword.operator.canonify.cf');
    expectScope(l, 3, '$(', 'keyword.operator.map-lookup.begin.cf');
    expectScope(l, 3, 'dequote', 'entity.name.function.map.cf');
    expectScope(l, 3, '$)', 'keyword.operator.map-lookup.end.cf');
    expectScope(l, 4, '$~', 'keyword.operator.class.cf');
    expectScope(l, 4, '$-', 'keyword.operator.cf');
    expectScope(l, 4, '$&', 'keyword.operator.deferred.cf');
    expectScope(l, 4, '$$', 'constant.character.escape.dollar.cf');
    // Without a TAB, sendmail sees no RHS at all: the whole line is the LHS.
    expectScope(l, 5, '$: $1', 'meta.rule.lhs.cf');
    expectNoScope(l, 5, '$: $1', 'meta.rule.rhs.cf');
  });

  it('mailer definitions with continuation lines', async () => {
    const l = await tokenize(CF, [
      'Mlocal,\t\tP=/usr/sbin/sensible-mda, F=lsDFMAw5:/|@qPn9S, S=EnvFromL/HdrFromL, R=EnvToL/HdrToL,',
      '\t\tT=DNS/RFC822/X-Unix,',
      '\t\tA=sensible-mda $g $u $h ${client_addr}',
    ]);
    expectScope(l, 0, 'M', 'keyword.control.cf');
    expectScope(l, 0, 'local', 'entity.name.function.mailer.cf');
    expectScope(l, 0, 'lsDFMAw5:/|@qPn9S', 'constant.character.flags.cf');
    expectScope(l, 0, 'R', 'entity.other.attribute-name.field.cf', 0);
    expectScope(l, 1, 'T', 'entity.other.attribute-name.field.cf');
    expectScope(l, 2, '${client_addr}', 'variable.other.macro.cf');
    expectNoScope(l, 2, 'sensible-mda', 'keyword.control.cf');
  });

  it('the installed /etc/mail/sendmail.cf: every non-blank line gets a command or comment scope', async function () {
    if (!fs.existsSync('/etc/mail/sendmail.cf')) this.skip();
    const lines = fs.readFileSync('/etc/mail/sendmail.cf', 'utf8').split('\n');
    const l = await tokenize(CF, lines);
    const unscoped = lines
      .map((text, i) => ({ text, i }))
      .filter(({ text, i }) => /^\S/.test(text) && !scopesAt(l, i, text[0]).some((s) => /^(keyword\.control|comment|punctuation\.definition\.comment)\./.test(s)));
    assert.deepEqual(unscoped.slice(0, 5), []);
  });
});
