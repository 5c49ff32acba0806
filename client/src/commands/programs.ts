// Program paths the commands use. Each comes from a machine-scoped setting (a workspace
// must not be able to point them at its own scripts); empty means the usual location.
import * as fs from 'node:fs';

export interface ProgramPaths {
  m4: string;
  sendmail: string;
  makemap: string;
  make: string;
}

export const DEFAULT_PROGRAMS: ProgramPaths = { m4: 'm4', sendmail: '/usr/sbin/sendmail', makemap: '/usr/sbin/makemap', make: 'make' };

/** True when `p` may be executed by us. */
export const executable = (p: string): boolean => { try { fs.accessSync(p, fs.constants.X_OK); return true; } catch { return false; } };

/** Fills empty entries with the defaults; sendmail/makemap also tried in /usr/lib and /usr/bin. */
export function resolvePrograms(given: Partial<ProgramPaths> = {}): ProgramPaths {
  const pick = (name: keyof ProgramPaths, fallbacks: string[]) => {
    const v = given[name]?.trim();
    if (v) return v;
    return fallbacks.find(executable) ?? DEFAULT_PROGRAMS[name];
  };
  return {
    m4: pick('m4', []),
    sendmail: pick('sendmail', ['/usr/sbin/sendmail', '/usr/lib/sendmail']),
    makemap: pick('makemap', ['/usr/sbin/makemap', '/usr/bin/makemap']),
    make: pick('make', []),
  };
}
