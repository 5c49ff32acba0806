// Top-level sendmail-cf macros an mc uses: calls such as OSTYPE(`x') and names set with
// define(`SMART_HOST', ...). Facts from cf.README and m4/cfhead.m4; prose is ours.
// The per-mailer knobs (LOCAL_MAILER_PATH, SMTP_MAILER_ARGS, ...) are generated at the end
// from one table, because they follow a single pattern across mailer/*.m4.
import type { MacroInfo } from './types';

const CALLS: MacroInfo[] = [
  { name: 'OSTYPE', kind: 'call', signature: "OSTYPE(`system')", summary: 'Load operating-system defaults (paths, local mailer) from ostype/system.m4.', doc: 'Required, and must come before any MAILER line: it decides where aliases, the queue and the local delivery agent live.', example: "OSTYPE(`debian')dnl" },
  { name: 'DOMAIN', kind: 'call', signature: "DOMAIN(`name')", summary: 'Include site-wide settings from domain/name.m4.', doc: 'A place to keep settings shared by all hosts of a site. `generic` is a neutral starting point.', example: "DOMAIN(`generic')dnl" },
  { name: 'FEATURE', kind: 'call', signature: "FEATURE(`name'[, `arg', ...])", summary: 'Turn on an optional feature from feature/name.m4.', doc: 'Up to nine arguments. Every FEATURE must come before the first MAILER, otherwise cf.m4 prints "FEATURE() should be before MAILER()" and the feature may be half-applied.', example: "FEATURE(`access_db')dnl" },
  { name: 'MAILER', kind: 'call', signature: "MAILER(`name')", summary: 'Define the delivery agents from mailer/name.m4.', doc: 'Put MAILER lines last, after all FEATUREs. Including the same file twice is an error. `local` is added automatically if missing.', example: "MAILER(`smtp')dnl" },
  { name: 'HACK', kind: 'call', signature: "HACK(`name'[, `arg'])", summary: 'Include a local, unsupported tweak from hack/name.m4.', doc: 'Hacks are site-specific or experimental additions that are not proper features.', example: "HACK(`nodns')dnl" },
  { name: 'SITE', kind: 'call', signature: "SITE(`host' ...)", summary: 'List UUCP neighbours inside a SITECONFIG file.', doc: 'Adds the named UUCP hosts to the class selected by SITECONFIG. Only for UUCP setups.', example: "SITE(`ucbvax')dnl" },
  { name: 'SITECONFIG', kind: 'call', signature: "SITECONFIG(`file', `host', `class')", summary: 'Load UUCP neighbour lists from siteconfig/file.m4.', doc: 'The hosts listed by SITE() in that file are directly connected via UUCP to `host` and go into the given class (U, Y or Z).', example: "SITECONFIG(`uucp.ucbvax', `ucbvax', `U')dnl" },
  { name: 'VERSIONID', kind: 'call', signature: "VERSIONID(`text')", summary: 'Record a version string as a comment in the generated .cf.', doc: 'Has no effect on behaviour; useful to tag which revision of the .mc a .cf came from.', example: "VERSIONID(`mail relay, rev 42')dnl" },
  { name: 'MASQUERADE_AS', kind: 'call', signature: "MASQUERADE_AS(`domain')", summary: 'Make outgoing mail appear to come from this domain.', doc: 'Sender header addresses from this host (and class {M}) are rewritten to the domain. The envelope only changes with FEATURE(`masquerade_envelope`).', example: "MASQUERADE_AS(`example.com')dnl" },
  { name: 'MASQUERADE_DOMAIN', kind: 'call', signature: "MASQUERADE_DOMAIN(`domain ...')", summary: 'Also masquerade mail from these domains (class {M}).', doc: 'Addresses in the listed domains are rewritten to the MASQUERADE_AS name. With masquerade_entire_domain their subdomains are too.', example: "MASQUERADE_DOMAIN(`old.example.com')dnl" },
  { name: 'MASQUERADE_DOMAIN_FILE', kind: 'call', signature: "MASQUERADE_DOMAIN_FILE(`path')", summary: 'Read class {M} domains to masquerade from a file.', doc: 'The file form of MASQUERADE_DOMAIN; prefix `-o` to make the file optional.', example: "MASQUERADE_DOMAIN_FILE(`-o /etc/mail/masq-domains')dnl" },
  { name: 'MASQUERADE_EXCEPTION', kind: 'call', signature: "MASQUERADE_EXCEPTION(`host ...')", summary: 'Hosts that must not be masqueraded.', doc: 'Exceptions to masquerading, useful with masquerade_entire_domain when one subdomain keeps its own name.', example: "MASQUERADE_EXCEPTION(`lists.example.com')dnl" },
  { name: 'MASQUERADE_EXCEPTION_FILE', kind: 'call', signature: "MASQUERADE_EXCEPTION_FILE(`path')", summary: 'Read hosts exempt from masquerading from a file.', doc: 'The file form of MASQUERADE_EXCEPTION.', example: "MASQUERADE_EXCEPTION_FILE(`/etc/mail/masq-exceptions')dnl" },
  { name: 'EXPOSED_USER', kind: 'call', signature: "EXPOSED_USER(`user ...')", summary: 'Users whose addresses are never masqueraded (class {E}).', doc: 'Typically root, so mail from root keeps the real host name and problems can be traced.', example: "EXPOSED_USER(`root')dnl" },
  { name: 'EXPOSED_USER_FILE', kind: 'call', signature: "EXPOSED_USER_FILE(`path')", summary: 'Read users exempt from masquerading from a file.', doc: 'The file form of EXPOSED_USER.', example: "EXPOSED_USER_FILE(`/etc/mail/exposed-users')dnl" },
  { name: 'GENERICS_DOMAIN', kind: 'call', signature: "GENERICS_DOMAIN(`domain ...')", summary: 'Domains whose senders are looked up in the genericstable (class {G}).', doc: 'Without these only unqualified senders are looked up; since the MSP qualifies everything, you normally need your own domain here.', example: "GENERICS_DOMAIN(`example.com')dnl" },
  { name: 'GENERICS_DOMAIN_FILE', kind: 'call', signature: "GENERICS_DOMAIN_FILE(`path')", summary: 'Read class {G} genericstable domains from a file.', doc: 'The file form of GENERICS_DOMAIN; `-o` makes the file optional.', example: "GENERICS_DOMAIN_FILE(`-o /etc/mail/generics-domains')dnl" },
  { name: 'VIRTUSER_DOMAIN', kind: 'call', signature: "VIRTUSER_DOMAIN(`domain ...')", summary: 'Virtual domains for the virtusertable that are not local names (class {VirtHost}).', doc: 'Recipients in these domains are looked up in the virtusertable, and relaying to them is allowed.', example: "VIRTUSER_DOMAIN(`example.org')dnl" },
  { name: 'VIRTUSER_DOMAIN_FILE', kind: 'call', signature: "VIRTUSER_DOMAIN_FILE(`path')", summary: 'Read class {VirtHost} virtual domains from a file.', doc: 'The file form of VIRTUSER_DOMAIN; `-o` makes the file optional.', example: "VIRTUSER_DOMAIN_FILE(`-o /etc/mail/virtuser-domains')dnl" },
  { name: 'RELAY_DOMAIN', kind: 'call', signature: "RELAY_DOMAIN(`domain ...')", summary: 'Domains, hosts or networks allowed to relay through us (class {R}).', doc: 'Covers subdomains too unless FEATURE(`relay_hosts_only`) is on. Equivalent to lines in relay-domains.', example: "RELAY_DOMAIN(`example.com 192.168.1')dnl" },
  { name: 'RELAY_DOMAIN_FILE', kind: 'call', signature: "RELAY_DOMAIN_FILE(`path')", summary: 'Read class {R} relay permissions from a file.', doc: 'The file form of RELAY_DOMAIN; confCR_FILE already reads /etc/mail/relay-domains.', example: "RELAY_DOMAIN_FILE(`-o /etc/mail/relay-more')dnl" },
  { name: 'LOCAL_DOMAIN', kind: 'call', signature: "LOCAL_DOMAIN(`name ...')", summary: 'Add names to class {w}: mail for them is delivered locally.', doc: 'The inline form of local-host-names. Use it for a few fixed names.', example: "LOCAL_DOMAIN(`example.com mail.example.com')dnl" },
  { name: 'LOCAL_USER', kind: 'call', signature: "LOCAL_USER(`user ...')", summary: 'Users always delivered on this host, even with LOCAL_RELAY or MAIL_HUB (class {L}).', doc: 'root is in the list by default, so system mail stays on the machine.', example: "LOCAL_USER(`root operator')dnl" },
  { name: 'LOCAL_USER_FILE', kind: 'call', signature: "LOCAL_USER_FILE(`path')", summary: 'Read class {L} always-local users from a file.', doc: 'The file form of LOCAL_USER.', example: "LOCAL_USER_FILE(`/etc/mail/local-users')dnl" },
  { name: 'CANONIFY_DOMAIN', kind: 'call', signature: "CANONIFY_DOMAIN(`domain ...')", summary: 'Domains still canonicalized via DNS when FEATURE(`nocanonify`) is on.', doc: 'Exceptions to nocanonify, e.g. your own domain so short host names get completed.', example: "CANONIFY_DOMAIN(`example.com')dnl" },
  { name: 'CANONIFY_DOMAIN_FILE', kind: 'call', signature: "CANONIFY_DOMAIN_FILE(`path')", summary: 'Read the nocanonify exception list from a file.', doc: 'The file form of CANONIFY_DOMAIN.', example: "CANONIFY_DOMAIN_FILE(`/etc/mail/canonify-domains')dnl" },
  { name: 'LDAPROUTE_DOMAIN', kind: 'call', signature: "LDAPROUTE_DOMAIN(`domain ...')", summary: 'Domains routed with FEATURE(`ldap_routing`) (class {LDAPRoute}).', doc: 'Only recipients in these domains are looked up in LDAP for mailHost/mailRoutingAddress.', example: "LDAPROUTE_DOMAIN(`example.com')dnl" },
  { name: 'LDAPROUTE_DOMAIN_FILE', kind: 'call', signature: "LDAPROUTE_DOMAIN_FILE(`path')", summary: 'Read LDAP-routed domains from a file.', doc: 'The file form of LDAPROUTE_DOMAIN.', example: "LDAPROUTE_DOMAIN_FILE(`/etc/mail/ldaproute-domains')dnl" },
  { name: 'LDAPROUTE_EQUIVALENT', kind: 'call', signature: "LDAPROUTE_EQUIVALENT(`host ...')", summary: 'Host names treated as equal to the LDAP-routed domain during lookups.', doc: 'Addresses at these hosts are also looked up under the main domain in LDAP.', example: "LDAPROUTE_EQUIVALENT(`mail.example.com')dnl" },
  { name: 'LDAPROUTE_EQUIVALENT_FILE', kind: 'call', signature: "LDAPROUTE_EQUIVALENT_FILE(`path')", summary: 'Read LDAP routing equivalent hosts from a file.', doc: 'The file form of LDAPROUTE_EQUIVALENT.', example: "LDAPROUTE_EQUIVALENT_FILE(`/etc/mail/ldaproute-equiv')dnl" },
  { name: 'DAEMON_OPTIONS', kind: 'call', signature: "DAEMON_OPTIONS(`Port=smtp, Addr=0.0.0.0, Name=MTA')", summary: 'Define a listening SMTP daemon (O DaemonPortOptions).', doc: 'The first call replaces the default MTA listener; later calls add more. Without FEATURE(`no_default_msa`) an MSA on port 587 is added as well.', example: "DAEMON_OPTIONS(`Family=inet, Name=MTA-v4, Port=smtp, Addr=127.0.0.1')dnl" },
  { name: 'CLIENT_OPTIONS', kind: 'call', signature: "CLIENT_OPTIONS(`Family=inet, Addr=...')", summary: 'Options for outgoing connections (O ClientPortOptions).', doc: 'Sets the source address or port family for connections we make; one call per address family.', example: "CLIENT_OPTIONS(`Family=inet, Addr=192.0.2.25')dnl" },
  { name: 'INPUT_MAIL_FILTER', kind: 'call', signature: "INPUT_MAIL_FILTER(`name', `S=socket, F=flags, T=timeouts')", summary: 'Declare a milter and add it to the list used for incoming mail.', doc: '`F=T` tempfails mail when the filter is down, `F=R` rejects it; without F the filter is skipped on failure.', example: "INPUT_MAIL_FILTER(`clamav', `S=local:/run/clamav-milter.sock, F=T, T=S:4m;R:4m')dnl" },
  { name: 'MAIL_FILTER', kind: 'call', signature: "MAIL_FILTER(`name', `S=socket, F=flags, T=timeouts')", summary: 'Declare a milter without enabling it for input.', doc: 'Use when confINPUT_MAIL_FILTERS or a daemon\'s InputMailFilters selects the filters explicitly.', example: "MAIL_FILTER(`dkim', `S=inet:8891@localhost')dnl" },
  { name: 'QUEUE_GROUP', kind: 'call', signature: "QUEUE_GROUP(`name', `P=path, F=flags, R=runners, ...')", summary: 'Define a queue group (its directory, runners and retry settings).', doc: 'Recipients are assigned to groups by mailer Q= settings or FEATURE(`queuegroup`).', example: "QUEUE_GROUP(`slow', `P=/var/spool/mqueue/slow, R=2, I=1h')dnl" },
  { name: 'TRUST_AUTH_MECH', kind: 'call', signature: "TRUST_AUTH_MECH(`mechanism ...')", summary: 'SMTP AUTH mechanisms that allow relaying once authenticated (class {TRUST_AUTH_MECH}).', doc: 'A client that authenticates with a listed mechanism may relay.', example: "TRUST_AUTH_MECH(`PLAIN LOGIN')dnl" },
  { name: 'LOCAL_CONFIG', kind: 'call', signature: 'LOCAL_CONFIG', summary: 'Start raw sendmail.cf lines placed after the options, before the rulesets.', doc: 'For map (K), class (C/F) and macro (D) definitions. Do not define rulesets here; use LOCAL_RULESETS.', example: 'LOCAL_CONFIG\nKhostmap hash /etc/mail/hostmap' },
  { name: 'LOCAL_RULESETS', kind: 'call', signature: 'LOCAL_RULESETS', summary: 'Start raw sendmail.cf rulesets of your own (Local_check_rcpt etc.).', doc: 'Text after it goes to the ruleset section; the S lines must name rulesets the config calls, such as Local_check_mail.', example: 'LOCAL_RULESETS\nSLocal_check_rcpt' },
  { name: 'LOCAL_RULE_0', kind: 'call', signature: 'LOCAL_RULE_0', summary: 'Add rules to ruleset 0 (choosing the mailer) before the standard ones.', doc: 'Used to route particular addresses to a specific mailer.', example: 'LOCAL_RULE_0\nR$+ <@ host.example.com.>\t$#uucp $@ cnmat $: $1' },
  { name: 'LOCAL_RULE_1', kind: 'call', signature: 'LOCAL_RULE_1', summary: 'Add rules to ruleset 1 (sender rewriting), normally empty.', doc: 'Applies to all sender addresses before the mailer-specific rules.', example: 'LOCAL_RULE_1\nR$* < @ old.example.com. > $*\t$1 < @ example.com. > $2' },
  { name: 'LOCAL_RULE_2', kind: 'call', signature: 'LOCAL_RULE_2', summary: 'Add rules to ruleset 2 (recipient rewriting), normally empty.', doc: 'Applies to all recipient addresses before the mailer-specific rules.', example: 'LOCAL_RULE_2\nR$* < @ old.example.com. > $*\t$1 < @ example.com. > $2' },
  { name: 'LOCAL_RULE_3', kind: 'call', signature: 'LOCAL_RULE_3', summary: 'Add rules to ruleset 3 (canonicalization); changes show in headers.', doc: 'Commonly used with UUCPSMTP to turn UUCP paths into domain addresses.', example: "LOCAL_RULE_3\nUUCPSMTP(`decvax', `decvax.dec.com')" },
  { name: 'LOCAL_NET_CONFIG', kind: 'call', signature: 'LOCAL_NET_CONFIG', summary: 'Rules in ruleset 0 that run after local delivery is ruled out, before SMART_HOST.', doc: 'The usual place to send some remote domains directly while everything else goes to the smart host.', example: 'LOCAL_NET_CONFIG\nR$* < @ $* .$m. > $*\t$#esmtp $@ $2.$m. $: $1 < @ $2.$m. > $3' },
  { name: 'LOCAL_SRV_FEATURES', kind: 'call', signature: 'LOCAL_SRV_FEATURES', summary: 'Your own srv_features ruleset (server-side SMTP extensions per client).', doc: 'Return flags that turn SMTP extensions on or off for a client, e.g. no AUTH offer to some networks. Place it after the MAILER lines, or cf.m4 warns.', example: 'LOCAL_SRV_FEATURES\nR$*\t$#A' },
  { name: 'LOCAL_CLT_FEATURES', kind: 'call', signature: 'LOCAL_CLT_FEATURES', summary: 'Your own clt_features ruleset (client-side options per server).', doc: 'Return flags that change how we talk to a given server, e.g. no PIPELINING. Place it after the MAILER lines, or cf.m4 warns.', example: 'LOCAL_CLT_FEATURES\nR$*\t$#D' },
  { name: 'LOCAL_TRY_TLS', kind: 'call', signature: 'LOCAL_TRY_TLS', summary: 'Your own try_tls ruleset: decide per server whether to use STARTTLS.', doc: 'Return `$#NO` to skip TLS for a host. Place it after the MAILER lines, or cf.m4 warns.', example: 'LOCAL_TRY_TLS\nR broken.example.net\t$#NO' },
  { name: 'LOCAL_TLS_RCPT', kind: 'call', signature: 'LOCAL_TLS_RCPT', summary: 'Extra rules for tls_rcpt: TLS requirements per recipient.', doc: 'Runs before each recipient is sent, to demand encryption or a verified certificate for some destinations. cf.m4 warns when it comes before MAILER.', example: 'LOCAL_TLS_RCPT\nR$*\t$: $1' },
  { name: 'LOCAL_TLS_CLIENT', kind: 'call', signature: 'LOCAL_TLS_CLIENT', summary: 'Extra rules for tls_client: checks on TLS from connecting clients.', doc: 'Runs after STARTTLS from a client and at MAIL time, so you can refuse clients without a valid certificate. cf.m4 warns when it comes before MAILER.', example: 'LOCAL_TLS_CLIENT\nR$*\t$: $1' },
  { name: 'LOCAL_TLS_SERVER', kind: 'call', signature: 'LOCAL_TLS_SERVER', summary: 'Extra rules for tls_server: checks on TLS of servers we connect to.', doc: 'Runs after we negotiated TLS with a server, to require a verified certificate before sending. cf.m4 warns when it comes before MAILER.', example: 'LOCAL_TLS_SERVER\nR$*\t$: $1' },
  { name: 'LOCAL_DNSBL', kind: 'call', signature: 'LOCAL_DNSBL', summary: 'Extra rules inserted where the dnsbl checks run.', doc: 'For custom blocklist logic next to FEATURE(`dnsbl`).', example: 'LOCAL_DNSBL\nR$*\t$: $1' },
  { name: 'LOCAL_UUCP', kind: 'call', signature: 'LOCAL_UUCP', summary: 'Extra rules for UUCP address handling.', doc: 'Inserted in the UUCP part of ruleset 0; only for UUCP sites.', example: 'LOCAL_UUCP\nR$* < @ $=U . UUCP > $*\t$#uucp $@ $2 $: $1' },
  { name: 'MAILER_DEFINITIONS', kind: 'call', signature: 'MAILER_DEFINITIONS', summary: 'Start raw mailer (M) definitions of your own.', doc: 'Text after it goes where the MAILER() definitions go.', example: 'MAILER_DEFINITIONS\nMmyagent, P=/usr/local/bin/agent, F=DFMn, A=agent $u' },
  { name: 'MODIFY_MAILER_FLAGS', kind: 'call', signature: "MODIFY_MAILER_FLAGS(`MAILER', `+flags' | `-flags' | `flags')", summary: 'Add, remove or replace the F= flags of a mailer.', doc: 'The first argument is the mailer prefix in upper case (LOCAL, SMTP, ESMTP, RELAY...). Must come before the MAILER() it affects.', example: "MODIFY_MAILER_FLAGS(`LOCAL', `-w')dnl" },
  { name: 'UUCPSMTP', kind: 'call', signature: "UUCPSMTP(`uucphost', `domain')", summary: 'In LOCAL_RULE_3: rewrite `uucphost!user` to `user@domain`.', doc: 'A helper for sites moving UUCP neighbours to SMTP.', example: "UUCPSMTP(`decvax', `decvax.dec.com')" },
];

