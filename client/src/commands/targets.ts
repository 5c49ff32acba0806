// Which files a command is about, from the path it was given (a file, or a folder): the mc
// itself or the one beside it, and the folder of the configuration. Plain Node, shared by the
// VS Code commands and the language server's workspace/executeCommand.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { diskWorkspace } from '../../../server/src/service/workspace';
import { findMcPath } from '../../../server/src/service/mc/config';

const isDir = (p: string) => { try { return fs.statSync(p).isDirectory(); } catch { return false; } };

/** The mc a command is about: the file itself if it is one, else the mc beside the file (or in the folder). */
export function mcFor(p: string | undefined): string | undefined {
  if (!p) return undefined;
  if (p.endsWith('.mc')) return p;
  return findMcPath(diskWorkspace(), isDir(p) ? p : path.dirname(p));
}

/** The folder of the configuration a file belongs to (the folder itself when given one); /etc/mail by default. */
export function dirFor(p: string | undefined): string {
  if (!p) return '/etc/mail';
  return isDir(p) ? p : path.dirname(p);
}

/** A file: URI or an absolute path as a path; anything else (other schemes, relative paths) undefined. */
export function pathFromArgument(arg: unknown): string | undefined {
  if (typeof arg !== 'string' || !arg) return undefined;
  if (arg.startsWith('file:')) { try { return fileURLToPath(arg); } catch { return undefined; } }
  return path.isAbsolute(arg) ? arg : undefined;
}
