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

export interface ErrorReply {
  code: string; dsn: string; text: string;
  /** A status given but not used (no SMTP code after it). */ unused?: string;
  /** The text is the recipient address, mangled (`>user<@domain.`): a one-word virtusertable error. */ mangled?: boolean;
}

/** One sendmail token at the start of a text (its operator characters end a token). */
const TOKEN = /^[^\s.:%@!^/[\]+()<>,;"\\]+/;
/** A value that is one sendmail token: a word, or one quoted string. */
const ONE_WORD = /^\s*(?:[^\s.:%@!^/[\]+()<>,;"\\]+|"[^"]*")\s*$/;

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
  else if (map === 'virtusertable') {
    // one word and nothing after it: the rule's "rest" swallows the address (`$: > user < @ domain .`)
    if (ONE_WORD.test(rest)) return { code: '553', dsn: '5.3.0', text: '>user<@domain.', mangled: true };
    const k = /^"[^"]*"/.exec(rest) ?? TOKEN.exec(rest);
    if (k) rest = rest.slice(k[0].length);
  }
  // the maps' values are sendmail tokens (shownText); the access map's texts are taken as written
  rest = map === 'access' ? rest.trim().replace(/^"([^]*)"$/, '$1') : shownText(rest);
  // a code is read only with a text after it (`error:nouser 550` answers "553 5.3.0 ... 550")
  const c = /^([245]\d\d)\s+(?=\S)/.exec(rest);
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
  const trap = errorFormTrap(body, map);
  const why = trap ? ` ${trap.why[0].toUpperCase()}${trap.why.slice(1)}${trap.fixed !== undefined ? ` Write \`error:${clip(trap.fixed)}\`.` : ''}` : '';
  return `sendmail answers \`${r.code} ${r.dsn} <address>... ${clip(r.text)}\` (${kind}).${lost}${why}`;
}

/**
 * The text sendmail shows for `t` (its tokens joined again by cataddr, the quotes and comments
 * dropped), as sendmail 8.17 answers over SMTP: a blank only between two words, none next to an
 * operator character or a quoted string ("Sorry, no." shows as "Sorry,no.", mailertable
 * `error:nouser "550 x"` as "nouser550 x"), and a (comment) left out.
 */