const DEFINES: MacroInfo[] = [
  { name: 'SMART_HOST', kind: 'define', signature: "define(`SMART_HOST', `[mailer:]host')", summary: 'Send all non-local mail through this host.', doc: 'Without `[brackets]` sendmail looks up MX records for the host first and, if it has any, delivers to those hosts instead; with brackets it connects to the host itself. The mailer defaults to `relay`.', example: "define(`SMART_HOST', `[smtp.example.net]')dnl", takesHost: true },
  { name: 'MAIL_HUB', kind: 'define', signature: "define(`MAIL_HUB', `[mailer:]host')", summary: 'Send mail for local users to this hub instead of delivering here.', doc: 'Applies to names qualified with this host. Gets MX lookups unless bracketed. LOCAL_USER names stay local.', example: "define(`MAIL_HUB', `[hub.example.com]')dnl", takesHost: true },
  { name: 'LOCAL_RELAY', kind: 'define', signature: "define(`LOCAL_RELAY', `[mailer:]host')", summary: 'Host that handles unqualified names (`user` without a domain).', doc: 'MAIL_HUB is usually the better choice; with FEATURE(`stickyhost`) the two can be combined. Gets MX lookups unless bracketed.', example: "define(`LOCAL_RELAY', `[mail.example.com]')dnl", takesHost: true },
  { name: 'LUSER_RELAY', kind: 'define', signature: "define(`LUSER_RELAY', `[mailer:]host' | `local:user')", summary: 'Where mail for unknown local users goes instead of bouncing.', doc: 'Either a host (MX-looked-up unless bracketed) or `local:user` for a catch-all mailbox.', example: "define(`LUSER_RELAY', `local:catchall')dnl", takesHost: true },
  { name: 'UUCP_RELAY', kind: 'define', signature: "define(`UUCP_RELAY', `[mailer:]host')", summary: 'Host that accepts UUCP-addressed (`.UUCP`, `host!user`) mail for us.', doc: 'Takes precedence over SMART_HOST for those addresses. Gets MX lookups unless bracketed.', example: "define(`UUCP_RELAY', `[uucp-gw.example.com]')dnl", takesHost: true },
  { name: 'BITNET_RELAY', kind: 'define', signature: "define(`BITNET_RELAY', `[mailer:]host')", summary: 'Host that accepts `.BITNET` mail.', doc: 'Historical. Takes precedence over SMART_HOST for BITNET addresses.', example: "define(`BITNET_RELAY', `[bitnet-gw.example.edu]')dnl", takesHost: true },
  { name: 'DECNET_RELAY', kind: 'define', signature: "define(`DECNET_RELAY', `[mailer:]host')", summary: 'Host that accepts `.DECNET` mail.', doc: 'Historical. Takes precedence over SMART_HOST for DECnet addresses.', example: "define(`DECNET_RELAY', `[decnet-gw.example.com]')dnl", takesHost: true },
  { name: 'FAX_RELAY', kind: 'define', signature: "define(`FAX_RELAY', `[mailer:]host')", summary: 'Host that accepts mail for the `.FAX` pseudo-domain.', doc: 'Use when the fax gateway runs on another host than this one.', example: "define(`FAX_RELAY', `[fax.example.com]')dnl", takesHost: true },
  { name: 'RELAY_MAILER', kind: 'define', signature: "define(`RELAY_MAILER', `mailer')", summary: 'Old name for the mailer used to reach relay hosts.', doc: 'sendmail-cf 8.17 no longer reads this name: a define of it leaves sendmail.cf unchanged. Use confRELAY_MAILER.', example: "define(`RELAY_MAILER', `esmtp')dnl", deprecated: 'Use confRELAY_MAILER.' },
  { name: 'ALIAS_FILE', kind: 'define', signature: "define(`ALIAS_FILE', `path[,path...]')", summary: 'Alias file(s) used by sendmail and newaliases.', doc: 'Several files need the list double-quoted because of the commas. Undefining it disables aliasing.', example: "define(`ALIAS_FILE', `/etc/mail/aliases')dnl" },
  { name: 'HELP_FILE', kind: 'define', signature: "define(`HELP_FILE', `path')", summary: 'File with the text of the SMTP HELP command.', doc: 'Point it to an empty file to reveal less about the server.', example: "define(`HELP_FILE', `/etc/mail/helpfile')dnl" },
  { name: 'QUEUE_DIR', kind: 'define', signature: "define(`QUEUE_DIR', `path')", summary: 'Mail queue directory (a `*` at the end means several qf directories).', doc: 'Usually set by OSTYPE; for the MSP see MSP_QUEUE_DIR.', example: "define(`QUEUE_DIR', `/var/spool/mqueue')dnl" },
  { name: 'MSP_QUEUE_DIR', kind: 'define', signature: "define(`MSP_QUEUE_DIR', `path')", summary: 'Queue directory of the submission program (submit.cf).', doc: 'Must be group-writable by the smmsp group and distinct from the MTA queue.', example: "define(`MSP_QUEUE_DIR', `/var/spool/clientmqueue')dnl" },
  { name: 'STATUS_FILE', kind: 'define', signature: "define(`STATUS_FILE', `path')", summary: 'File where mail statistics (mailstats) are kept.', doc: 'Statistics are only collected when the file exists.', example: "define(`STATUS_FILE', `/var/lib/sendmail/sendmail.st')dnl" },
  { name: 'MAIL_SETTINGS_DIR', kind: 'define', signature: "define(`MAIL_SETTINGS_DIR', `/dir/')", summary: 'Directory prefix for the default map and file paths (default /etc/mail/).', doc: 'Must end in a slash and come before features that use it.', example: "define(`MAIL_SETTINGS_DIR', `/etc/mail/')dnl" },
  { name: 'DATABASE_MAP_TYPE', kind: 'define', signature: "define(`DATABASE_MAP_TYPE', `hash' | `btree' | `dbm')", summary: 'Map type used by table features called without an argument.', doc: 'Must be defined before those FEATURE lines; an explicit map argument ignores it.', example: "define(`DATABASE_MAP_TYPE', `btree')dnl" },
  { name: 'PROCMAIL_MAILER_PATH', kind: 'define', signature: "define(`PROCMAIL_MAILER_PATH', `path')", summary: 'Location of procmail for MAILER(`procmail`) and FEATURE(`local_procmail`).', doc: 'Default /usr/local/bin/procmail; most Linux systems have /usr/bin/procmail.', example: "define(`PROCMAIL_MAILER_PATH', `/usr/bin/procmail')dnl" },
  { name: 'LOCAL_SHELL_PATH', kind: 'define', signature: "define(`LOCAL_SHELL_PATH', `path')", summary: 'Shell used by the prog mailer for `|command` deliveries.', doc: 'FEATURE(`smrsh`) sets it to the restricted shell.', example: "define(`LOCAL_SHELL_PATH', `/usr/sbin/smrsh')dnl" },
  { name: 'LOCAL_SHELL_FLAGS', kind: 'define', signature: "define(`LOCAL_SHELL_FLAGS', `flags')", summary: 'Extra F= flags for the prog mailer.', doc: 'Added to the defaults (eu9).', example: "define(`LOCAL_SHELL_FLAGS', `eu9')dnl" },
  { name: 'LOCAL_SHELL_ARGS', kind: 'define', signature: "define(`LOCAL_SHELL_ARGS', `argv')", summary: 'Argument vector of the prog mailer.', doc: 'Default `sh -c $u`.', example: "define(`LOCAL_SHELL_ARGS', `smrsh -c $u')dnl" },
  { name: 'LOCAL_SHELL_DIR', kind: 'define', signature: "define(`LOCAL_SHELL_DIR', `dirs')", summary: 'Working directory for programs run from aliases and .forward.', doc: 'Default `$z:/`: the user\'s home, else the root directory.', example: "define(`LOCAL_SHELL_DIR', `$z:/')dnl" },
  { name: 'DNSBL_MAP', kind: 'define', signature: "define(`DNSBL_MAP', `map spec')", summary: 'Map used by FEATURE(`dnsbl`) lookups.', doc: 'Define before the first dnsbl feature, e.g. `dns -R A` to avoid AAAA lookups.', example: "define(`DNSBL_MAP', `dns -R A -r2')dnl" },
  { name: 'DNSBL_MAP_OPT', kind: 'define', signature: "define(`DNSBL_MAP_OPT', `options')", summary: 'Extra options appended to the dnsbl map specification.', doc: 'Define before the first dnsbl feature.', example: "define(`DNSBL_MAP_OPT', `-r2')dnl" },
  { name: 'EDNSBL_TO', kind: 'define', signature: "define(`EDNSBL_TO', `retries')", summary: 'DNS retry count for FEATURE(`enhdnsbl`) lookups (default 5).', doc: 'Lower it when a blocklist server is slow so clients do not time out.', example: "define(`EDNSBL_TO', `2')dnl" },
  { name: 'SSH_MAILER_USER', kind: 'define', signature: "define(`SSH_MAILER_USER', `user')", summary: 'Remote user for MAILER(`ssh`) connections (required).', doc: 'The account the ssh mailer logs in as on the remote host. cf.m4 prints an error when MAILER(`ssh`) comes before this define.', example: "define(`SSH_MAILER_USER', `mailgw')dnl" },
  { name: 'SSH_MAILER_DIR', kind: 'define', signature: "define(`SSH_MAILER_DIR', `dir')", summary: 'Remote directory for MAILER(`ssh`) (required).', doc: 'Working directory of the remote delivery command. Without it cf.m4 prints an error at MAILER(`ssh`).', example: "define(`SSH_MAILER_DIR', `/var/spool/sshmail')dnl" },
  { name: 'SSH_MAILER_HOST', kind: 'define', signature: "define(`SSH_MAILER_HOST', `host')", summary: 'Host the ssh mailer connects to (default the recipient host $h).', doc: 'Set it to send everything through one ssh gateway.', example: "define(`SSH_MAILER_HOST', `gw.example.com')dnl" },
];

