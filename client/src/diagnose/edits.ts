// The edits Diagnose delivery prepares for the admin to review (it never writes /etc/mail):
// relaying through the provider's submission server. Data only: which file, before which line,
// what text, why; the VS Code layer shows them as a WorkspaceEdit of the open sendmail.mc,
// the CLI prints them. Placement follows what m4 needs: *_MAILER_ARGS and FEATURE lines go
// before MAILER(`smtp') (the mailer definitions read them), and an existing define is replaced
// rather than repeated.

export interface PreparedEdit {
  /** 'mc': the folder's sendmail.mc; 'authinfo': the authinfo map source beside it. */
  file: 'mc' | 'authinfo';
  /** 0-based line the text goes before (the line count: at the end). */
  line: number;
  /** 1: the text replaces that line. */
  replaces: 0 | 1;
  /** Whole lines, each ended with '\n'. */
  text: string;
  why: string;
}

export interface RelayPlan { host: string; port: number; auth: boolean }

/** A placeholder the admin replaces with the provider's submission server. */
export const RELAY_PLACEHOLDER = 'smtp.provider.example';

const live = (l: string) => !/^\s*(dnl\b|#)/.test(l);
const findLine = (lines: string[], re: RegExp) => lines.findIndex((l) => live(l) && re.test(l));

/** The edits of the sendmail.mc (and authinfo) that send all remote mail through `plan.host`. */
export function relayEdits(mcText: string, plan: RelayPlan): PreparedEdit[] {
  const lines = mcText.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const end = lines.length;
  const firstMailer = findLine(lines, /^\s*MAILER\(/);
  const smtpMailer = findLine(lines, /^\s*MAILER\(\s*`?smtp'?\s*\)/);
  const beforeMailers = firstMailer >= 0 ? firstMailer : end;
  const edits: PreparedEdit[] = [];
  const put = (re: RegExp, at: number, text: string, why: string) => {
    const i = findLine(lines, re);
    if (i >= 0 && lines[i].trim() === text.trim()) return;
    edits.push(i >= 0 ? { file: 'mc', line: i, replaces: 1, text: text + '\n', why } : { file: 'mc', line: at, replaces: 0, text: text + '\n', why });
  };
  put(/^\s*define\(\s*`?SMART_HOST'?\s*,/, beforeMailers, `define(\`SMART_HOST', \`[${plan.host}]')dnl`,
    `all remote mail goes to ${plan.host}, by its address record (brackets: no MX lookup)`);
  if (plan.port !== 25) {
    put(/^\s*define\(\s*`?RELAY_MAILER_ARGS'?\s*,/, smtpMailer >= 0 ? smtpMailer : beforeMailers, `define(\`RELAY_MAILER_ARGS', \`TCP $h ${plan.port}')dnl`,
      `the relay mailer (used for SMART_HOST) connects to port ${plan.port}; must come before MAILER(\`smtp')`);
  }
  if (plan.auth) {
    if (findLine(lines, /^\s*FEATURE\(\s*`?authinfo'?/) < 0) {
      edits.push({ file: 'mc', line: beforeMailers, replaces: 0, text: "FEATURE(`authinfo')dnl\n", why: 'sendmail looks up the login for the relay in the authinfo map' });
    }
    edits.push({ file: 'authinfo', line: Number.MAX_SAFE_INTEGER, replaces: 0,
      text: `AuthInfo:${plan.host} "U:USERNAME" "P:PASSWORD" "M:PLAIN LOGIN"\n`,
      why: 'the login at the provider (replace USERNAME and PASSWORD; keep the file mode 0600, then rebuild the authinfo map)' });
  }
  return edits;
}

/** Applies the edits of one file to its text (edits at the same line keep their order). */
export function applyEdits(text: string, edits: PreparedEdit[]): string {
  const lines = text.split('\n');
  const trailing = lines[lines.length - 1] === '';
  if (trailing) lines.pop();
  const out: string[] = [];
  const at = (i: number) => edits.filter((e) => Math.min(e.line, lines.length) === i);
  for (let i = 0; i <= lines.length; i++) {
    const here = at(i);
    for (const e of here) out.push(...e.text.replace(/\n$/, '').split('\n'));
    if (i < lines.length && !here.some((e) => e.replaces)) out.push(lines[i]);
  }
  return out.join('\n') + (trailing || lines.length === 0 ? '\n' : '');
}
