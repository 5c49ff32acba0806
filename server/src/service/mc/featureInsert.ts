// Where a line that must come before the MAILER lines (a FEATURE, VIRTUSER_DOMAIN) goes in a
// sendmail.mc: before the first MAILER(), else at the end. Used by the mc's own quick fixes and by
// the map files' fixes that edit the sendmail.mc beside them.
import type { TextEdit } from 'vscode-languageserver-types';

/** Where to add a FEATURE line to an mc: before the first MAILER(), else at the end. */
export function featureInsertEdit(mcText: string, line: string): TextEdit {
  const lines = mcText.split('\n');
  const at = lines.findIndex((l) => /^\s*MAILER\s*\(/.test(l));
  if (at >= 0) return { range: { start: { line: at, character: 0 }, end: { line: at, character: 0 } }, newText: line + '\n' };
  const last = lines.length - 1;
  const pos = { line: last, character: lines[last].length };
  return { range: { start: pos, end: pos }, newText: (lines[last] ? '\n' : '') + line + '\n' };
}

/**
 * The fix for "the mc lacks FEATURE(`x')" when a line for it is there but broken — its quotes
 * lost or typed wrong by a paste (FEATURE('mailertable', 'hash /etc/mail/mailertable')), so
 * m4 sees another name: that line rewritten with proper quotes (its map spec and comment kept)
 * rather than a second FEATURE line. Otherwise `line` is inserted as featureInsertEdit does.
 */
export function featureFixEdit(mcText: string, line: string): { edit: TextEdit; repairedLine?: number } {
  const name = /^FEATURE\(`([^']+)'/.exec(line)?.[1];
  const lines = mcText.split('\n');
  const q = "[`'‘’\"]*";
  const re = name ? new RegExp(`^(\\s*)FEATURE\\s*\\(\\s*${q}${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${q}\\s*(?:,\\s*(.*?))?\\s*\\)\\s*(dnl\\b.*)?\\r?$`) : undefined;
  const at = re ? lines.findIndex((l) => re.test(l) && !l.includes(line.replace(/dnl$/, ''))) : -1;
  if (!re || at < 0) return { edit: featureInsertEdit(mcText, line) };
  const [, indent, rawSpec, comment] = re.exec(lines[at])!;
  const spec = rawSpec?.replace(/^[`'‘’"]+|[`'‘’"]+$/g, '').trim() || /^FEATURE\(`[^']+', `([^']*)'\)/.exec(line)?.[1];
  const fixed = `${indent}FEATURE(\`${name}'${spec ? `, \`${spec}'` : ''})${comment ?? 'dnl'}`;
  return { edit: { range: { start: { line: at, character: 0 }, end: { line: at, character: lines[at].replace(/\r$/, '').length } }, newText: fixed }, repairedLine: at };
}
