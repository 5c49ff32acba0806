// Turns m4's stderr into problems on mc lines. Two kinds of lines:
//   m4:sendmail.mc:9: cannot open `/x.m4': No such file or directory     (m4 itself)
//   sendmail.mc:7: *** ERROR: FEATURE() should be before MAILER()        (cf.m4 errprint, via our prelude)
// A problem raised inside another file (a feature/*.m4, or at end of input) is put on the mc
// line that pulls that file in when we can tell (FEATURE(`x') for feature/x.m4), else line 1.
import * as path from 'node:path';

export type Severity = 'error' | 'warning';

export interface ToolProblem {
  /** 0-based line in the file the problem is reported for. */
  line: number;
  message: string;
  severity: Severity;
  /** Where the tool said it happened, when that is another file. */
  origin?: string;
}

const M4_OWN = /^m4:([^:]+):(\d+):\s*(.*)$/;
const LOCATED = /^([^:\s][^:]*):(\d+):\s*(.*)$/;

function lineMentioning(mcLines: string[], file: string): number | undefined {
  const base = path.basename(file).replace(/\.m4$/, '');
  const kinds: Record<string, string> = { feature: 'FEATURE', mailer: 'MAILER', ostype: 'OSTYPE', domain: 'DOMAIN', hack: 'HACK' };
  const macro = kinds[path.basename(path.dirname(file))];
  const re = macro ? new RegExp(`\\b${macro}\\(\\s*\`?${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}'?`) : undefined;
  const i = mcLines.findIndex((l) => (re ? re.test(l) : l.includes(path.basename(file))));
  return i >= 0 ? i : undefined;
}

/** Parses m4 stderr for the mc at `mcPath` (run in its directory, so m4 names it by its base name). */
export function parseM4Stderr(stderr: string, mcPath: string, mcText: string): ToolProblem[] {
  const mcLines = mcText.split('\n');
  const isMc = (f: string) => f === path.basename(mcPath) || path.resolve(path.dirname(mcPath), f) === mcPath;
  const problems: ToolProblem[] = [];
  for (const raw of stderr.split('\n')) {
    const text = raw.trimEnd();
    if (!text.trim()) continue;
    const located = M4_OWN.exec(text) ?? LOCATED.exec(text);
    if (!located || /^\*\*\*/.test(text)) {
      // errprint's second and later lines carry no location: they continue the previous message.
      const prev = problems[problems.length - 1];
      if (prev && !/^\*\*\*/.test(text)) {
        // An errprint that starts with a newline (proto.m4's ldap_routing WARNING) says what it is on the next line.
        if (!prev.message.trim()) prev.severity = /\bWARNING\b/i.test(text) && !/\bERROR\b/.test(text) ? 'warning' : 'error';
        prev.message = `${prev.message} ${text.trim()}`.trim();
        continue;
      }
      problems.push({ line: 0, message: text.trim(), severity: /\bERROR\b/.test(text) ? 'error' : 'warning' });
      continue;
    }
    const [, file, lineNo, message] = located;
    const severity: Severity = /\bWARNING\b/i.test(message) && !/\bERROR\b/.test(message) ? 'warning' : 'error';
    if (isMc(file)) {
      problems.push({ line: Math.max(0, Math.min(Number(lineNo) - 1, mcLines.length - 1)), message, severity });
    } else {
      problems.push({ line: lineMentioning(mcLines, file) ?? 0, message, severity, origin: `${file}:${lineNo}` });
    }
  }
  return problems;
}

/** True when m4's messages mean the generated cf must not be installed. */
export function hasFatal(problems: ToolProblem[]): boolean { return problems.some((p) => p.severity === 'error'); }