// Per-mailer parameters: [prefix, mailer file, what the mailer is, which knobs exist].
type Knob = 'PATH' | 'FLAGS' | 'ARGS' | 'MAX' | 'QGRP' | 'CHARSET' | 'MAXMSGS' | 'MAXRCPTS' | 'LL' | 'USER' | 'EOL' | 'DSN_DIAGNOSTIC_CODE';
const MAILER_KNOBS: [string, string, string, Knob[]][] = [
  ['LOCAL', 'local', 'local delivery agent', ['PATH', 'FLAGS', 'ARGS', 'MAX', 'QGRP', 'CHARSET', 'MAXMSGS', 'MAXRCPTS', 'EOL', 'DSN_DIAGNOSTIC_CODE']],
  ['SMTP', 'smtp', 'smtp/esmtp/smtp8/dsmtp mailers', ['FLAGS', 'ARGS', 'MAX', 'QGRP', 'CHARSET', 'MAXMSGS', 'MAXRCPTS', 'LL']],
  ['ESMTP', 'smtp', 'esmtp mailer', ['ARGS', 'QGRP']],
  ['SMTP8', 'smtp', 'smtp8 mailer', ['ARGS']],
  ['DSMTP', 'smtp', 'dsmtp mailer', ['ARGS', 'QGRP']],
  ['RELAY', 'smtp', 'relay mailer (used for SMART_HOST, MAIL_HUB...)', ['FLAGS', 'ARGS', 'QGRP', 'CHARSET', 'MAXMSGS', 'LL']],
  ['UUCP', 'uucp', 'UUCP mailers', ['PATH', 'FLAGS', 'ARGS', 'MAX', 'QGRP', 'CHARSET']],
  ['PROCMAIL', 'procmail', 'procmail mailer', ['FLAGS', 'ARGS', 'MAX', 'QGRP']],
  ['CYRUS', 'cyrus', 'cyrus mailer', ['PATH', 'FLAGS', 'ARGS', 'MAX', 'QGRP', 'USER']],
  ['CYRUS_BB', 'cyrus', 'cyrusbb bulletin-board mailer', ['FLAGS', 'ARGS']],
  ['CYRUSV2', 'cyrusv2', 'cyrusv2 LMTP mailer', ['FLAGS', 'ARGS', 'QGRP']],
  ['FAX', 'fax', 'fax mailer', ['PATH', 'ARGS', 'MAX', 'QGRP']],
  ['POP', 'pop', 'pop mailer', ['PATH', 'FLAGS', 'ARGS', 'QGRP']],
  ['PH', 'phquery', 'ph (phquery) mailer', ['PATH', 'FLAGS', 'ARGS', 'QGRP']],
  ['QPAGE', 'qpage', 'qpage mailer', ['PATH', 'FLAGS', 'ARGS', 'MAX', 'QGRP']],
  ['USENET', 'usenet', 'usenet mailer', ['PATH', 'FLAGS', 'ARGS', 'MAX', 'QGRP']],
  ['MAIL11', 'mail11', 'mail11 DECnet mailer', ['PATH', 'FLAGS', 'ARGS', 'QGRP']],
  ['SSH', 'ssh', 'ssh mailer', ['PATH', 'FLAGS', 'ARGS', 'MAX', 'QGRP', 'CHARSET', 'MAXMSGS', 'MAXRCPTS']],
  ['XAGENT', 'xagent', 'xagent mailer', ['PATH', 'FLAGS', 'ARGS', 'MAX']],
];

