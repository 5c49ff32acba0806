// OSTYPE/DOMAIN/HACK/MAILER files of the installed sendmail-cf that print an error or note
// as soon as they are read (ostype/unknown.m4, the Berkeley sample domain files, deprecated
// ostypes): say so at the call, with the text m4 will print.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { diag, type McContext } from '../context';
import { firstArg, type McCallItem } from '../model';

const DIRS: Record<string, string> = { OSTYPE: 'ostype', DOMAIN: 'domain', HACK: 'hack' };

/** errprint(`...') lines at the start of a line (unconditional), following DOMAIN(x) includes a few levels down. */
function messagesOf(mc: McContext, dir: string, name: string, depth = 0): { file: string; text: string } | undefined {
  const inst = mc.installed;
  if (!inst || depth > 3 || !/^[A-Za-z0-9_.+-]+$/.test(name)) return undefined;
  const file = `${inst.dir}/${dir}/${name}.m4`;
  const src = mc.readFile(file);
  if (!src) return undefined;
  const lines = [...src.matchAll(/^errprint\(`([^'\n]*)'\)/gm)].map((m) => m[1].trim());
  if (lines.length) return { file: `${dir}/${name}.m4`, text: lines.join(' ') };
  const nested = /^DOMAIN\(`?([A-Za-z0-9_.+-]+)'?\)/m.exec(src);
  return nested ? messagesOf(mc, 'domain', nested[1], depth + 1) : undefined;
}

export function includedFileChecks(mc: McContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const items: McCallItem[] = [...mc.model.ostypes, ...mc.model.domains, ...mc.model.hacks];
  for (const item of items) {
    const m = messagesOf(mc, DIRS[item.name], firstArg(item));
    if (!m) continue;
    const error = /\bERROR\b/.test(m.text);
    out.push(diag(mc, item.call.start, item.call.close !== undefined ? item.call.close + 1 : item.call.nameEnd,
      error ? DiagnosticSeverity.Error : DiagnosticSeverity.Information, 'mc.included-file-message',
      `${item.name}(\`${firstArg(item)}') reads ${m.file}, which makes m4 print "${m.text}"${error ? ': it is a placeholder or sample, not meant for a real configuration' : ''}.`));
  }
  return out;
}
