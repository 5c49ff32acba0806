// Discovery of the installed sendmail-cf tree (the directory holding m4/cf.m4 and the
// feature/, mailer/, ostype/, domain/, hack/ files an mc can name) and a cached summary of
// what it really contains and which names its m4 files read. Only WorkspaceView is used, so
// tests can fake a tree in memory.
import * as path from 'node:path';
import type { WorkspaceView } from '../workspace';

export interface InstalledCf {
  dir: string;
  /** Sendmail version the tree configures, from m4/version.m4 (`DZ8.17.1.9`). */
  version?: string;
  /** Distribution package version when the tree says so (Debian's debian/autoconf.m4). */
  packageVersion?: string;
  features: Set<string>;
  /** mailer file name (without .m4) -> mailer names its `M` lines define. */
  mailers: Map<string, string[]>;
  ostypes: Set<string>;
  domains: Set<string>;
  hacks: Set<string>;
}

/** Where distributions put sendmail-cf, most common first. */
export const CF_DIR_CANDIDATES = [
  '/usr/share/sendmail/cf',
  '/usr/share/sendmail-cf',
  '/usr/lib/mail',
  '/usr/share/sendmail',
  '/usr/local/share/sendmail/cf',
];

const p = path.posix;

/** True when `dir` holds m4/cf.m4. */
export function isCfDirectory(ws: WorkspaceView, dir: string): boolean {
  return ws.mtime(p.join(dir, 'm4', 'cf.m4')) !== undefined;
}

/** Accepts the root itself, its m4/ directory, or the m4/cf.m4 file; returns the root. */
function rootOf(ws: WorkspaceView, given: string): string | undefined {
  const norm = p.normalize(given).replace(/\/+$/, '') || '/';
  const tries = [norm];
  if (p.basename(norm) === 'cf.m4') tries.push(p.dirname(p.dirname(norm)));
  if (p.basename(norm) === 'm4') tries.push(p.dirname(norm));
  return tries.find((d) => isCfDirectory(ws, d));
}

/**
 * The sendmail-cf root: the configured setting when it points at a real tree, else the
 * directory of the mc's `include(`.../m4/cf.m4')` (relative paths resolved against the mc's
 * directory), else the first usual install location that exists.
 */
export function findCfDirectory(
  ws: WorkspaceView,
  opts: { configured?: string; mcDir?: string; includeArg?: string } = {},
): string | undefined {
  if (opts.configured) {
    const r = rootOf(ws, opts.configured);
    if (r) return r;
  }
  // Accept the argument with or without its m4 quotes: `/usr/share/sendmail/cf/m4/cf.m4'.
  const inc = opts.includeArg?.trim().replace(/^`([^`']*)'$/, '$1');
  // Only a literal path: a quoted or macro-built argument cannot be resolved here.
  if (inc && !/[`'$()]/.test(inc)) {
    const abs = p.isAbsolute(inc) ? inc : opts.mcDir ? p.join(opts.mcDir, inc) : undefined;
    const r = abs ? rootOf(ws, abs) : undefined;
    if (r) return r;
  }
  return CF_DIR_CANDIDATES.find((d) => isCfDirectory(ws, d));
}

/** Names of the `*.m4` files in `dir`, without the extension. */
function m4Names(ws: WorkspaceView, dir: string): string[] {
  return (ws.listDir(dir) ?? []).filter((f) => f.endsWith('.m4')).map((f) => f.slice(0, -3));
}

/** Mailer names from `Mname,` lines (every one, including ones behind ifdef). */
export function mailerNamesIn(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(/^M([A-Za-z0-9_.*+-]+)\s*,/gm)) if (!names.includes(m[1])) names.push(m[1]);
  return names;
}

function readTree(ws: WorkspaceView, dir: string): InstalledCf {
  const mailers = new Map<string, string[]>();
  for (const name of m4Names(ws, p.join(dir, 'mailer'))) {
    mailers.set(name, mailerNamesIn(ws.readFile(p.join(dir, 'mailer', name + '.m4')) ?? ''));
  }
  const versionText = ws.readFile(p.join(dir, 'm4', 'version.m4')) ?? '';
  const debianText = ws.readFile(p.join(dir, 'debian', 'autoconf.m4')) ?? '';
  return {
    dir,
    version: /^DZ([0-9][0-9A-Za-z.]*)/m.exec(versionText)?.[1]
      ?? /define\(`sm_version',\s*`([^']+)'/.exec(debianText)?.[1],
    packageVersion: /building Sendmail ([0-9][^\s]*)/.exec(debianText)?.[1],
    features: new Set(m4Names(ws, p.join(dir, 'feature'))),
    mailers,
    ostypes: new Set(m4Names(ws, p.join(dir, 'ostype'))),
    domains: new Set(m4Names(ws, p.join(dir, 'domain'))),
    hacks: new Set(m4Names(ws, p.join(dir, 'hack'))),
  };
}

