// The small view of the file system the language service may use: read a file, list a
// directory, get a modification time. The server backs it with open editor buffers first
// and the disk second; tests back it with an in-memory map. Everything is synchronous and
// must never throw: a missing or unreadable file is `undefined`.
import * as fs from 'node:fs';

export interface WorkspaceView {
  readFile(path: string): string | undefined;
  listDir(path: string): string[] | undefined;
  /** Modification time in ms, or undefined when the file does not exist. */
  mtime(path: string): number | undefined;
  /** Permission bits (0o644), or undefined when the file does not exist or the view cannot tell. */
  mode?(path: string): number | undefined;
}

/** Reads the real disk. Files larger than `maxBytes` are treated as unreadable. */
export function diskWorkspace(maxBytes = 64 * 1024 * 1024): WorkspaceView {
  return {
    readFile(p) {
      try {
        const st = fs.statSync(p);
        if (!st.isFile() || st.size > maxBytes) return undefined;
        return fs.readFileSync(p, 'utf8');
      } catch { return undefined; }
    },
    listDir(p) {
      try { return fs.readdirSync(p); } catch { return undefined; }
    },
    mtime(p) {
      try { return fs.statSync(p).mtimeMs; } catch { return undefined; }
    },
    mode(p) {
      try { return fs.statSync(p).mode & 0o7777; } catch { return undefined; }
    },
  };
}

/** Overlays open documents (`open(path)` -> text, or undefined) on top of another view. */
export function overlayWorkspace(base: WorkspaceView, open: (path: string) => string | undefined): WorkspaceView {
  return {
    readFile: (p) => open(p) ?? base.readFile(p),
    listDir: (p) => base.listDir(p),
    mtime: (p) => base.mtime(p),
    mode: (p) => base.mode?.(p),
  };
}

/** In-memory view for tests: { '/etc/mail/sendmail.mc': '...' }. */
export function memoryWorkspace(files: Record<string, string>, mtimes: Record<string, number> = {}, modes: Record<string, number> = {}): WorkspaceView {
  return {
    readFile: (p) => files[p],
    listDir(p) {
      const dir = p.endsWith('/') ? p : p + '/';
      const names = new Set<string>();
      for (const f of Object.keys(files)) if (f.startsWith(dir)) names.add(f.slice(dir.length).split('/')[0]);
      return names.size ? [...names] : undefined;
    },
    mtime: (p) => mtimes[p] ?? (p in files ? 0 : undefined),
    mode: (p) => modes[p] ?? (p in files ? 0o644 : undefined),
  };
}
