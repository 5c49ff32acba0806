// Grammars for the map sources that makemap reads (mailertable, access, virtusertable,
// genericstable, domaintable, authinfo) plus aliases and class files.
// makemap rules that shape all of them: '#' starts a comment only in column 1; a line
// starting with a blank is an error ("leading space"); key and value are separated by
// the first run of blanks; everything after it (including '#') is the value.

const SCHEMA = 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json';
const IPV4 = String.raw`\d{1,3}(?:\.\d{1,3}){0,3}`;

function common(lang) {
  return {
    comment: {
      match: String.raw`^(#).*$`,
      name: `comment.line.number-sign.${lang}`,
      captures: { 1: { name: `punctuation.definition.comment.${lang}` } },
    },
    'leading-blank': {
      comment: 'makemap rejects a line that starts with a blank ("syntax error (leading space)").',
      match: String.raw`^[ \t]+`,
      name: `invalid.illegal.leading-whitespace.${lang}`,
    },
    'bracketed-host': {
      match: String.raw`(\[)([^\]\[\s]*)(\])`,
      name: `meta.host.bracketed.${lang}`,
      captures: {
        1: { name: `punctuation.definition.host.begin.${lang}` },
        2: { name: `entity.name.host.${lang}` },
        3: { name: `punctuation.definition.host.end.${lang}` },
      },
    },
    placeholder: {
      comment: '%0, %1, %2: parts of the looked-up key substituted into the value.',
      match: String.raw`%\d`,
      name: `variable.parameter.placeholder.${lang}`,
    },
    error: {
      comment: 'error:D.S.N:code text: reject with this enhanced status code, SMTP reply code and text; the text may be quoted.',
      match: String.raw`(?<![^\s"])(?i:(error))(:)(?:(\d\.\d{1,3}\.\d{1,3})(:))?(")?(?:(\d{3})(?=[\s"]|$))?[ \t]*([^"]*)(")?`,
      captures: {
        1: { name: `keyword.control.error.${lang}` },
        2: { name: `punctuation.separator.${lang}` },
        3: { name: `constant.numeric.dsn.${lang}` },
        4: { name: `punctuation.separator.${lang}` },
        5: { name: `punctuation.definition.string.begin.${lang}` },
        6: { name: `constant.numeric.smtp-code.${lang}` },
        7: { name: `string.unquoted.error-text.${lang}` },
        8: { name: `punctuation.definition.string.end.${lang}` },
      },
    },
    address: {
      comment: 'user@domain. Starts only where a word (or a %n placeholder) ends, so a failed search is one pass; no capture sub-patterns, since re-scanning captures costs a copy of the line prefix.',
      match: String.raw`(?:(?<![^\s,":])|(?<=%\d))([^\s@,"%]*+)(@)([^\s@,"%]*+)`,
      captures: {
        1: { name: `variable.other.local-part.${lang}` },
        2: { name: `punctuation.separator.at.${lang}` },
        3: { name: `entity.name.domain.${lang}` },
      },
    },
  };
}

/** The usual "key<blanks>value" entry; key and value patterns are the grammar's own. */
function entry(lang) {
  return {
    match: String.raw`^([^\s#]\S*)([ \t]+)(\S.*)$`,
    captures: {
      1: { name: `entity.name.tag.key.${lang}`, patterns: [{ include: '#key' }] },
      2: { name: `punctuation.whitespace.separator.${lang}` },
      3: { name: `meta.value.${lang}`, patterns: [{ include: '#value' }] },
    },
  };
}

/** A key with nothing after it: makemap skips the line ("no RHS for LHS"). */
function keyOnly(lang) {
  return {
    comment: 'makemap skips a key without a value ("no RHS for LHS").',
    match: String.raw`^[^\s#]\S*[ \t]*$`,
    name: `invalid.illegal.missing-value.${lang}`,
  };
}

function grammar(lang, name, comment, key, value, extra = {}) {
  return {
    $schema: SCHEMA,
    name,
    scopeName: `source.sendmail.${lang}`,
    comment,
    patterns: [{ include: '#comment' }, { include: '#leading-blank' }, { include: '#entry' }, { include: '#key-only' }],
    repository: { ...common(lang), entry: entry(lang), 'key-only': keyOnly(lang), key: { patterns: key }, value: { patterns: value }, ...extra },
  };
}

const mailer = (lang) => ({
  comment: 'mailer:host (esmtp:[relay], local:user, smtp:host:fallback).',
  match: String.raw`(?<!\S)([\w.+-]+)(:)(.*)$`,
  captures: {
    1: { name: `entity.name.function.mailer.${lang}` },
    2: { name: `punctuation.separator.mailer.${lang}` },
    3: { name: `string.unquoted.host.${lang}`, patterns: [{ include: '#bracketed-host' }, { include: '#placeholder' }, { match: ':', name: `punctuation.separator.${lang}` }] },
  },
});

