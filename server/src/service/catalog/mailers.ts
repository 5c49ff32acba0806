// MAILER(`...') files and the mailer names each defines (the `M<name>,` lines of
// sendmail-cf's mailer/*.m4). Order rules come from cf.README and the files' own errprint
// checks. Prose is ours.
import type { MailerInfo } from './types';

export const MAILERS: MailerInfo[] = [
  {
    file: 'local',
    defines: ['local', 'prog'],
    summary: 'Local delivery (`local`) and delivery to programs (`prog`).',
    doc: 'Always needed unless every message is relayed elsewhere; cf.m4 adds MAILER(`local`) by itself at the end when it is missing. Its program and flags come from OSTYPE or LOCAL_MAILER_PATH/FLAGS/ARGS and local_procmail/local_lmtp.',
    example: "MAILER(`local')dnl",
  },
  {
    file: 'smtp',
    defines: ['smtp', 'esmtp', 'smtp8', 'dsmtp', 'relay'],
    summary: 'SMTP delivery over the network.',
    doc: 'Defines `smtp` (plain SMTP), `esmtp` (extended SMTP, the usual choice), `smtp8` (8-bit without MIME conversion), `dsmtp` (on-demand delivery, ETRN) and `relay` (used for SMART_HOST, MAIL_HUB and LUSER_RELAY).',
    example: "MAILER(`smtp')dnl",
  },
  {
    file: 'uucp',
    defines: ['uucp', 'uucp-old', 'suucp', 'uucp-new', 'uucp-dom', 'uucp-uudom'],
    summary: 'UUCP delivery through uux.',
    doc: '`uucp`/`uucp-old` send one recipient per transfer, `suucp`/`uucp-new` several. `uucp-dom` and `uucp-uudom` are only defined when MAILER(`smtp`) came first; otherwise cf.m4 prints "MAILER(`smtp\') must appear before MAILER(`uucp\')".',
    example: "MAILER(`uucp')dnl",
    mustFollow: ['smtp'],
  },
  {
    file: 'usenet',
    defines: ['usenet'],
    summary: 'Post mail to `group.usenet` addresses into news via inews.',
    doc: 'Any local address of the form `newsgroup.usenet` is handed to inews. Anyone can then post to any group through your host, so use with care.',
    example: "MAILER(`usenet')dnl",
  },
  {
    file: 'fax',
    defines: ['fax'],
    summary: 'Send mail as a fax through HylaFAX faxmail.',
    doc: 'Addresses in the `.FAX` pseudo-domain go to `faxmail` (path in FAX_MAILER_PATH). Needs HylaFAX installed.',
    example: "MAILER(`fax')dnl",
  },
  {
    file: 'pop',
    defines: ['pop'],
    summary: 'Deliver `user.POP` addresses to MH\'s spop program.',
    doc: 'A historical POP delivery agent from the MH mail system; the program is set with POP_MAILER_PATH.',
    example: "MAILER(`pop')dnl",
  },
  {
    file: 'procmail',
    defines: ['procmail'],
    summary: 'A `procmail` mailer for use in mailertable entries.',
    doc: 'Lets a mailertable route a domain to a procmail rc file, e.g. `example.com procmail:/etc/procmailrcs/example.com`. Not the same as FEATURE(`local_procmail`), which replaces local delivery.',
    example: "MAILER(`procmail')dnl",
  },
  {
    file: 'mail11',
    defines: ['mail11'],
    summary: 'DECnet Phase IV delivery through the mail11 program.',
    doc: 'Routes `user@host.DECNET` addresses to mail11. Historical; only meaningful on a DECnet network.',
    example: "MAILER(`mail11')dnl",
  },
  {
    file: 'phquery',
    defines: ['ph'],
    summary: 'CCSO name-server lookups via phquery (mailer name `ph`).',
    doc: 'Note the mailer this file defines is called `ph`, not `phquery`. It resolves recipients through a CCSO/ph directory server.',
    example: "MAILER(`phquery')dnl",
  },
  {
    file: 'cyrus',
    defines: ['cyrus', 'cyrusbb'],
    summary: 'Deliver to Cyrus IMAP v1 mailboxes (`cyrus`) and bulletin boards (`cyrusbb`).',
    doc: 'Uses cyrdeliver; `user+detail` goes to the user\'s detail folder when its ACL allows. cf.README says it must come after the local mailer.',
    example: "MAILER(`cyrus')dnl",
    mustFollow: ['local'],
  },
  {
    file: 'cyrusv2',
    defines: ['cyrusv2'],
    summary: 'Deliver to Cyrus IMAP v2+ over LMTP.',
    doc: 'Talks LMTP to the Cyrus socket set in CYRUSV2_MAILER_ARGS (default `FILE /var/run/cyrus/socket/lmtp`). cf.README says it must come after the local mailer.',
    example: "MAILER(`cyrusv2')dnl",
    mustFollow: ['local'],
  },
  {
    file: 'qpage',
    defines: ['qpage'],
    summary: 'Send pages through QuickPage.',
    doc: 'Hands `user@pager.QPAGE`-style addresses to the qpage program (QPAGE_MAILER_PATH) with a 4096-byte size limit by default.',
    example: "MAILER(`qpage')dnl",
  },
  {
    file: 'ssh',
    defines: ['ssh'],
    summary: 'Deliver by running sendmail on another host over ssh.',
    doc: 'Contributed mailer. SSH_MAILER_USER and SSH_MAILER_DIR must be defined before MAILER(`ssh`), otherwise cf.m4 prints an error.',
    example: "MAILER(`ssh')dnl",
    requiresDefines: ['SSH_MAILER_USER', 'SSH_MAILER_DIR'],
  },
  {
    file: 'xagent',
    defines: ['xagent'],
    summary: 'Contributed mailer that hands mail to the xagent program.',
    doc: 'An old third-party delivery agent (XAGENT_MAILER_PATH, default /usr/lib/xagent). Rarely used today.',
    example: "MAILER(`xagent')dnl",
  },
];
