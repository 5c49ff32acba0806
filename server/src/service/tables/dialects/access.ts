// The access map: "Tag:key  action". Untagged keys are the old form (still looked up as a
// fallback). Keys: IPv4 addresses or leading-octet networks, "IPv6:" addresses/prefixes,
// host and domain names, user@domain, user@. Actions depend on the tag (accessTags.ts).
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import type { Dialect } from '../dialect';
import { MAKEMAP_DUPLICATE, foldLower } from '../dialect';
import type { Entry } from '../syntax';
import { issue, ERROR, WARNING, INFO, HINT, type Issue } from '../issues';
import type { TableEnv } from '../env';
import { isIPv6ish, isIPv4Prefix, ipv6Groups, uncompressedIPv6, compressedIPv6 } from '../hosts';
import { mapNearest as nearest } from '../env';
import { ACCESS_TAGS, ACTIONS, accessTag, actionByName, type AccessTag } from './accessTags';
import { checkErrorValue, checkStatusColon, describeError, errorReply } from './errorValue';
import { clip } from '../../clip';
import { checkAuthFields } from './authinfo';
import { ACCESS_FAST, ACCESS_FAST_NO_BLOCKLIST } from '../fastPaths';
import { accessScanner, cachedScanner, type AccessScanFacts, type AccessTagFacts } from '../lineScanners';

export interface AccessKey { tag?: string; tagEnd: number; rest: string; restStart: number }

/** Splits the tag off a key; "IPv6:..." alone is an untagged IPv6 key, not a tag. */
export function splitTag(key: string): AccessKey {
  const m = /^([A-Za-z][A-Za-z0-9_-]*):/.exec(key);
  if (!m || m[1].toLowerCase() === 'ipv6') return { tagEnd: 0, rest: key, restStart: 0 };
  return { tag: m[1], tagEnd: m[0].length, rest: key.slice(m[0].length), restStart: m[0].length };
}

/**
 * Does the mc make sendmail write client IPv6 addresses compressed? Since 8.15 it writes them
 * in full (QA, live daemon on [::1]: logged [IPv6:0:0:0:0:0:0:0:1]; `Connect:IPv6:0:0:0:0:0:0:0`
 * matched as a prefix, `Connect:IPv6:::1` never) unless UseCompressedIPv6Addresses is set.
 */
export function compressedIPv6Mode(env: TableEnv): boolean {
  const v = env.define('confUSE_COMPRESSED_IPV6_ADDRESSES');
  return v !== undefined && !/^\s*(f|false|n|no|0)\s*$/i.test(v);
}

const stripZeros = (groups: string) => groups.split(':').map((x) => parseInt(x, 16).toString(16)).join(':');

/** The spelling of an IPv6 key (address or leading-group prefix) that sendmail can match; undefined when it already is. */
export function ipv6LookupForm(addr: string, compressed: boolean): string | undefined {
  if (!isIPv6ish(addr) || addr.includes('.') || (addr.startsWith(':') && !addr.startsWith('::'))) return undefined;
  const lower = addr.toLowerCase();
  const g = ipv6Groups(addr);
  let want: string | undefined;
  if (compressed) want = g ? compressedIPv6(g) : undefined;
  else if (/[^:]::$/.test(lower)) want = stripZeros(lower.slice(0, -2)); // "2001:db8::" meant as a network: its leading groups
  else want = g ? uncompressedIPv6(g) : lower.includes('::') ? undefined : stripZeros(lower);
  return want !== undefined && want !== lower ? want : undefined;
}

function checkIPv6Form(addr: string, start: number, end: number, env: TableEnv, out: Issue[]): void {
  const compressed = compressedIPv6Mode(env);
  const want = ipv6LookupForm(addr, compressed);
  if (!want) return;
  const mc = env.mc?.path ?? 'sendmail.mc';
  out.push(issue('access.ipv6-form', INFO, start, end, compressed
    ? `${mc} sets confUSE_COMPRESSED_IPV6_ADDRESSES, so sendmail looks client addresses up compressed (IPv6:${want}); \`IPv6:${addr}\` never matches. Write IPv6:${want}.`
    : `sendmail (8.15 and later) looks client IPv6 addresses up written out in full, without "::" or leading zeros, unless ${mc} defines confUSE_COMPRESSED_IPV6_ADDRESSES; \`IPv6:${addr}\` never matches. Write IPv6:${want}${/::$/.test(addr) ? ' (a network is its leading groups)' : ''}.`,
    { replacement: want }));
}

