// The claims table (issue #11, "Ground truth in the editor"): every message, hover or quick fix
// that says what m4, cf.m4, makemap or sendmail prints or does, with a fixture that triggers it,
// the real program to run on that fixture, and what the program must show. claims.test.ts runs
// every row (run.ts): our analysis of the fixture must say `says`, the program must give `expect`,
// and with `fixed`, our first quick fix applied, the program must give that instead.
// Older real-program tests stay where they are (test/unit/**/real*.test.ts, commands/routeTest);
// rows here repeat the short form of their claims so that the table lists every code in one place.
//
// Fixtures: `mc` lines go between HEAD and MAILER(`local'), MAILER(`smtp'); @DIR@ stands for the
// row's own folder, @PORT@ for the port of the test's SMTP server (deliver rows). A `map` is the
// file analysed (else the sendmail.mc), written to @DIR@/<name> and built with makemap hash.
import type { LanguageId } from '../../../server/src/service';

export type Pattern = string | RegExp;

export type Command =
  | { run: 'm4' }
  | { run: 'rebuild' }
  | { run: 'sendmail-bt'; input: string }
  | { run: 'sendmail-bs'; smtp: string[] }
  | { run: 'sendmail-bD'; until?: RegExp; forMs: number }
  | { run: 'makemap' }
  | { run: 'newaliases' }
  | { run: 'deliver'; to: string; sink: '127.0.0.1' | '127.0.0.2' | '::1'; auth?: boolean; needsFreePort25?: boolean };

export interface Expect {
  output?: Pattern[];
  notOutput?: Pattern[];
  status?: number | null;
  /** rebuild: does the extension's Rebuild refuse the file? */
  refused?: boolean;
}

export interface Claim {
  /** What the row shows, for the test title. */
  title: string;
  /** Our diagnostic code. */
  code: string;
  /** Our message (or hover) says this; `absent`: the code is NOT reported on this fixture. */
  says?: Pattern[];
  severity?: 1 | 2 | 3 | 4;
  absent?: boolean;
  /** A hover claim: hover on the first character of this text of the analysed file. */
  hover?: string;
  /** `files`: more maps in DIR, built with makemap hash; `unbuilt`: files written but never built. */
  /** `tlsKeyMode`: a certificate and key (with that mode) made with openssl as @DIR@/cert.pem, @DIR@/key.pem. */
  fixture: { mc?: string[]; mcText?: string; map?: { name: string; lang: LanguageId; text: string; build?: boolean }; files?: Record<string, string>; unbuilt?: Record<string, string>; tlsKeyMode?: number };
  command: Command;
  expect: Expect;
  /** After our first quick fix for `code`: the same command gives this (and the code is gone). */
  fixed?: Expect;
}

export const HEAD = [
  "include(`/usr/share/sendmail/cf/m4/cf.m4')dnl", "OSTYPE(`linux')dnl", "define(`confDOMAIN_NAME', `mail.example.test')dnl",
  "define(`QUEUE_DIR', `@DIR@/queue')dnl", "define(`confPID_FILE', `@DIR@/sendmail.pid')dnl", "define(`STATUS_FILE', `@DIR@/statistics')dnl",
  "define(`ALIAS_FILE', `@DIR@/aliases')dnl", "define(`confDONT_BLAME_SENDMAIL', `MapInUnsafeDirPath')dnl", "FEATURE(`accept_unresolvable_domains')dnl",
];
const MAILERS = ["MAILER(`local')dnl", "MAILER(`smtp')dnl"];
/** A whole mc: HEAD, `lines`, then `tail` (default: the two MAILER lines). */
const mc = (lines: string[], tail = MAILERS) => [...HEAD, ...lines, ...tail, ''].join('\n');
const SMTP_SINK = ["define(`ESMTP_MAILER_ARGS', `TCP $h @PORT@')dnl"];
const MAIL = ['EHLO client.example', 'MAIL FROM:<sender@ok.example>'];
const TLS = ["define(`confCACERT_PATH', `@DIR@')dnl", "define(`confCACERT', `@DIR@/cert.pem')dnl", "define(`confSERVER_CERT', `@DIR@/cert.pem')dnl", "define(`confSERVER_KEY', `@DIR@/key.pem')dnl"];

