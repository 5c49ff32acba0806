// The real programs' verdict beside our own analysis, as rust-analyzer shows `cargo check`:
// on save of a sendmail.mc (m4, then `sendmail -bC` on the result) or of a map source
// (makemap into a throwaway database), debounced, one check per file at a time (a new save
// cancels the running one). The engine is client/src/check (private temp directories, time
// limits, process groups killed); this file only schedules it and turns its problems into
// diagnostics with their own source ('sendmail (m4)', 'sendmail (readcf)', 'sendmail
// (makemap)'), replaced at each check and merged with the static ones: a static diagnostic on
// the same line that says the same thing is shown once (the static one, with its quick fix).
// It runs only when the editor's configuration allows it (server.ts decides: VS Code sends
// checkOnSave for trusted workspaces; other editors set allowPrograms).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { checkMc } from '../../client/src/check/mcCheck';
import { checkMap } from '../../client/src/check/mapCheck';
import type { CheckProblem, CheckResult } from '../../client/src/check/types';
import { executable, type ProgramPaths } from '../../client/src/commands/programs';
import { MAP_LANGUAGES, type LanguageId } from './service';

export interface CheckSettings {
  /** Checks run at all (and on save). */
  enabled: boolean;
  programs: ProgramPaths;
  cfDirectory: string;
}

const DEBOUNCE_MS = 400;

/** True when `program` (a path, or a name looked up on PATH) is an executable file. */
export function onPath(program: string, PATH = process.env.PATH ?? ''): boolean {
  const ok = (p: string) => { try { return executable(p) && fs.statSync(p).isFile(); } catch { return false; } };
  if (program.includes('/')) return ok(program);
  return PATH.split(':').filter(Boolean).some((d) => ok(path.join(d, program)));
}

/**
 * Static codes that say the same thing as a program's complaint (by the complaint's words).
 * A program problem is hidden when a static diagnostic with one of these codes, at least as
 * severe, stands on the same line.
 */
const SAME_SUBJECT: [RegExp, string[]][] = [
  [/end of file in (string|argument list|comment)|cut short|no V line/i,
    ['mc.unclosed-quote', 'mc.unclosed-paren', 'mc.stray-quote', 'mc.dnl-eats-close', 'mc.apostrophe-closes-quote', 'mc.typographic-quote', 'mc.mailer-in-argument']],
  [/cannot open/i, ['mc.unknown-feature', 'mc.unknown-mailer', 'mc.missing-ostype', 'mc.no-cf-include']],
  [/should be before MAILER|before MAILER/i, ['mc.feature-after-mailer', 'mc.ostype-after-mailer', 'mc.section-before-mailer']],
  [/MAILER\(.*\) must|must appear|order/i, ['mc.mailer-order']],
  [/\*\*\* (ERROR|WARNING)/, ['mc.included-file-message', 'mc.feature-conflict', 'mc.feature-requires', 'mc.feature-missing-arg', 'mc.risky-feature']],
  [/unrecognized|unknown option word/i, ['mc.unknown-option-word']],
  [/No local mailer defined|unknown mailer/i, ['mc.mailer-in-argument', 'mc.unknown-mailer']],
  [/time unit/i, ['mc.duration-unit']],
  [/delivery mode|invalid|bad value|refus/i, ['mc.option-value-refused', 'mc.boolean-value', 'mc.number-value', 'mc.ssl-option-unknown']],
  [/duplicate key/i, ['table.duplicate-key']],
  [/no RHS|no value/i, ['table.missing-value']],
];

const rank = (s: DiagnosticSeverity | undefined) => (s === DiagnosticSeverity.Error ? 3 : s === DiagnosticSeverity.Warning ? 2 : 1);

export function toDiagnostic(p: CheckProblem): Diagnostic {
  const end = p.character !== undefined ? p.character + 1 : Number.MAX_SAFE_INTEGER;
  return {
    range: { start: { line: p.line, character: p.character ?? 0 }, end: { line: p.endLine ?? p.line, character: p.endLine !== undefined ? Number.MAX_SAFE_INTEGER : end } },
    severity: p.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    source: p.source,
    code: p.code,
    message: p.message,
  };
}

