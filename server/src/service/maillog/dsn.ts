// Enhanced status codes (RFC 3463, dsn=X.Y.Z in the log) in plain words: the class says
// whether sendmail will try again, the subject and detail say what went wrong. Our own short
// texts for the standard codes; unknown details fall back to their subject.

const CLASSES: Record<string, string> = {
  2: 'success: the next hop accepted the message',
  4: 'persistent transient failure: sendmail keeps the message in its queue and tries again later',
  5: 'permanent failure: sendmail does not try again and returns the message to its sender',
};

const SUBJECTS: Record<string, string> = {
  0: 'other or undefined status',
  1: 'addressing: a problem with the sender or recipient address',
  2: 'mailbox: a problem with the recipient mailbox',
  3: 'mail system: a problem with the receiving mail system',
  4: 'network and routing: a problem reaching the next hop',
  5: 'mail delivery protocol: a problem in the SMTP dialogue',
  6: 'message content or media: a problem with the message itself',
  7: 'security or policy: the message was refused by a rule',
};

const DETAILS: Record<string, string> = {
  '0.0': 'no more detail was given',
  '1.0': 'something is wrong with an address',
  '1.1': 'the recipient mailbox does not exist there (no such user)',
  '1.2': 'the recipient domain or host does not exist or cannot accept mail',
  '1.3': 'the recipient address is not written correctly',
  '1.4': 'the recipient address matches several mailboxes',
  '1.5': 'the recipient address is valid',
  '1.6': 'the mailbox has moved and there is no forwarding address',
  '1.7': 'the sender address is not written correctly',
  '1.8': 'the sender domain does not exist or cannot receive replies',
  '1.9': 'the message was relayed to a system that does not send delivery reports',
  '1.10': 'the recipient domain says it accepts no mail (null MX)',
  '2.0': 'something is wrong with the mailbox',
  '2.1': 'the mailbox is disabled and accepts no messages',
  '2.2': 'the mailbox is full',
  '2.3': 'the message is larger than the mailbox accepts',
  '2.4': 'expanding a mailing list failed',
  '3.0': 'something is wrong with the receiving mail system',
  '3.1': 'the receiving mail system is out of space',
  '3.2': 'the receiving system is not accepting mail right now',
  '3.3': 'the receiving system lacks a feature the message needs',
  '3.4': 'the message is too big for the receiving system',
  '3.5': 'the receiving system is configured incorrectly',
  '4.0': 'something went wrong on the network or in routing',
  '4.1': 'the host did not answer (no connection could be made)',
  '4.2': 'the connection was broken during the transfer',
  '4.3': 'a directory server (usually DNS) failed to answer',
  '4.4': 'no route to the destination could be found (no usable MX or address)',
  '4.5': 'the mail system is congested',
  '4.6': 'the message was going round in a routing loop',
  '4.7': 'the message stayed too long in the queue and expired',
  '5.0': 'something went wrong in the SMTP dialogue',
  '5.1': 'the other side did not accept a command',
  '5.2': 'a command was not understood (syntax error)',
  '5.3': 'there were too many recipients',
  '5.4': 'a command had invalid arguments',
  '5.5': 'the two sides speak different protocol versions',
  '5.6': 'an authentication exchange line was too long',
  '6.0': 'something is wrong with the message content',
  '6.1': 'the receiver does not support the content type',
  '6.2': 'the content needs a conversion that is not allowed',
  '6.3': 'the content needs a conversion that is not supported',
  '6.4': 'the content was converted with some loss',
  '6.5': 'converting the content failed',
  '7.0': 'a security or policy rule refused the message',
  '7.1': 'the receiver refuses this delivery (relaying denied, blocklist, sender or client not allowed)',
  '7.2': 'expanding this mailing list is not allowed for the sender',
  '7.3': 'a required security conversion was not possible',
  '7.4': 'the security features the message needs are not supported',
  '7.5': 'a cryptographic operation failed',
  '7.6': 'the cryptographic algorithm is not supported',
  '7.7': 'the message failed an integrity check',
  '7.8': 'the authentication credentials were refused',
  '7.9': 'the authentication mechanism is too weak',
  '7.10': 'encryption is required',
  '7.11': 'this authentication mechanism requires encryption',
  '7.12': 'the password must be changed first',
  '7.13': 'the user account is disabled',
  '7.14': 'a trust relationship is required',
};

export interface DsnExplanation { code: string; klass: string; subject: string; detail?: string }

/** A dsn= value in words, or undefined when it is not X.Y.Z. */
export function explainDsn(code: string): DsnExplanation | undefined {
  const m = /^([245])\.(\d{1,3})\.(\d{1,3})$/.exec(code.trim());
  if (!m) return undefined;
  const subject = SUBJECTS[m[2]];
  return { code: m[0], klass: CLASSES[m[1]], subject: subject ?? `subject ${m[2]} (not one of the standard subjects)`, detail: DETAILS[`${m[2]}.${m[3]}`] };
}

/** Markdown for a hover. */
export function dsnMarkdown(code: string): string | undefined {
  const e = explainDsn(code);
  if (!e) return undefined;
  const [c, s, d] = e.code.split('.');
  return [
    `**dsn=${e.code}** (enhanced status code, RFC 3463)`,
    '',
    `- \`${c}.x.x\` ${e.klass}`,
    `- \`x.${s}.x\` ${e.subject}`,
    `- \`x.${s}.${d}\` ${e.detail ?? 'no standard meaning for this detail'}`,
  ].join('\n');
}