function checkKey(e: Entry, k: AccessKey, t: AccessTag | undefined, env: TableEnv, out: Issue[]): void {
  const rest = k.rest;
  const at = e.keyStart + k.restStart;
  if (k.tag && !t) {
    const guess = nearest(k.tag, ACCESS_TAGS.map((x) => x.tag));
    if (guess) out.push(issue('access.unknown-tag', WARNING, e.keyStart, e.keyStart + k.tag.length + 1, `Unknown tag \`${clip(k.tag)}:\` — sendmail never looks it up. Did you mean \`${guess}:\`?`, { replacement: `${guess}:` }));
    // Other tags may be the admin's own: a CITag map (`MyCA:/C=US/...`, looked up by the TLS
    // rules with the issuer DN) or a tag that custom rulesets read. Only when the mc has no
    // custom rules at all can we say nothing will ever look it up.
    else if (env.mc && !env.customRules && !k.rest.startsWith('/')) {
      out.push(issue('access.custom-tag', INFO, e.keyStart, e.keyStart + k.tag.length + 1, `\`${clip(k.tag)}:\` is not a tag sendmail-cf looks up; only custom rulesets (LOCAL_RULESETS or LOCAL_CONFIG in the sendmail.mc) could use it, and ${env.mc.path} has none, so this line has no effect.`));
    }
    return;
  }
  if (rest === '') {
    if (t && !t.defaultKey) out.push(issue('access.empty-key', WARNING, e.keyStart, e.keyEnd, `\`${clip(k.tag)}:\` with nothing after it is never looked up; write a host, domain, address or network after the tag.`));
    return;
  }
  if (t && !['action', 'number', 'try_tls', 'features', 'tls', 'tls_features'].includes(t.values)) return;
  const cidr = /^([\d.]+)\/(\d+)$/.exec(rest);
  if (cidr) {
    const octets = Number(cidr[2]) / 8;
    const fix = Number.isInteger(octets) && octets >= 1 && octets <= 4 ? cidr[1].split('.').slice(0, octets).join('.') : undefined;
    out.push(issue('access.cidr', WARNING, at, e.keyEnd, `The access map has no /prefix-length syntax: sendmail looks up \`${clip(rest)}\` literally and never matches it. Networks are written as leading octets${fix ? `, here \`${clip(fix)}\`` : ' (only /8, /16, /24 boundaries can be expressed)'}.`, fix ? { replacement: fix } : undefined));
    return;
  }
  // No wildcards (checked with sendmail -bt: `From:*@spam.example` does not match x@spam.example,
  // `From:spam.example` does). What people mean has a plain form: a domain covers its subdomains
  // and every address there; leading octets cover a network.
  if (rest.includes('*')) {
    const fix = /^\*@([^*@]+)$/.exec(rest)?.[1] ?? /^\*\.([^*@]+)$/.exec(rest)?.[1] ?? /^(\d+(?:\.\d+){0,2})(?:\.\*)+$/.exec(rest)?.[1];
    out.push(issue('access.wildcard', WARNING, at, e.keyEnd, `The access map has no wildcards: sendmail looks up \`${clip(rest)}\` literally, so this entry never matches.${fix ? ` Write \`${clip(fix)}\`: ${/^[\d.]+$/.test(fix) ? 'leading octets cover the whole network' : 'a domain covers every address there and its subdomains'}.` : ''}`, fix ? { replacement: fix } : undefined));
    return;
  }
  // Networks are looked up by their leading octets (10.0.2.5, 10.0.2, 10.0, 10): never with a trailing dot.
  if (/^\d+(\.\d+){0,2}\.$/.test(rest)) {
    out.push(issue('access.trailing-dot', WARNING, at, e.keyEnd, `sendmail looks networks up by their leading octets without a trailing dot, so \`${clip(rest)}\` never matches; write it without the trailing dot.`, { replacement: rest.slice(0, -1) }));
    return;
  }
  if (/^IPv6:/i.test(rest)) { checkIPv6Form(rest.slice(5), at + 5, e.keyEnd, env, out); return; }
  if (/^[0-9A-Fa-f]*:[0-9A-Fa-f:.]*$/.test(rest) && rest.includes(':') && isIPv6ish(rest)) {
    const form = `IPv6:${ipv6LookupForm(rest, compressedIPv6Mode(env)) ?? rest.toLowerCase()}`;
    out.push(issue('access.ipv6-needs-prefix', WARNING, at, e.keyEnd, `IPv6 client addresses are looked up with the IPv6: prefix (here \`${form}\`); without it this key never matches.`, { replacement: form }));
    return;
  }
  if (/^\d+(\.\d+)*$/.test(rest) && !isIPv4Prefix(rest)) {
    out.push(issue('access.bad-ip', WARNING, at, e.keyEnd, `\`${clip(rest)}\` is not an IPv4 address or network prefix (octets 0-255, at most four).`));
  }
}