export const mailertable = grammar(
  'mailertable', 'sendmail mailertable',
  'Keys: host, .domain (any subdomain) or "." (default). Values: mailer:host or error:...',
  [
    { match: String.raw`^\.`, name: 'punctuation.definition.wildcard.mailertable' },
  ],
  [{ include: '#error' }, { include: '#mailer' }, { include: '#bracketed-host' }, { include: '#placeholder' }],
  { mailer: mailer('mailertable') },
);

const ACCESS_TAGS = [
  'Connect', 'From', 'To', 'Spam', 'GreetPause', 'ClientRate', 'ClientConn', 'Srv_Features', 'Clt_Features',
  'Try_TLS', 'TLS_Clt', 'TLS_Srv', 'TLS_Rcpt', 'QGRP', 'CERTISSUER', 'CERTSUBJECT', 'Auth', 'Mail', 'Rcpt',
];

export const access = grammar(
  'access', 'sendmail access map',
  'Keys: optional Tag: then an address, domain, IP address/prefix or IPv6: address. Values: actions, ERROR:, numbers for rate limits.',
  [
    { match: String.raw`^(?i:(${ACCESS_TAGS.join('|')}))(:)`, captures: { 1: { name: 'keyword.other.tag.access' }, 2: { name: 'punctuation.separator.tag.access' } } },
    {
      match: String.raw`(?i:(IPv6))(:)([0-9A-Fa-f:.]*)$`,
      captures: { 1: { name: 'keyword.other.ipv6.access' }, 2: { name: 'punctuation.separator.access' }, 3: { name: 'constant.numeric.ip.access' } },
    },
    { match: String.raw`(?<![^:])${IPV4}$`, name: 'constant.numeric.ip.access' },
    { include: '#bracketed-host' },
    { include: '#address' },
  ],
  [
    {
      comment: 'A quoted value such as "ERROR:550 text": makemap keeps the quotes, the access rulesets strip them.',
      begin: '"', end: '"|$',
      beginCaptures: { 0: { name: 'punctuation.definition.string.begin.access' } },
      endCaptures: { 0: { name: 'punctuation.definition.string.end.access' } },
      name: 'string.quoted.double.access',
      patterns: [{ include: '#error' }],
    },
    { include: '#error' },
    {
      comment: 'QUARANTINE:reason (and the deprecated HOLD:) keep the message in the queue.',
      match: String.raw`(?<![^\s"])(?i:(QUARANTINE|HOLD))(:)(.*)$`,
      captures: { 1: { name: 'keyword.control.action.access' }, 2: { name: 'punctuation.separator.access' }, 3: { name: 'string.unquoted.reason.access' } },
    },
    { match: String.raw`(?<![\w.-])(?i:OK|RELAY|REJECT|DISCARD|SKIP|FRIEND|HATER|YES|NO)(?![\w.-])`, name: 'keyword.control.action.access' },
    {
      comment: 'TLS requirements: VERIFY, VERIFY:bits, ENCR:bits.',
      match: String.raw`(?<![\w.-])(?i:(VERIFY|ENCR))(?:(:)(\d+))?`,
      captures: { 1: { name: 'keyword.control.action.access' }, 2: { name: 'punctuation.separator.access' }, 3: { name: 'constant.numeric.access' } },
    },
    { match: String.raw`(?<![\w.:-])\d+(?![\w.:-])`, name: 'constant.numeric.access' },
  ],
);

const addressTable = (lang, title, comment) => grammar(
  lang, title, comment,
  [{ include: '#address' }],
  [
    { include: '#error' }, { include: '#placeholder' }, { include: '#address' },
    { comment: 'A bare local user (delivered through aliases).', match: String.raw`[^\s@"%]+`, name: `variable.other.user.${lang}` },
  ],
);

export const virtusertable = addressTable('virtusertable', 'sendmail virtusertable',
  'Keys: user@domain, @domain (catch-all) or a bare user. Values: address, local user, %1/%2 (user and +detail) or error:...');
export const genericstable = addressTable('genericstable', 'sendmail genericstable',
  'Keys: local user or user@domain. Values: the address to rewrite it to.');
export const domaintable = grammar(
  'domaintable', 'sendmail domaintable',
  'Keys: old domain (leading dot matches subdomains). Values: the new domain, %1 for the matched part.',
  [{ match: String.raw`^\.`, name: 'punctuation.definition.wildcard.domaintable' }],
  [{ include: '#placeholder' }],
);

