// Grammar for mail logs written by sendmail (syslog, journal, rsyslog RFC 3339, Solaris, BSD).
// A line: [<PRI>] timestamp [<facility.level>] host program[pid]: [ [ID n facility] ] qid: text, key=value, ...
// The header patterns run only before program[pid]: ; the message after it is one begin/end
// region (to the end of the line), so nothing in a message is read as a header.
// stat= outcomes get distinct scopes: sent (markup.inserted), deferred (markup.changed),
// permanent failure (markup.deleted ... failed) and reject= (markup.deleted ... rejected).
// The outcome comes from the dsn= class right before stat= when there is one, else from the text.

const SCHEMA = 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json';
const L = 'maillog';
const MONTHS = 'Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec';
const PROGRAM = String.raw`([A-Za-z][\w./-]*)(\[)(\d+)(\])(:)`;
const QID = String.raw`(?:NOQUEUE|(?=[0-9]{0,8}[A-Za-z])[A-Za-z0-9]{3,9}[0-9]{5,11})`;
const KEY_START = String.raw`(?<![^\s,;:(])`;

const field = (key, value) => ({
  1: { name: `entity.other.attribute-name.${key}.${L}` },
  2: { name: `keyword.operator.assignment.${L}` },
  ...(value ? { 3: value } : {}),
});

/** dsn=X.Y.Z, stat=...: the class decides the outcome. */
const dsnStat = (klass, scope) => ({
  match: String.raw`${KEY_START}(dsn)(=)(${klass}\.\d{1,3}\.\d{1,3})(,\s*)(stat)(=)(.*)$`,
  captures: {
    1: { name: `entity.other.attribute-name.dsn.${L}` },
    2: { name: `keyword.operator.assignment.${L}` },
    3: { name: `constant.numeric.dsn.${L}` },
    4: { name: `punctuation.separator.${L}` },
    5: { name: `entity.other.attribute-name.stat.${L}` },
    6: { name: `keyword.operator.assignment.${L}` },
    7: { name: scope },
  },
});

/** stat=... without a dsn= before it: the text decides. */
const stat = (text, scope) => ({
  match: String.raw`${KEY_START}(stat)(=)(${text}.*)$`,
  captures: field('stat', { name: scope }),
});

const SENT = `markup.inserted.stat.sent.${L}`;
const DEFERRED = `markup.changed.stat.deferred.${L}`;
const FAILED = `markup.deleted.stat.failed.${L}`;

