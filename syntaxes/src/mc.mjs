// sendmail.mc grammar (source.sendmail.mc): m4 as the sendmail-cf macros use it.
const BUILTINS = [
  '__file__', '__line__', '__program__', 'builtin', 'changecom', 'changequote', 'debugfile', 'debugmode',
  'decr', 'define', 'defn', 'divert', 'divnum', 'dumpdef', 'errprint', 'esyscmd', 'eval', 'format',
  'ifdef', 'ifelse', 'include', 'incr', 'index', 'indir', 'len', 'm4exit', 'm4wrap', 'maketemp', 'mkstemp',
  'patsubst', 'popdef', 'pushdef', 'regexp', 'shift', 'sinclude', 'substr', 'syscmd', 'sysval',
  'traceoff', 'traceon', 'translit', 'undefine', 'undivert',
];
// Builtins that GNU m4 also expands without an argument list.
const BARE_BUILTINS = ['__file__', '__line__', '__program__', 'divert', 'divnum', 'undivert', 'changequote', 'changecom', 'm4exit', 'dumpdef', 'traceon', 'traceoff', 'sysval'];
// Macros that switch the output to a raw sendmail.cf section (cfhead.m4 defines them as divert(n)).
const CF_SECTIONS = String.raw`LOCAL_(?:CONFIG|RULESETS|RULE_[0-3]|NET_CONFIG|UUCP|DNSBL|SRV_FEATURES|CLT_FEATURES|TRY_TLS|TLS_RCPT|TLS_CLIENT|TLS_SERVER|TLS_CONN)|MAILER_DEFINITIONS`;
const W = String.raw`[A-Za-z0-9_]`; // an m4 word character

const alt = (xs) => xs.join("|");

const args = (nameScope) => ({
  begin: String.raw`(?<!${W})(NAME)(\()`,
  beginCaptures: { 1: { name: nameScope }, 2: { name: 'punctuation.section.arguments.begin.m4' } },
  end: String.raw`\)`,
  endCaptures: { 0: { name: 'punctuation.section.arguments.end.m4' } },
  name: 'meta.function-call.m4',
  patterns: [{ include: '#argument-content' }],
});

const builtinCall = args('support.function.builtin.m4');
builtinCall.begin = builtinCall.begin.replace('NAME', alt(BUILTINS));
builtinCall.comment = 'm4 builtin called with arguments; the "(" must follow the name directly.';
const sendmailCall = args('support.function.sendmail');
sendmailCall.begin = sendmailCall.begin.replace('NAME', '[A-Z_][A-Z0-9_]*');
sendmailCall.comment = 'OSTYPE(...), FEATURE(...), any ALL_CAPS macro called with arguments.';

