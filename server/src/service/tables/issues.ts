// A problem found on one line of a map file, kept in line-relative form so the cached result
// of a line stays valid when lines above it are inserted or deleted. Turned into an LSP
// Diagnostic (with the line number of the moment) only when diagnostics are published.
import type { Diagnostic } from 'vscode-languageserver-types';
import { DIAGNOSTIC_SOURCE } from '../types';

export const ERROR = 1, WARNING = 2, INFO = 3, HINT = 4;
export type Severity = 1 | 2 | 3 | 4;

export interface Issue {
  code: string;
  severity: Severity;
  /** Character range on the line. */
  start: number;
  end: number;
  message: string;
  /** Extra facts for quick fixes (replacement text, suggestion, ...). */
  data?: Record<string, unknown>;
}

/**
 * Messages are whole sentences, never cut: the checks quote the user's text through clip()
 * (../clip.ts), so a 10 MB line still gives a short message (test/unit/tables/messages.test.ts).
 */
export function issue(code: string, severity: Severity, start: number, end: number, message: string, data?: Record<string, unknown>): Issue {
  if (data) for (const k of Object.keys(data)) if (typeof data[k] === 'string') data[k] = own(data[k] as string);
  return data ? { code, severity, start, end, message: own(message), data } : { code, severity, start, end, message: own(message) };
}

/**
 * `s` as a string of its own. V8 keeps a piece cut from a string (slice, or a concatenation of
 * such pieces) pointing into the whole: a cached message quoting a line of a 40 MB map would keep
 * that whole text alive after the document moved on to a new one (PendingDocument, state.adopt).
 * Concatenating then slicing makes V8 copy the characters into a new string.
 */
function own(s: string): string { return s.length < 13 ? s : (' ' + s).slice(1); }

export function toDiagnostic(line: number, i: Issue): Diagnostic {
  const d: Diagnostic = {
    range: { start: { line, character: i.start }, end: { line, character: i.end } },
    severity: i.severity,
    code: i.code,
    source: DIAGNOSTIC_SOURCE,
    message: i.message,
  };
  if (i.data) d.data = i.data;
  return d;
}
