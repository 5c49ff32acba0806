// Finds the sendmail files to check under the paths given on the command line, and reads
// standard input when a path is `-`. Each directory and each file is visited once (by
// device and inode): symlink loops end, a file reached by two names is checked under the
// first, and a symlink to a directory outside the tree is followed the first time it is met.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { languageFromPath, looksLikeSendmailMc } from '../service/languages';
import type { LanguageId } from '../service/types';

export interface FoundFile {
  /** The name results are reported under: the absolute path, or `-` for standard input. */
  path: string;
  /** The absolute path the file is checked as (map files are checked with the sendmail.mc of its directory). */
  at: string;
  languageId: LanguageId;
  text: string;
  /** Read from a file (not standard input): the disk has the same text. */
  onDisk: boolean;
}
export interface Discovery { files: FoundFile[]; problems: string[] }
export interface StdinSource {
  /** --stdin-filename: the name standard input is checked and reported as. */
  name?: string;
  /** Reads all of standard input (tests and the bin pass their own). */
  read?: () => Buffer;
}

const SKIP_DIRS = new Set(['.git', 'node_modules', '.svn', '.hg']);
const MAX_BYTES = 64 * 1024 * 1024;

const errorCode = (e: unknown) => (e as NodeJS.ErrnoException).code ?? 'error';

/** Databases (.db, .cdb) and other binaries are not sources: no text for data with NUL bytes. */
function textOf(buf: Buffer): string | undefined {
  return buf.subarray(0, 8192).includes(0) ? undefined : buf.toString('utf8');
}

/** What a non-regular file is, for the message that says it is not checked. */
function kindOf(st: fs.BigIntStats): string {
  return st.isFIFO() ? 'a FIFO' : st.isCharacterDevice() || st.isBlockDevice() ? 'a device' : st.isSocket() ? 'a socket' : 'not a regular file';
}

/**
 * Reads a file that stat called regular. Opened non-blocking and checked again on the open
 * descriptor, so a file swapped for a FIFO in between can never make the walk wait.
 */
function readRegular(p: string): Buffer | undefined {
  const fd = fs.openSync(p, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  try {
    return fs.fstatSync(fd).isFile() ? fs.readFileSync(fd) : undefined;
  } finally { fs.closeSync(fd); }
}

/** All of standard input, waiting while a non-blocking pipe is empty. */
function readStdin(): Buffer {
  const chunks: Buffer[] = [];
  const buf = Buffer.alloc(65536);
  for (let total = 0; total <= MAX_BYTES;) {
    let n: number;
    try { n = fs.readSync(0, buf, 0, buf.length, null); } catch (e) {
      if (errorCode(e) !== 'EAGAIN') throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
      continue;
    }
    if (n === 0) break;
    chunks.push(Buffer.from(buf.subarray(0, n)));
    total += n;
  }
  return Buffer.concat(chunks);
}

/** Explicitly named files must be readable and recognisable; files found in directories are skipped silently if not. */
export function discover(paths: string[], forced: LanguageId | undefined, stdin: StdinSource = {}): Discovery {
  const out: Discovery = { files: [], problems: [] };
  const seenDirs = new Set<string>(), seenFiles = new Set<string>();
  let stdinRead = false;

  const fromStdin = (): void => {
    if (stdinRead) return; // named twice: it is read (and checked) once
    stdinRead = true;
    const label = stdin.name ?? '-';
    let buf: Buffer;
    try { buf = (stdin.read ?? readStdin)(); } catch (e) { out.problems.push(`${label}: cannot read standard input (${errorCode(e)})`); return; }
    if (buf.length > MAX_BYTES) { out.problems.push(`${label}: larger than 64 MB, not checked`); return; }
    const text = textOf(buf);
    if (text === undefined) { out.problems.push(`${label}: binary data, not a configuration source`); return; }
    const languageId = forced ?? (stdin.name ? languageFromPath(stdin.name, text) : looksLikeSendmailMc(text) ? 'sendmail-mc' : undefined);
    if (!languageId) { out.problems.push(`${label}: say which file standard input is with --lang or --stdin-filename`); return; }
    if (languageId === 'sendmail-cf') return; // generated; edits belong in the .mc
    const at = path.resolve(stdin.name ?? '-');
    out.files.push({ path: stdin.name ? at : '-', at, languageId, text, onDisk: false });
  };

  const visit = (p: string, explicit: boolean): void => {
    if (explicit && p === '-') { fromStdin(); return; }
    let st: fs.BigIntStats;
    try { st = fs.statSync(p, { bigint: true }); } catch (e) {
      out.problems.push(`${p}: cannot read (${errorCode(e)})`);
      return;
    }
    const id = `${st.dev}:${st.ino}`;
    if (st.isDirectory()) {
      if (seenDirs.has(id)) return; // a symlink loop, or a directory already searched under another name
      seenDirs.add(id);
      let names: string[];
      try { names = fs.readdirSync(p).sort(); } catch (e) {
        out.problems.push(`${p}: cannot list directory (${errorCode(e)})`);
        return;
      }
      for (const n of names) if (!SKIP_DIRS.has(n)) visit(path.join(p, n), false);
      return;
    }
    // Never opened: reading a FIFO or a device could wait forever or never end.
    if (!st.isFile()) { if (explicit) out.problems.push(`${p}: ${kindOf(st)}, not checked (to check standard input, name it -)`); return; }
    if (seenFiles.has(id)) return;
    if (st.size > MAX_BYTES) { out.problems.push(`${p}: larger than 64 MB, not checked`); return; }
    const byName = forced && explicit ? forced : languageFromPath(p);
    if (!byName && !/\.mc$/.test(p) && !/\.cf$/.test(p)) {
      if (explicit) out.problems.push(`${p}: not a sendmail file I recognise by name; use --lang to say which it is`);
      return;
    }
    let text: string | undefined;
    try {
      const buf = readRegular(p);
      if (!buf) return; // no longer a regular file
      text = textOf(buf);
    } catch (e) {
      out.problems.push(`${p}: cannot read (${errorCode(e)})`);
      return;
    }
    if (text === undefined) { if (explicit) out.problems.push(`${p}: binary file, not a configuration source`); return; }
    const languageId = (forced && explicit ? forced : languageFromPath(p, text));
    if (!languageId) { if (explicit) out.problems.push(`${p}: does not look like a sendmail file; use --lang to say which it is`); return; }
    if (languageId === 'sendmail-cf') return; // generated; edits belong in the .mc
    seenFiles.add(id);
    const at = path.resolve(p);
    out.files.push({ path: at, at, languageId, text, onDisk: true });
  };
  for (const p of paths) visit(p, true);
  return out;
}
