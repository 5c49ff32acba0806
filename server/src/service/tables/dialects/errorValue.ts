// The "error:" right-hand side shared by mailertable, virtusertable and the access map's
// ERROR: action:  error:D.S.N:NNN text | error:NNN text | error:keyword text.
import { issue, ERROR, WARNING, type Issue } from '../issues';

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
    out.push(issue('table.error-dsn', WARNING, start, end, `DSN status ${ev.dsn} must start with 2, 4 or 5 (success, temporary, permanent).`));
  }
  if (ev.dsn && ev.code && ev.dsn[0] !== ev.code[0]) {
    out.push(issue('table.error-mismatch', WARNING, start, end, `The DSN status ${ev.dsn} and the SMTP code ${ev.code} disagree (${ev.dsn[0] === '4' ? 'temporary' : 'permanent'} vs ${ev.code[0] === '4' ? 'temporary' : 'permanent'}); clients act on the SMTP code.`));
  }
  if (ev.code && !/^[45]/.test(ev.code)) {
    out.push(issue('table.error-code', WARNING, start, end, `SMTP code ${ev.code} is not an error (use 4xx for temporary, 5xx for permanent failures).`));
  }
}

export function describeError(body: string): string {
  const ev = parseErrorValue(body);
  // The lookup happens while the SMTP client is still connected (RCPT, MAIL or connect time),
  // so the client gets the reply; mail already queued (e.g. from a local program) bounces.
  const kind = (ev.code ?? ev.dsn ?? '5')[0] === '4' ? 'temporarily at SMTP time (the client retries later)' : 'permanently at SMTP time (the client gets the error and must bounce the mail)';
  return `Rejects ${kind}${ev.code ? ` with SMTP code ${ev.code}` : ''}${ev.dsn ? `, DSN status ${ev.dsn}` : ''}${ev.text ? ` and the text "${ev.text}"` : ''}.`;
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
    `Without a colon after ${m[2]} sendmail does not read it as the status: it refuses ${who} with "553 5.3.0" and the text "${shown(body.trim())}". Write ${m[2]}:${reply} and the text.`,
    { replacement: `${m[2]}:${reply}` }));
}