const TLS_RE = /^((TEMP|PERM)\+)?(VERIFY(:\d+)?|ENCR:\d+|OK)(\+(CN(:\S+)?|CS:\S+|CI:\S+|CITag:\S+|[A-Za-z]+(:\S*)?)(\+\+(CN(:\S+)?|CS:\S+|CI:\S+|CITag:\S+|[A-Za-z]+(:\S*)?))*)?$/i;

function checkAction(e: Entry, out: Issue[], allowed: string[], tempOk = false): void {
  const v = e.value;
  const word = /^[A-Za-z_]+/.exec(v)?.[0] ?? '';
  const upper = word.toUpperCase();
  const quoted = /^"((?:ERROR|QUARANTINE|TEMP):[^"]*)"$/i.exec(v);
  if (quoted) {
    out.push(issue('access.quoted-action', INFO, e.valueStart, e.valueEnd, `The whole value is quoted, so sendmail sees one quoted word rather than the ${quoted[1].split(':')[0].toUpperCase()}: action; cf/README puts the quotes after the colon.`, { replacement: quoted[1].replace(/^(\w+:(?:\d\.\d+\.\d+:)?)(.*)$/, '$1"$2"') }));
    return;
  }
  if (/^"?\d{3}(\s|"|$)/.test(v)) {
    out.push(issue('access.bare-code', HINT, e.valueStart, e.valueEnd, 'Old-style reply: still works, but `ERROR:' + v.replace(/^"|"$/g, '') + '` says what it is.'));
    return;
  }
  if (v[word.length] === ':' && ['ERROR', 'QUARANTINE', 'TEMP'].includes(upper)) {
    if (upper === 'TEMP' && !tempOk) { tempAction(e, word, out); return; }
    if (upper !== 'QUARANTINE') checkErrorValue(v.slice(word.length + 1), e.valueStart + word.length + 1, e.valueEnd, out, `${word}:`);
    if (upper === 'ERROR') checkStatusColon(v.slice(6), e.valueStart + 6, out, 'access.error-no-colon', `what matches ${clip(e.key)}`, (t) => t);
    else if (!v.slice(word.length + 1).trim()) out.push(issue('access.empty-reason', WARNING, e.valueStart, e.valueEnd, 'QUARANTINE: needs a reason text; it is shown when the queue is listed.'));
    return;
  }
  if (allowed.includes(upper) && word.length === v.length) return;
  const guess = nearest(word || v, allowed);
  out.push(issue('access.unknown-action', ERROR, e.valueStart, e.valueEnd,
    `sendmail does not know the action \`${clip(v)}\` here, so the entry has no effect. Expected ${allowed.join(', ')}, ERROR:… or QUARANTINE:…${guess ? `; did you mean \`${guess}\`?` : '.'}`, guess ? { replacement: guess } : undefined));
}

/**
 * TEMP: is read only by FEATURE(`compat_check') (Compat: entries). Everywhere else proto.m4's
 * generic rule turns the value into the text of a permanent error: sendmail 8.17 answers
 * "553 5.3.0 <addr>... TEMP:4.7.1:450 Try later" to From:, To: and Connect: entries (test/unit/claims).
 * ERROR: with a 4xx code is the temporary refusal that was meant.
 */
function tempAction(e: Entry, word: string, out: Issue[]): void {
  const body = e.value.slice(word.length + 1).trim();
  const r = errorReply(body, 'access');
  const replacement = r.code === '553' ? `ERROR:4.7.1:450 ${body.replace(/^\d+\.\d+\.\d+:/, '') || 'Try again later'}` : `ERROR:${body}`;
  out.push(issue('access.temp-action', WARNING, e.valueStart, e.valueEnd,
    `sendmail-cf reads TEMP: only in Compat: entries. Here it answers "553 5.3.0 <address>... ${clip(e.value)}", a permanent refusal. For a temporary one write ${clip(replacement)}.`,
    { replacement }));
}

function checkValue(e: Entry, k: AccessKey, t: AccessTag | undefined, out: Issue[]): void {
  const v = e.value;
  const bad = (msg: string, data?: Record<string, unknown>) => out.push(issue('access.bad-value', ERROR, e.valueStart, e.valueEnd, msg, data));
  switch (t?.values ?? 'action') {
    case 'action': checkAction(e, out, ['OK', 'RELAY', 'REJECT', 'DISCARD', 'SKIP']); break;
    case 'compat': checkAction(e, out, ['DISCARD'], true); break;
    case 'spam': {
      if (!/^(FRIEND|HATER)$/i.test(v)) { const g = nearest(v, ['FRIEND', 'HATER']); bad(`Spam: entries take FRIEND or HATER; \`${clip(v)}\` has no effect.`, g ? { replacement: g } : undefined); }
      break;
    }
    case 'number': if (!/^\d+$/.test(v)) bad(`${clip(k.tag)}: takes a whole number (${t?.tag === 'GreetPause' ? 'milliseconds' : 'a count, 0 = unlimited'}); sendmail ignores \`${clip(v)}\`.`); break;
    case 'qgrp': if (!/^[A-Za-z0-9_.-]+$/.test(v)) bad(`QGRP: takes the name of one queue group; \`${clip(v)}\` is not a name.`); break;
    case 'try_tls': if (!/^(NO|YES)$/i.test(v)) bad(`Try_TLS: takes NO (do not offer/try STARTTLS); anything else leaves STARTTLS on.`); break;
    case 'features': if (!/^[A-Za-z](\s*[A-Za-z])*$/.test(v)) bad(`${clip(k.tag)}: takes feature letters (e.g. \`V\` or \`l L\`); \`${clip(v)}\` is not one.`); break;
    case 'tls': if (!TLS_RE.test(v)) bad(`Expected VERIFY, VERIFY:bits or ENCR:bits (optionally TEMP+/PERM+ before and +CN:name, +CS:, +CI:, +CITag: after); sendmail cannot apply \`${clip(v)}\`.`); break;
    case 'tls_features': if (!/^\s*([A-Za-z]+\s*=[^;]*;?\s*)+$/.test(v)) bad(`Expected \`Name=value;\` pairs (Options, CipherList, CertFile, KeyFile, Flags).`); break;
    case 'cert': if (!/^(RELAY|SUBJECT|OK)$/i.test(v)) { const g = nearest(v, ['RELAY', 'SUBJECT']); bad(`${clip(k.tag)}: entries take RELAY${t?.tag === 'CertIssuer' ? ' or SUBJECT' : ''}; \`${clip(v)}\` has no effect.`, g ? { replacement: g } : undefined); } break;
    case 'authinfo': checkAuthFields(e, out); break;
    case 'address': break;
  }
}

/**
 * Spam: entries against the delay_checks mode (cf/feature/delay_checks.m4 reads the first
 * letter of the argument; cf/m4/proto.m4: with `friend' only <FRIEND> stops the checks, with
 * `hater' only <HATER> continues them and everyone else skips them; with no argument the cf
 * never looks up the Spam tag at all).
 */
function checkSpamMode(e: Entry, env: TableEnv, out: Issue[]): void {
  const f = env.feature('delay_checks');
  const want = /^(FRIEND|HATER)$/i.exec(e.value)?.[1].toLowerCase();
  if (!env.mc || !f || !want) return;
  const first = (f.args[0] ?? '').trim().replace(/^`|'$/g, '').charAt(0).toLowerCase();
  const mode = first === 'f' ? 'friend' : first === 'h' ? 'hater' : undefined;
  const range: [number, number] = [e.valueStart, e.valueEnd];
  if (!mode) {
    out.push(issue('access.spam-unused', WARNING, ...range,
      `FEATURE(\`delay_checks') in ${env.mc.path} (line ${f.line + 1}) has no \`friend' or \`hater' argument, so sendmail never looks up Spam: entries and this line has no effect. Use FEATURE(\`delay_checks', \`${want}').`,
      { mcPath: env.mc.path, mcLine: f.line, mcLineText: `FEATURE(\`delay_checks', \`${want}')dnl` }));
  } else if (mode !== want) {
    out.push(issue('access.spam-unused', WARNING, ...range, mode === 'friend'
      ? `${env.mc.path} has FEATURE(\`delay_checks', \`friend'): sendmail only acts on FRIEND (those recipients skip the anti-spam checks; everyone else gets them), so HATER has no effect.`
      : `${env.mc.path} has FEATURE(\`delay_checks', \`hater'): only HATER recipients get the anti-spam checks and everyone else already skips them, so FRIEND has no effect.`));
  }
}

