// Decides how to run m4 for a sendmail.mc, the way sendmail's own build does it:
//  - the mc includes cf.m4 by a path that exists (Debian: /usr/share/sendmail/cf/m4/cf.m4):
//    `m4 sendmail.mc` in the mc's directory; cf.m4 finds its tree from its own path;
//  - otherwise (a relative include that does not resolve here, or no include at all) use the
//    sendmail-cf tree (setting, or a usual location): `m4 -D_CF_DIR_=<cf>/ <cf>/m4/cf.m4 sendmail.mc`,
//    as the distribution's cf/cf/Makefile does (cf.m4 may safely be included twice).
// A one-line prelude on stdin makes m4's errprint say where it was called (file:line),
// so cf.m4's `*** ERROR` messages land on the mc line that caused them. It writes nothing
// to stdout, so the generated sendmail.cf is the same as with plain m4.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const USUAL_CF_DIRS = ['/usr/share/sendmail/cf', '/usr/share/sendmail-cf', '/usr/lib/mail', '/usr/share/sendmail'];

export const ERRPRINT_PRELUDE = "define(`errprint', `builtin(`errprint', __file__:__line__: $@)')dnl\n";

export interface M4Plan {
  cwd: string;
  args: string[];
  /** The cf tree used (for messages), if known. */
  cfDir?: string;
  /** How the cf tree was found, for the log. */
  how: string;
}

const isCfTree = (dir: string) => fs.existsSync(path.join(dir, 'm4', 'cf.m4'));

/** The include(`.../cf.m4') argument of an mc text, if any (comments after dnl ignored). */
export function cfIncludeOf(mcText: string): string | undefined {
  for (const raw of mcText.split('\n')) {
    const line = raw.replace(/\bdnl\b.*$/, '');
    const m = /\binclude\(\s*`?([^'`)]*\bcf\.m4)'?\s*\)/.exec(line);
    if (m) return m[1];
  }
  return undefined;
}

export function findCfDir(setting: string | undefined): string | undefined {
  if (setting && setting.trim()) return setting.trim().replace(/\/+$/, '');
  return USUAL_CF_DIRS.find(isCfTree);
}

export function planM4(mcPath: string, mcText: string, cfDirSetting?: string): M4Plan {
  const cwd = path.dirname(mcPath);
  const mc = path.basename(mcPath);
  const include = cfIncludeOf(mcText);
  const setting = cfDirSetting?.trim() ? cfDirSetting.trim().replace(/\/+$/, '') : undefined;
  if (include && !setting) {
    const resolved = path.resolve(cwd, include);
    if (fs.existsSync(resolved)) {
      return { cwd, args: ['-', mc], cfDir: path.dirname(path.dirname(resolved)), how: `cf.m4 from the mc's include (${include})` };
    }
  }
  const cfDir = findCfDir(setting);
  if (!cfDir) return { cwd, args: ['-', mc], how: 'no sendmail-cf tree found (set sendmail.cfDirectory)' };
  return {
    cwd,
    args: [`-D_CF_DIR_=${cfDir}/`, '-', path.join(cfDir, 'm4', 'cf.m4'), mc],
    cfDir,
    how: setting ? `sendmail.cfDirectory setting (${cfDir})` : `installed sendmail-cf at ${cfDir}`,
  };
}
