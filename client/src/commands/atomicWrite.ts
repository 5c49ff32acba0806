// Replaces a file so that readers (sendmail, a reload) only ever see the old or the new
// complete file: write a temp file (created 0600) in the target's directory, check that every
// byte is there (a full file system fails clearly instead of leaving a truncated file), give it
// the target's mode and owner through the open descriptor, fsync, rename it over the target,
// fsync the directory. The previous content is first kept as `<target>.bak` (same checks, same
// mode and owner). A symlinked target is written through to the file it points to. If
// anything fails before the rename, the target (and any .bak) is untouched.
// Also: why a target cannot be replaced (read-only file system vs. permissions), and removal
// of the stale temp files a killed rebuild left behind.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';

type Log = (line: string) => void;

/** A temp name beside `target` (same file system, so rename is atomic). Hidden, unique. */
export function tempPathFor(target: string, suffix = ''): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}${suffix}`);
}

export function backupPathFor(target: string): string { return `${target}.bak`; }

function errorWithCode(message: string, code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code });
}

/**
 * The file that replacing `target` really replaces: `target` itself, or the final file a
 * symlinked `target` points to (so the link stays a link). Throws a clear error for a
 * dangling or looping link.
 */
export function resolveTarget(target: string): string {
  let st: fs.Stats;
  try { st = fs.lstatSync(target); } catch { return target; }
  if (!st.isSymbolicLink()) return target;
  try { return fs.realpathSync(target); } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw errorWithCode(`${target} is a symbolic link that loops`, 'ELOOP');
    if (code === 'ENOENT') throw errorWithCode(`${target} is a symbolic link to ${fs.readlinkSync(target)}, which does not exist`, 'ENOENT');
    throw e;
  }
}

/** Why we cannot create/replace `target` (its directory and the file, if it exists, must be writable). `readOnly`: no sudo can help. */
export interface ReplaceProblem { reason: string; notWritable?: boolean; readOnly?: boolean }

export function replaceProblem(target: string): ReplaceProblem | undefined {
  let real: string;
  try { real = resolveTarget(target); } catch (e) { return { reason: (e as Error).message }; }
  try {
    fs.accessSync(path.dirname(real), fs.constants.W_OK | fs.constants.X_OK);
    if (fs.existsSync(real)) fs.accessSync(real, fs.constants.W_OK);
    return undefined;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EROFS') return { reason: `${target} is on a read-only file system`, readOnly: true };
    if (code === 'EACCES' || code === 'EPERM') return { reason: `${target} is not writable by this user`, notWritable: true };
    return { reason: `cannot replace ${target}: ${(e as Error).message}` };
  }
}

/** A failed replace in the user's words (`doing`: "could not write /etc/mail/sendmail.cf"), and whether sudo could help. */
export function replaceFailure(err: NodeJS.ErrnoException, doing: string): ReplaceProblem {
  if (err.code === 'EROFS') return { reason: `${doing}: it is on a read-only file system`, readOnly: true };
  if (err.code === 'ENOSPC' || err.code === 'EDQUOT') return { reason: err.message };
  return { reason: `${doing}: ${err.message}`, notWritable: err.code === 'EACCES' || err.code === 'EPERM' };
}

function fsyncDir(dir: string): void {
  try { const fd = fs.openSync(dir, 'r'); try { fs.fsyncSync(fd); } finally { fs.closeSync(fd); } } catch { /* not supported everywhere */ }
}

/** Reads `fd` in 1 MB chunks from the start; stops at end of file. */
function* chunksOf(fd: number): Generator<Buffer> {
  const buf = Buffer.alloc(1 << 20);
  for (let pos = 0, n: number; (n = fs.readSync(fd, buf, 0, buf.length, pos)) > 0; pos += n) yield buf.subarray(0, n);
}

/** Gives the open `fd` the mode and (when we are root) the owner of `like`, or `mode` when there is no `like`. */
function setOwnership(fd: number, like: fs.Stats | undefined, mode: number): void {
  if (like && process.getuid?.() === 0) fs.fchownSync(fd, like.uid, like.gid);
  fs.fchmodSync(fd, like ? like.mode & 0o7777 : mode);
}

/**
 * Creates `file` (0600, must not exist) and writes all `total` bytes of `chunks` (writeSync may
 * write less than asked: loop), checks the size with fstat, sets mode/owner, fsyncs. Removes it
 * on failure; a full file system (ENOSPC, EDQUOT) becomes "the file system of <dir> is full:
 * wrote N of M bytes[ of <what>]; <name> unchanged".
 */
function writeNew(file: string, chunks: Iterable<Buffer>, total: number, like: fs.Stats | undefined, mode: number, name: string, what = ''): void {
  let fd: number | undefined;
  let done = 0;
  const full = (code = 'ENOSPC'): never => {
    throw errorWithCode(`the file system of ${path.dirname(file)} is full: wrote ${done} of ${total} bytes${what}; ${name} unchanged`, code);
  };
  try {
    fd = fs.openSync(file, 'wx', 0o600);
    for (const chunk of chunks) {
      for (let off = 0; off < chunk.length;) {
        const n = fs.writeSync(fd, chunk, off, chunk.length - off);
        if (n <= 0) full();
        off += n; done += n;
      }
    }
    const size = fs.fstatSync(fd).size;
    if (done !== total) throw new Error(`${name} changed while it was being copied; it is unchanged`);
    if (size !== total) { done = size; full(); }
    setOwnership(fd, like, mode);
    fs.fsyncSync(fd);
    fs.closeSync(fd); fd = undefined;
  } catch (e) {
    if (fd !== undefined) try { fs.closeSync(fd); } catch { /* ignore */ }
    fs.rmSync(file, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC' || code === 'EDQUOT') {
      if (/ is full: wrote /.test((e as Error).message)) throw e;
      full(code);
    }
    throw e;
  }
}

/** Copies the current (real) target to `<target>.bak`, itself atomically, keeping its mode and owner. Returns the backup path. */
function backupExisting(real: string): string {
  const bak = backupPathFor(real);
  const tmp = tempPathFor(bak);
  const fd = fs.openSync(real, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
  try {
    const st = fs.fstatSync(fd);
    writeNew(tmp, chunksOf(fd), st.size, st, st.mode & 0o7777, path.basename(real), ` of the backup ${path.basename(bak)}`);
  } finally { fs.closeSync(fd); }
  try { fs.renameSync(tmp, bak); } catch (e) { fs.rmSync(tmp, { force: true }); throw e; }
  return bak;
}

function statIfExists(file: string): fs.Stats | undefined {
  try { return fs.statSync(file); } catch (e) { if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined; throw e; }
}

export interface ReplaceResult {
  /** The file really replaced (a symlinked target's final file). */
  target: string;
  backup?: string;
}

/** Writes `data` to `target` atomically, keeping the old file as `<target>.bak`. Throws on failure (target unchanged). */
export function atomicWrite(target: string, data: string | Buffer, mode = 0o644): ReplaceResult {
  const real = resolveTarget(target);
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const tmp = tempPathFor(real);
  const before = statIfExists(real);
  writeNew(tmp, [bytes], bytes.length, before, mode, path.basename(target));
  try {
    const backup = before ? backupExisting(real) : undefined;
    fs.renameSync(tmp, real);
    fsyncDir(path.dirname(real));
    return { target: real, backup };
  } catch (e) { fs.rmSync(tmp, { force: true }); throw e; }
}

/** Moves an already complete temp file (e.g. one makemap wrote, in the real target's directory) over `target`, keeping a backup. */
export function atomicInstall(tmp: string, target: string): ReplaceResult {
  try {
    const real = resolveTarget(target);
    const before = statIfExists(real);
    const fd = fs.openSync(tmp, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
    try {
      setOwnership(fd, before, fs.fstatSync(fd).mode & 0o7777);
      fs.fsyncSync(fd);
    } finally { fs.closeSync(fd); }
    const backup = before ? backupExisting(real) : undefined;
    fs.renameSync(tmp, real);
    fsyncDir(path.dirname(real));
    return { target: real, backup };
  } catch (e) { fs.rmSync(tmp, { force: true }); throw e; }
}

const STALE_AGE_MS = 3600_000;

function pidRuns(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; }
}

function escapeRe(s: string): string { return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); }

/**
 * Removes the temp files an interrupted rebuild of `target` left in the target's directory:
 * only our own names (`.<name>.tmp-<pid>-<8 hex><suffix>` as tempPathFor makes them, for the
 * target's temp and its .bak's temp), only regular files (never a link, never followed), and
 * only when their pid no longer runs or they are older than an hour. `temp` names the temp of
 * a target written by another program (makemap: `.access.tmp-<pid>-<hex>.db` for access.db).
 * Returns (and logs) what was removed.
 */
export function removeStaleTemps(target: string, log?: Log, temp = { name: path.basename(target), suffix: '' }): string[] {
  const dir = path.dirname(target);
  const patterns = [
    new RegExp(`^\\.${escapeRe(temp.name)}\\.tmp-(\\d+)-[0-9a-f]{8}${escapeRe(temp.suffix)}$`),
    new RegExp(`^\\.${escapeRe(path.basename(backupPathFor(target)))}\\.tmp-(\\d+)-[0-9a-f]{8}$`),
  ];
  let names: string[];
  try { names = fs.readdirSync(dir); } catch { return []; }
  const removed: string[] = [];
  for (const name of names) {
    const pid = patterns.map((re) => re.exec(name)).find(Boolean)?.[1];
    if (!pid) continue;
    const file = path.join(dir, name);
    try {
      const st = fs.lstatSync(file);
      if (!st.isFile()) continue;
      if (pidRuns(Number(pid)) && Date.now() - st.mtimeMs < STALE_AGE_MS) continue;
      fs.unlinkSync(file);
      removed.push(file);
      log?.(`removed a stale temp file of an interrupted rebuild: ${file}`);
    } catch { /* gone meanwhile, or not ours to remove */ }
  }
  return removed;
}
