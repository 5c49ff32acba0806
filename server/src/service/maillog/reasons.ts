// What the usual stat= reasons mean and what commonly causes them, delays in words, and one
// line about each other field. Our own texts; shown by hovers and in the diagnostics.
import { parseDelay } from './parse';

export interface Reason {
  /** Short plain-words meaning (one sentence, no trailing period). */
  meaning: string;
  /** Usual causes, for the hover. */
  causes?: string;
}

const RULES: [RegExp, (m: RegExpExecArray) => Reason][] = [
  [/^Sent\b/i, () => ({ meaning: 'the next hop accepted the message (the text in parentheses is its reply, often its own queue id)' })],
  [/^queued\b/i, () => ({ meaning: 'the message was put in the queue to be delivered by a later queue run' })],
  [/Cannot send message for (\d+ \w+)/i, (m) => ({
    meaning: `the message stayed in the queue for ${m[1]} without being delivered, so sendmail gave up and returned it to its sender`,
    causes: 'The queue return timeout (confTO_QUEUERETURN, 5 days by default) ran out while every attempt was deferred: look at the earlier deferrals of this message for the reason.',
  })],
  [/Connection timed out/i, () => ({
    meaning: 'sendmail got no answer when it tried to connect to the next hop',
    causes: 'Outgoing port 25 blocked by a firewall or by the provider (common on home and cloud networks); the remote server down or overloaded; a DNS record (MX or address) that points to the wrong host.',
  })],
  [/Connection refused/i, () => ({
    meaning: 'the next hop answered, but nothing accepts connections on its SMTP port',
    causes: 'The remote mail server is not running or listens on another address or port. `by [127.0.0.1]` from the submission queue (sm-msp-queue) means the local sendmail daemon is not running or does not listen on 127.0.0.1.',
  })],
  [/No route to host/i, () => ({
    meaning: 'the network has no path to the next hop\'s address',
    causes: 'A routing problem, a firewall that rejects the connection, the host being down, or an IPv6 address on a machine without IPv6 connectivity.',
  })],
  [/Network is unreachable/i, () => ({
    meaning: 'this machine has no route to that network',
    causes: 'No default route, or an IPv6 address on a machine without IPv6 connectivity.',
  })],
  [/Host unknown \(Name server: (.*?): host not found\)/i, (m) => ({
    meaning: `DNS says ${m[1]} does not exist`,
    causes: 'A misspelt domain in the address, or a SMART_HOST, mailertable or relay entry naming a host that does not resolve (quotes or brackets written into the name are a classic mistake).',
  })],
  [/Host unknown/i, () => ({
    meaning: 'the host name of the next hop could not be resolved',
    causes: 'A misspelt domain, or a SMART_HOST or mailertable entry naming a host that does not resolve.',
  })],
  [/Name server timeout/i, () => ({
    meaning: 'DNS did not answer in time when sendmail looked up the destination',
    causes: 'The resolver in /etc/resolv.conf is down, slow or unreachable; sendmail tries again later.',
  })],
  [/User unknown/i, () => ({
    meaning: 'the mailbox does not exist on the system that received the address',
    causes: 'A misspelt user name, a removed account, or, for local delivery, no such user or alias on this machine.',
  })],
  [/Relaying denied|Relay access denied/i, () => ({
    meaning: 'the server refused to pass the message on for this client or sender',
    causes: 'The sending host is not allowed to relay there: it must authenticate (SMTP AUTH) or be listed in the server\'s relay rules (access map, relay-domains).',
  })],
  [/Service unavailable/i, () => ({
    meaning: 'the receiving side refused the message for good',
    causes: 'A permanent SMTP refusal (5xx) or an error mailer entry: the DSN line of this message and the remote server\'s reply tell why (often a blocklist, a policy, or an unknown user).',
  })],
  [/Cannot write|collect: I\/O error|No space left/i, () => ({
    meaning: 'sendmail could not write the message to its queue',
    causes: 'A full disk or queue file system, or wrong permissions on the queue directory.',
  })],
  [/Connection reset|lost connection|Broken pipe/i, () => ({
    meaning: 'the connection to the next hop broke during the transfer',
    causes: 'Network trouble, a firewall or filter cutting the session, or the remote server closing it (often a timeout or a crash on its side).',
  })],
  [/timeout (?:writing|waiting)/i, () => ({
    meaning: 'the remote server stopped answering in the middle of the SMTP dialogue',
    causes: 'A slow or overloaded remote server, or a network path that drops packets (MTU problems).',
  })],
  [/^Deferred:\s*(4\d\d)[ -]((?:4\.\d{1,3}\.\d{1,3})?)\s*(.*)$/i, (m) => ({
    meaning: `the remote server replied ${m[1]}${m[2] ? ` ${m[2]}` : ''} (a temporary refusal): it asks to try again later${m[3] ? `; its reason: ${m[3].trim()}` : ''}`,
    causes: 'Greylisting, rate limits, a failed check of the sender (domain not found, sender verification), or a busy or misconfigured remote server. The text after the code is the remote server\'s own words.',
  })],
  [/^(5\d\d)[ -]((?:5\.\d{1,3}\.\d{1,3})?)\s*(.*)$/i, (m) => ({
    meaning: `the remote server replied ${m[1]}${m[2] ? ` ${m[2]}` : ''} (a permanent refusal)${m[3] ? `: ${m[3].trim()}` : ''}`,
  })],
  [/^Deferred$/i, () => ({
    meaning: 'deferred without a reason in this line',
    causes: 'Usually an earlier attempt to the same host failed during this queue run and sendmail did not try it again: look at the previous lines for that host.',
  })],
  [/^Deferred\b/i, () => ({ meaning: 'sendmail could not deliver it now and keeps it in the queue to try again' })],
];

