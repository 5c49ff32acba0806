// sendmail.cf grammar (source.sendmail.cf). Every rule is line-anchored so the
// mc grammar can embed it inside LOCAL_CONFIG / LOCAL_RULESETS sections.
const MACRO_NAME = String.raw`\{[^{}\s]*\}|[A-Za-z0-9_]`;
// In D, C and F lines any character can name a single-character macro or class (C.. , C[[).
const DEF_NAME = String.raw`\{[^{}\s]*\}|\S`;

export const cf = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  name: 'sendmail.cf',
  scopeName: 'source.sendmail.cf',
  comment: 'Generated sendmail.cf: one command letter at the start of each line; lines starting with a blank continue the previous line.',
  patterns: [
    { include: '#comment' },
    { include: '#version' },
    { include: '#rule' },
    { include: '#ruleset' },
    { include: '#macro-definition' },
    { include: '#class-definition' },
    { include: '#file-class' },
    { include: '#option' },
    { include: '#mailer' },
    { include: '#header' },
    { include: '#map' },
    { include: '#precedence' },
    { include: '#trusted-users' },
    { include: '#queue-group' },
    { include: '#milter' },
    { include: '#environment' },
    { include: '#other-command' },
    { include: '#continuation' },
  ],
  repository: {
    comment: {
      match: String.raw`^\s*(#).*$`,
      name: 'comment.line.number-sign.cf',
      captures: { 1: { name: 'punctuation.definition.comment.cf' } },
    },
    version: {
      comment: 'V10/Berkeley: configuration file version level and vendor.',
      match: String.raw`^(V)(\d+)(?:(/)(\S+))?`,
      captures: {
        1: { name: 'keyword.control.cf' },
        2: { name: 'constant.numeric.version.cf' },
        3: { name: 'punctuation.separator.cf' },
        4: { name: 'entity.name.type.vendor.cf' },
      },
    },
    rule: {
      comment: 'R<lhs><TAB><rhs><TAB><comment>: sendmail splits a rule at runs of TABs; spaces do not separate.',
      match: String.raw`^(R)([^\t]*)(?:(\t+)([^\t]*)(?:(\t+)(.*))?)?$`,
      captures: {
        1: { name: 'keyword.control.cf' },
        2: { name: 'meta.rule.lhs.cf', patterns: [{ include: '#rule-tokens' }] },
        3: { name: 'punctuation.separator.tab.cf' },
        4: { name: 'meta.rule.rhs.cf', patterns: [{ include: '#rule-tokens' }] },
        5: { name: 'punctuation.separator.tab.cf' },
        6: { name: 'comment.line.rule.cf' },
      },
    },
    'rule-tokens': {
      patterns: [
        { include: '#macros' },
        { match: String.raw`"[^"]*"?`, name: 'string.quoted.double.cf' },
        { match: String.raw`[<>@:%!.,;]`, name: 'punctuation.separator.token.cf' },
      ],
    },
    ruleset: {
      comment: 'SName, S5 or SName=5: starts a ruleset.',
      match: String.raw`^(S)\s*([A-Za-z_][\w-]*|\d+)(?:\s*(=)\s*(\d+))?`,
      captures: {
        1: { name: 'keyword.control.cf' },
        2: { name: 'entity.name.function.ruleset.cf' },
        3: { name: 'keyword.operator.assignment.cf' },
        4: { name: 'constant.numeric.ruleset.cf' },
      },
    },
    'macro-definition': {
      match: String.raw`^(D)(${DEF_NAME})(.*)$`,
      captures: {
        1: { name: 'keyword.control.cf' },
        2: { name: 'variable.other.macro.cf' },
        3: { name: 'string.unquoted.value.cf', patterns: [{ include: '#macros' }] },
      },
    },
    'class-definition': {
      match: String.raw`^(C)(${DEF_NAME})(.*)$`,
      captures: {
        1: { name: 'keyword.control.cf' },
        2: { name: 'variable.other.class.cf' },
        3: { name: 'string.unquoted.member.cf', patterns: [{ include: '#macros' }] },
      },
    },
    'file-class': {
      comment: 'Fw/etc/mail/local-host-names %[^#]: class read from a file (or -o: optional file, |prog: program).',
      match: String.raw`^(F)(${DEF_NAME})\s*(?:(-o)\s+)?(\S*)(.*)$`,
      captures: {
        1: { name: 'keyword.control.cf' },
        2: { name: 'variable.other.class.cf' },
        3: { name: 'constant.other.flag.cf' },
        4: { name: 'string.unquoted.path.cf', patterns: [{ include: '#macros' }] },
        5: { name: 'string.unquoted.format.cf' },
      },
    },
    option: {
      patterns: [
        {
          comment: 'O Name=value (long option name).',
          match: String.raw`^(O)[ \t]+([A-Za-z][\w.]*)[ \t]*(?:(=)(.*))?$`,
          captures: {
            1: { name: 'keyword.control.cf' },
            2: { name: 'variable.other.constant.option.cf' },
            3: { name: 'keyword.operator.assignment.cf' },
            4: { name: 'string.unquoted.value.cf', patterns: [{ include: '#macros' }] },
          },
        },
        {
          comment: 'Oxvalue: old single-character option form.',
          match: String.raw`^(O)(\S)(.*)$`,
          captures: {
            1: { name: 'keyword.control.cf' },
            2: { name: 'variable.other.constant.option.cf' },
            3: { name: 'string.unquoted.value.cf', patterns: [{ include: '#macros' }] },
          },
        },
      ],
    },
    mailer: {
      comment: 'Mname, P=path, F=flags, ...: mailer definition.',
      match: String.raw`^(M)([^,\s]+)(,?)(.*)$`,
      captures: {
        1: { name: 'keyword.control.cf' },
        2: { name: 'entity.name.function.mailer.cf' },
        3: { name: 'punctuation.separator.comma.cf' },
        4: { patterns: [{ include: '#fields' }] },
      },
    },
    fields: {
      comment: 'Key=value fields of M, Q and X lines (and their continuation lines).',
      patterns: [
        {
          match: String.raw`(?<![^\s,])(F)(=)([^,\s]*)`,
          captures: {
            1: { name: 'entity.other.attribute-name.field.cf' },
            2: { name: 'keyword.operator.assignment.cf' },
            3: { name: 'constant.character.flags.cf' },
          },
        },
        {
          match: String.raw`(?<![^\s,])([A-Za-z])(=)`,
          captures: {
            1: { name: 'entity.other.attribute-name.field.cf' },
            2: { name: 'keyword.operator.assignment.cf' },
          },
        },
        { match: ',', name: 'punctuation.separator.comma.cf' },
        { include: '#macros' },
      ],
    },
    header: {
      comment: 'H?flags?Name: value; a $>ruleset value makes it a header check.',
      match: String.raw`^(H)(?:(\?)([^?]*)(\?))?([^:\s]+)(:)(.*)$`,
      captures: {
        1: { name: 'keyword.control.cf' },
        2: { name: 'punctuation.definition.flags.begin.cf' },
        3: { name: 'constant.character.flags.cf', patterns: [{ include: '#macros' }] },
        4: { name: 'punctuation.definition.flags.end.cf' },
        5: { name: 'entity.name.tag.header.cf' },
        6: { name: 'punctuation.separator.key-value.cf' },
        7: { name: 'string.unquoted.value.cf', patterns: [{ include: '#macros' }] },
      },
    },
    map: {
      comment: 'Kname class -flags file: map declaration.',
      match: String.raw`^(K)(\S+)(?:\s+(\S+))?(.*)$`,
      captures: {
        1: { name: 'keyword.control.cf' },
        2: { name: 'entity.name.function.map.cf' },
        3: { name: 'support.type.map-class.cf' },
        4: { patterns: [{ include: '#map-arguments' }] },
      },
    },
    'map-arguments': {
      patterns: [
        { match: String.raw`(?<!\S)-[A-Za-z](?:[^\s]*)?`, name: 'constant.other.flag.cf' },
        { include: '#macros' },
      ],
    },
    precedence: {
      match: String.raw`^(P)([^=\s]+)(=)(-?\d+)`,
      captures: {
        1: { name: 'keyword.control.cf' },
        2: { name: 'variable.other.precedence.cf' },
        3: { name: 'keyword.operator.assignment.cf' },
        4: { name: 'constant.numeric.cf' },
      },
    },
    'trusted-users': {
      match: String.raw`^(T)(.*)$`,
      captures: { 1: { name: 'keyword.control.cf' }, 2: { name: 'string.unquoted.user.cf' } },
    },
    'queue-group': {
      match: String.raw`^(Q)([^,\s]+)(,?)(.*)$`,
      captures: {
        1: { name: 'keyword.control.cf' },
        2: { name: 'entity.name.type.queue-group.cf' },
        3: { name: 'punctuation.separator.comma.cf' },
        4: { patterns: [{ include: '#fields' }] },
      },
    },
    milter: {
      match: String.raw`^(X)([^,\s]+)(,?)(.*)$`,
      captures: {
        1: { name: 'keyword.control.cf' },
        2: { name: 'entity.name.type.milter.cf' },
        3: { name: 'punctuation.separator.comma.cf' },
        4: { patterns: [{ include: '#fields' }] },
      },
    },
    environment: {
      match: String.raw`^(E)([^=\s]+)(?:(=)(.*))?$`,
      captures: {
        1: { name: 'keyword.control.cf' },
        2: { name: 'variable.other.environment.cf' },
        3: { name: 'keyword.operator.assignment.cf' },
        4: { name: 'string.unquoted.value.cf', patterns: [{ include: '#macros' }] },
      },
    },
    'other-command': {
      comment: 'L and G: rarely used command letters; highlighted so they do not look like junk.',
      match: String.raw`^([LG])(.*)$`,
      captures: { 1: { name: 'keyword.control.cf' }, 2: { patterns: [{ include: '#macros' }] } },
    },
    continuation: {
      comment: 'A line starting with a blank continues the previous line (mailer fields, long K patterns).',
      match: String.raw`^([ \t]+)(\S.*)$`,
      captures: { 2: { patterns: [{ include: '#fields' }] } },
    },
    macros: {
      comment: 'Macro references and rewrite operators; shared with the mc grammar (strings and LOCAL_* sections).',
      patterns: [
        { match: String.raw`\$\$`, name: 'constant.character.escape.dollar.cf' },
        {
          comment: '$?x ... $| ... $. : conditional on macro x being set.',
          match: String.raw`(\$\?)(${MACRO_NAME})`,
          captures: { 1: { name: 'keyword.control.conditional.cf' }, 2: { name: 'variable.other.macro.cf' } },
        },
        { match: String.raw`\$[|.]`, name: 'keyword.control.conditional.cf' },
        {
          comment: '$&x: macro expanded at run time, not when the rule is read.',
          match: String.raw`(\$&)(${MACRO_NAME})`,
          captures: { 1: { name: 'keyword.operator.deferred.cf' }, 2: { name: 'variable.other.macro.cf' } },
        },
        {
          comment: '$=X matches a member of class X, $~X anything not in it.',
          match: String.raw`(\$[=~])(${MACRO_NAME})`,
          captures: { 1: { name: 'keyword.operator.class.cf' }, 2: { name: 'variable.other.class.cf' } },
        },
        {
          match: String.raw`(\$>)\s*([A-Za-z0-9_]+)?`,
          captures: { 1: { name: 'keyword.operator.ruleset-call.cf' }, 2: { name: 'entity.name.function.ruleset.cf' } },
        },
        {
          match: String.raw`(\$#)\s*([\w.-]+)?`,
          captures: { 1: { name: 'keyword.operator.mailer.cf' }, 2: { name: 'entity.name.function.mailer.cf' } },
        },
        {
          match: String.raw`(\$\()\s*([\w.-]+)?`,
          captures: { 1: { name: 'keyword.operator.map-lookup.begin.cf' }, 2: { name: 'entity.name.function.map.cf' } },
        },
        { match: String.raw`\$\)`, name: 'keyword.operator.map-lookup.end.cf' },
        { match: String.raw`\$[\[\]]`, name: 'keyword.operator.canonify.cf' },
        { match: String.raw`\$[0-9]`, name: 'variable.parameter.positional.cf' },
        { match: String.raw`\$[*+\-@:]`, name: 'keyword.operator.cf' },
        {
          match: String.raw`(\$)(${MACRO_NAME})`,
          name: 'variable.other.macro.cf',
          captures: { 1: { name: 'punctuation.definition.variable.cf' } },
        },
      ],
    },
  },
};
