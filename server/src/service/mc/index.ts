// sendmail.mc language support (m4-aware): scanner in ../m4, model in model.ts, checks in
// checks/, editor features beside this file.
import { CodeActionKind, DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocContext, LanguageSupport } from '../types';
import { looksLikeSendmailMc } from '../languages';
import { diag, mcContext, type McContext } from './context';
import { runCheck } from '../checkGuard';
import { syntaxChecks } from './checks/syntax';
import { nameChecks } from './checks/names';
import { orderChecks } from './checks/order';
import { hostChecks } from './checks/hosts';
import { defineChecks } from './checks/defines';
import { valueChecks } from './checks/values';
import { callChecks } from './checks/calls';
import { cfMessageChecks } from './checks/cfMessages';
import { featureComboChecks } from './checks/featureCombos';
import { includedFileChecks } from './checks/includedFiles';
import { unquotedBranchChecks } from './checks/unquotedBranches';
import { argumentExpansionChecks } from './checks/argumentExpansion';
import { tlsChecks } from './checks/tls';
import { optionWordChecks } from './checks/optionWords';
import { mapDatabaseChecks } from './checks/mapDatabases';
import { daemonChecks } from './checks/daemons';
import { unreadNameChecks } from './checks/unreadNames';
import { optionValueChecks } from './checks/optionValues';
import { mcHover } from './hover';
import { mcCodeActions, mcFixAllActions, wants } from './codeActions';
import { mcSymbols } from './symbols';
import { mcSemanticTokens } from './semanticTokens';
import { mcComplete } from './completion';
import { mcFoldingRanges } from './folding';
import { mcDocumentLinks } from './links';

/** The check families, each run under its own guard (see checkGuard.ts); the name is what failures() reports. */
const FAMILIES: [string, (mc: McContext) => Diagnostic[]][] = [
  ['mc/syntax', syntaxChecks], ['mc/names', nameChecks], ['mc/order', orderChecks], ['mc/hosts', hostChecks],
  ['mc/defines', defineChecks], ['mc/values', valueChecks], ['mc/calls', callChecks], ['mc/cf-messages', cfMessageChecks],
  ['mc/feature-combos', featureComboChecks], ['mc/included-files', includedFileChecks], ['mc/unquoted-branches', unquotedBranchChecks],
  ['mc/argument-expansion', argumentExpansionChecks], ['mc/tls', tlsChecks], ['mc/option-words', optionWordChecks], ['mc/map-databases', mapDatabaseChecks], ['mc/daemons', daemonChecks],
  ['mc/unread-names', unreadNameChecks],
  ['mc/option-values', optionValueChecks],
];

/** Like the map files (tables/diagnose.ts): more findings than this help nobody and make publishing slow. */
export const MAX_MC_DIAGNOSTICS = 1000;

export function mcDiagnostics(mc: McContext, guard: Pick<DocContext, 'fail'> = {}): Diagnostic[] {
  const all = FAMILIES.flatMap(([name, check]) => runCheck(guard, name, [], () => check(mc)))
    .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  if (all.length <= MAX_MC_DIAGNOSTICS) return all;
  const more = all.length - MAX_MC_DIAGNOSTICS;
  const line = mc.doc.getText().split('\n', 1)[0].length;
  return [...all.slice(0, MAX_MC_DIAGNOSTICS), diag(mc, 0, Math.max(line, 1), DiagnosticSeverity.Information, 'mc.too-many',
    `${more} more problem${more === 1 ? '' : 's'} not shown: only the first ${MAX_MC_DIAGNOSTICS} findings of this file are listed. Fix those and the rest appear.`)];
}

/**
 * `.mc` is also used by other tools (e.g. Windows message compiler files). A file that is not
 * called sendmail.mc/submit.mc and shows none of sendmail m4's markers gets no diagnostics,
 * so opening someone else's .mc never raises false alarms.
 */
function notSendmailMc(ctx: DocContext): boolean {
  const base = ctx.path?.split('/').pop() ?? '';
  return !/^(sendmail|submit)\.mc$/.test(base) && /\.mc$/.test(base) && !looksLikeSendmailMc(ctx.doc.getText());
}

/**
 * The findings of the last analysis of each document version (its McContext, see context.ts):
 * code actions, asked for at every move of the cursor, reuse them instead of running every
 * check again (seconds on an mc of thousands of lines).
 */
const findings = new WeakMap<McContext, Diagnostic[]>();

function findingsOf(mc: McContext, guard: Pick<DocContext, 'fail'> = {}): Diagnostic[] {
  let all = findings.get(mc);
  if (!all) findings.set(mc, all = mcDiagnostics(mc, guard));
  return all;
}

export function mcSupport(): LanguageSupport {
  return {
    diagnose: (ctx) => (notSendmailMc(ctx) ? [] : runCheck(ctx, 'mc/model', [], () => {
      const mc = mcContext(ctx);
      findings.delete(mc); // diagnose always checks afresh: included files on disk may have changed
      return findingsOf(mc, ctx);
    })),
    hover: (ctx, pos) => mcHover(mcContext(ctx), pos),
    complete: (ctx, pos) => mcComplete(mcContext(ctx), pos),
    codeActions: (ctx, range, diagnostics, only) => {
      if (notSendmailMc(ctx)) return [];
      // Clients that drop Diagnostic.data get the fixes from a fresh analysis (same code and range).
      const all = findingsOf(mcContext(ctx));
      const same = (a: Diagnostic, b: Diagnostic) => a.code === b.code && JSON.stringify(a.range) === JSON.stringify(b.range);
      const quick = wants(only, CodeActionKind.QuickFix) ? mcCodeActions(ctx.uri, range, diagnostics.map((d) => (d.data ? d : all.find((f) => same(f, d)) ?? d))) : [];
      // Fix all: the same file analysed again after each pass of quoting fixes.
      const analyse = (text: string) => mcDiagnostics(mcContext({ ...ctx, doc: TextDocument.create(ctx.uri, ctx.languageId, ctx.doc.version, text) }));
      return [...quick, ...mcFixAllActions(ctx.uri, ctx.doc.getText(), range, all, analyse, only)];
    },
    symbols: (ctx) => mcSymbols(mcContext(ctx)),
    semanticTokens: (ctx) => mcSemanticTokens(mcContext(ctx)),
    foldingRanges: (ctx) => mcFoldingRanges(mcContext(ctx)),
    documentLinks: (ctx) => mcDocumentLinks(mcContext(ctx), ctx.ws, ctx.path ? ctx.path.replace(/\/[^/]*$/, '') || '/' : undefined),
  };
}
