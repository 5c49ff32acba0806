// Output formats of sendmail-lint: human text, JSON, SARIF 2.1.0 (for code-scanning tools).
import * as path from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';

export interface FileResult { path: string; languageId: string; diagnostics: Diagnostic[] }

export const severityName = (s: DiagnosticSeverity | undefined): 'error' | 'warning' | 'info' | 'hint' =>
  s === DiagnosticSeverity.Error ? 'error' : s === DiagnosticSeverity.Warning ? 'warning' : s === DiagnosticSeverity.Hint ? 'hint' : 'info';

export interface Totals { files: number; errors: number; warnings: number; infos: number }

export function totals(results: FileResult[]): Totals {
  const t: Totals = { files: results.length, errors: 0, warnings: 0, infos: 0 };
  for (const r of results) for (const d of r.diagnostics) {
    const s = severityName(d.severity);
    if (s === 'error') t.errors++; else if (s === 'warning') t.warnings++; else t.infos++;
  }
  return t;
}

/** LSP 3.18 allows markdown messages; the CLI prints plain text. */
export const messageText = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);

const rel = (p: string) => { const r = path.relative(process.cwd(), p); return r && !r.startsWith('..') ? r : p; };

export function formatText(results: FileResult[], quiet: boolean): string {
  const lines: string[] = [];
  for (const r of results) for (const d of r.diagnostics) {
    const sev = severityName(d.severity);
    if (quiet && sev !== 'error') continue;
    lines.push(`${rel(r.path)}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${sev} ${d.code ?? ''} ${messageText(d).replace(/\n/g, ' ')}`.replace(/  +/g, ' '));
  }
  const t = totals(results);
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  lines.push(`${plural(t.errors, 'error')}, ${plural(t.warnings, 'warning')}, ${plural(t.infos, 'note')} in ${plural(t.files, 'file')} checked`);
  return lines.join('\n') + '\n';
}

export function formatJson(results: FileResult[]): string {
  return JSON.stringify({
    version: 1,
    summary: totals(results),
    files: results.map((r) => ({
      path: r.path,
      language: r.languageId,
      diagnostics: r.diagnostics.map((d) => ({
        line: d.range.start.line + 1, column: d.range.start.character + 1,
        endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1,
        severity: severityName(d.severity), code: d.code ?? null, message: messageText(d),
      })),
    })),
  }, null, 2) + '\n';
}

export function formatSarif(results: FileResult[], version: string): string {
  const rules = new Map<string, { id: string; shortDescription: { text: string } }>();
  const sarifResults = results.flatMap((r) => r.diagnostics.map((d) => {
    const id = String(d.code ?? 'sendmail');
    if (!rules.has(id)) rules.set(id, { id, shortDescription: { text: messageText(d).split('\n')[0].slice(0, 200) } });
    const sev = severityName(d.severity);
    return {
      ruleId: id,
      level: sev === 'error' ? 'error' : sev === 'warning' ? 'warning' : 'note',
      message: { text: messageText(d) },
      locations: [{
        physicalLocation: {
          artifactLocation: { uri: rel(r.path).split(path.sep).join('/') },
          region: { startLine: d.range.start.line + 1, startColumn: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1 },
        },
      }],
    };
  }));
  return JSON.stringify({
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'sendmail-lint', version, informationUri: 'https://github.com/', rules: [...rules.values()] } }, results: sarifResults }],
  }, null, 2) + '\n';
}
