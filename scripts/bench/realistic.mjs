// Realistic big map files for `npm run bench` and the per-shape throughput report
// (bench/shapes.mjs). Lines are drawn from reality: every entry line of the shared corpus
// (../shared/corpus) for the map kind, cf/README's example forms, and the shapes
// bench/generate.mjs writes; each template's key is varied (vary()) so a big file holds no
// duplicate keys. Only templates the server finds no Error or Warning on under BENCH_MC are
// used (callers filter with validTemplates), so "realistic" means "valid, as people write it";
// `mistakes` mixes in lines with known mistakes.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
/** The shared corpus of real-world maps (beside the repository), when present. */
export const CORPUS = process.env.SENDMAIL_CORPUS ?? join(root, '..', 'shared', 'corpus');

/** The mc beside every realistic map: the FEATUREs and mailers the corpus and README lines use. */
export const BENCH_MC = [
  "include(`/usr/share/sendmail/cf/m4/cf.m4')dnl",
  "OSTYPE(`debian')dnl",
  ...['access_db', 'mailertable', 'virtusertable', 'virtuser_entire_domain', 'blocklist_recipients', 'greet_pause', 'ratecontrol', 'conncontrol'].map((f) => `FEATURE(\`${f}')dnl`),
  "FEATURE(`delay_checks', `friend')dnl",
  // VIRTUSER_DOMAIN for the virtusertable lines' domains (their subdomains too: virtuser_entire_domain)
  "VIRTUSER_DOMAIN(`example.com example.net example.org hostname my.domain pc.home jogamp.org rafaelostertag.photo ostertag.dev conviocloud.com convio.com')dnl",
  "MAILER(`local')dnl",
  "MAILER(`smtp')dnl",
  "MAILER(`procmail')dnl",
  "MAILER(`uucp')dnl",
  '',
].join('\n');

/** cf/README's example lines (access: "Access Control"; mailertable; virtusertable), and the forms. */
const README = {
  access: [
    'cyberspammer.com\tERROR:"550 We don\'t accept mail from spammers"', 'okay.cyberspammer.com\tOK', 'sendmail.org\tRELAY', '128.32\tRELAY',
    '[127.0.0.3]\tOK', 'IPv6:2002:c0a8:51d2::23f4\tRELAY', 'From:cyberspammer.com\tERROR:"550 We don\'t accept mail from spammers"',
    'From:okay.cyberspammer.com\tOK', 'Connect:sendmail.org\tRELAY', 'To:sendmail.org\tRELAY', 'Connect:128.32\tRELAY',
    'Connect:IPv6:1:2:3:4:5:6:7\tRELAY', 'From:FREE.STEALTH.MAILER@\tERROR:550 Spam not accepted', 'From:friend@cyberspammer.com\tOK',
    'To:user@example.com\tERROR:4.2.2:450 mailbox full', 'From:spammer@aol.com\tREJECT', 'Connect:128.32.2\tSKIP',
    'Connect:suspicious.example.com\tQUARANTINE:Mail from suspicious host', 'Spam:abuse@\tFRIEND', 'GreetPause:my.domain\t0',
    'GreetPause:10.1.2\t5000', 'ClientRate:10.1.2.3\t4', 'ClientConn:10.1.2.3\t4', 'Srv_Features:10.1.2.3\tV', 'TLS_Srv:secure.example.com\tENCR:112',
    'TLS_Clt:laptop.example.com\tPERM+VERIFY:112', 'Try_TLS:broken.server\tNO',
    'From:spammer@bulk.example\tERROR:"550 5.7.1 No thanks"', 'To:user@office.example\tOK', 'Connect:host.relay.example\tRELAY',
    // the other tags' documented forms (accessTags.ts examples; Compat:, QGRP: and bcc: need FEATUREs BENCH_MC has not)
    'AuthInfo:smtp.example.com\t"U:user" "P:secret" "M:PLAIN"', 'TLS_Rcpt:ceo@example.com\tENCR:128+CN:mx.example.com', 'Clt_Features:broken.example\tM',
    'Srv_Features:10.1.2.3\tl L',
  ],
  mailertable: [
    'my.domain\tlocal:user', '.my.domain\tsmtp:%1.my.domain', 'uuhost1.my.domain\tuucp-new:uuhost1', '.bitnet\tsmtp:relay.bit.net',
    '.\tsmtp:[relay.example.com]', 'example.com\tesmtp:[mx.example.com]', 'partner.example\trelay:[gw.partner.example]',
    'old.example\terror:5.1.1:550 No such domain', 'list.example\tprocmail:/etc/procmailrcs/list', 'v6.example\tesmtp:[IPv6:2001:db8::1]',
    'nouser.example\terror:nouser:550 No such user', // the keyword form (errorValue.ts errorReply)
  ],
  virtusertable: [
    'info@foo.example.com\tfoo-info', 'info@bar.example.com\tbar-info', 'joe@bar.example.com\terror:nouser 550 No such user here',
    'jax@bar.example.com\terror:5.7.0:550 Address invalid', '@baz.example.org\tjane@example.net', '+*@example.com\t%1%3@other.example.net',
    '@example.org\t%1@example.com', 'bob+*@example.net\tbob',
  ],
  aliases: [
    // aliases(5) and the usual /etc/aliases
    'MAILER-DAEMON: postmaster', 'postmaster: root', 'abuse: root', 'webmaster: root', 'nobody: /dev/null', 'bin: root',
    'staff: alice, bob, carol@example.com', 'list: :include:/etc/mail/lists/list', 'archive: /var/spool/mail-archive',
    'vacation: "|/usr/bin/vacation bob"', 'gone: error:5.1.1:550 This address no longer exists', 'team:', '\talice,', '\tbob',
    'owner-list: list-request', '"quoted name": root',
  ],
};

