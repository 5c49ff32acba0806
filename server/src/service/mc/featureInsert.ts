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
