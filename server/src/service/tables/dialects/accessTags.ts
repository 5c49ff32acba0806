// Access map tags (sendmail 8.17/8.18, from cf/README and cf/m4/proto.m4). Tags are
// case-insensitive in practice: makemap stores keys in lower case and sendmail lowercases
// what it looks up. `values` says which right-hand sides the rulesets act on.

export type AccessValues = 'action' | 'spam' | 'number' | 'qgrp' | 'try_tls' | 'features' | 'tls' | 'tls_features' | 'cert' | 'compat' | 'authinfo' | 'address';

export interface AccessTag {
  tag: string;
  values: AccessValues;
  /** FEATURE that must be in sendmail.mc for sendmail to look this tag up. */
  needs?: { feature: string; args?: string };
  /** An empty key after the tag ("GreetPause:") is a meaningful default. */
  defaultKey?: boolean;
  doc: string;
  example: string;
}

export const ACCESS_TAGS: AccessTag[] = [
  { tag: 'Connect', values: 'action', doc: 'Checked when a client connects: its host name, its domains and its IP address or network.', example: 'Connect:192.168.1\tRELAY' },
  { tag: 'From', values: 'action', doc: 'Checked against the envelope sender (MAIL FROM): the full address, `user@`, or the domain.', example: 'From:spammer@example.com\tREJECT' },
  { tag: 'To', values: 'action', doc: 'Checked against each envelope recipient (RCPT TO); `To:domain RELAY` allows relaying *to* that domain.', example: 'To:partner.example\tRELAY' },
  { tag: 'Spam', values: 'spam', needs: { feature: 'delay_checks', args: 'friend' }, doc: 'Recipient exceptions for FEATURE(`delay_checks\', `friend\'/`hater\'): FRIEND skips the anti-spam checks for this recipient, HATER applies them.', example: 'Spam:abuse@\tFRIEND' },
  { tag: 'GreetPause', values: 'number', needs: { feature: 'greet_pause' }, defaultKey: true, doc: 'Milliseconds to wait before the SMTP greeting for this client (clients that talk first are rejected). `GreetPause:` alone sets the default.', example: 'GreetPause:10.1.2\t2000' },
  { tag: 'ClientRate', values: 'number', needs: { feature: 'ratecontrol' }, defaultKey: true, doc: 'Most connections this client may open per ConnectionRateWindowSize; 0 = unlimited. `ClientRate:` alone sets the default.', example: 'ClientRate:10.1.2.3\t4' },
  { tag: 'ClientConn', values: 'number', needs: { feature: 'conncontrol' }, defaultKey: true, doc: 'Most simultaneous connections from this client; 0 = unlimited. `ClientConn:` alone sets the default.', example: 'ClientConn:10.1.2.3\t4' },
  { tag: 'QGRP', values: 'qgrp', needs: { feature: 'queuegroup' }, doc: 'Queue group (defined with QUEUE_GROUP) for mail to this recipient address or domain.', example: 'QGRP:example.com\tslow' },
  { tag: 'Compat', values: 'compat', needs: { feature: 'compat_check' }, doc: 'A sender/recipient pair, written `sender<@>recipient`: DISCARD, TEMP: or ERROR: for that combination.', example: 'Compat:spammer@example.com<@>user@my.domain\tDISCARD' },
  { tag: 'Try_TLS', values: 'try_tls', defaultKey: true, doc: 'NO: do not try STARTTLS when sending to this server (for peers with broken TLS).', example: 'Try_TLS:broken.example.com\tNO' },
  { tag: 'Srv_Features', values: 'features', defaultKey: true, doc: 'Per-client server features: letters that turn SMTP features off (upper case) or on (lower case) for clients connecting to us. See the operations guide for the letters.', example: 'Srv_Features:10.0.0.5\tV' },
  { tag: 'Clt_Features', values: 'features', defaultKey: true, doc: 'Per-server client features when we connect out (letters as in the operations guide, e.g. M to skip MTA-STS).', example: 'Clt_Features:broken.example\tM' },
  { tag: 'TLS_Srv', values: 'tls', defaultKey: true, doc: 'TLS requirements when we connect to this server: VERIFY, VERIFY:bits or ENCR:bits, optionally TEMP+/PERM+ and +CN:name extensions.', example: 'TLS_Srv:secure.example.com\tENCR:112' },
  { tag: 'TLS_Clt', values: 'tls', defaultKey: true, doc: 'TLS requirements for a client connecting to us (same value syntax as TLS_Srv).', example: 'TLS_Clt:laptop.example.com\tPERM+VERIFY:112' },
  { tag: 'TLS_Rcpt', values: 'tls', defaultKey: true, doc: 'TLS requirements for the connection that carries mail to this recipient (user@domain, user@, domain).', example: 'TLS_Rcpt:ceo@example.com\tENCR:128+CN:mx.example.com' },
  { tag: 'TLS_Srv_Features', values: 'tls_features', needs: { feature: 'tls_session_features' }, defaultKey: true, doc: 'TLS options for connections to this server: `Name=value;` list (Options, CipherList, CertFile, KeyFile, Flags).', example: 'TLS_Srv_Features:10.0.2.4\tCipherList=MEDIUM;' },
  { tag: 'TLS_Clt_Features', values: 'tls_features', needs: { feature: 'tls_session_features' }, defaultKey: true, doc: 'TLS options for this client connecting to us: `Name=value;` list.', example: 'TLS_Clt_Features:10.1.0.1\tOptions=SSL_OP_NO_TLSv1_2;' },
  { tag: 'CertIssuer', values: 'cert', doc: 'Issuer DN of a verified client certificate (special characters as +XX hex). RELAY allows relaying; SUBJECT goes on to check CertSubject.', example: 'CertIssuer:/C=US/O=Example/CN=Example+20CA\tRELAY' },
  { tag: 'CertSubject', values: 'cert', doc: 'Subject DN of a client certificate whose issuer said SUBJECT. RELAY allows relaying.', example: 'CertSubject:/C=US/O=Example/CN=host.example.com\tRELAY' },
  { tag: 'AuthInfo', values: 'authinfo', defaultKey: true, doc: 'SMTP AUTH credentials for connecting to a server (used from the access map when FEATURE(`authinfo\') is not in use).', example: 'AuthInfo:smtp.example.com\t"U:user" "P:secret" "M:PLAIN"' },
  { tag: 'bcc', values: 'address', needs: { feature: 'bcc' }, doc: 'Copies mail for this recipient to the given address (FEATURE(`bcc\') with the access map).', example: 'bcc:user@example.com\tarchive@example.com' },
];

