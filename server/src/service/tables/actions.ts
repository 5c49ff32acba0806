// Quick fixes for map diagnostics. Fixes that need facts from the check carry them in
// Diagnostic.data (replacement text, the mc to edit, where a comment starts).
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { offersCommands, type DocContext } from '../types';
import { featureFixEdit, featureInsertEdit } from '../mc/featureInsert';

type Data = { appendLine?: string; lastWins?: boolean; mcLine?: number; mcLineText?: string; replacement?: string; mcPath?: string; insert?: string; insertMailer?: string; cut?: number; firstLine?: number; trimStart?: boolean; domain?: string; cwFile?: string };

function fix(title: string, d: Diagnostic, uri: string, edits: TextEdit[], preferred = false): CodeAction {
  return { title, kind: 'quickfix', diagnostics: [d], edit: { changes: { [uri]: edits } }, ...(preferred ? { isPreferred: true } : {}) };
}

/** Where to add a MAILER line to an mc: after the last MAILER() (cf.m4 wants some in order), else at the end. */
export function mailerInsertEdit(mcText: string, line: string): TextEdit {
  const lines = mcText.split('\n');
  let at = -1;
  lines.forEach((l, i) => { if (/^\s*MAILER\s*\(/.test(l)) at = i; });
  const pos = at >= 0 ? { line: at + 1, character: 0 } : { line: lines.length - 1, character: lines[lines.length - 1].length };
  return { range: { start: pos, end: pos }, newText: at >= 0 || !lines[lines.length - 1] ? line + '\n' : '\n' + line + '\n' };
}

/** Appends a line at the end of a file (after a newline if its last line lacks one). */
export function appendLineEdit(text: string, line: string): TextEdit {
  const lines = text.split('\n');
  const last = lines.length - 1;
  const pos = { line: last, character: lines[last].length };
  return { range: { start: pos, end: pos }, newText: (lines[last] ? '\n' : '') + line + '\n' };
}

/** virtusertable.domain-not-virtual: put the domain in local-host-names (when the mc reads one) or in VIRTUSER_DOMAIN. */
function virtualDomainFixes(ctx: DocContext, d: Diagnostic, data: Data): CodeAction[] {
  const out: CodeAction[] = [];
  const { domain, cwFile, mcPath } = data;
  if (!domain) return out;
  const cwText = cwFile ? ctx.ws.readFile(cwFile) : undefined;
  if (cwFile && cwText !== undefined) {
    out.push({ title: `Add ${domain} to ${cwFile}`, kind: 'quickfix', diagnostics: [d], edit: { changes: { [pathToFileURL(cwFile).toString()]: [appendLineEdit(cwText, domain)] } }, isPreferred: true });
  }
  const mcText = mcPath ? ctx.ws.readFile(mcPath) : undefined;
  if (mcPath && mcText !== undefined) {
    const line = `VIRTUSER_DOMAIN(\`${domain}')dnl`;
    out.push({ title: `Add ${line} to ${mcPath}`, kind: 'quickfix', diagnostics: [d], edit: { changes: { [pathToFileURL(mcPath).toString()]: [featureInsertEdit(mcText, line)] } }, ...(out.length ? {} : { isPreferred: true }) });
  }
  return out;
}

export function codeActions(ctx: DocContext, lineText: (n: number) => string, diagnostics: Diagnostic[]): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.source !== 'sendmail') continue;
    const data = (d.data ?? {}) as Data;
    const code = String(d.code);
    const line = d.range.start.line;
    if (data.appendLine !== undefined) {
      const last = Math.max(0, ctx.doc.lineCount - 1);
      const tail = lineText(last);
      const at = { line: last, character: tail.length };
      out.push(fix(`Add \`${data.appendLine}\``, d, ctx.uri, [{ range: { start: at, end: at }, newText: `${tail ? '\n' : ''}${data.appendLine}\n` }], true));
    } else if (data.replacement !== undefined) {
      out.push(fix(`Change to \`${data.replacement}\``, d, ctx.uri, [{ range: d.range, newText: data.replacement }], true));
    } else if (code === 'table.duplicate-key' && data.lastWins) {
      // The later definition is the one in use: remove the earlier one with its continuation lines.
      const first = data.firstLine ?? 0;
      let end = first + 1;
      while (end < line && /^[ \t]+\S/.test(lineText(end))) end++;
      out.push(fix(`Remove the earlier definition on line ${first + 1} (it has no effect)`, d, ctx.uri,
        [{ range: { start: { line: first, character: 0 }, end: { line: end, character: 0 } }, newText: '' }], true));
    } else if (code === 'table.duplicate-key') {
      out.push(fix(`Remove this duplicate (the first is on line ${(data.firstLine ?? 0) + 1})`, d, ctx.uri,
        [{ range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, newText: '' }], true));
    } else if ((code === 'table.feature-missing' || code === 'access.feature-missing') && data.mcPath && data.insert) {
      const mcText = ctx.ws.readFile(data.mcPath);
      if (mcText === undefined) continue;
      const uri = pathToFileURL(data.mcPath).toString();
      const fe = featureFixEdit(mcText, data.insert); // repairs a broken FEATURE line for it rather than adding a second one
      out.push({ title: fe.repairedLine !== undefined ? `Repair the FEATURE line (line ${fe.repairedLine + 1}) of ${data.mcPath}` : `Add ${data.insert} to ${data.mcPath}`, kind: 'quickfix', diagnostics: [d], edit: { changes: { [uri]: [fe.edit] } }, isPreferred: true });
    } else if (code === 'access.spam-unused' && data.mcPath && data.mcLine !== undefined && data.mcLineText) {
      // Only a FEATURE line that is alone on its line is rewritten; anything fancier is left to the user.
      const mcLine = ctx.ws.readFile(data.mcPath)?.split('\n')[data.mcLine];
      if (mcLine === undefined || !/^\s*FEATURE\(\s*`delay_checks'\s*\)\s*(dnl\b.*)?\r?$/.test(mcLine)) continue;
      const uri = pathToFileURL(data.mcPath).toString();
      const range = { start: { line: data.mcLine, character: 0 }, end: { line: data.mcLine, character: mcLine.replace(/\r$/, '').length } };
      out.push({ title: `Change ${data.mcPath} line ${data.mcLine + 1} to ${data.mcLineText}`, kind: 'quickfix', diagnostics: [d], edit: { changes: { [uri]: [{ range, newText: data.mcLineText }] } }, isPreferred: true });
    } else if (code === 'mailertable.unknown-mailer' && data.mcPath && data.insertMailer) {
      const mcText = ctx.ws.readFile(data.mcPath);
      if (mcText === undefined) continue;
      const uri = pathToFileURL(data.mcPath).toString();
      out.push({ title: `Add ${data.insertMailer} to ${data.mcPath}`, kind: 'quickfix', diagnostics: [d], edit: { changes: { [uri]: [mailerInsertEdit(mcText, data.insertMailer)] } }, isPreferred: true });
    } else if (code === 'virtusertable.domain-not-virtual') {
      out.push(...virtualDomainFixes(ctx, d, data));
    } else if (code === 'table.inline-comment' && data.cut !== undefined) {
      const t = lineText(line);
      const comment = t.slice(data.cut).trim().replace(/\r$/, '');
      out.push(fix('Move the comment to its own line', d, ctx.uri,
        [{ range: { start: { line, character: 0 }, end: { line, character: t.replace(/\r$/, '').length } }, newText: `${comment}\n${t.slice(0, data.cut).trimEnd()}` }], true));
    } else if (code === 'table.trailing-space' && data.cut !== undefined) {
      out.push(fix('Remove trailing blanks', d, ctx.uri, [{ range: d.range, newText: '' }]));
    } else if (code === 'table.db-stale' && offersCommands(ctx.settings)) {
      // Only where sendmail.rebuildMap runs (our VS Code extension, or this server with allowPrograms).
      out.push({ title: 'Rebuild the map database now (makemap)', kind: 'quickfix', diagnostics: [d], command: { title: 'Rebuild map', command: 'sendmail.rebuildMap', arguments: [ctx.uri] }, isPreferred: true });
    } else if (code === 'table.leading-space') {
      const t = lineText(line);
      const lead = t.length - t.trimStart().length;
      out.push(fix(t.trim() ? 'Remove the indentation' : 'Empty this line', d, ctx.uri, [{ range: { start: { line, character: 0 }, end: { line, character: t.trim() ? lead : t.length } }, newText: '' }], true));
    }
  }
  return out;
}
