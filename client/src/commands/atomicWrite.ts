// Replaces a file so that readers (sendmail, a reload) only ever see the old or the new
// complete file: write a temp file in the same directory, fsync it, rename it over the
// target, fsync the directory. The previous content is first kept as `<target>.bak`.
// If anything fails before the rename, the target is untouched.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';

/** A temp name beside `target` (same file system, so rename is atomic). Hidden, unique. */
export function tempPathFor(target: string, suffix = ''): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}${suffix}`);
}

export function backupPathFor(target: string): string { return `${target}.bak`; }

/** True when we may create/replace `target` (its directory is writable, and the file too if it exists). */
export function canReplace(target: string): boolean {
  try {
    fs.accessSync(path.dirname(target), fs.constants.W_OK | fs.constants.X_OK);
    if (fs.existsSync(target)) fs.accessSync(target, fs.constants.W_OK);
    return true;
  } catch { return false; }
}

function fsyncDir(dir: string): void {
  try { const fd = fs.openSync(dir, 'r'); try { fs.fsyncSync(fd); } finally { fs.closeSync(fd); } } catch { /* not supported everywhere */ }
}

/** Copies the current target to `<target>.bak`, itself atomically. Returns the backup path or undefined when there was no file. */
function backupExisting(target: string): string | undefined {
  if (!fs.existsSync(target)) return undefined;
  const bak = backupPathFor(target);
  const tmp = tempPathFor(bak);
  try {
    fs.copyFileSync(target, tmp);
    const st = fs.statSync(target);
    fs.chmodSync(tmp, st.mode & 0o7777);
    fs.renameSync(tmp, bak);
  } catch (e) { fs.rmSync(tmp, { force: true }); throw e; }
  return bak;
}

/** Gives `file` the mode and (when we are root) the owner of `like`, so a rebuilt file keeps its permissions. */
function copyOwnership(like: string, file: string, defaultMode: number): void {
  try {
    const st = fs.statSync(like);
    fs.chmodSync(file, st.mode & 0o7777);
    if (process.getuid?.() === 0) fs.chownSync(file, st.uid, st.gid);
  } catch { fs.chmodSync(file, defaultMode); }
}

export interface ReplaceResult { target: string; backup?: string }

/** Writes `data` to `target` atomically, keeping the old file as `<target>.bak`. Throws on failure (target unchanged). */
export function atomicWrite(target: string, data: string | Buffer, mode = 0o644): ReplaceResult {
  const tmp = tempPathFor(target);
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, 'wx', mode);
    fs.writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fs.fsyncSync(fd);
    fs.closeSync(fd); fd = undefined;
    copyOwnership(target, tmp, mode);
    const backup = backupExisting(target);
    fs.renameSync(tmp, target);
    fsyncDir(path.dirname(target));
    return { target, backup };
  } catch (e) {
    if (fd !== undefined) try { fs.closeSync(fd); } catch { /* ignore */ }
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/** Moves an already complete temp file (e.g. one makemap wrote) over `target`, keeping a backup. */
export function atomicInstall(tmp: string, target: string): ReplaceResult {
  try {
    const fd = fs.openSync(tmp, 'r'); try { fs.fsyncSync(fd); } finally { fs.closeSync(fd); }
    copyOwnership(target, tmp, fs.statSync(tmp).mode & 0o7777);
    const backup = backupExisting(target);
    fs.renameSync(tmp, target);
    fsyncDir(path.dirname(target));
    return { target, backup };
  } catch (e) { fs.rmSync(tmp, { force: true }); throw e; }
}