const KNOB_TEXT: Record<Knob, { field: string; what: string; sample: string }> = {
  PATH: { field: 'P=', what: 'Program run by the', sample: '/usr/local/bin/agent' },
  FLAGS: { field: 'F=', what: 'Extra mailer flags added to the defaults of the', sample: 'A' },
  ARGS: { field: 'A=', what: 'Argument vector (program name first) for the', sample: 'TCP $h 2525' },
  MAX: { field: 'M=', what: 'Largest message in bytes accepted by the', sample: '10000000' },
  QGRP: { field: 'Q=', what: 'Queue group (from QUEUE_GROUP) used by the', sample: 'slow' },
  CHARSET: { field: 'C=', what: 'Charset assumed for 8-bit mail without MIME headers in the', sample: 'utf-8' },
  MAXMSGS: { field: 'm=', what: 'Messages sent per connection before reconnecting, for the', sample: '100' },
  MAXRCPTS: { field: 'r=', what: 'Recipients per message transaction for the', sample: '100' },
  LL: { field: 'L=', what: 'Maximum line length for the', sample: '990' },
  USER: { field: 'U=', what: 'User and group the program runs as, for the', sample: 'cyrus:mail' },
  EOL: { field: 'E=', what: 'End-of-line string written by the', sample: '\\r\\n' },
  DSN_DIAGNOSTIC_CODE: { field: 'T=', what: 'Diagnostic-code type reported in DSNs from the', sample: 'SMTP' },
};

function mailerKnobs(): MacroInfo[] {
  const out: MacroInfo[] = [];
  for (const [prefix, file, desc, knobs] of MAILER_KNOBS) {
    for (const knob of knobs) {
      const name = `${prefix}_MAILER_${knob}`;
      const k = KNOB_TEXT[knob];
      out.push({
        name,
        kind: 'define',
        signature: `define(\`${name}', \`value')`,
        summary: `${k.what} ${desc} (${k.field}).`,
        doc: `Sets ${k.field} of the ${desc} that MAILER(\`${file}') generates. Define it before that MAILER line: the mailer file reads it when it is included, so a later define has no effect.`,
        example: `define(\`${name}', \`${k.sample}')dnl`,
      });
    }
  }
  return out;
}

export const MACROS: MacroInfo[] = [...CALLS, ...DEFINES, ...mailerKnobs()];
