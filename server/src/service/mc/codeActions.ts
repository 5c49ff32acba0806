// Quick fixes: each mc diagnostic carries its fixes in Diagnostic.data (computed with the
// diagnostic, so the edit matches exactly what was reported); here they become CodeActions.
import { CodeActionKind, type CodeAction, type Diagnostic, type Range } from 'vscode-languageserver-types';
import type { McFix } from './context';

const overlaps = (a: Range, b: Range) =>
  !(a.end.line < b.start.line || (a.end.line === b.start.line && a.end.character < b.start.character)
    || b.end.line < a.start.line || (b.end.line === a.start.line && b.end.character < a.start.character));

export function mcCodeActions(uri: string, range: Range, diagnostics: Diagnostic[]): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.source !== 'sendmail' || !String(d.code ?? '').startsWith('mc.') || !overlaps(d.range, range)) continue;
    const fixes = ((d.data as { fixes?: McFix[] } | undefined)?.fixes) ?? [];
    fixes.forEach((f, i) => out.push({
      title: f.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: i === 0,
      edit: { changes: { [uri]: f.edits } },
    }));
  }
  return out;
}