export const maillog = {
  $schema: SCHEMA,
  name: 'sendmail mail log',
  scopeName: `source.sendmail.${L}`,
  comment: 'Mail log lines written by sendmail; lines of other programs get only the header scopes.',
  patterns: [
    { include: '#pri' },
    { include: '#timestamp' },
    { include: '#facility' },
    { include: '#host' },
    { include: '#message' },
  ],
  repository: {
    pri: {
      comment: 'The raw syslog priority of a datagram: <22>.',
      match: String.raw`^(<)(\d{1,3})(>)`,
      captures: { 1: { name: `punctuation.definition.pri.begin.${L}` }, 2: { name: `constant.numeric.pri.${L}` }, 3: { name: `punctuation.definition.pri.end.${L}` } },
    },
    timestamp: {
      patterns: [
        {
          comment: 'RFC 3339 (with zone) and ISO without zone, possibly glued to the host name.',
          match: String.raw`\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d{1,9})?(?:Z|[+-]\d\d:?\d\d)?`,
          name: `constant.numeric.date.timestamp.${L}`,
        },
        {
          comment: 'Classic syslog (Jan  5 10:00:01) and journal short format (Jan 05 10:00:01).',
          match: String.raw`\b(?:${MONTHS}) {1,2}\d{1,2} \d\d:\d\d:\d\d(?:\.\d{1,9})?\b`,
          name: `constant.numeric.date.timestamp.${L}`,
        },
      ],
    },
    facility: {
      comment: 'BSD syslogd -v: <mail.info> before the host.',
      match: String.raw`(<)([a-z0-9]+\.[a-z]+)(>)`,
      captures: { 1: { name: `punctuation.definition.facility.begin.${L}` }, 2: { name: `keyword.other.facility.${L}` }, 3: { name: `punctuation.definition.facility.end.${L}` } },
    },
    host: {
      comment: 'The word right before program[pid]: (after a blank, or glued to an ISO timestamp; at most 255 characters, so a long junk word costs linear time).',
      match: String.raw`(?<![^\s>\]\d])(?>[^\s<>]{1,255})(?=\s+${PROGRAM.replace(/\(/g, '(?:')}(?:\s|$))`,
      name: `entity.name.section.host.${L}`,
    },
    message: {
      comment: 'program[pid]: and the message after it, to the end of the line.',
      begin: String.raw`(?<![^\s>\]])${PROGRAM}(?=\s|$)`,
      beginCaptures: {
        1: { name: `entity.name.function.program.${L}` },
        2: { name: `punctuation.definition.pid.begin.${L}` },
        3: { name: `constant.numeric.pid.${L}` },
        4: { name: `punctuation.definition.pid.end.${L}` },
        5: { name: `punctuation.separator.${L}` },
      },
      end: '$',
      name: `meta.message.${L}`,
      patterns: [
        { include: '#solaris-id' }, { include: '#queue-id' }, { include: '#syserr' },
        { include: '#stat' }, { include: '#reject' }, { include: '#mailer' }, { include: '#relay' }, { include: '#field' },
        { include: '#dsn' }, { include: '#delay' }, { include: '#ip' }, { include: '#forged' }, { include: '#address' },
      ],
    },
    'solaris-id': {
      comment: 'Solaris syslog message id: [ID 801593 mail.info].',
      match: String.raw`(\[)(ID) (\d+) ([\w.]+)(\])`,
      captures: {
        1: { name: `punctuation.definition.solaris-id.begin.${L}` }, 2: { name: `keyword.other.solaris-id.${L}` },
        3: { name: `constant.numeric.solaris-id.${L}` }, 4: { name: `keyword.other.facility.${L}` }, 5: { name: `punctuation.definition.solaris-id.end.${L}` },
      },
    },
    'queue-id': {
      comment: 'Queue id (oBMH9mVv001357, xA32R2PQ3529566) or NOQUEUE, followed by a colon.',
      match: String.raw`(?<!\S)(${QID})(:)(?=\s|$)`,
      captures: { 1: { name: `constant.other.queue-id.${L}` }, 2: { name: `punctuation.separator.${L}` } },
    },
    syserr: {
      match: String.raw`\bSYSERR\([^)\s]*\)`,
      name: `invalid.illegal.syserr.${L}`,
    },
    stat: {
      patterns: [
        dsnStat('2', SENT), dsnStat('4', DEFERRED), dsnStat('5', FAILED),
        stat('(?:Sent|queued)\\b', SENT), stat('Deferred\\b', DEFERRED), stat('', FAILED),
      ],
    },
    reject: {
      comment: 'A command sendmail refused (ruleset=..., Milter: ...): the reply runs to the end of the line.',
      match: String.raw`${KEY_START}(reject)(=)(.*)$`,
      captures: field('reject', { name: `markup.deleted.reject.rejected.${L}` }),
    },
    mailer: {
      match: String.raw`${KEY_START}(mailer)(=)([^\s,]+)`,
      captures: field('mailer', { name: `entity.name.function.mailer.${L}` }),
    },
    relay: {
      comment: 'relay=host. [ip], [ip] [ip], host [ip] (may be forged): the host name part.',
      match: String.raw`${KEY_START}(relay)(=)([^\s,\[(]+)?`,
      captures: field('relay', { name: `entity.name.host.relay.${L}` }),
    },
    field: {
      match: String.raw`${KEY_START}([A-Za-z][A-Za-z0-9_]*)(=)`,
      captures: { 1: { name: `entity.other.attribute-name.${L}` }, 2: { name: `keyword.operator.assignment.${L}` } },
    },
    dsn: {
      match: String.raw`\b[245]\.\d{1,3}\.\d{1,3}\b`,
      name: `constant.numeric.dsn.${L}`,
    },
    delay: {
      comment: 'delay=/xdelay= values: [days+]HH:MM:SS.',
      match: String.raw`(?<![\w:])(?:\d+\+)?\d\d:\d\d:\d\d(?![\w:])`,
      name: `constant.numeric.delay.${L}`,
    },
    ip: {
      match: String.raw`(\[)((?:IPv6:)?[0-9A-Fa-f:.]+)(\])`,
      captures: { 1: { name: `punctuation.definition.ip.begin.${L}` }, 2: { name: `constant.numeric.ip.${L}` }, 3: { name: `punctuation.definition.ip.end.${L}` } },
    },
    forged: {
      match: String.raw`\(may be forged\)`,
      name: `markup.italic.forged.${L}`,
    },
    address: {
      comment: 'user@domain, with or without <>.',
      match: String.raw`(?<![^\s,=<:])<?(?>[^\s<>,@=]+)@(?>[^\s<>,@=]+)>?`,
      name: `string.unquoted.address.${L}`,
    },
  },
};
