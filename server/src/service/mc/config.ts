// The configuration a sendmail.mc defines, as other files need it (map files check their
// mailers against it, commands find map paths in it). STUB: a first regex version; the
// m4-aware model replaces the body of loadMcConfig, keeping this interface.
import type { WorkspaceView } from '../workspace';

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

const strip = (s: string) => s.trim().replace(/^`/, '').replace(/'$/, '').trim();

export function parseMcConfig(path: string, text: string): McConfig {
  const cfg: McConfig = { path, mailers: new Set(['local', 'prog', 'error']), mailerFiles: [], features: [], defines: new Map() };
  text.split('\n').forEach((raw, line) => {
    const l = raw.replace(/\bdnl\b.*$/, '');
    let m = /^\s*MAILER\(\s*([^)]*)\)/.exec(l);
    if (m) cfg.mailerFiles.push(strip(m[1]));
    m = /^\s*FEATURE\(([^)]*)\)/.exec(l);
    if (m) { const parts = m[1].split(','); cfg.features.push({ name: strip(parts[0]), args: parts.slice(1).map(strip), line }); }
    m = /^\s*define\(\s*`?([A-Za-z_][A-Za-z0-9_]*)'?\s*,\s*(.*)\)/.exec(l);
    if (m) cfg.defines.set(m[1], strip(m[2]));
  });
  const defs: Record<string, string[]> = { smtp: ['smtp', 'esmtp', 'smtp8', 'dsmtp', 'relay'], local: ['local', 'prog'], procmail: ['procmail'], uucp: ['uucp', 'uucp-old', 'uucp-new', 'uucp-uudom', 'uucp-dom'], cyrus: ['cyrus', 'cyrusbb'], cyrusv2: ['cyrusv2'] };
  for (const f of cfg.mailerFiles) for (const n of defs[f] ?? [f]) cfg.mailers.add(n);
  return cfg;
}