/**
 * To: entries that refuse mail (REJECT, DISCARD, ERROR:, TEMP:) are read only inside
 * proto.m4's `_BLOCKLIST_RCPT_` rules, i.e. with FEATURE(`blocklist_recipients'); RELAY and OK
 * work without it. Checked with sendmail 8.17 -bs: without the feature `RCPT TO` is accepted
 * ("250 2.1.5 ... Recipient ok"), with it the entry's error is returned.
 */
function checkRecipientRefusal(e: Entry, t: AccessTag | undefined, env: TableEnv, out: Issue[]): void {
  if (!env.mc || t?.tag !== 'To' || env.hasFeature('blocklist_recipients') || env.hasFeature('blacklist_recipients')) return;
  const word = (/^"?([A-Za-z]+)/.exec(e.value)?.[1] ?? '').toUpperCase();
  if (!['REJECT', 'DISCARD', 'ERROR', 'TEMP'].includes(word)) return;
  const line = "FEATURE(`blocklist_recipients')dnl";
  out.push(issue('access.feature-missing', WARNING, e.valueStart, e.valueEnd,
    `${env.mc.path} has no FEATURE(\`blocklist_recipients'), and without it sendmail ignores To: entries that refuse mail: this ${word} has no effect, the recipient is accepted. Add ${line}`,
    { mcPath: env.mc.path, insert: line }));
}

function crossCheck(e: Entry, t: AccessTag | undefined, env: TableEnv, out: Issue[]): void {
  if (t?.tag === 'Spam') checkSpamMode(e, env, out);
  checkRecipientRefusal(e, t, env, out);
  if (!env.mc || !t?.needs || env.hasFeature(t.needs.feature)) return;
  const args = t.tag === 'Spam' ? (/^HATER$/i.test(e.value) ? 'hater' : 'friend') : t.needs.args;
  const line = args ? `FEATURE(\`${t.needs.feature}', \`${args}')dnl` : `FEATURE(\`${t.needs.feature}')dnl`;
  out.push(issue('access.feature-missing', WARNING, e.keyStart, e.keyStart + t.tag.length + 1,
    `${env.mc.path} has no FEATURE(\`${t.needs.feature}'), so sendmail never looks up ${t.tag}: entries and this line has no effect. Add ${line}`,
    { mcPath: env.mc.path, insert: line }));
}

function hover(e: Entry, ch: number, env: TableEnv): string | undefined {
  const k = splitTag(e.key);
  const t = k.tag ? accessTag(k.tag) : undefined;
  if (ch <= e.keyEnd) {
    if (t && ch < k.tagEnd) return `**${t.tag}:** — ${t.doc}\n\nTags are case-insensitive (makemap stores keys in lower case).\n\n\`\`\`\n${t.example}\n\`\`\``;
    return describeKey(k, t, env);
  }
  if (ch < e.valueStart) return undefined;
  const v = e.value;
  const word = (/^[A-Za-z_]+/.exec(v)?.[0] ?? '').toUpperCase();
  if (word === 'TEMP' && t?.values === 'compat') return '**TEMP:** — check_compat fails the delivery of this sender/recipient pair temporarily (TEMPFAIL): the message stays queued and is retried.';
  if (word === 'TEMP') return `**TEMP:** — not read here (only Compat: entries know it): ${describeError(v, 'access')}`;
  if (word === 'ERROR') return `**ERROR:** — ${describeError(v.slice(6), 'access')}`;
  if (/^"?\d{3}\s/.test(v)) return `**Old-style reply** — ${describeError(v, 'access')}`;
  const a = actionByName.get(word);
  if (a && (!t || t.values === 'action')) return `**${a.name}** — ${a.doc}`;
  if (/^FRIEND$/i.test(v)) return '**FRIEND** — mail to this recipient skips the delayed anti-spam checks (with delay_checks `friend`).';
  if (/^HATER$/i.test(v)) return '**HATER** — mail to this recipient gets the anti-spam checks (with delay_checks `hater`).';
  if (t?.values === 'number') return t.tag === 'GreetPause' ? `Waits ${v} ms before greeting.` : `Limit: ${v === '0' ? 'unlimited' : v}.`;
  return t ? `**${t.tag}:** value — ${t.doc}` : undefined;
}

function describeKey(k: AccessKey, t: AccessTag | undefined, env: TableEnv): string {
  const r = k.rest;
  const scope = t ? `${t.tag}: ` : 'Untagged (old style, looked up as a fallback for Connect/From/To): ';
  if (r === '') return `${scope}the default for every client/host without its own entry.`;
  if (/^IPv6:/i.test(r)) {
    const compressed = compressedIPv6Mode(env);
    const want = ipv6LookupForm(r.slice(5), compressed);
    const how = compressed ? 'compressed, as inet_ntop writes them (confUSE_COMPRESSED_IPV6_ADDRESSES is set): `IPv6:2001:db8::1`'
      : 'written out in full, without "::" or leading zeros (the default since 8.15): `IPv6:2001:db8:0:0:0:0:0:1`; leading groups such as `IPv6:2001:db8` cover a network';
    return `${scope}IPv6 address or network \`${r.slice(5)}\`. sendmail looks client addresses up ${how}.${want ? ` **This key never matches; write \`IPv6:${want}\`.**` : ''}`;
  }
  if (/^\d+(\.\d+){0,2}$/.test(r)) return `${scope}every IPv4 address starting with \`${r}.\` (network ${r}${'.0'.repeat(3 - r.split('.').length)}.0/${8 * r.split('.').length}).`;
  if (/^\d+(\.\d+){3}$/.test(r)) return `${scope}the IPv4 address ${r}.`;
  if (r.endsWith('@')) return `${scope}the user name \`${r.slice(0, -1)}\` at any domain${t?.tag === 'To' || t?.tag === 'Spam' ? ' of ours (class w)' : ''}.`;
  if (r.includes('@')) return `${scope}exactly the address \`${r}\`.`;
  if (/^\[.*\]$/.test(r)) return `${scope}the host whose IP address does not resolve to a name, written as a literal ${r}.`;
  const d = r.replace(/^\./, '');
  return `${scope}\`${d}\` and every host below it (e.g. \`mail.${d}\`${t?.tag === 'From' || t?.tag === 'To' ? `, \`user@${d}\`` : ''}).`;
}

function complete(e: Entry | undefined, ch: number): CompletionItem[] {
  if (!e || ch <= e.keyEnd) {
    return ACCESS_TAGS.map((t) => ({ label: `${t.tag}:`, kind: CompletionItemKind.Keyword, detail: t.doc, documentation: { kind: 'markdown', value: '```\n' + t.example + '\n```' } }));
  }
  const t = accessTag(splitTag(e.key).tag ?? '');
  const v = t?.values ?? 'action';
  const words = v === 'spam' ? ['FRIEND', 'HATER'] : v === 'cert' ? ['RELAY', 'SUBJECT'] : v === 'try_tls' ? ['NO'] : v === 'tls' ? ['VERIFY', 'ENCR:128', 'PERM+VERIFY:112', 'TEMP+ENCR:128'] : v === 'action' || v === 'compat' ? ACTIONS.map((a) => a.name) : [];
  return words.map((w) => ({ label: w, kind: CompletionItemKind.EnumMember, detail: actionByName.get(w.replace(/:$/, ''))?.doc }));
}

/**
 * What the access scanner (lineScanners.ts) may take under this configuration: the tags
 * sendmail looks up (their FEATURE is there), with what checkValue and crossCheck demand of
 * their values; lines of the other tags always get the full checks.
 */
export function accessScanFacts(env: TableEnv): AccessScanFacts {
  const refusalsIgnored = !!env.mc && !env.hasFeature('blocklist_recipients') && !env.hasFeature('blacklist_recipients');
  const tags: AccessTagFacts[] = [{ name: '', values: 'action', defaultKey: false, refusalsIgnored: false }];
  for (const t of ACCESS_TAGS) {
    if (env.mc && t.needs && !env.hasFeature(t.needs.feature)) continue;
    let spamWord: string | undefined;
    if (t.values === 'spam') {
      const first = (env.feature('delay_checks')?.args[0] ?? '').trim().replace(/^`|'$/g, '').charAt(0).toLowerCase();
      spamWord = !env.mc ? undefined : first === 'f' ? 'FRIEND' : first === 'h' ? 'HATER' : undefined; // checkSpamMode
      if (!spamWord) continue;
    }
    tags.push({ name: t.tag.toLowerCase(), values: t.values, defaultKey: !!t.defaultKey, refusalsIgnored: t.tag === 'To' && refusalsIgnored, spamWord });
  }
  return { tags, compressedIPv6: compressedIPv6Mode(env) };
}

