// ifdef/ifelse branches written without quotes: ifdef(`X', FEATURE(`y')). m4 expands the
// macros of every unquoted argument while it collects the arguments, i.e. before ifdef tests X
// or ifelse compares, so FEATURE/define/MAILER ... there take effect whatever the test says
// (checked with the real m4). Only calls that do something are reported (see hasSideEffects);
// text-only macros and plain text in a branch behave the same either way.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { M4Arg, M4Parse } from '../../m4/types';
import { literalArg, quotableArg, type McUnquotedBranch } from '../branches';
import { diag, edit, type McContext, type McFix } from '../context';

const MAX_SHOWN = 60;

/** The call as written, shortened for a message. */
function shown(text: string, b: McUnquotedBranch): string {
  const c = b.calls[0];
  const raw = text.slice(c.start, (c.close ?? c.nameEnd - 1) + 1).replace(/\s+/g, ' ');
  const first = raw.length > MAX_SHOWN ? `${raw.slice(0, MAX_SHOWN - 3)}...` : raw;
  const more = b.calls.length - 1;
  return more ? `${first} and ${more} more call${more === 1 ? '' : 's'}` : first;
}

/** Before what m4 runs the call, and when it would have run had the branch been quoted. */
function timing(text: string, b: McUnquotedBranch): { before: string; anyway: string } {
  const { owner } = b;
  if (owner.name === 'ifdef') {
    const name = literalArg(text, b.parse, owner.args[0])?.trim() || 'the name';
    return {
      before: `before ifdef checks whether ${name} is defined`,
      anyway: b.when === 'never' ? `although ${name} is defined above and this branch is skipped` : `whether or not ${name} is defined`,
    };
  }
  return {
    before: 'before ifelse compares its arguments',
    anyway: b.when === 'never' ? 'although ifelse never chooses this branch' : 'whichever branch ifelse chooses',
  };
}

/** Quotes the argument `arg` (blanks around it stay outside), when that keeps its meaning (quotableArg). */
export function quoteArgumentFix(mc: McContext, parse: M4Parse, arg: M4Arg, title: string): McFix[] {
  const value = mc.model.text.slice(arg.start, arg.end);
  const start = arg.start + (value.length - value.trimStart().length);
  const end = arg.end - (value.length - value.trimEnd().length);
  if (!quotableArg(parse, arg) || end <= start) return [];
  const q = arg.quotes!;
  return [{ title, edits: [edit(mc, start, start, q.open), edit(mc, end, end, q.close)] }];
}

function report(mc: McContext, b: McUnquotedBranch): Diagnostic {
  const text = mc.model.text;
  const arg = b.owner.args[b.argIndex];
  const c = b.calls[0];
  const { before, anyway } = timing(text, b);
  const fixes = quoteArgumentFix(mc, b.parse, arg, `Quote the ${b.owner.name} branch (m4 then runs it only when it is chosen)`);
  const example = `${b.owner.name}(..., \`${text.slice(c.start, (c.close ?? c.nameEnd - 1) + 1)}')`;
  return diag(mc, c.start, (c.close ?? c.nameEnd - 1) + 1, DiagnosticSeverity.Warning, 'mc.unquoted-branch',
    `${shown(text, b)} ${b.calls.length > 1 ? 'are' : 'is'} not quoted in this ${b.owner.name} branch: m4 expands it while it collects the arguments of ${b.owner.name}, ${before}, so it takes effect ${anyway}. Quote the branch so m4 only runs it when ${b.owner.name} chooses it${example.length <= 100 ? `: ${example}` : ''}.`,
    fixes);
}

export function unquotedBranchChecks(mc: McContext): Diagnostic[] {
  return mc.model.unquotedBranches.map((b) => report(mc, b));
}