/** The meaning of a stat= text (the first rule that matches). */
export function explainStat(stat: string): Reason | undefined {
  const s = stat.trim();
  for (const [re, f] of RULES) {
    const m = re.exec(s);
    if (m) return f(m);
  }
  return undefined;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `1+05:19:58` -> `1 day, 5 hours, 19 minutes and 58 seconds`; undefined when not a delay. */
export function delayWords(value: string): string | undefined {
  const d = parseDelay(value);
  if (!d) return undefined;
  const parts = [
    d.days ? plural(d.days, 'day') : '', d.hours ? plural(d.hours, 'hour') : '',
    d.minutes ? plural(d.minutes, 'minute') : '', d.seconds ? plural(d.seconds, 'second') : '',
  ].filter(Boolean);
  if (parts.length === 0) return 'no time at all (less than a second)';
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** One line about each field sendmail writes (hover text for the key). */
export const FIELD_DOCS: Record<string, string> = {
  from: 'the envelope sender (MAIL FROM) of the message',
  to: 'the recipient(s) this delivery attempt was for; several are separated by commas',
  ctladdr: 'the controlling user: the local account whose rights the delivery runs with (uid/gid in parentheses)',
  delay: 'time from when the message was received until this attempt ended',
  xdelay: 'time this delivery attempt itself took (connection and transfer)',
  mailer: 'the delivery agent (mailer) sendmail used: esmtp/smtp/relay talk SMTP, local delivers to a mailbox',
  pri: 'the queue priority: larger numbers are tried later (it grows with size and with each retry)',
  relay: 'for a delivery: the host sendmail connected to (or tried to reach); for a received message: the host that connected to sendmail',
  dsn: 'the enhanced status code (RFC 3463) of this attempt',
  stat: 'the outcome of this delivery attempt',
  reject: 'the SMTP reply sendmail sent when it refused a command',
  ruleset: 'the check ruleset that refused the command (check_mail: sender, check_rcpt: recipient, check_relay: client)',
  arg1: 'the first argument the ruleset checked (an address or a host name)',
  arg2: 'the second argument the ruleset checked (often the client address)',
  msgid: 'the Message-Id header of the message',
  proto: 'the protocol the message arrived with (SMTP, ESMTP, ESMTPS with TLS, ESMTPA with AUTH)',
  daemon: 'the name of the daemon (DAEMON_OPTIONS Name=) that received the message',
  size: 'the message size in bytes',
  class: 'the message class (from the Precedence header)',
  nrcpts: 'how many recipients the message has',
  bodytype: 'the body type the sender declared (7BIT, 8BITMIME)',
  ntries: 'how many delivery attempts the message has had',
  STARTTLS: 'a TLS handshake: client when sendmail connected out, server when a client connected in',
  version: 'the TLS protocol version that was negotiated',
  verify: 'the check of the peer certificate: OK verified, FAIL not trusted, NO none presented, NOT none asked for, NONE no TLS',
  cipher: 'the TLS cipher that was negotiated',
  bits: 'the cipher strength in bits (used/possible)',
  AUTH: 'an SMTP AUTH exchange: server when a client authenticated to sendmail, client when sendmail authenticated to a relay',
  authid: 'the identity that authenticated',
  mech: 'the SASL mechanism that was used or offered',
};