export const access: Dialect = {
  name: 'access map',
  syntax: 'map',
  foldKey: foldLower,
  // Only host and domain parts earn the hint: the documented forms write tags, `IPv6:`, certificate
  // DNs and user names such as MAILER-DAEMON@ or FREE.STEALTH.MAILER@ in upper case.
  caseHintFrom(e) {
    const k = splitTag(e.key);
    if (/^IPv6:/i.test(k.rest) || k.rest.startsWith('/') || /^cert/i.test(k.tag ?? '')) return -1;
    return k.restStart + k.rest.lastIndexOf('@') + 1;
  },
  checkEntry(e, env, out) {
    const k = splitTag(e.key);
    const t = k.tag ? accessTag(k.tag) : undefined;
    checkKey(e, k, t, env, out);
    if (k.tag && !t) return;
    checkValue(e, k, t, out);
    crossCheck(e, t, env, out);
  },
  hover: (e, ch, env) => hover(e, ch, env),
  hoverRange: (e, ch) => { const k = splitTag(e.key); return k.tag && ch < k.tagEnd ? [e.keyStart, e.keyStart + k.tagEnd] : undefined; },
  complete: (e, ch) => complete(e, ch),
  scanner: (env) => cachedScanner('access', env, (e) => accessScanner(accessScanFacts(e))),
  fastPath: (env) => (env.mc && !env.hasFeature('blocklist_recipients') && !env.hasFeature('blacklist_recipients') ? ACCESS_FAST_NO_BLOCKLIST : ACCESS_FAST),
  duplicate: { severity: 1, says: MAKEMAP_DUPLICATE },
};
