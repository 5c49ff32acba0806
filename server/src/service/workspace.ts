// The small view of the file system the language service may use: read a file, list a
// directory, get a modification time. The server backs it with open editor buffers first
// and the disk second; tests back it with an in-memory map. Everything is synchronous and
// must never throw: a missing or unreadable file is `undefined`.
//
// A workspace file names the paths we read (include(), confCW_FILE, map specs), so the disk
// view reads nothing that could block or never end: only regular files (checked again on the
// open descriptor, so a path swapped for a FIFO in between is refused), nothing under /proc,
// /sys or /dev, at most `maxBytes` per read.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface WorkspaceView {
  readFile(path: string): string | undefined;
  listDir(path: string): string[] | undefined;
  /** Modification time in ms, or undefined when the file does not exist. */
  mtime(path: string): number | undefined;
  /** Permission bits (0o644), or undefined when the file does not exist or the view cannot tell. */
  mode?(path: string): number | undefined;
  /** A cheap identity of the file's content (changes when the file does), for caching reads; undefined: cannot tell. */
  stamp?(path: string): string | undefined;
}

/** Kernel and device trees: reading there can block forever (/proc/kmsg, /dev/tty) or never end (/dev/zero). */
const SPECIAL_TREES = ['/proc', '/sys', '/dev'];
const inSpecialTree = (p: string) => SPECIAL_TREES.some((d) => p === d || p.startsWith(`${d}/`));
/** Giving up on a read that takes longer than this (a regular file is read in milliseconds). */
const READ_MS = 5000;
const { O_RDONLY, O_NONBLOCK = 0, O_NOCTTY = 0 } = fs.constants;

/** Where an open descriptor really is (symlinks resolved, on Linux race-free), or the resolved path. */
function realPathOf(fd: number, p: string): string {
  try { return fs.readlinkSync(`/proc/self/fd/${fd}`); } catch { return fs.realpathSync(p); }
}

/** Reads an open regular file to its end: undefined past `maxBytes` or past READ_MS. */
function readBounded(fd: number, size: number, maxBytes: number): Buffer | undefined {
  const deadline = Date.now() + READ_MS;
  let buf = Buffer.allocUnsafe(Math.min(size, maxBytes) + 1);
  let len = 0;
  for (;;) {
    if (len === buf.length) {
      const bigger = Buffer.allocUnsafe(Math.min(buf.length * 2, maxBytes + 1));
      buf.copy(bigger, 0, 0, len);
      buf = bigger;
    }
    const n = fs.readSync(fd, buf, len, buf.length - len, null);
    if (n === 0) return buf.subarray(0, len);
    len += n;
    if (len > maxBytes || Date.now() > deadline) return undefined;
  }
}

/** Reads a regular file of the disk safely (see the top of this file), or undefined. */
export function readRegularFile(p: string, maxBytes: number): string | undefined {
  let fd: number | undefined;
  try {
    if (inSpecialTree(path.resolve(p))) return undefined;
    const st = fs.statSync(p);
    if (!st.isFile() || st.size > maxBytes) return undefined;
    // O_NONBLOCK: opening a FIFO that appeared since the stat does not wait for a writer.
    fd = fs.openSync(p, O_RDONLY | O_NONBLOCK | O_NOCTTY);
    const fst = fs.fstatSync(fd);
    if (!fst.isFile() || fst.size > maxBytes || inSpecialTree(realPathOf(fd, p))) return undefined;
    return readBounded(fd, fst.size, maxBytes)?.toString('utf8');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) try { fs.closeSync(fd); } catch { /* nothing to do */ }
  }
}

/** Reads the real disk. A read of more than `maxBytes` is treated as unreadable. */
export function diskWorkspace(maxBytes = 64 * 1024 * 1024): WorkspaceView {
  return {
    readFile: (p) => readRegularFile(p, maxBytes),
    listDir(p) {
      try { return fs.readdirSync(p); } catch { return undefined; }
    },
    mtime(p) {
      try { return fs.statSync(p).mtimeMs; } catch { return undefined; }
    },
    mode(p) {
      try { return fs.statSync(p).mode & 0o7777; } catch { return undefined; }
    },
    stamp(p) {
      try {
        const st = fs.statSync(p);
        return st.isFile() ? `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}` : undefined;
      } catch { return undefined; }
    },
  };
}

/**
 * Keeps what `base` read while the file's stamp is unchanged, so a big included file is read
 * once, not on every keystroke. At most `maxChars` characters are kept (oldest dropped first).
 */
export function cachedWorkspace(base: WorkspaceView, maxChars = 128 * 1024 * 1024): WorkspaceView {
  const cache = new Map<string, { stamp: string; text: string }>();
  let total = 0;
  const drop = (p: string) => { const e = cache.get(p); if (e) { total -= e.text.length; cache.delete(p); } };
  return {
    readFile(p) {
      const stamp = base.stamp?.(p);
      if (stamp === undefined) { drop(p); return base.readFile(p); }
      const hit = cache.get(p);
      drop(p);
      if (hit && hit.stamp === stamp) { cache.set(p, hit); total += hit.text.length; return hit.text; }
      const text = base.readFile(p);
      if (text === undefined || text.length > maxChars) return text;
      cache.set(p, { stamp, text });
      total += text.length;
      for (const k of cache.keys()) { if (total <= maxChars) break; drop(k); }
      return text;
    },
    listDir: (p) => base.listDir(p),
    mtime: (p) => base.mtime(p),
    mode: (p) => base.mode?.(p),
    stamp: (p) => base.stamp?.(p),
  };
}

/**
 * Reads only below `roots()` (directories; undefined = everywhere): what an untrusted
 * workspace may read. Paths are resolved (`..`, symlinks) before they are compared.
 */
export function restrictedWorkspace(base: WorkspaceView, roots: () => string[] | undefined): WorkspaceView {
  const allowed = (p: string) => {
    const r = roots();
    if (!r) return true;
    let real: string;
    try { real = fs.realpathSync(path.resolve(p)); } catch { real = path.resolve(p); }
    return r.some((d) => real === d || real.startsWith(d.endsWith('/') ? d : `${d}/`));
  };
  return {
    readFile: (p) => (allowed(p) ? base.readFile(p) : undefined),
    listDir: (p) => (allowed(p) ? base.listDir(p) : undefined),
    mtime: (p) => (allowed(p) ? base.mtime(p) : undefined),
    mode: (p) => (allowed(p) ? base.mode?.(p) : undefined),
    stamp: (p) => (allowed(p) ? base.stamp?.(p) : undefined),
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
