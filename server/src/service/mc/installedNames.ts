// Names an installed sendmail-cf tree reads: every quoted identifier (`NAME') and every
// conf* word in its m4 files. Used to accept options and macros the built-in catalog lacks
// (a newer sendmail-cf may add them). Cached per workspace and directory.
import type { WorkspaceView } from '../workspace';

const SUBDIRS = ['m4', 'feature', 'mailer', 'ostype', 'domain', 'hack', 'sh'];
const cache = new WeakMap<WorkspaceView, Map<string, { stamp: string; names: Set<string> }>>();

export function installedNames(ws: WorkspaceView, cfDir: string): Set<string> {
  const stamp = SUBDIRS.map((d) => String(ws.mtime(`${cfDir}/${d}`))).join(',') + String(ws.mtime(`${cfDir}/m4/proto.m4`));
  let per = cache.get(ws);
  if (!per) cache.set(ws, (per = new Map()));
  const hit = per.get(cfDir);
  if (hit && hit.stamp === stamp) return hit.names;
  const names = new Set<string>();
  for (const sub of SUBDIRS) {
    for (const f of ws.listDir(`${cfDir}/${sub}`) ?? []) {
      if (!f.endsWith('.m4')) continue;
      const text = ws.readFile(`${cfDir}/${sub}/${f}`) ?? '';
      for (const m of text.matchAll(/`([A-Za-z_][A-Za-z0-9_]*)'/g)) names.add(m[1]);
      for (const m of text.matchAll(/\bconf[A-Z0-9_]+/g)) names.add(m[0]);
    }
  }
  per.set(cfDir, { stamp, names });
  return names;
}
