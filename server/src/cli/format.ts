// Output formats of sendmail-lint: human text, JSON, SARIF 2.1.0 (for code-scanning tools).
// Streamed: each file's part is written as soon as it is checked and then dropped, so a
// run over many noisy files never holds its whole output. The JSON and SARIF documents are
// written as an opening, the files' entries separated by commas, and a closing part that
// carries what is known only at the end (the JSON summary, the SARIF rules).
import * as path from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { OutputFormat } from './args';

export interface FileResult { path: string; languageId: string; diagnostics: Diagnostic[] }

export const severityName = (s: DiagnosticSeverity | undefined): 'error' | 'warning' | 'info' | 'hint' =>
  s === DiagnosticSeverity.Error ? 'error' : s === DiagnosticSeverity.Warning ? 'warning' : s === DiagnosticSeverity.Hint ? 'hint' : 'info';

export interface Totals { files: number; errors: number; warnings: number; infos: number }

function count(t: Totals, r: FileResult): void {
  t.files++;
  for (const d of r.diagnostics) {
    const s = severityName(d.severity);
    if (s === 'error') t.errors++; else if (s === 'warning') t.warnings++; else t.infos++;
  }
}

/** LSP 3.18 allows markdown messages; the CLI prints plain text. */
export const messageText = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);

const rel = (p: string) => { const r = path.relative(process.cwd(), p); return r && !r.startsWith('..') ? r : p; };

/** A report being written: one call per checked file, then `end` (which returns the totals). */
export interface Report { file(r: FileResult): void; end(): Totals }

export function report(format: OutputFormat, write: (s: string) => void, opts: { quiet: boolean; version: string }): Report {
  const t: Totals = { files: 0, errors: 0, warnings: 0, infos: 0 };
  const parts = format === 'json' ? jsonParts() : format === 'sarif' ? sarifParts(opts.version) : textParts(opts.quiet);
  if (parts.open) write(parts.open);
  return {
    file(r) { count(t, r); const s = parts.file(r); if (s) write(s); },
    end() { write(parts.close(t)); return t; },
  };
}

/** A format as three pieces: the opening, one file's part ('' for nothing), the closing. */
interface Parts { open: string; file(r: FileResult): string; close(t: Totals): string }

function textParts(quiet: boolean): Parts {
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  return {
    open: '',
    file(r) {
      let s = '';
      for (const d of r.diagnostics) {
        const sev = severityName(d.severity);
        if (quiet && sev !== 'error') continue;
        s += `${rel(r.path)}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${sev} ${d.code ?? ''} ${messageText(d).replace(/\n/g, ' ')}`.replace(/  +/g, ' ') + '\n';
      }
      return s;
    },
    close: (t) => `${plural(t.errors, 'error')}, ${plural(t.warnings, 'warning')}, ${plural(t.infos, 'note')} in ${plural(t.files, 'file')} checked\n`,
  };
}

/** JSON.stringify(v, null, 2) as it reads nested `depth` levels deep. */
const nested = (v: unknown, depth: number) => JSON.stringify(v, null, 2).replace(/\n/g, '\n' + '  '.repeat(depth));

/** Writes ",\n" before every entry but the first, so the array stays valid JSON. */
function entries(depth: number) {
  let first = true;
  return {
    next(v: unknown): string { const s = `${first ? '' : ','}\n${'  '.repeat(depth)}${nested(v, depth)}`; first = false; return s; },
    /** Where the array closes: on its own line unless it is empty. */
    closing: () => (first ? '' : '\n' + '  '.repeat(depth - 1)),
  };
}

/** { version, files: [...], summary }: the summary comes last, once the totals are known. */
function jsonParts(): Parts {
  const files = entries(2);
  return {
    open: '{\n  "version": 1,\n  "files": [',
    file: (r) => files.next({
      path: r.path,
      language: r.languageId,
      diagnostics: r.diagnostics.map((d) => ({
        line: d.range.start.line + 1, column: d.range.start.character + 1,
        endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1,
        severity: severityName(d.severity), code: d.code ?? null, message: messageText(d),
      })),
    }),
    close: (t) => `${files.closing()}],\n  "summary": ${nested(t, 1)}\n}\n`,
  };
}

/** One run whose results come first; the tool (with the rules met) closes it. */
function sarifParts(version: string): Parts {
  const results = entries(4);
  const rules = new Map<string, { id: string; shortDescription: { text: string } }>();
  return {
    open: '{\n  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",\n  "version": "2.1.0",\n  "runs": [\n    {\n      "results": [',
    file(r) {
      let s = '';
      for (const d of r.diagnostics) {
        const id = String(d.code ?? 'sendmail');
        if (!rules.has(id)) rules.set(id, { id, shortDescription: { text: messageText(d).split('\n')[0].slice(0, 200) } });
        const sev = severityName(d.severity);
        s += results.next({
          ruleId: id,
          level: sev === 'error' ? 'error' : sev === 'warning' ? 'warning' : 'note',
          message: { text: messageText(d) },
          locations: [{
            physicalLocation: {
              artifactLocation: { uri: rel(r.path).split(path.sep).join('/') },
              region: { startLine: d.range.start.line + 1, startColumn: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1 },
            },
          }],
        });
      }
      return s;
    },
    close: () => {
      const tool = { driver: { name: 'sendmail-lint', version, informationUri: 'https://github.com/', rules: [...rules.values()] } };
      return `${results.closing()}],\n      "tool": ${nested(tool, 3)}\n    }\n  ]\n}\n`;
    },
  };
}
