// makemap's complaints name the map it writes (our temp name) and the input line:
//   makemap: /etc/mail/.mailertable.tmp-1-ab: line 2: no RHS for LHS norhs.example
// They become problems on that line (1-based in makemap, 0-based here).
import type { ToolProblem } from './m4Diagnostics';

export function parseMakemapStderr(stderr: string): ToolProblem[] {
  const out: ToolProblem[] = [];
  for (const raw of stderr.split('\n')) {
    const text = raw.trim();
    if (!text) continue;
    const m = /^makemap:\s*(?:.*?:\s*)?line (\d+):\s*(.*)$/.exec(text);
    if (m) out.push({ line: Number(m[1]) - 1, message: m[2], severity: 'error' });
    else out.push({ line: 0, message: text.replace(/^makemap:\s*/, ''), severity: 'error' });
  }
  return out;
}
