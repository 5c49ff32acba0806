// The "error:" right-hand side shared by mailertable, virtusertable and the access map's
// ERROR: action:  error:D.S.N:NNN text | error:NNN text | error:keyword text.
import { issue, ERROR, WARNING, type Issue } from '../issues';
import { clip } from '../../clip';

export interface ErrorValue { dsn?: string; code?: string; text: string }

export function parseErrorValue(body: string): ErrorValue {
  let rest = body.trim().replace(/^"(.*)"$/, '$1');
  let dsn: string | undefined;
  const m = /^(\d+\.\d+\.\d+):\s*/.exec(rest);
  if (m) { dsn = m[1]; rest = rest.slice(m[0].length).replace(/^"(.*)"?$/, '$1'); }
  const c = /^(\d{3})(\s|$)/.exec(rest);
  return { dsn, code: c?.[1], text: (c ? rest.slice(3) : rest).trim() };
}

/** Checks an error body that starts at `start` on the line; `what` names the form for messages. */
export function checkErrorValue(body: string, start: number, end: number, out: Issue[], what = 'error:'): void {
  const ev = parseErrorValue(body);
  if (!body.trim()) {
    out.push(issue('table.error-empty', ERROR, start, end, `\`${what}\` needs a status and a text, e.g. \`${what}5.7.1:550 Relaying denied\`; sendmail would reject with an empty message.`));
    return;
  }
  if (ev.dsn && !/^[245]\./.test(ev.dsn)) {
    out.push(issue('table.error-dsn', WARNING, start, end, `DSN status ${clip(ev.dsn, 20)} must start with 2, 4 or 5 (success, temporary, permanent).`));
  }
  if (ev.dsn && ev.code && ev.dsn[0] !== ev.code[0]) {
    out.push(issue('table.error-mismatch', WARNING, start, end, `The DSN status ${clip(ev.dsn, 20)} and the SMTP code ${ev.code} disagree (${ev.dsn[0] === '4' ? 'temporary' : 'permanent'} vs ${ev.code[0] === '4' ? 'temporary' : 'permanent'}); clients act on the SMTP code.`));
  }
  if (ev.code && !/^[45]/.test(ev.code)) {
    out.push(issue('table.error-code', WARNING, start, end, `SMTP code ${ev.code} is not an error (use 4xx for temporary, 5xx for permanent failures).`));
  }
}

/** The maps read error values differently (cf/m4/proto.m4): see errorReply. */
export type ErrorMap = 'mailertable' | 'virtusertable' | 'access';

export interface ErrorReply { code: string; dsn: string; text: string; /** A status given but not used (no SMTP code after it). */ unused?: string }

/** One sendmail token at the start of a text (its operator characters end a token). */
const TOKEN = /^[^\s.:%@!^/[\]+()<>,;"\\]+/;

/**
 * What sendmail answers for an error value, as sendmail 8.17 does over SMTP (test/unit/claims):
 * the status is read from `D.S.N:` (all maps), a keyword with a colon (mailertable
 * `error:nouser:550 text`) or any first word (virtusertable `error:nouser 550 text`, where even
 * `error:550 text` loses its 550 as the keyword and `error:5.1.2 text` its 5); the
 * access map reads no keyword. The SMTP code must then open the text, optionally followed by a
 * status (`550 5.7.1 text`); without a code the answer is always 553 5.3.0 with the whole text,
 * whatever status was given (`ERROR:4.7.1:Later` is refused permanently).
 */
export function errorReply(body: string, map: ErrorMap): ErrorReply {
  let rest = body.trim();
  let dsn: string | undefined;
  const d = /^(\d+\.\d+\.\d+):([^]*)$/.exec(rest);
  if (d) { dsn = d[1]; rest = d[2]; }
  else if (map === 'mailertable') { const k = new RegExp(`${TOKEN.source}:`).exec(rest); if (k) rest = rest.slice(k[0].length); }
  else if (map === 'virtusertable') { const k = TOKEN.exec(rest); if (k && rest.length > k[0].length) rest = rest.slice(k[0].length); }
  rest = rest.trim().replace(/^"([^]*)"$/, '$1');
  const c = /^([245]\d\d)(?:\s+|$)/.exec(rest);
  if (!c) return { code: '553', dsn: '5.3.0', text: rest, unused: dsn };
  rest = rest.slice(c[0].length);
  const inText = /^([245]\.\d{1,3}\.\d{1,3})(?:\s+|$)/.exec(rest);
  if (inText) rest = rest.slice(inText[0].length);
  return { code: c[1], dsn: inText?.[1] ?? dsn ?? `${c[1][0]}.0.0`, text: rest };
}

/** Hover text: the reply sendmail gives, and whether the client retries. */
export function describeError(body: string, map: ErrorMap): string {
  const r = errorReply(body, map);
  const kind = r.code[0] === '4' ? 'temporary: the client retries later' : 'permanent: the client bounces the mail';
  const lost = r.unused ? ` No SMTP code follows ${r.unused}, so sendmail does not use that status.` : '';
  return `sendmail answers \`${r.code} ${r.dsn} <address>... ${clip(r.text)}\` (${kind}).${lost}`;
}

/**
 * `D.S.N text` with no colon after the status (error:5.7.1 No such user). sendmail reads a
 * status only when a colon follows it, so the reply is its generic 553 5.3.0 with the rest
 * as text — checked with sendmail 8.17 over SMTP (-bs): mailertable and access say
 * "553 5.3.0 <rcpt>... 5.7.1 No such user", virtusertable even loses the status's first digit
 * ("... .7.1 No such user"). `shown` gives the text as sendmail shows it. Fix: add the colon
 * and the matching SMTP code.
 */
export function checkStatusColon(body: string, start: number, out: Issue[], code: string, who: string, shown: (rest: string) => string): void {
  const m = /^(\s*)(\d\.\d{1,3}\.\d{1,3})(?=\s)/.exec(body);
  if (!m) return;
  const at = start + m[1].length;
  const reply = m[2][0] === '4' ? '450' : '550';
  out.push(issue(code, WARNING, at, at + m[2].length,
    `Without a colon after ${m[2]} sendmail does not read it as the status: it refuses ${who} with "553 5.3.0" and the text "${clip(shown(body.trim()))}". Write ${m[2]}:${reply} and the text.`,
    { replacement: `${m[2]}:${reply}` }));
}
