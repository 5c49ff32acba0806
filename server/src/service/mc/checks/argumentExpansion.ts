// Calls that break when m4 expands them while it collects another call's arguments, i.e.
// written unquoted inside ifdef(...), ifelse(...), define(...). Unlike FEATURE or define
// there (mc.unquoted-branch: they merely run too early), these damage sendmail.cf whether or
// not the branch is chosen. Both checked with GNU m4 1.4 and sendmail 8.17
// (test/unit/mc/realM4ArgumentExpansion.test.ts):
//  - MAILER(`smtp'): the mailer definitions it writes become text of the argument being
//    collected, split at their commas ("excess arguments to builtin `ifdef' ignored") and
//    dropped. sendmail.cf has no Msmtp/Mesmtp/... lines, yet m4 marks the file as included.
//  - LOCAL_DOMAIN(`x') and the other class-line macros end with `dnl`, which deletes the rest
//    of the source line. When the ')' that closes the enclosing call is on that line, m4 reads
//    the rest of the file as arguments: "end of file in argument list", sendmail.cf cut short.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { M4Arg, M4Call, M4Parse } from '../../m4/types';
import { mailerFile } from '../../catalog';
import { literalArg } from '../branches';
import { diag, type McContext, type McFix } from '../context';
import { CLASS_LINE_MACROS } from '../vocabulary';
import { quoteArgumentFix } from './unquotedBranches';

/**
 * For each call, the call whose argument holds it: the latest call one level up that has an
 * argument list (calls come in start order, so that one is still open there). One pass.
 */
function enclosingCalls(calls: readonly M4Call[]): (M4Call | undefined)[] {
  const openAt: M4Call[] = []; // per depth: the latest call with '(' seen so far
  return calls.map((c) => {
    const e = c.depth > 0 ? openAt[c.depth - 1] : undefined;
    if (c.open >= 0) { openAt[c.depth] = c; openAt.length = c.depth + 1; }
    return e;
  });
}

const written = (text: string, c: M4Call) => text.slice(c.start, (c.close ?? c.nameEnd - 1) + 1).replace(/\s+/g, ' ');

function mailerMessage(text: string, parse: M4Parse, c: M4Call, owner: M4Call): string {
  const file = literalArg(text, parse, c.args[0])?.trim() || 'the mailer';
  const names = mailerFile(file)?.defines ?? [file];
  const then = names.includes('local')
    ? 'sendmail then stops with "No local mailer defined"'
    : `sendmail then refuses every address routed to them ("unknown mailer ${names.includes('esmtp') ? 'esmtp' : names[0]}")`;
  return `${written(text, c)} runs while m4 collects the arguments of ${owner.name}, so the mailer definitions it writes become part of that argument and are thrown away (m4 only warns "excess arguments to builtin \`${owner.name}' ignored"). sendmail.cf gets no ${names.join('/')} mailer, whichever branch is chosen: ${then}. m4 still counts ${file} as included, so a later MAILER(\`${file}') is refused. Quote the argument so MAILER runs when it is chosen.`;
}

function dnlMessage(text: string, c: M4Call, owner: M4Call): string {
  return `${written(text, c)} ends with dnl: expanded here, inside the arguments of ${owner.name}, that dnl deletes the rest of the line, including the ')' that closes ${owner.name}. m4 then reads the rest of the file as arguments and stops with "end of file in argument list", so sendmail.cf is cut short. Quote the argument, or move the ')' to the next line.`;
}

function check(mc: McContext, parse: M4Parse, out: Diagnostic[]): void {
  const text = mc.model.text;
  const calls = parse.calls;
  if (!calls.some((c) => c.depth > 0 && (c.name === 'MAILER' || CLASS_LINE_MACROS.has(c.name)))) return;
  const owners = enclosingCalls(calls);
  const fixByArg = new Map<M4Arg, McFix[]>(); // one argument may hold many such calls
  for (let i = 0; i < calls.length; i++) {
    const c = calls[i];
    if (c.depth === 0 || (c.name !== 'MAILER' && !CLASS_LINE_MACROS.has(c.name))) continue;
    const owner = owners[i];
    if (!owner) continue;
    const arg = owner.args.find((a) => a.start <= c.start && c.start <= a.end);
    const end = (c.close ?? c.nameEnd - 1) + 1;
    let message: string;
    if (c.name === 'MAILER') message = mailerMessage(text, parse, c, owner);
    else {
      if (c.close === undefined) continue; // never closed: reported as an unclosed call
      const lineEnd = text.indexOf('\n', c.close);
      if (owner.close !== undefined && lineEnd >= 0 && owner.close > lineEnd) continue; // ')' on a later line survives the dnl
      message = dnlMessage(text, c, owner);
    }
    let fixes = arg ? fixByArg.get(arg) : [];
    if (!fixes) fixByArg.set(arg!, fixes = quoteArgumentFix(mc, parse, arg!, `Quote the ${owner.name} argument (m4 then runs what it holds only when it is used)`));
    out.push(diag(mc, c.start, end, DiagnosticSeverity.Error, c.name === 'MAILER' ? 'mc.mailer-in-argument' : 'mc.dnl-eats-close', message, fixes));
  }
}

export function argumentExpansionChecks(mc: McContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  check(mc, mc.model.parse, out);
  for (const b of mc.model.branches) if (b.when !== 'never') check(mc, b.parse, out);
  return out;
}