export const authinfo = grammar(
  'authinfo', 'sendmail authinfo',
  'AuthInfo:host "U:user" "I:authid" "P:password" "M:mechanisms" "R:realm"; "P=" gives a base64 password.',
  [
    { match: String.raw`^(?i:(AuthInfo))(:)`, captures: { 1: { name: 'keyword.other.tag.authinfo' }, 2: { name: 'punctuation.separator.tag.authinfo' } } },
    { include: '#bracketed-host' },
  ],
  [
    {
      match: String.raw`(")([UIPMR])([:=])([^"]*)("?)`,
      name: 'string.quoted.double.authinfo',
      captures: {
        1: { name: 'punctuation.definition.string.begin.authinfo' },
        2: { name: 'entity.other.attribute-name.field.authinfo' },
        3: { name: 'punctuation.separator.field.authinfo' },
        4: { name: 'string.unquoted.field-value.authinfo' },
        5: { name: 'punctuation.definition.string.end.authinfo' },
      },
    },
    { match: String.raw`"[^"]*"?`, name: 'string.quoted.double.authinfo' },
  ],
);
// An empty host ("AuthInfo:") is followed directly by blanks, so the key rule matches it too.

export const aliases = {
  $schema: SCHEMA,
  name: 'sendmail aliases',
  scopeName: 'source.sendmail.aliases',
  comment: 'name: value, value, ...; a line starting with a blank continues the previous entry.',
  patterns: [{ include: '#comment' }, { include: '#entry' }, { include: '#continuation' }],
  repository: {
    comment: {
      match: String.raw`^(#).*$`,
      name: 'comment.line.number-sign.aliases',
      captures: { 1: { name: 'punctuation.definition.comment.aliases' } },
    },
    entry: {
      match: String.raw`^("[^"]*"|[^\s#:"][^:]*?)[ \t]*(:)(.*)$`,
      captures: {
        1: { name: 'entity.name.tag.key.aliases' },
        2: { name: 'punctuation.separator.key-value.aliases' },
        3: { patterns: [{ include: '#values' }] },
      },
    },
    continuation: {
      match: String.raw`^([ \t]+)(.*)$`,
      captures: { 2: { patterns: [{ include: '#values' }] } },
    },
    values: {
      patterns: [
        {
          comment: ':include:/path reads more addresses from a file.',
          match: String.raw`(:include:)[ \t]*([^,\s]*)`,
          captures: { 1: { name: 'keyword.control.include.aliases' }, 2: { name: 'string.unquoted.path.aliases' } },
        },
        {
          comment: '"|program args": deliver by piping to a program (quotes keep spaces and commas).',
          match: String.raw`(")(\|)([^"]*)("?)`,
          name: 'string.quoted.double.aliases',
          captures: { 2: { name: 'keyword.operator.pipe.aliases' }, 3: { name: 'string.unquoted.program.aliases' } },
        },
        {
          match: String.raw`(?<![^\s,])(\|)([^,\s]*)`,
          captures: { 1: { name: 'keyword.operator.pipe.aliases' }, 2: { name: 'string.unquoted.program.aliases' } },
        },
        {
          comment: '/path: append the message to this file.',
          match: String.raw`(?<![^\s,"])/[^,\s"]*`,
          name: 'string.unquoted.path.aliases',
        },
        {
          match: String.raw`(?<![^\s,])(?i:(error))(:)([^,]*)`,
          captures: { 1: { name: 'keyword.control.error.aliases' }, 2: { name: 'punctuation.separator.aliases' }, 3: { name: 'string.unquoted.error-text.aliases' } },
        },
        { match: String.raw`"[^"]*"?`, name: 'string.quoted.double.aliases' },
        { match: ',', name: 'punctuation.separator.comma.aliases' },
        { match: String.raw`\\`, name: 'constant.character.escape.aliases' },
        {
          match: String.raw`([^\s,@"\\]+)(@)([^\s,@"]+)`,
          captures: { 1: { name: 'variable.other.local-part.aliases' }, 2: { name: 'punctuation.separator.at.aliases' }, 3: { name: 'entity.name.domain.aliases' } },
        },
        { match: String.raw`[^\s,"\\]+`, name: 'variable.other.user.aliases' },
      ],
    },
  },
};

export const klass = {
  $schema: SCHEMA,
  name: 'sendmail class file',
  scopeName: 'source.sendmail.class',
  comment: 'One class member per line (local-host-names, relay-domains, trusted-users); # starts a comment.',
  patterns: [
    { match: String.raw`^\s*(#).*$`, name: 'comment.line.number-sign.class', captures: { 1: { name: 'punctuation.definition.comment.class' } } },
    { match: String.raw`(?<!\S)${IPV4}(?!\S)`, name: 'constant.numeric.ip.class' },
    { match: String.raw`(?<!\S)(?i:IPv6):[0-9A-Fa-f:.]+(?!\S)`, name: 'constant.numeric.ip.class' },
    { match: String.raw`\S+`, name: 'entity.name.tag.member.class' },
  ],
};