export function shownText(t: string): string {
  const tokens = t.replace(/\([^()]*\)/g, ' ').match(/"[^"]*"?|[.:%@!^/[\]+,;<>\\]|[^\s.:%@!^/[\]+,;<>\\"]+/g) ?? [];
  let out = '';
  let word = false;
  for (const tok of tokens) {
    const isWord = !/^[".:%@!^/[\]+,;<>\\]/.test(tok);
    if (word && isWord) out += ' ';
    out += tok.startsWith('"') ? tok.replace(/"/g, '') : tok;
    word = isWord;
  }
  return out;
}

/** An error value written in the other map's form, so that sendmail does not answer with the code that was written. */
export interface ErrorFormTrap {
  code: string;
  /** What to replace, relative to the body, and with what (undefined: no fix that keeps the meaning). */
  start: number; end: number; replacement?: string;
  /** The whole body after the fix. */
  fixed?: string;
  /** Why sendmail reads it so (one sentence). */
  why: string;
}

/**
 * The forms of `error:` that the two maps read differently (cf/m4/proto.m4; checked with
 * sendmail 8.17 over SMTP, test/unit/tables/realSendmailErrorForms.test.ts):
 * - virtusertable `error:KEYWORD:550 text` (the mailertable's keyword form): the virtusertable
 *   takes one word as the keyword and all the rest as the text, so the code is lost:
 *   "553 5.3.0 <address>... :550 text". Fix: `error:KEYWORD 550 text`.
 * - virtusertable `error:550 text` (cf/README's mailertable form): 550 is taken as the keyword:
 *   "553 5.3.0 <address>... text" (a 450 turns permanent). Fix: `error:nouser 550 text`
 *   (`error:tempfail 450 text`), which answers "550 5.0.0 <address>... text".
 * - virtusertable `error:WORD` (one word, or one quoted string): not read as an error at all;
 *   sendmail answers "553 5.3.0 <address>... >user<@domain.".
 * - mailertable `error:KEYWORD 550 text` (the virtusertable's form): the mailertable reads a
 *   keyword only before a colon, so the whole value is the text: "553 5.3.0 <address>...
 *   KEYWORD 550 text". Fix: `error:KEYWORD:550 text`.
 */
export function errorFormTrap(body: string, map: ErrorMap): ErrorFormTrap | undefined {
  const lead = body.length - body.trimStart().length;
  const b = body.trim();
  const temp = (c: string) => (c[0] === '4' ? ': a permanent refusal, not the temporary one written (the sender does not retry)' : '');
  // what to rewrite: from the start of the body to the end of the code (`nouser:550`, `nouser "550`)
  const trap = (code: string, len: number, replacement: string | undefined, why: string): ErrorFormTrap =>
    ({ code, start: lead, end: lead + len, replacement, fixed: replacement === undefined ? undefined : replacement + b.slice(len), why });
  if (map === 'virtusertable') {
    const kc = /^([^\s.:%@!^/[\]+()<>,;"\\]+):\s*("?)([245]\d\d)(?=\s+\S)/.exec(b);
    if (kc) {
      return trap('virtusertable.error-keyword-colon', kc[0].length, `${kc[1]} ${kc[2]}${kc[3]}`,
        `in the virtusertable a blank, not a colon, follows the keyword (\`error:${clip(kc[1], 20)}:${kc[3]}\` is the mailertable's form), so the colon and ${kc[3]} become text${temp(kc[3])}.`);
    }
    const ck = /^([45]\d\d)(?=\s+\S)/.exec(b);
    if (ck) {
      return trap('virtusertable.error-code-as-keyword', 3, `${ck[1][0] === '4' ? 'tempfail' : 'nouser'} ${ck[1]}`,
        `in the virtusertable the first word after \`error:\` is a keyword (cf/README: \`error:nouser 550 text\`), so ${ck[1]} is taken as the keyword and not as the code${temp(ck[1])}.`);
    }
    if (ONE_WORD.test(b)) {
      const quoted = /^"\s*([45])\d\d\s+\S[^]*"$/.exec(b);
      return trap('virtusertable.error-one-word', b.length, quoted ? `${quoted[1] === '4' ? 'tempfail' : 'nouser'} ${b}` : undefined,
        `in the virtusertable \`error:\` takes a keyword and then the text; with ${b.startsWith('"') ? 'one quoted string' : 'one word'} only, it is not read as the reply and the text is the recipient's address, mangled.`);
    }
    return undefined;
  }
  if (map === 'mailertable') {
    const kb = /^([^\s.:%@!^/[\]+()<>,;"\\]+)\s+("?)([245]\d\d)(?=\s+\S)/.exec(b);
    if (kb && !/^\d+$/.test(kb[1])) {
      return trap('mailertable.error-keyword-blank', kb[0].length, `${kb[1]}:${kb[2]}${kb[3]}`,
        `in the mailertable a colon, not a blank, follows the keyword (\`error:${clip(kb[1], 20)} ${kb[3]}\` is the virtusertable's form), so all of it becomes text${temp(kb[3])}.`);
    }
  }
  return undefined;
}

/** Reports an error value in the other map's form (errorFormTrap), with the reply sendmail gives and a fix. */
export function checkErrorForm(body: string, start: number, out: Issue[], map: 'mailertable' | 'virtusertable'): void {
  const t = errorFormTrap(body, map);
  if (!t) return;
  const r = errorReply(body, map);
  const fix = t.fixed !== undefined ? ` Write \`error:${clip(t.fixed)}\`.` : ' Write a keyword, the code and a text, e.g. `error:nouser 550 User unknown`.';
  out.push(issue(t.code, WARNING, start + t.start, start + t.end, `sendmail answers "${r.code} ${r.dsn} <address>... ${clip(r.text)}": ${t.why}${fix}`,
    t.replacement !== undefined ? { replacement: t.replacement } : undefined));
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
