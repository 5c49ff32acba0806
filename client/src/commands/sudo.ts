// Command lines for the sudo fallback: the same work as the in-process command, typed into the
// user's integrated terminal, where the user enters the password (we never see it). The shell
// script is fixed text; all paths go in as positional parameters, each quoted by shellQuote.
import * as path from 'node:path';
import { shellLine } from './shellQuote';
import type { MapPlan } from './mapPlan';
import { databaseFor } from '../../../server/src/service/tables/mapSpec';
import type { M4Plan } from './m4Plan';

/** `sudo sh -c '<script>' sh arg1 arg2 ...` */
export function sudoScript(script: string, args: readonly string[]): string {
  return shellLine(['sudo', 'sh', '-c', script, 'sh', ...args]);
}

/**
 * Rebuild <cf> from the mc as root: m4 into a temp file beside it; install only when m4 exits 0,
 * the output is not empty and there is no *** ERROR; keep the old file as <cf>.bak.
 */
export function sudoRebuildCf(m4: string, plan: M4Plan, cfPath: string): string {
  const m4Args = plan.args.filter((a) => a !== '-');
  const tmp = path.join(path.dirname(cfPath), `.${path.basename(cfPath)}.sudo-new`);
  const script = 'cd "$1" && m4="$2" && tmp="$3" && cf="$4" && shift 4 && '
    + '"$m4" "$@" > "$tmp" 2> "$tmp.err"; st=$?; cat "$tmp.err" >&2; '
    + 'if [ $st -eq 0 ] && [ -s "$tmp" ] && ! grep -q "ERROR" "$tmp.err"; then '
    + '{ [ ! -e "$cf" ] || cp -p "$cf" "$cf.bak"; } && mv -f "$tmp" "$cf" && echo "wrote $cf"; st=$?; '
    + 'else echo "not installed; $cf unchanged"; rm -f "$tmp"; st=1; fi; rm -f "$tmp.err"; exit $st';
  return sudoScript(script, [plan.cwd, m4, tmp, cfPath, ...m4Args]);
}

/** Rebuild a map as root: makemap into a temp database, then rename over the real one. */
export function sudoRebuildMap(makemap: string, plan: MapPlan): string {
  const tmpBase = path.join(path.dirname(plan.source), `.${path.basename(plan.source)}.sudo-new`);
  const script = 'src="$1" db="$2" tmpdb="$3" makemap="$4"; shift 4; '
    + '"$makemap" "$@" < "$src" && { [ ! -e "$db" ] || cp -p "$db" "$db.bak"; } && mv -f "$tmpdb" "$db" && echo "installed $db" '
    + '|| { rm -f "$tmpdb"; echo "not installed; $db unchanged"; exit 1; }';
  return sudoScript(script, [plan.source, plan.database, databaseFor(plan.type, tmpBase), makemap, ...plan.makemapFlags, plan.type, tmpBase]);
}

export function sudoMake(make: string, dir: string): string { return shellLine(['sudo', make, '-C', dir]); }
