// The same name defined twice with different values: m4 keeps the last one, so the first
// define silently stops mattering. Self-extending defines (value mentions the name) are fine.
// Only defines m4 certainly runs count; an undefine that may run (in a branch) ends the pair.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { clip } from '../../clip';
import { diag, lineNo, type McContext } from '../context';
import { certain, firstArg, possible, type McCallItem } from '../model';

export function defineChecks(mc: McContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const last = new Map<string, McCallItem>();
  for (const item of mc.model.items) {
    if (item.name === 'undefine' && possible(item)) { last.delete(firstArg(item)); continue; }
    if (item.name !== 'define' || !certain(item)) continue;
    const name = firstArg(item);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) continue;
    const value = (item.args[1] ?? '').trim();
    const prev = last.get(name);
    last.set(name, item);
    if (!prev || value.includes(name)) continue;
    const before = (prev.args[1] ?? '').trim();
    if (before === value) continue;
    out.push(diag(mc, item.call.start, item.call.nameEnd, DiagnosticSeverity.Warning, 'mc.duplicate-define',
      `${clip(name)} is defined again (first on line ${lineNo(mc, prev.call.start)} as "${clip(before)}"): m4 keeps the last value, "${clip(value)}", and the earlier define has no effect.`));
  }
  return out;
}
