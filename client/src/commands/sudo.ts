// The sudo fallback: the same work as the in-process command, run as root in an integrated
// terminal where the user enters the password (we never see it). Nothing is typed into a shell:
// the terminal starts on an argument vector (sudo, then `sh -c '<fixed script>' sh <paths...>`),
// so no line editor or shell syntax ever sees a path. The root scripts use only fresh private
// temp names (mktemp -d beside the target), never follow a link at a temp or backup name,
// keep the target's mode and owner, keep the old file as <target>.bak and install only on success.
import * as path from 'node:path';
import { shellLine } from './shellQuote';
import type { MapPlan } from './mapPlan';
import { databaseFor } from '../../../server/src/service/tables/mapSpec';
import type { M4Plan } from './m4Plan';
import { executable } from './programs';

export interface SudoCommand {
  /** The sudo program; `args` follow it (an argument vector, never a shell line). */
  command: string;
  args: string[];
  /** The same as a shell-quoted line, for the log only. */
  display: string;
}


/** /usr/bin/sudo, else sudo on PATH; undefined when there is none. */
export function findSudo(exists: (p: string) => boolean = executable, PATH = process.env.PATH ?? ''): string | undefined {
  return ['/usr/bin/sudo', ...PATH.split(':').filter((d) => path.isAbsolute(d)).map((d) => path.join(d, 'sudo'))].find(exists);
}

/** `sudo -- program args...` (`--`: nothing after it is an option of sudo's). */
export function sudoRun(sudo: string, program: string, args: readonly string[]): SudoCommand {
  const all = ['--', program, ...args];
  return { command: sudo, args: all, display: shellLine([sudo, ...all]) };
}

/** `sudo sh -c '<script>' sh params...`: the script is fixed text, every path a positional parameter. */
function sudoSh(sudo: string, script: string[], params: readonly string[]): SudoCommand {
  return sudoRun(sudo, 'sh', ['-c', script.join('; '), 'sh', ...params]);
}

/**
 * Given $target: write through a link to its real file ($real), refuse what is not a regular
 * file, and work in a fresh private directory beside $real (same file system, so the final
 * rename is atomic), removed on every exit, a closed terminal (HUP) included. The scripts then
 * use names relative to it (the shell holds it as its working directory).
 */
const PREPARE = [
  'if [ -L "$target" ] && [ ! -e "$target" ]; then echo "$target is a link to a missing file; nothing was changed." >&2; exit 1; fi',
  'real=$(readlink -f -- "$target") || { echo "Cannot resolve $target; nothing was changed." >&2; exit 1; }',
  'if [ -e "$real" ] && [ ! -f "$real" ]; then echo "$real is not a regular file; nothing was changed." >&2; exit 1; fi',
  'work=$(mktemp -d -- "${real%/*}/.${real##*/}.XXXXXXXX") || exit 1',
  `trap 'cd / && rm -rf -- "$work"' EXIT`,
  "trap 'exit 1' HUP INT TERM",
  'cd -- "$work" || exit 1',
];

/**
 * Installs new (in $work) as $real: it gets $real's mode and owner, $real itself becomes $real.bak
 * (a hard link, or a copy, made in $work and renamed over whatever $real.bak was), then new is
 * renamed over $real. Renames replace links; nothing here opens a file by a name others choose.
 */
const INSTALL = [
  'if [ -e "$real" ]; then { chown --reference="$real" -- new && chmod --reference="$real" -- new'
    + ' && { ln -- "$real" bak 2>/dev/null || cp -p -- "$real" bak; } && mv -fT -- bak "$real.bak"; }'
    + ' || { echo "Could not keep $real.bak; $real was not changed." >&2; exit 1; }; fi',
  'sync -- new 2>/dev/null',
  'mv -fT -- new "$real" || { echo "Could not replace $real." >&2; exit 1; }',
];

/**
 * Rebuild <cf> from the mc as root: m4 (in the mc's directory) into the private directory;
 * install only when m4 exits 0, the output is not empty and there is no *** ERROR.
 */
export function sudoRebuildCf(sudo: string, m4: string, plan: M4Plan, cfPath: string): SudoCommand {
  const script = [
    'mcdir=$1 m4=$2 target=$3', 'shift 3', ...PREPARE,
    '(cd -- "$mcdir" && exec "$m4" "$@") > new 2> err', 'st=$?', 'cat -- err >&2',
    `if [ "$st" -ne 0 ] || [ ! -s new ] || grep -q '[*][*][*] ERROR' err; then echo "m4 failed; $real was not changed." >&2; exit 1; fi`,
    '[ -e "$real" ] || chmod 644 -- new', ...INSTALL,
    'echo "Wrote $real; the previous version (if any) is kept as $real.bak."',
  ];
  return sudoSh(sudo, script, [path.resolve(plan.cwd), m4, path.resolve(cfPath), ...plan.args.filter((a) => a !== '-')]);
}

/** Rebuild a map as root: makemap writes map<ext> in the private directory, which is then installed as the database. */
export function sudoRebuildMap(sudo: string, makemap: string, plan: MapPlan): SudoCommand {
  const script = [
    'src=$1 target=$2 makemap=$3 ext=$4', 'shift 4', ...PREPARE,
    '"$makemap" "$@" map < "$src"', 'st=$?',
    'if [ "$st" -ne 0 ] || [ ! -f "map$ext" ]; then echo "makemap failed; $real was not changed." >&2; exit 1; fi',
    'mv -fT -- "map$ext" new', ...INSTALL,
    'echo "Installed $real; the previous database (if any) is kept as $real.bak."',
  ];
  return sudoSh(sudo, script, [path.resolve(plan.source), path.resolve(plan.database), makemap, databaseFor(plan.type, ''), ...plan.makemapFlags, plan.type]);
}

export function sudoMake(sudo: string, make: string, dir: string): SudoCommand { return sudoRun(sudo, make, ['-C', dir]); }

/** Defence in depth: no argument may hold a control character (U+0000-U+001F, U+007F). */
export function controlCharacterProblem(cmd: SudoCommand): string | undefined {
  const bad = [cmd.command, ...cmd.args].find((a) => /[\x00-\x1f\x7f]/.test(a));
  return bad === undefined ? undefined : `${JSON.stringify(bad)} contains a control character, so it is not run under sudo`;
}

/**
 * What the terminal runs: a fixed non-root sh that runs the sudo command, says how it ended and
 * waits for Enter (VS Code closes a terminal whose process exits, output and all).
 */
export function terminalOptions(cmd: SudoCommand): { shellPath: string; shellArgs: string[] } {
  const hold = '"$@"; st=$?; echo; if [ "$st" -eq 0 ]; then echo "Finished."; else echo "Failed (exit status $st)."; fi; '
    + 'printf "Press Enter to close this terminal. "; read -r _; exit "$st"';
  return { shellPath: '/bin/sh', shellArgs: ['-c', hold, 'sh', cmd.command, ...cmd.args] };
}