const byLower = new Map(ACCESS_TAGS.map((t) => [t.tag.toLowerCase(), t]));
export const accessTag = (tag: string): AccessTag | undefined => byLower.get(tag.toLowerCase());

export interface ActionInfo { name: string; doc: string }

export const ACTIONS: ActionInfo[] = [
  { name: 'OK', doc: 'Accept, even if other checks would reject (for example an unresolvable sender domain). Does **not** allow relaying.' },
  { name: 'RELAY', doc: 'Allow relaying to (To:) or from (Connect:) this host, domain or network; also implies OK.' },
  { name: 'REJECT', doc: 'Refuse with sendmail\'s general message (550 5.7.1 Access denied).' },
  { name: 'DISCARD', doc: 'Accept but silently throw the message away.' },
  { name: 'SKIP', doc: 'Stop searching for this entry (e.g. a subnet inside a RELAY network) and fall back to the default.' },
  { name: 'ERROR:', doc: 'Reject with your own text: `ERROR:5.7.1:550 Go away` (optional DSN status, SMTP code, text).' },
  { name: 'QUARANTINE:', doc: 'Accept but hold the message in the queue with the given reason (`QUARANTINE:suspicious`).' },
];
export const actionByName = new Map(ACTIONS.map((a) => [a.name.replace(/:$/, ''), a]));