// Cache per workspace view and directory. The stamp (mtimes of cf.m4 and of the
// directories features/mailers live in) lets an upgrade of sendmail-cf be noticed without
// re-reading the tree on every diagnose.
const cache = new WeakMap<WorkspaceView, Map<string, { stamp: string; tree: InstalledCf }>>();

function stampOf(ws: WorkspaceView, dir: string): string {
  return ['m4/cf.m4', 'm4/version.m4', 'feature', 'mailer', 'ostype', 'domain', 'hack']
    .map((f) => String(ws.mtime(p.join(dir, f)))).join(',');
}

/** What the sendmail-cf tree at `cfDir` contains, or undefined when it is not one. */
export function installedCfTree(ws: WorkspaceView, cfDir: string): InstalledCf | undefined {
  if (!isCfDirectory(ws, cfDir)) return undefined;
  let perWs = cache.get(ws);
  if (!perWs) cache.set(ws, (perWs = new Map()));
  const stamp = stampOf(ws, cfDir);
  const hit = perWs.get(cfDir);
  if (hit && hit.stamp === stamp) return hit.tree;
  const tree = readTree(ws, cfDir);
  perWs.set(cfDir, { stamp, tree });
  return tree;
}

// Every word the tree's m4 files use: what define/ifdef/ifelse/defn and macro expansion in
// sendmail-cf can read (quoted text is rescanned by m4, so quoted words count too). A name
// outside this set, not used by the mc itself, has no effect. Computed once per tree.
interface TreeWords { stamp: string; watched: string[]; names: ReadonlySet<string> }
const readCache = new WeakMap<WorkspaceView, Map<string, TreeWords>>();
/** Bounds on the walk: a tree holds about 170 .m4 files two levels down. */
const MAX_TREE_FILES = 2000;
const MAX_TREE_DEPTH = 3;

/** The .m4 files below `dir` (sorted, bounded), with the directories they are in. */
function treeFiles(ws: WorkspaceView, dir: string): { files: string[]; dirs: string[] } {
  const files: string[] = [], dirs: string[] = [];
  const walk = (d: string, depth: number) => {
    dirs.push(d);
    for (const f of (ws.listDir(d) ?? []).sort()) {
      if (files.length >= MAX_TREE_FILES) return;
      const full = p.join(d, f);
      if (f.endsWith('.m4')) files.push(full);
      else if (depth < MAX_TREE_DEPTH && !f.startsWith('.') && !f.includes('.')) walk(full, depth + 1);
    }
  };
  walk(dir, 0);
  return { files, dirs };
}

const stampOfPaths = (ws: WorkspaceView, paths: string[]) => paths.map((f) => String(ws.mtime(f))).join(',');

/** The words (m4 names) used anywhere in the .m4 files of the sendmail-cf tree at `cfDir`. */
export function namesTreeReads(ws: WorkspaceView, cfDir: string): ReadonlySet<string> {
  let per = readCache.get(ws);
  if (!per) readCache.set(ws, (per = new Map()));
  // A file added or removed changes its directory's mtime; an upgrade rewrites the m4/ files.
  const hit = per.get(cfDir);
  if (hit && hit.stamp === stampOfPaths(ws, hit.watched)) return hit.names;
  const { files, dirs } = treeFiles(ws, cfDir);
  const watched = [...dirs, ...files.filter((f) => f.startsWith(`${p.join(cfDir, 'm4')}/`))];
  const stamp = stampOfPaths(ws, watched);
  const names = new Set<string>();
  for (const f of files) for (const m of (ws.readFile(f) ?? '').matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) names.add(m[0]);
  per.set(cfDir, { stamp, watched, names });
  return names;
}