/** The shapes bench/generate.mjs writes (the fast path's own shapes). */
const GENERATED = {
  access: ['Connect:10.1.2.3\tREJECT', 'From:user1@spam1.example.com\tERROR:5.7.1:550 Spam not accepted', 'To:host2.example.org\tRELAY', 'From:sender3.example.net\tDISCARD'],
  mailertable: ['.dept1.example.com\tesmtp:[mx1.example.com]', 'host2.example.net\tsmtp:[10.0.0.2]'],
  virtusertable: ['user1@example.com\tlocal1', 'sales@example.org\tsales@mail.example.org'],
  aliases: ['user1: user1@example.com'],
};

/** Entry lines (no comments, no blank lines) of the corpus files of `kind`. */
function corpusLines(kind) {
  const dir = join(CORPUS, kind);
  if (!existsSync(dir)) return [];
  const out = [];
  for (const f of readdirSync(dir).sort()) {
    for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
      if (line.trim() === '' || line.startsWith('#')) continue;
      out.push(line.replace(/\r$/, ''));
    }
  }
  return out;
}

/** Candidate templates of `kind`: [source, line]; callers keep the valid ones (validTemplates). */
export function templates(kind) {
  const seen = new Set();
  const out = [];
  for (const [src, lines] of [['corpus', corpusLines(kind)], ['README', README[kind] ?? []], ['generated', GENERATED[kind] ?? []]]) {
    for (const l of lines) if (!seen.has(l)) { seen.add(l); out.push([src, l]); }
  }
  return out;
}

const hex = (n) => n.toString(16);
/** An IPv4 address or prefix starting like `octets`, as long as it or as i needs, unique per i (below 2^24). */
function ipv4(octets, i) {
  const n = Math.max(octets.split('.').length, i < 256 ? 2 : i < 65536 ? 3 : 4);
  return [Number(octets.split('.')[0]), (i >> 16) & 255, (i >> 8) & 255, i & 255].slice(0, 1).concat([(i >> 16) & 255, (i >> 8) & 255, i & 255].slice(4 - n)).join('.');
}