export const CLAIMS: Claim[] = [
  // ---- what cf.m4 prints while m4 runs, and whether the extension's Rebuild then refuses the file
  { title: 'FEATURE after MAILER: *** ERROR, Rebuild refuses', code: 'mc.feature-after-mailer', severity: 1, says: ['"*** ERROR: FEATURE() should be before MAILER()"'],
    fixture: { mcText: mc([], [...MAILERS, "FEATURE(`use_cw_file')dnl"]) }, command: { run: 'rebuild' },
    expect: { refused: true, output: ['*** ERROR: FEATURE() should be before MAILER()'] }, fixed: { refused: false } },
  { title: 'a second OSTYPE: "duplicate OSTYPE(linux)", Rebuild refuses', code: 'mc.duplicate-ostype', severity: 1, says: ['"duplicate OSTYPE(linux)"'],
    fixture: { mc: ["OSTYPE(`linux')dnl"] }, command: { run: 'rebuild' }, expect: { refused: true, output: ['duplicate OSTYPE(linux)'] } },
  { title: 'no OSTYPE: *** ERROR, Rebuild refuses', code: 'mc.missing-ostype', severity: 1, says: ['"*** ERROR: No system type defined (use OSTYPE macro)"'],
    fixture: { mcText: mc([]).replace("OSTYPE(`linux')dnl\n", '') }, command: { run: 'rebuild' },
    expect: { refused: true, output: ['*** ERROR: No system type defined (use OSTYPE macro)'] } },
  { title: 'MAILER(uucp) before MAILER(smtp): cf.m4 prints its order message, Rebuild refuses', code: 'mc.mailer-order', severity: 1,
    says: ['"*** MAILER(`smtp\') must appear before MAILER(`uucp\')"'],
    fixture: { mcText: mc([], ["MAILER(`local')dnl", "MAILER(`uucp')dnl", "MAILER(`smtp')dnl"]) }, command: { run: 'rebuild' },
    expect: { refused: true, output: ["*** MAILER(`smtp') must appear before MAILER(`uucp')"] }, fixed: { refused: false } },
  { title: 'MAILER(cyrusv2) before MAILER(local): cf.m4 prints nothing (the order is cf/README\'s)', code: 'mc.mailer-order', severity: 3,
    says: ['cf/README says', 'cf.m4 does not check this and prints nothing'],
    fixture: { mcText: mc([], ["MAILER(`cyrusv2')dnl", ...MAILERS]) }, command: { run: 'rebuild' },
    expect: { refused: false, notOutput: [/\S/] } },
  { title: 'a LOCAL_*_FEATURES section before any MAILER: *** WARNING', code: 'mc.section-before-mailer', severity: 2,
    says: ['"*** WARNING: MAILER() should be before LOCAL_SRV_FEATURES"'],
    fixture: { mcText: mc(['LOCAL_SRV_FEATURES', 'dnl']) }, command: { run: 'rebuild' },
    expect: { refused: false, output: ['*** WARNING: MAILER() should be before LOCAL_SRV_FEATURES'] } },
  { title: 'confAUTO_REBUILD: proto.m4 WARNING', code: 'mc.removed-option', severity: 2, says: ['"WARNING: confAUTO_REBUILD is no longer valid"'],
    fixture: { mc: ["define(`confAUTO_REBUILD', `True')dnl"] }, command: { run: 'rebuild' },
    expect: { refused: false, output: ['WARNING: confAUTO_REBUILD is no longer valid'] } },
  { title: 'FEATURE(dnsbl) without its argument: *** ERROR', code: 'mc.feature-missing-arg', severity: 1, says: ['prints an error saying the argument is missing'],
    fixture: { mc: ["FEATURE(`dnsbl')dnl"] }, command: { run: 'rebuild' },
    expect: { refused: true, output: ["*** ERROR: missing argument for FEATURE(`dnsbl')"] } },
  { title: 'FEATURE(promiscuous_relay): *** WARNING', code: 'mc.risky-feature', severity: 2, says: ["\"*** WARNING: FEATURE(`promiscuous_relay') configures your system as open"],
    fixture: { mc: ["FEATURE(`promiscuous_relay')dnl"] }, command: { run: 'rebuild' },
    expect: { refused: false, output: ["*** WARNING: FEATURE(`promiscuous_relay') configures your system as open"] } },
  { title: 'MAILER(smtp) twice: *** ERROR already included', code: 'mc.duplicate-mailer', severity: 1, says: ['"*** ERROR: MAILER(smtp) already included"'],
    fixture: { mcText: mc([], [...MAILERS, "MAILER(`smtp')dnl"]) }, command: { run: 'rebuild' },
    expect: { refused: true, output: ['*** ERROR: MAILER(smtp) already included'] }, fixed: { refused: false } },
  { title: 'access_db without -T<TMPF>: *** WARNING, and cf.m4 adds it', code: 'mc.access-tmpf', severity: 3,
    says: ['"*** WARNING: missing -T<TMPF> in argument of FEATURE(`access_db\', …)"'],
    fixture: { mc: ["FEATURE(`access_db', `hash @DIR@/access')dnl"], files: { access: 'Connect:192.0.2.1\tREJECT\n' } }, command: { run: 'm4' },
    expect: { output: ["*** WARNING: missing -T<TMPF> in argument of FEATURE(`access_db', ", /^Kaccess hash -T<TMPF> /m] }, fixed: { notOutput: ['WARNING'] } },
  { title: 'delay_checks friend without access_db: *** ERROR', code: 'mc.feature-requires', severity: 1,
    says: ["\"*** ERROR: FEATURE(`delay_checks', `argument') requires FEATURE(`access_db')\""],
    fixture: { mc: ["FEATURE(`delay_checks', `friend')dnl"] }, command: { run: 'rebuild' },
    expect: { refused: true, output: ["*** ERROR: FEATURE(`delay_checks', `argument') requires FEATURE(`access_db')"] } },
  { title: 'blocklist_recipients before access_db: cf.m4 reports an error', code: 'mc.feature-requires', severity: 1, says: ['cf.m4 reports an error'],
    fixture: { mc: ["FEATURE(`blocklist_recipients')dnl", "FEATURE(`access_db', `hash -T<TMPF> @DIR@/access')dnl"], files: { access: '' } }, command: { run: 'rebuild' },
    expect: { refused: true, output: ['*** ERROR: FEATURE(blocklist_recipients) requires FEATURE(access_db)'] }, fixed: { refused: false } },
  { title: 'lookupdotdomain after relay_hosts_only: *** WARNING', code: 'mc.feature-conflict', severity: 2,
    says: ["\"*** WARNING: FEATURE(`lookupdotdomain') does not work well with FEATURE(`relay_hosts_only')\""],
    fixture: { mc: ["FEATURE(`access_db', `hash -T<TMPF> @DIR@/access')dnl", "FEATURE(`relay_hosts_only')dnl", "FEATURE(`lookupdotdomain')dnl"], files: { access: '' } },
    command: { run: 'rebuild' }, expect: { refused: false, output: ["*** WARNING: FEATURE(`lookupdotdomain') does not work well with FEATURE(`relay_hosts_only')"] } },
  { title: 'ldap_routing without confLDAP_DEFAULT_SPEC: WARNING', code: 'mc.ldap-default-spec', severity: 2,
    says: ['"WARNING: Using default FEATURE(ldap_routing) map definition(s) without setting confLDAP_DEFAULT_SPEC option."'],
    fixture: { mc: ["FEATURE(`ldap_routing')dnl"] }, command: { run: 'rebuild' },
    // proto.m4 prints it over two lines, the first one empty after the location: Rebuild must still read it as a WARNING.
    expect: { refused: false, output: [/WARNING: Using default FEATURE\(ldap_routing\) map definition\(s\)\s+without setting confLDAP_DEFAULT_SPEC option\./] } },
  { title: 'OSTYPE(unknown): the included file prints *** ERROR, Rebuild refuses', code: 'mc.included-file-message', severity: 1,
    says: ['*** ERROR: You have not specified a valid operating system type.'],
    fixture: { mcText: mc([]).replace("OSTYPE(`linux')", "OSTYPE(`unknown')") }, command: { run: 'rebuild' },
    expect: { refused: true, output: ['*** ERROR: You have not specified a valid operating system type.'] } },
  { title: 'FEATURE(tls_failures): *** ERROR, Rebuild refuses', code: 'mc.deprecated-feature', severity: 1,
    says: ['"*** ERROR: FEATURE(tls_failures) has been replaced by confTLS_FALLBACK_TO_CLEAR"'],
    fixture: { mc: ["FEATURE(`tls_failures')dnl"] }, command: { run: 'rebuild' },
    expect: { refused: true, output: ['*** ERROR: FEATURE(tls_failures) has been replaced by confTLS_FALLBACK_TO_CLEAR'] } },
  { title: 'FEATURE(blacklist_recipients): a WARNING only', code: 'mc.deprecated-feature', severity: 2, says: ['"FEATURE(blacklist_recipients) is deprecated"'],
    fixture: { mc: ["FEATURE(`access_db', `hash -T<TMPF> @DIR@/access')dnl", "FEATURE(`blacklist_recipients')dnl"], files: { access: '' } }, command: { run: 'rebuild' },
    expect: { refused: false, output: ['WARNING: FEATURE(blacklist_recipients) is deprecated'] }, fixed: { refused: false, notOutput: ['WARNING'] } },
  { title: 'an unknown FEATURE: m4 "cannot open", exit 1, Rebuild refuses', code: 'mc.unknown-feature', severity: 1, says: ['m4 prints "cannot open /usr/share/sendmail/cf/feature/acess_db.m4"', 'exit status (1)'],
    fixture: { mc: ["FEATURE(`acess_db')dnl"] }, command: { run: 'rebuild' },
    expect: { refused: true, status: 1, output: ['cannot open `/usr/share/sendmail/cf/feature/acess_db.m4\''] } },
  { title: 'an OSTYPE this sendmail-cf lacks: m4 "cannot open", Rebuild refuses', code: 'mc.unknown-ostype', severity: 1, says: ['m4 prints "cannot open'],
    fixture: { mcText: mc([]).replace("OSTYPE(`linux')", "OSTYPE(`linx')") }, command: { run: 'rebuild' },
    expect: { refused: true, status: 1, output: ['cannot open `/usr/share/sendmail/cf/ostype/linx.m4\''] } },
  { title: '*_MAILER_ARGS after its MAILER: not in sendmail.cf', code: 'mc.mailer-define-after-mailer', severity: 2, says: ['this define has no effect'],
    fixture: { mcText: mc([], [...MAILERS, "define(`RELAY_MAILER_ARGS', `TCP $h 2525')dnl"]) }, command: { run: 'm4' },
    expect: { notOutput: ['A=TCP $h 2525'] }, fixed: { output: [/^Mrelay,[^]*?A=TCP \$h 2525$/m] } },

  // ---- what sendmail does with the sendmail.cf
  { title: 'an unknown confPRIVACY_FLAGS word: sendmail -bs exits 70', code: 'mc.unknown-option-word', severity: 1,
    says: ['"readcf: Op line: goway unrecognized" and exits 70'],
    fixture: { mc: ["define(`confPRIVACY_FLAGS', `authwarnings,goway')dnl"] }, command: { run: 'sendmail-bs', smtp: ['QUIT'] },
    expect: { status: 70, output: ['readcf: Op line: goway unrecognized'], notOutput: [/^220 /m] }, fixed: { status: 0, output: [/^220 /m] } },
  { title: 'an unknown confDONT_BLAME_SENDMAIL word: the daemon (-bD) exits 70', code: 'mc.unknown-option-word', severity: 1,
    says: ['"readcf: DontBlameSendmail option: MapInUnsafeDirPth unrecognized" and exits 70'],
    fixture: { mcText: mc(["FEATURE(`no_default_msa')dnl", "DAEMON_OPTIONS(`Port=2525, Addr=127.0.0.1, Name=MTA')dnl"]).replace("`MapInUnsafeDirPath')", "`MapInUnsafeDirPth')") },
    command: { run: 'sendmail-bD', forMs: 20_000 }, expect: { status: 70, output: ['readcf: DontBlameSendmail option: MapInUnsafeDirPth unrecognized'] } },
  { title: 'two daemons on one port: "cannot bind", and after about 50 s sendmail exits', code: 'mc.daemon-clash', severity: 1,
    says: ['"cannot bind: Address already in use", retries for about 50 seconds and exits'],
    fixture: { mc: ["FEATURE(`no_default_msa')dnl", "DAEMON_OPTIONS(`Port=2525, Addr=127.0.0.1, Name=MTA')dnl", "DAEMON_OPTIONS(`Port=2525, Name=MTA2')dnl"] },
    command: { run: 'sendmail-bD', forMs: 120_000 },
    expect: { status: 71, output: ['daemon MTA2: cannot bind: Address already in use', 'daemon MTA2: server SMTP socket wedged: exiting'] } },
  { title: 'an MSA of its own without no_default_msa: the default MSA cannot bind 587', code: 'mc.daemon-clash', severity: 1,
    says: ["cf.m4 also adds its default MSA daemon on port 587", '"cannot bind: Address already in use"'],
    fixture: { mc: ["DAEMON_OPTIONS(`Port=smtp, Addr=127.0.0.1, Name=MTA')dnl", "DAEMON_OPTIONS(`Port=submission, Addr=127.0.0.1, Name=MSA, M=Ea')dnl"] },
    command: { run: 'sendmail-bD', until: /cannot bind/, forMs: 20_000 },
    expect: { output: [/daemon MSA: cannot (listen|bind): Address already in use/] }, fixed: { status: null, notOutput: ['Address already in use'] } },

  { title: 'an unknown MAILER: m4 "cannot open", Rebuild refuses', code: 'mc.unknown-mailer', severity: 1, says: ['m4 prints "cannot open /usr/share/sendmail/cf/mailer/smpt.m4"'],
    fixture: { mc: ["MAILER(`smpt')dnl"] }, command: { run: 'rebuild' }, expect: { refused: true, status: 1, output: ['cannot open `/usr/share/sendmail/cf/mailer/smpt.m4\''] } },
  { title: 'a DOMAIN this sendmail-cf lacks: m4 "cannot open", Rebuild refuses', code: 'mc.unknown-domain', severity: 1, says: ['m4 prints "cannot open'],
    fixture: { mc: ["DOMAIN(`generc')dnl"] }, command: { run: 'rebuild' }, expect: { refused: true, status: 1, output: ['cannot open `/usr/share/sendmail/cf/domain/generc.m4\''] } },
  { title: 'a TLS key the group may read: sendmail offers no STARTTLS', code: 'mc.tls-key-readable', severity: 2, says: ['sendmail refuses it and offers no STARTTLS'],
    fixture: { mcText: mc(TLS).replace("`MapInUnsafeDirPath')", "`MapInUnsafeDirPath,TrustStickyBit')"), tlsKeyMode: 0o640 },
    command: { run: 'sendmail-bs', smtp: ['EHLO client.example', 'QUIT'] }, expect: { output: ['250-PIPELINING'], notOutput: ['STARTTLS'] } },
  { title: 'the same key with mode 0600: no finding, and STARTTLS is offered', code: 'mc.tls-key-readable', absent: true,
    fixture: { mcText: mc(TLS).replace("`MapInUnsafeDirPath')", "`MapInUnsafeDirPath,TrustStickyBit')"), tlsKeyMode: 0o600 },
    command: { run: 'sendmail-bs', smtp: ['EHLO client.example', 'QUIT'] }, expect: { output: ['250-STARTTLS'] } },

  // ---- makemap and newaliases
  { title: 'trailing blanks: makemap stores them in the value', code: 'table.trailing-space', severity: 4, says: ['stored in the value by makemap'],
    fixture: { mc: ["FEATURE(`access_db', `hash -T<TMPF> @DIR@/access')dnl"], map: { name: 'access', lang: 'sendmail-access', text: 'a.example\tOK  \n' } },
    command: { run: 'makemap' }, expect: { output: ['a.example\tOK  \n'] }, fixed: { output: ['a.example\tOK\n'], notOutput: ['OK '] } },
  { title: 'an alias without targets: newaliases "missing value for alias", exit 70', code: 'aliases.missing-value', severity: 2, says: ['"missing value for alias"', 'exits 70'],
    fixture: { map: { name: 'aliases', lang: 'sendmail-aliases', text: 'postmaster: root\nempty:\n', build: false } },
    command: { run: 'newaliases' }, expect: { status: 70, output: ['missing value for alias', /^postmaster\troot/m] } },
  { title: 'an alias name with blanks: newaliases stores it with dots', code: 'aliases.bad-name', severity: 2, says: ['stored as `spaces.in.name`'],
    fixture: { map: { name: 'aliases', lang: 'sendmail-aliases', text: 'postmaster: root\nspaces in name: root\n', build: false } },
    command: { run: 'newaliases' }, expect: { output: [/^spaces\.in\.name\troot/m] } },
  { title: 'an alias twice: newaliases keeps the last one', code: 'table.duplicate-key', severity: 2, says: ['keeps the last definition'],
    fixture: { map: { name: 'aliases', lang: 'sendmail-aliases', text: 'postmaster: root\nteam: alice\nteam: bob\n', build: false } },
    command: { run: 'newaliases' }, expect: { output: [/^team\tbob/m], notOutput: ['alice'] } },
  { title: 'a key without a value: makemap "no RHS for LHS", exit 65', code: 'table.missing-value', severity: 1, says: ['"no RHS for LHS"'],
    fixture: { mc: ["FEATURE(`access_db', `hash -T<TMPF> @DIR@/access')dnl"], map: { name: 'access', lang: 'sendmail-access', text: 'a.example\tOK\nb.example\n', build: false } },
    command: { run: 'makemap' }, expect: { status: 65, output: ['line 2: no RHS for LHS b.example'] } },
  { title: 'a line starting with a blank: makemap "syntax error (leading space)", exit 65', code: 'table.leading-space', severity: 1, says: ['"syntax error (leading space)"', 'exits 65'],
    fixture: { mc: ["FEATURE(`access_db', `hash -T<TMPF> @DIR@/access')dnl"], map: { name: 'access', lang: 'sendmail-access', text: ' a.example\tOK\n', build: false } },
    command: { run: 'makemap' }, expect: { status: 65, output: ['line 1: syntax error (leading space)'] }, fixed: { status: 0, output: ['a.example\tOK'] } },
  { title: 'an end-of-line comment: makemap stores it in the value', code: 'table.inline-comment', severity: 2, says: ['this text becomes part of the value'],
    fixture: { mc: ["FEATURE(`access_db', `hash -T<TMPF> @DIR@/access')dnl"], map: { name: 'access', lang: 'sendmail-access', text: 'a.example\tOK # for now\n' } },
    command: { run: 'makemap' }, expect: { status: 0, output: ['a.example\tOK # for now'] }, fixed: { output: [/^a\.example\tOK$/m] } },
  { title: 'a key twice: makemap "duplicate key", keeps the first, exit 65', code: 'table.duplicate-key', severity: 1, says: ['"duplicate key"', 'keeps the first value', 'exits 65'],
    fixture: { mc: ["FEATURE(`access_db', `hash -T<TMPF> @DIR@/access')dnl"], map: { name: 'access', lang: 'sendmail-access', text: 'a.example\tOK\na.example\tREJECT\n', build: false } },
    command: { run: 'makemap' }, expect: { status: 65, output: ['duplicate key', /^a\.example\tOK$/m], notOutput: ['REJECT'] } },
  { title: 'upper case in a key: makemap stores it in lower case', code: 'table.key-case', severity: 4, says: ['makemap stores this key in lower case'],
    fixture: { mc: ["FEATURE(`access_db', `hash -T<TMPF> @DIR@/access')dnl"], map: { name: 'access', lang: 'sendmail-access', text: 'From:Spam.Example\tREJECT\n' } },
    command: { run: 'makemap' }, expect: { output: [/^from:spam\.example\tREJECT$/m] } },
  { title: 'a control character: makemap stores it in the key', code: 'table.control-char', severity: 2, says: ['makemap stores it as part of the'],
    fixture: { mc: ["FEATURE(`access_db', `hash -T<TMPF> @DIR@/access')dnl"], map: { name: 'access', lang: 'sendmail-access', text: 'a.\x01example\tOK\n' } },
    command: { run: 'makemap' }, expect: { output: ['a.\x01example\tOK'] } },
  { title: 'lone CR line ends: makemap reads the file as one line', code: 'table.lone-cr', severity: 1, says: ['never stores the key `b.example`'],
    fixture: { mc: ["FEATURE(`access_db', `hash -T<TMPF> @DIR@/access')dnl"], map: { name: 'access', lang: 'sendmail-access', text: 'a.example\tOK\rb.example\tREJECT\rc.example\tOK\r' } },
    command: { run: 'makemap' }, expect: { status: 0, output: ['a.example\tOK\rb.example\tREJECT'], notOutput: ['\nb.example'] } },
  { title: 'blanks after the mailer\'s colon: sendmail drops them', code: 'mailertable.blank-in-value', severity: 4, says: ['sendmail ignores the blanks here'],
    fixture: { mc: ["FEATURE(`mailertable', `hash @DIR@/mailertable')dnl"], map: { name: 'mailertable', lang: 'sendmail-mailertable', text: 'a.example\tesmtp: [192.0.2.7]\n' } },
    command: { run: 'sendmail-bt', input: '/parse u@a.example\n' }, expect: { output: ['mailer esmtp, host [192.0.2.7], user u@a.example'] } },
  { title: 'a key with a trailing dot: sendmail never looks it up', code: 'mailertable.trailing-dot', severity: 2, says: ['sendmail removes the trailing dot'],
    fixture: { mc: ["FEATURE(`mailertable', `hash @DIR@/mailertable')dnl"], map: { name: 'mailertable', lang: 'sendmail-mailertable', text: 'trailing.example.\tesmtp:[192.0.2.7]\n' } },
    command: { run: 'sendmail-bt', input: '/parse u@trailing.example\n' }, expect: { notOutput: ['[192.0.2.7]'] }, fixed: { output: ['mailer esmtp, host [192.0.2.7]'] } },
  { title: 'CR LF line ends: no finding, and sendmail routes by the entry', code: 'table.crlf', absent: true,
    fixture: { mc: ["FEATURE(`mailertable', `hash @DIR@/mailertable')dnl"], map: { name: 'mailertable', lang: 'sendmail-mailertable', text: 'a.example\tesmtp:[192.0.2.7]\r\nb.example\trelay:[192.0.2.8]\r\n' } },
    command: { run: 'sendmail-bt', input: '/parse u@a.example\n/parse u@b.example\n' },
    expect: { output: ['mailer esmtp, host [192.0.2.7], user u@a.example', 'mailer relay, host [192.0.2.8], user u@b.example'] } },

  // ---- mailertable routes, delivered for real to the test's SMTP server
  { title: '[host]:port in the mailertable: the port is a second host, nothing reaches it', code: 'mailertable.port-not-supported', severity: 1,
    says: ['is not a port but a second host', "Write relay:[127.0.0.1] and put define(`RELAY_MAILER_ARGS', `TCP $h @PORT@') above MAILER(`smtp')"],
    fixture: { mc: ["FEATURE(`mailertable', `hash @DIR@/mailertable')dnl"], map: { name: 'mailertable', lang: 'sendmail-mailertable', text: 'far.example\tesmtp:[127.0.0.1]:@PORT@\n' } },
    command: { run: 'deliver', to: 'u@far.example', sink: '127.0.0.1', needsFreePort25: true }, expect: { notOutput: ['RCPT'] } },
  { title: 'what the [host]:port message advises (relay: with RELAY_MAILER_ARGS) delivers to that port', code: 'mailertable.port-not-supported', absent: true,
    fixture: { mc: ["define(`RELAY_MAILER_ARGS', `TCP $h @PORT@')dnl", "FEATURE(`mailertable', `hash @DIR@/mailertable')dnl"], map: { name: 'mailertable', lang: 'sendmail-mailertable', text: 'far.example\trelay:[127.0.0.1]\n' } },
    command: { run: 'deliver', to: 'u@far.example', sink: '127.0.0.1' }, expect: { output: ['RCPT To:<u@far.example>'] } },
  { title: 'esmtp:[::1] is a good host: sendmail delivers to it', code: 'mailertable.bad-host', absent: true,
    fixture: { mc: [...SMTP_SINK, "FEATURE(`mailertable', `hash @DIR@/mailertable')dnl"], map: { name: 'mailertable', lang: 'sendmail-mailertable', text: 'v6.example\tesmtp:[::1]\n' } },
    command: { run: 'deliver', to: 'u@v6.example', sink: '::1' }, expect: { status: 0, output: ['RCPT To:<u@v6.example>'] } },
  { title: 'an IPv6 address without brackets: one Error, and the [IPv6:…] fix delivers', code: 'mailertable.unbracketed-ipv6', severity: 1, says: ['Write [IPv6:::1]'],
    fixture: { mc: [...SMTP_SINK, "FEATURE(`mailertable', `hash @DIR@/mailertable')dnl"], map: { name: 'mailertable', lang: 'sendmail-mailertable', text: 'v6.example\tesmtp:::1\n' } },
    command: { run: 'deliver', to: 'u@v6.example', sink: '::1' }, expect: { notOutput: ['RCPT'] }, fixed: { status: 0, output: ['RCPT To:<u@v6.example>'] } },
  { title: 'SMART_HOST [host]:port: the port is a second host; the fix (RELAY_MAILER_ARGS) delivers', code: 'mc.relay-port', severity: 1,
    says: ['is not a port but a second host', "define(`RELAY_MAILER_ARGS', `TCP $h @PORT@') above MAILER(`smtp')"],
    // 127.0.0.2: [127.0.0.1] is in class {w} (this host), and sendmail drops a smart host that is itself.
    fixture: { mc: ["define(`SMART_HOST', `[127.0.0.2]:@PORT@')dnl"] },
    command: { run: 'deliver', to: 'u@far.example', sink: '127.0.0.2', needsFreePort25: true }, expect: { notOutput: ['RCPT'] }, fixed: { output: ['RCPT To:<u@far.example>'] } },
  { title: 'authinfo fields without quotes: sendmail sends no AUTH; quoted, it does', code: 'authinfo.unquoted', severity: 1, says: ['sends no AUTH at all'],
    fixture: { mc: [...SMTP_SINK, "FEATURE(`mailertable', `hash @DIR@/mailertable')dnl", "FEATURE(`authinfo', `hash @DIR@/authinfo')dnl"],
      files: { mailertable: 'far.example\tesmtp:[127.0.0.1]\n' }, map: { name: 'authinfo', lang: 'sendmail-authinfo', text: 'AuthInfo:127.0.0.1\tU:joe P:secret M:PLAIN\n' } },
    command: { run: 'deliver', to: 'u@far.example', sink: '127.0.0.1', auth: true },
    expect: { output: ['RCPT To:<u@far.example>'], notOutput: [/^AUTH /m] }, fixed: { output: [/^AUTH PLAIN /m, 'RCPT To:<u@far.example>'] } },

  // ---- SMTP replies (sendmail -bs)
  { title: 'TEMP: on a From: entry: a permanent 553 5.3.0; the ERROR:4.x fix gives 450', code: 'access.temp-action', severity: 2, says: ['"553 5.3.0 <address>... TEMP:4.7.1:450 Try later"'],
    fixture: { mc: ["FEATURE(`access_db', `hash -T<TMPF> @DIR@/access')dnl"], map: { name: 'access', lang: 'sendmail-access', text: 'From:tempf.example\tTEMP:4.7.1:450 Try later\n' } },
    command: { run: 'sendmail-bs', smtp: ['EHLO client.example', 'MAIL FROM:<a@tempf.example>', 'QUIT'] },
    expect: { output: ['553 5.3.0 <a@tempf.example>... TEMP:4.7.1:450 Try later'] }, fixed: { output: ['450 4.7.1 <a@tempf.example>... Try later'] } },
  { title: 'TEMP: on a To: entry: 553 5.3.0 as well', code: 'access.temp-action', severity: 2, says: ['a permanent refusal'],
    fixture: { mc: ["FEATURE(`access_db', `hash -T<TMPF> @DIR@/access')dnl", "FEATURE(`blocklist_recipients')dnl"], map: { name: 'access', lang: 'sendmail-access', text: 'To:tempt.example\tTEMP:Not now\n' } },
    command: { run: 'sendmail-bs', smtp: [...MAIL, 'RCPT TO:<b@tempt.example>', 'QUIT'] },
    expect: { output: ['553 5.3.0 <b@tempt.example>... TEMP:Not now'] }, fixed: { output: ['450 4.7.1 <b@tempt.example>... Not now'] } },
  { title: 'hover on ERROR:4.7.1:text (no SMTP code): 553 5.3.0, the status unused', code: 'hover', hover: 'ERROR:', says: ['sendmail answers `553 5.3.0 <address>... Later`', 'does not use that status'],
    fixture: { mc: ["FEATURE(`access_db', `hash -T<TMPF> @DIR@/access')dnl"], map: { name: 'access', lang: 'sendmail-access', text: 'From:e3.example\tERROR:4.7.1:Later\n' } },
    command: { run: 'sendmail-bs', smtp: ['EHLO client.example', 'MAIL FROM:<a@e3.example>', 'QUIT'] }, expect: { output: ['553 5.3.0 <a@e3.example>... Later'] } },
  { title: 'hover on a virtusertable error:nouser 550 text: the virtusertable reading', code: 'hover', hover: 'error:', says: ['sendmail answers `550 5.0.0 <address>... No such user here`'],
    fixture: { mc: ["LOCAL_DOMAIN(`virt.example')dnl", "FEATURE(`virtusertable', `hash @DIR@/virtusertable')dnl"], map: { name: 'virtusertable', lang: 'sendmail-virtusertable', text: 'joe@virt.example\terror:nouser 550 No such user here\n' } },
    command: { run: 'sendmail-bs', smtp: [...MAIL, 'RCPT TO:<joe@virt.example>', 'QUIT'] }, expect: { output: ['550 5.0.0 <joe@virt.example>... No such user here'] } },
  { title: 'hover on the same value in the mailertable: read as text, 553 5.3.0', code: 'hover', hover: 'nouser', says: ['sendmail answers `553 5.3.0 <address>... nouser 550 No such user here`'],
    fixture: { mc: ["FEATURE(`mailertable', `hash @DIR@/mailertable')dnl"], map: { name: 'mailertable', lang: 'sendmail-mailertable', text: 'mt.example\terror:nouser 550 No such user here\n' } },
    command: { run: 'sendmail-bs', smtp: [...MAIL, 'RCPT TO:<u@mt.example>', 'QUIT'] }, expect: { output: ['553 5.3.0 <u@mt.example>... nouser 550 No such user here'] } },
  { title: 'error:D.S.N text without the colon (mailertable): 553 5.3.0', code: 'mailertable.error-no-colon', severity: 2, says: ['"553 5.3.0"', 'the text "5.1.2 host unknown"'],
    fixture: { mc: ["FEATURE(`mailertable', `hash @DIR@/mailertable')dnl"], map: { name: 'mailertable', lang: 'sendmail-mailertable', text: 'err.example\terror:5.1.2 host unknown\n' } },
    command: { run: 'sendmail-bs', smtp: [...MAIL, 'RCPT TO:<u@err.example>', 'QUIT'] },
    expect: { output: ['553 5.3.0 <u@err.example>... 5.1.2 host unknown'] }, fixed: { output: ['550 5.1.2 <u@err.example>... host unknown'] } },
  { title: 'error:D.S.N text without the colon (virtusertable): the status loses its first digit', code: 'virtusertable.error-no-colon', severity: 2, says: ['the text ".7.1 No such user"'],
    fixture: { mc: ["LOCAL_DOMAIN(`virt.example')dnl", "FEATURE(`virtusertable', `hash @DIR@/virtusertable')dnl"], map: { name: 'virtusertable', lang: 'sendmail-virtusertable', text: 'joe@virt.example\terror:5.7.1 No such user\n' } },
    command: { run: 'sendmail-bs', smtp: [...MAIL, 'RCPT TO:<joe@virt.example>', 'QUIT'] }, expect: { output: ['553 5.3.0 <joe@virt.example>... .7.1 No such user'] } },
  { title: 'discard: in the mailertable: "554 5.3.5 buildaddr: unknown mailer discard"', code: 'mailertable.unknown-mailer', severity: 1, says: ['"554 5.3.5 buildaddr: unknown mailer discard"'],
    fixture: { mc: ["FEATURE(`mailertable', `hash @DIR@/mailertable')dnl"], map: { name: 'mailertable', lang: 'sendmail-mailertable', text: 'disc.example\tdiscard:x\n' } },
    command: { run: 'sendmail-bs', smtp: [...MAIL, 'RCPT TO:<u@disc.example>', 'QUIT'] }, expect: { output: ['554 5.3.5 buildaddr: unknown mailer discard'] } },
  { title: 'To: REJECT without blocklist_recipients: the recipient is accepted', code: 'access.feature-missing', severity: 2, says: ['sendmail ignores To: entries that refuse mail'],
    fixture: { mc: ["FEATURE(`access_db', `hash -T<TMPF> @DIR@/access')dnl"], map: { name: 'access', lang: 'sendmail-access', text: 'To:mail.example.test\tREJECT\n' } },
    command: { run: 'sendmail-bs', smtp: [...MAIL, 'RCPT TO:<root@mail.example.test>', 'QUIT'] },
    expect: { output: ['250 2.1.5 <root@mail.example.test>... Recipient ok'] }, fixed: { output: [/^550 5\.\d\.\d <root@mail\.example\.test>/m] } },
  { title: 'wildcards in the access map: never matched', code: 'access.wildcard', severity: 2, says: ['no wildcards'],
    fixture: { mc: ["FEATURE(`access_db', `hash -T<TMPF> @DIR@/access')dnl"], map: { name: 'access', lang: 'sendmail-access', text: 'From:*@spam.example\tREJECT\n' } },
    command: { run: 'sendmail-bs', smtp: ['EHLO client.example', 'MAIL FROM:<a@spam.example>', 'QUIT'] },
    expect: { output: ['250 2.1.0 <a@spam.example>... Sender ok'] }, fixed: { output: ['550 5.7.1 <a@spam.example>... Access denied'] } },
  { title: 'a map database never built: every MAIL FROM gets 451 4.3.0', code: 'mc.map-database-missing', severity: 2, says: ['"missing map file"', '"451 4.3.0 Temporary system failure"'],
    fixture: { mc: ["FEATURE(`access_db', `hash -T<TMPF> @DIR@/access')dnl"], unbuilt: { access: 'Connect:192.0.2.1\tREJECT\n' } },
    command: { run: 'sendmail-bs', smtp: ['HELO client.example', 'MAIL FROM:<s@mail.example.test>', 'QUIT'] },
    expect: { output: ['missing map file', '451 4.3.0 '] } },
];