export const mc = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  name: 'sendmail.mc',
  scopeName: 'source.sendmail.mc',
  comment: 'sendmail.mc: m4 input for the sendmail-cf macro package. Quotes are ` and \' and nest.',
  patterns: [{ include: '#main' }],
  repository: {
    main: {
      patterns: [
        { include: '#dnl-comment' },
        { include: '#hash-comment' },
        { include: '#cf-section' },
        { include: '#string' },
        { include: '#builtin-call' },
        { include: '#sendmail-call' },
        { include: '#bare-builtin' },
        { include: '#conf-option' },
        { include: 'source.sendmail.cf#macros' },
        { include: '#number' },
      ],
    },
    'dnl-comment': {
      comment: 'dnl discards everything up to and including the newline, wherever it appears outside quotes.',
      begin: String.raw`(?<!${W})(dnl)(?!${W})`,
      end: '$',
      name: 'comment.line.dnl.m4',
      beginCaptures: { 1: { name: 'punctuation.definition.comment.m4' } },
    },
    'hash-comment': {
      comment: 'm4 copies # comments to the output without expanding macros in them. begin/end rather than #.*$: a match to the end of a long line that loses to an earlier token would be searched again at every token.',
      begin: '#',
      end: '$',
      name: 'comment.line.number-sign.m4',
      beginCaptures: { 0: { name: 'punctuation.definition.comment.m4' } },
    },
    string: {
      comment: 'Quoted text: m4 strips one level of quotes and does not expand macros inside; quotes nest.',
      begin: '`',
      end: "'",
      beginCaptures: { 0: { name: 'punctuation.definition.string.begin.m4' } },
      endCaptures: { 0: { name: 'punctuation.definition.string.end.m4' } },
      name: 'string.quoted.other.m4',
      patterns: [
        { include: '#string' },
        { include: '#conf-option' },
        { include: '#bracketed-host' },
        { include: 'source.sendmail.cf#macros' },
      ],
    },
    'builtin-call': builtinCall,
    'sendmail-call': sendmailCall,
    'argument-content': {
      patterns: [
        { include: '#dnl-comment' },
        { include: '#hash-comment' },
        { include: '#string' },
        { include: '#builtin-call' },
        { include: '#sendmail-call' },
        { include: '#bare-builtin' },
        { include: '#parens' },
        { match: ',', name: 'punctuation.separator.arguments.m4' },
        {
          comment: "A ' outside any quote is kept literally by m4, e.g. define(`x', '50') gives the value '50' with the quotes.",
          match: "'",
          name: 'invalid.illegal.unmatched-quote.m4',
        },
        { include: '#conf-option' },
        { include: '#bracketed-host' },
        { include: 'source.sendmail.cf#macros' },
        { include: '#number' },
      ],
    },
    parens: {
      comment: 'Unquoted parentheses inside arguments must balance: m4 counts them to find the closing one.',
      begin: String.raw`\(`,
      end: String.raw`\)`,
      beginCaptures: { 0: { name: 'punctuation.section.parens.begin.m4' } },
      endCaptures: { 0: { name: 'punctuation.section.parens.end.m4' } },
      patterns: [{ include: '#argument-content' }],
    },
    'bare-builtin': {
      match: String.raw`(?<!${W})(?:${alt(BARE_BUILTINS)})(?!${W})`,
      name: 'support.function.builtin.m4',
    },
    'conf-option': {
      comment: 'confXXX: m4 names of sendmail.cf options.',
      match: String.raw`(?<!${W})conf[A-Z0-9_]+(?!${W})`,
      name: 'variable.other.constant.option.sendmail',
    },
    'bracketed-host': {
      comment: '[host]: brackets tell sendmail to connect to the host itself, without an MX lookup.',
      match: String.raw`(\[)([^\]\[\s\x60']*)(\])`,
      name: 'meta.host.bracketed.sendmail',
      captures: {
        1: { name: 'punctuation.definition.host.begin.sendmail' },
        2: { name: 'entity.name.host.sendmail' },
        3: { name: 'punctuation.definition.host.end.sendmail' },
      },
    },
    number: {
      match: String.raw`(?<![\w.-])-?\d+(?![\w.])`,
      name: 'constant.numeric.m4',
    },
    'cf-section': {
      comment: 'After LOCAL_CONFIG, LOCAL_RULESETS, ... the text is copied into sendmail.cf: highlight it as cf until a line starts with an m4/sendmail-cf macro call or divert.',
      begin: String.raw`(?<!${W})(${CF_SECTIONS})(?!${W})`,
      beginCaptures: { 1: { name: 'support.function.sendmail' } },
      end: String.raw`^(?=[ \t]*(?:divert(?!${W})|(?:${alt(BUILTINS)})\(|[A-Z_][A-Z0-9_]+\(|(?:${CF_SECTIONS})(?!${W})))`,
      name: 'meta.embedded.block.sendmail-cf',
      patterns: [
        { include: '#dnl-comment' },
        { include: 'source.sendmail.cf' },
        { include: '#hash-comment' },
      ],
    },
  },
};