/** A key of the same form as `key`, different for every i (i = 0 gives `key` itself). */
export function vary(key, i, kind) {
  if (i === 0) return key;
  if (kind === 'aliases') return key.startsWith('"') ? `"${key.slice(1, -1)} ${i}"` : `${key}${i}`;
  const tag = kind === 'access' ? /^(?!IPv6:)[A-Za-z][\w-]*:/i.exec(key)?.[0] ?? '' : '';
  const rest = key.slice(tag.length);
  let v;
  if (rest === '') v = ipv4('10', i);
  else if (/^\d+(\.\d+)*$/.test(rest)) v = ipv4(rest, i);
  else if (/^\[\d+(\.\d+){3}\]$/.test(rest)) v = `[${ipv4(rest.slice(1, -1), i)}]`;
  else if (/^IPv6:/i.test(rest)) v = `${rest.slice(0, 5)}2001:db8:${hex((i >> 16) & 0xffff)}:${hex(i & 0xffff)}`;
  else if (/^[0-9a-f]*:[0-9a-f:]*$/i.test(rest)) v = `2001:db8:${hex((i >> 16) & 0xffff)}:${hex(i & 0xffff)}::1`;
  else if (rest.startsWith('/')) v = `${rest}${i}`;
  else if (rest.startsWith('@')) v = `@d${i}.${rest.slice(1)}`;
  else if (rest.endsWith('@')) v = `${rest.slice(0, -1)}${i}@`;
  else if (rest.includes('@')) v = rest.replace(/@/, `${i}@`);
  else if (rest === '.') v = `.d${i}`;
  else if (rest.startsWith('.')) v = `.d${i}${rest}`;
  else if (kind === 'virtusertable' && !rest.includes('.')) v = `${rest}${i}`;
  else v = `h${i}.${rest}`;
  return tag + v;
}

/** `line` with its key varied (the key runs to the first blank; aliases: to the colon). */
export function varyLine(line, i, kind) {
  if (kind === 'aliases') {
    if (/^[ \t]/.test(line)) return line; // a continuation line has no key
    const c = line.indexOf(':');
    return c < 0 ? line : vary(line.slice(0, c), i, kind) + line.slice(c);
  }
  const m = /^(\S*)([\s\S]*)$/.exec(line);
  return vary(m[1], i, kind) + m[2];
}

/** A line with one of the usual mistakes, per kind (each gives an Error or a Warning). */
const MISTAKES = {
  access: [(i) => `To:typo${i}.example.org\tRELAYY`, (i) => `Connect:10.${i & 255}.0.0/16\tREJECT`, (i) => `From:*@spam${i}.example\tREJECT`, (i) => `Connect:${i & 255}.1.\tREJECT`],
  mailertable: [(i) => `broken${i}.example.com\tesmpt:[mx.example.com]`, (i) => `port${i}.example.com\tesmtp:[mx.example.com]:2525`, (i) => `user@h${i}.example\tesmtp:[mx]`],
  virtusertable: [(i) => `info${i}\tjoe`, (i) => `.sub${i}.example.com\tjoe`],
  aliases: [(i) => `nocolon${i} root`, (i) => `rel${i}: :include:lists/x`],
};

/**
 * A file of `lines` lines of `kind`: the templates in turn, each key varied; with
 * `mistakeRate` (0.01 = 1 %) that share of lines replaced by mistakes.
 */
export function realisticFile(kind, lines, valid, mistakeRate = 0) {
  const out = [`# realistic ${kind} for the benchmark: ${valid.length} line shapes from the corpus, cf/README and the generator`];
  const every = mistakeRate > 0 ? Math.round(1 / mistakeRate) : 0;
  const wrong = MISTAKES[kind];
  for (let i = 1; out.length < lines; i++) {
    if (every && i % every === 0) { out.push(wrong[(i / every) % wrong.length](i)); continue; }
    const t = valid[i % valid.length];
    if (kind === 'aliases' && /^[ \t]/.test(t)) continue; // continuation lines only after their alias (team: ...)
    out.push(varyLine(t, i, kind)); // i is unique per line: so is every key
    if (kind === 'aliases' && t.endsWith(':')) { out.push('\talice,', '\tbob'); }
  }
  out.length = lines;
  return out.join('\n') + '\n';
}