/** The static diagnostics plus the program's, without a program one that a static one on its line already says. */
export function mergeDiagnostics(statics: Diagnostic[], programs: Diagnostic[]): Diagnostic[] {
  if (!programs.length) return statics;
  const kept = programs.filter((p) => {
    const codes = SAME_SUBJECT.filter(([re]) => re.test(typeof p.message === 'string' ? p.message : '')).flatMap(([, c]) => c);
    return !statics.some((s) => s.range.start.line === p.range.start.line && rank(s.severity) >= rank(p.severity) && codes.includes(String(s.code)));
  });
  return [...statics, ...kept];
}

interface Entry { timer?: NodeJS.Timeout; running?: AbortController; diagnostics: Diagnostic[] }

export class ProgramChecks {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly settings: () => CheckSettings,
    private readonly log: (line: string) => void,
    /** Called when a file's program diagnostics changed (publish again). */
    private readonly changed: (uri: string) => void,
  ) {}

  /** Whether a document of this language at this path is checked with a program. */
  static checks(languageId: LanguageId, file: string | undefined): boolean {
    if (!file) return false;
    return (languageId === 'sendmail-mc' && file.endsWith('.mc')) || MAP_LANGUAGES.includes(languageId);
  }

  /** A document was saved: check it after a short pause (a new save restarts the wait and cancels a running check). */
  saved(uri: string, file: string | undefined, languageId: LanguageId): void {
    if (!this.settings().enabled || !ProgramChecks.checks(languageId, file)) return;
    const e = this.entry(uri);
    clearTimeout(e.timer);
    e.running?.abort();
    e.timer = setTimeout(() => { void this.run(uri, file!, languageId); }, DEBOUNCE_MS);
  }

  /** Runs the check now; resolves with its result (undefined when checks are off or the file is not checkable). */
  async run(uri: string, file: string, languageId: LanguageId): Promise<CheckResult | undefined> {
    const s = this.settings();
    if (!s.enabled || !ProgramChecks.checks(languageId, file)) return undefined;
    const e = this.entry(uri);
    clearTimeout(e.timer);
    e.running?.abort();
    const ac = new AbortController();
    e.running = ac;
    const opts = { programs: s.programs, signal: ac.signal, log: this.log };
    const result = languageId === 'sendmail-mc'
      ? await checkMc(file, { ...opts, cfDirectory: s.cfDirectory })
      : await checkMap(file, undefined, opts);
    if (e.running !== ac) return result; // a newer check replaced this one
    e.running = undefined;
    if (result.cancelled) return result;
    for (const n of result.notes) this.log(`check of ${path.basename(file)}: ${n}`);
    if (result.skipped) this.log(`check of ${path.basename(file)}: ${result.skipped}`);
    this.accept(uri, result);
    return result;
  }

  /**
   * Publishes what a check of the document's file found (a check run here, or one run by the
   * `sendmail.check` command): its problems replace the previous check's.
   */
  accept(uri: string, result: CheckResult): void {
    // A check that did not finish says nothing about the file: keep what the last one found.
    if (result.cancelled || (result.skipped && !result.problems.length)) return;
    const e = this.entry(uri);
    e.diagnostics = result.problems.map(toDiagnostic);
    this.changed(uri);
  }

  diagnostics(uri: string): Diagnostic[] { return this.entries.get(uri)?.diagnostics ?? []; }

  /** Forgets a closed document: a running check is cancelled, its results dropped. */
  forget(uri: string): void {
    const e = this.entries.get(uri);
    if (!e) return;
    clearTimeout(e.timer);
    e.running?.abort();
    this.entries.delete(uri);
  }

  private entry(uri: string): Entry {
    let e = this.entries.get(uri);
    if (!e) this.entries.set(uri, e = { diagnostics: [] });
    return e;
  }
}
