// The configuration a sendmail.mc defines, as other files need it (map files check their
// mailers against it, commands find map paths in it). Read with the m4-aware model (model.ts).
import type { WorkspaceView } from '../workspace';
import { mailerFile } from '../catalog';
import { buildMcModel, firstArg } from './model';

export interface McFeature { name: string; args: string[]; line: number }

export interface McConfig {
  /** Path of the sendmail.mc this was read from. */
  path: string;
  /** Mailer names usable in mailertable etc.: from MAILER() lines plus sendmail's built-ins (local, prog, error). */
  mailers: Set<string>;
  /** MAILER(`file') lines in order (file names, e.g. 'smtp', 'procmail'). */
  mailerFiles: string[];
  /** FEATURE(`name', args...) in order. */
  features: McFeature[];
  /** define(`NAME', `value') — last value wins, as in m4. */
  defines: Map<string, string>;
}

/** Finds the sendmail.mc that governs files in `dir` (sendmail.mc there, else any *.mc that looks like one). */
export function findMcPath(ws: WorkspaceView, dir: string): string | undefined {
  const names = ws.listDir(dir) ?? [];
  if (names.includes('sendmail.mc')) return `${dir}/sendmail.mc`;
  const mc = names.filter((n) => n.endsWith('.mc') && n !== 'submit.mc').sort()[0];
  return mc ? `${dir}/${mc}` : undefined;
}

export function loadMcConfig(ws: WorkspaceView, dir: string): McConfig | undefined {
  const path = findMcPath(ws, dir);
  const text = path && ws.readFile(path);
  if (!path || text === undefined) return undefined;
  return parseMcConfig(path, text);
}

/** Mailer files FEATUREs include by themselves (msp and nullclient run MAILER(local) and MAILER(smtp)). */
const FEATURE_MAILERS: Record<string, string[]> = { msp: ['local', 'smtp'], nullclient: ['local', 'smtp'] };

export function parseMcConfig(path: string, text: string): McConfig {
  const model = buildMcModel(text);
  const cfg: McConfig = { path, mailers: new Set(['local', 'prog', 'error']), mailerFiles: [], features: [], defines: new Map() };
  const lineOf = (offset: number) => { let n = 0; for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++; return n; };
  for (const f of model.features) {
    cfg.features.push({ name: firstArg(f), args: f.args.slice(1), line: lineOf(f.call.start) });
    for (const file of FEATURE_MAILERS[firstArg(f)] ?? []) if (!cfg.mailerFiles.includes(file)) cfg.mailerFiles.push(file);
  }
  for (const mm of model.mailers) if (!cfg.mailerFiles.includes(firstArg(mm))) cfg.mailerFiles.push(firstArg(mm));
  for (const d of model.defines) cfg.defines.set(firstArg(d), d.args[1] ?? '');
  for (const u of model.undefines) cfg.defines.delete(firstArg(u));
  for (const file of cfg.mailerFiles) for (const n of mailerFile(file)?.defines ?? [file]) cfg.mailers.add(n);
  return cfg;
}
