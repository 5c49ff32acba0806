// authinfo (FEATURE(`authinfo')) and AuthInfo: entries of the access map:
//   AuthInfo:mail.example.com   "U:user" "I:authid" "P:secret" "M:PLAIN LOGIN" "R:realm"
// U = user to act as, I = login name, P: = password (P= base64), M = mechanisms, R = realm.
import { CompletionItemKind } from 'vscode-languageserver-types';
import type { Dialect } from '../dialect';
import { MAKEMAP_DUPLICATE, foldLower } from '../dialect';
import type { Entry } from '../syntax';
import { issue, ERROR, WARNING, type Issue } from '../issues';
import { clip } from '../../clip';

const FIELDS: Record<string, string> = {
  U: 'the user to authorize as (authorization id)',
  I: 'the login name (authentication id)',
  P: 'the password (`P=` means it is base64-encoded)',
  M: 'the SASL mechanisms to offer, space-separated (e.g. `PLAIN LOGIN`)',
  R: 'the realm',
};

interface Field { letter: string; sep: string; start: number; end: number; quoted: boolean }

function fields(e: Entry): Field[] {
  const out: Field[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  const v = e.value;
  for (let m = re.exec(v); m; m = re.exec(v)) {
    const body = m[1] ?? m[2];
    const f = /^([A-Za-z])([:=])/.exec(body);
    out.push({ letter: f ? f[1].toUpperCase() : '', sep: f?.[2] ?? '', start: e.valueStart + m.index, end: e.valueStart + m.index + m[0].length, quoted: m[1] !== undefined });
  }
  return out;
}

/**
 * The value with every field in double quotes: an unquoted word that starts no field belongs to
 * the field before it (`M:PLAIN LOGIN` is one field); undefined when a word has no field to join.
 */
function quotedValue(e: Entry, fs: Field[]): string | undefined {
  const parts: string[] = [];
  for (const f of fs) {
    const text = e.text.slice(f.start, f.end);
    if (f.quoted) parts.push(text);
    else if (f.letter) parts.push(`"${text}"`);
    else if (parts.length && !fs[fs.indexOf(f) - 1].quoted) parts[parts.length - 1] = `${parts[parts.length - 1].slice(0, -1)} ${text}"`;
    else return undefined;
  }
  return parts.join(' ');
}

/**
 * sendmail reads only the "quoted" fields of an AuthInfo value (the authinfo ruleset returns
 * tokens; getauthinfo takes quoted strings): with `U:joe P:secret` unquoted it has no credentials
 * and sends no AUTH at all (sendmail 8.17 to a server offering AUTH PLAIN, test/unit/claims).
 */
export function checkAuthFields(e: Entry, out: Issue[]): void {
  const fs = fields(e);
  const bare = fs.filter((f) => !f.quoted && f.letter);
  // An unquoted word right after an unquoted field is part of it (M:PLAIN LOGIN).
  const continues = (f: Field): boolean => { const i = fs.indexOf(f); return !f.quoted && !f.letter && i > 0 && !fs[i - 1].quoted && (!!fs[i - 1].letter || continues(fs[i - 1])); };
  if (bare.length) {
    const fixed = quotedValue(e, fs);
    const first = e.text.slice(bare[0].start, bare[0].end);
    // What sendmail reads: the quoted fields. Without a password or a user it does not authenticate (8.17, test/unit/claims).
    const kept = fs.filter((f) => f.quoted).map((f) => f.letter);
    const noAuth = !kept.includes('P') || (!kept.includes('U') && !kept.includes('I'));
    out.push(issue('authinfo.unquoted', noAuth ? ERROR : WARNING, e.valueStart, e.valueEnd,
      `\`${clip(first, 30)}\`${bare.length > 1 ? ` and ${bare.length - 1} more field${bare.length > 2 ? 's' : ''}` : ''} not in double quotes: sendmail reads only "quoted" fields and ignores ${bare.length > 1 ? 'them' : 'it'}${noAuth ? ', so it has no user or password and sends no AUTH at all' : ''}.${fixed ? ' Quote each field.' : ''}`,
      fixed ? { replacement: fixed } : undefined));
  }
  for (const f of fs) {
    if (continues(f)) continue;
    if (!f.letter || !(f.letter in FIELDS) || (f.sep === '=' && f.letter !== 'P')) {
      out.push(issue('authinfo.bad-field', ERROR, f.start, f.end, `Expected "U:…", "I:…", "P:…" (or "P=" base64), "M:…" or "R:…"; sendmail cannot use \`${clip(e.text.slice(f.start, f.end), 30)}\`.`));
    }
  }
  const has = (l: string) => fs.some((f) => f.letter === l);
  if (fs.length && !has('P')) out.push(issue('authinfo.no-password', WARNING, e.valueStart, e.valueEnd, 'No "P:" password field: sendmail cannot authenticate to this server.'));
  if (fs.length && !has('U') && !has('I')) out.push(issue('authinfo.no-user', WARNING, e.valueStart, e.valueEnd, 'Neither "U:" nor "I:" given: sendmail has no user name to log in with.'));
}

export const authinfo: Dialect = {
  name: 'authinfo',
  syntax: 'map',
  foldKey: foldLower,
  caseHintFrom: () => -1,
  checkEntry(e, _env, out) {
    if (!/^AuthInfo:/i.test(e.key)) {
      out.push(issue('authinfo.missing-tag', ERROR, e.keyStart, e.keyEnd, `sendmail looks up \`AuthInfo:<server>\`; \`${clip(e.key)}\` never matches. Write AuthInfo:${clip(e.key)}`, { replacement: `AuthInfo:${e.key}` }));
    }
    checkAuthFields(e, out);
  },
  hover(e, ch) {
    if (ch <= e.keyEnd) {
      const host = e.key.replace(/^AuthInfo:/i, '');
      return host ? `Credentials used when sendmail connects to \`${host}\` (looked up by host name, then IP address).` : 'Default credentials for every server without its own AuthInfo: entry.';
    }
    const f = fields(e).find((x) => ch >= x.start && ch <= x.end);
    return f && FIELDS[f.letter] ? `**${f.letter}${f.sep}** — ${FIELDS[f.letter]}.` : undefined;
  },
  complete(e, ch) {
    if (!e || ch <= e.keyEnd) return [{ label: 'AuthInfo:', kind: CompletionItemKind.Keyword }];
    return Object.entries(FIELDS).map(([l, d]) => ({ label: `"${l}:"`, insertText: `"${l}:"`, kind: CompletionItemKind.Field, detail: d }));
  },
  duplicate: { severity: 1, says: MAKEMAP_DUPLICATE },
};
