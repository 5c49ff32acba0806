// `sendmail-lint route ADDRESS`: where does mail for this address go? The same answer as the
// editor's Test route (client/src/commands/routeCommand.ts): sendmail -bt on a cf generated from
// the folder's sendmail.mc when sendmail and m4 can be run, else the built-in model, labelled
// as such. The exit status tells the kind of route apart, so scripts and CI jobs can assert it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { routeAddress, type RouteReport } from '../../../client/src/commands/routeCommand';
import { addressProblem } from '../../../client/src/commands/address';
import { resolvePrograms } from '../../../client/src/commands/programs';
import { diskWorkspace, type WorkspaceView } from '../service/workspace';
import type { Io } from './main';
import { UNKNOWN, walkArgs } from './argWalk';

/** Exit statuses: chosen apart from lint's 1 (problems) and 2 (usage). */
export const ROUTE_EXIT = { local: 0, relayed: 10, rejected: 20, expectFailed: 1, usage: 2 } as const;

export const ROUTE_USAGE = `Usage: sendmail-lint route [options] ADDRESS

Tells where sendmail sends mail for ADDRESS with the configuration in a folder: the mailer,
host and port, whether MX records are looked up, and the map line that decided. Asks
sendmail itself (sendmail -bt, on a sendmail.cf that m4 generates from the folder's
sendmail.mc in a temporary file, else the folder's sendmail.cf); when sendmail cannot be
run, a built-in model of sendmail's rules answers and says so. Nothing is written.

Options:
  --config-dir DIR     folder of sendmail.mc / sendmail.cf and the maps (default /etc/mail)
  --format text|json   output format (default: text)
  --model              answer with the model only (runs neither m4 nor sendmail)
  --installed-at DIR   the folder is a copy of what is installed at DIR (a configuration
                       repository in CI): files the mc names under DIR are read from the
                       folder; implies --model (sendmail would read the installed files)
  --expect-host HOST   exit 1 unless the mail goes to HOST, written as sendmail writes it
                       (e.g. [gw.partner.example])
  --sendmail PATH      the sendmail program (default /usr/sbin/sendmail)
  --m4 PATH            the m4 program (default m4 on PATH)
  --cf-dir DIR         installed sendmail-cf directory (default: auto-detect)
  -v, --verbose        also print the model's steps and sendmail's rule trace
  -h, --help           show this help

Exit status: 0 delivered on this machine, 10 sent on to another host (including local
users that MAIL_HUB, LOCAL_RELAY or LUSER_RELAY forward), 20 refused (error or discard
mailer), 1 --expect-host did not match, 2 usage error or no configuration in the folder.`;

interface RouteArgs {
  address?: string;
  configDir: string;
  format: 'text' | 'json';
  model: boolean;
  installedAt?: string;
  expectHost?: string;
  sendmail?: string;
  m4?: string;
  cfDirectory?: string;
  verbose: boolean;
  help: boolean;
}

export function parseRouteArgs(argv: string[]): RouteArgs | string {
  const a: RouteArgs = { configDir: '/etc/mail', format: 'text', model: false, verbose: false, help: false };
  const error = walkArgs(argv, (flag, value) => {
    switch (flag) {
      case '-h': case '--help': a.help = true; break;
      case '-v': case '--verbose': a.verbose = true; break;
      case '--model': a.model = true; break;
      case '--format': {
        const v = value();
        if (v !== 'text' && v !== 'json') return `--format must be text or json (got ${v ?? 'nothing'})`;
        a.format = v;
        break;
      }
      case '--config-dir': case '--expect-host': case '--sendmail': case '--m4': case '--cf-dir': case '--installed-at': {
        const v = value();
        if (!v) return `${flag} needs a value`;
        if (flag === '--config-dir') a.configDir = v;
        else if (flag === '--installed-at') { if (!v.startsWith('/')) return '--installed-at needs an absolute path'; a.installedAt = v; a.model = true; }
        else if (flag === '--expect-host') a.expectHost = v;
        else if (flag === '--sendmail') a.sendmail = v;
        else if (flag === '--m4') a.m4 = v;
        else a.cfDirectory = v;
        break;
      }
      default: return UNKNOWN;
    }
    return undefined;
  }, (arg) => { if (a.address !== undefined) return 'give one address'; a.address = arg; return undefined; });
  if (error) return error;
  return a;
}

/** The disk, with the files under `installed` read from `dir` instead (a repository copy of them). */
export function relocated(dir: string, installed: string): WorkspaceView {
  const disk = diskWorkspace();
  const base = installed.replace(/\/+$/, '');
  const at = (p: string) => (p === base || p.startsWith(`${base}/`) ? path.join(dir, p.slice(base.length)) : p);
  return {
    readFile: (p) => disk.readFile(at(p)), listDir: (p) => disk.listDir(at(p)), mtime: (p) => disk.mtime(at(p)),
    mode: disk.mode && ((p) => disk.mode?.(at(p))), stamp: disk.stamp && ((p) => disk.stamp?.(at(p))),
  };
}

/** Where the mail finally goes: the forwarding host for a local user that ruleset 5 sends on. */
const destination = (r: RouteReport) => r.route.afterAliases?.host ?? r.route.host;

function text(r: RouteReport, verbose: boolean): string {
  const x = r.route;
  const hop = x.afterAliases ?? x;
  const lines = [r.summary];
  const row = (k: string, v: string | undefined) => { if (v !== undefined && v !== '') lines.push(`  ${k.padEnd(9)}${v}`); };
  row('answer:', r.answeredBy === 'sendmail' ? `sendmail -bt (${r.generated ? 'on a sendmail.cf generated from the sendmail.mc' : r.cfPath})` : `the model; ${r.sendmail.error === 'not asked (model only)' ? 'sendmail was not asked (--model)' : r.sendmail.error}`);
  row('route:', `${r.verdict === 'local' ? 'delivered on this machine' : r.verdict === 'relayed' ? 'sent on to another host' : 'refused'} (exit ${ROUTE_EXIT[r.verdict]})`);
  row('mailer:', hop.mailer);
  if (r.verdict === 'rejected') { row('status:', hop.host); row('message:', hop.user); } else {
    row('host:', hop.host);
    row('port:', hop.port === undefined ? undefined : String(hop.port));
    row('MX:', hop.mailer === 'local' || hop.mailer === 'prog' ? undefined : hop.mx ? 'looked up for that host' : 'no lookup (the host is used as written)');
    row('user:', hop.user);
  }
  if (r.decidedBy) row('decided:', `${r.decidedBy.file}:${r.decidedBy.line + 1}: ${(r.decidedBy.text ?? r.decidedBy.key).replace(/\s+/g, ' ')}`);
  for (const d of r.disagreements) row('differs:', d);
  const details = verbose ? r.details : r.details.filter((d) => d.startsWith('  hint:'));
  return `${lines.join('\n')}\n${details.map((d) => `${d}\n`).join('')}`;
}

function json(r: RouteReport): string {
  const d = r.decidedBy;
  return JSON.stringify({
    address: r.address, answeredBy: r.answeredBy, verdict: r.verdict, exitStatus: ROUTE_EXIT[r.verdict],
    mailer: r.route.mailer, host: r.route.host ?? null, port: r.route.port ?? null, mx: r.route.mx, user: r.route.user,
    afterAliases: r.route.afterAliases ?? null,
    decidedBy: d ? { map: d.map, file: d.file, line: d.line + 1, key: d.key, text: d.text ?? null } : null,
    summary: r.summary, disagreements: r.disagreements,
    sendmailError: r.answeredBy === 'model' ? r.sendmail.error ?? null : null,
    cf: r.cfPath ? { path: r.cfPath, generated: r.generated } : null,
  }, null, 2) + '\n';
}

/** Runs `sendmail-lint route ...`; resolves with the exit status. */
export async function route(argv: string[], io: Io): Promise<number> {
  const args = parseRouteArgs(argv);
  if (typeof args === 'string') { io.stderr(`sendmail-lint route: ${args}\n\n${ROUTE_USAGE}\n`); return ROUTE_EXIT.usage; }
  if (args.help) { io.stdout(ROUTE_USAGE + '\n'); return 0; }
  if (args.address === undefined) { io.stderr(`sendmail-lint route: which address?\n\n${ROUTE_USAGE}\n`); return ROUTE_EXIT.usage; }
  const refused = addressProblem(args.address);
  if (refused) { io.stderr(`sendmail-lint route: address refused: ${refused}\n`); return ROUTE_EXIT.usage; }
  const dir = path.resolve(args.configDir);
  const names = (() => { try { return fs.readdirSync(dir); } catch { return undefined; } })();
  if (!names) { io.stderr(`sendmail-lint route: cannot read the folder ${dir}\n`); return ROUTE_EXIT.usage; }
  if (!names.some((n) => n.endsWith('.mc') || n === 'sendmail.cf')) { io.stderr(`sendmail-lint route: no sendmail.mc or sendmail.cf in ${dir} (use --config-dir)\n`); return ROUTE_EXIT.usage; }
  const programs = resolvePrograms({ sendmail: args.sendmail, m4: args.m4 });
  const ws = args.installedAt ? relocated(dir, args.installedAt) : undefined;
  const r = await routeAddress(dir, args.address, { m4: programs.m4, sendmail: programs.sendmail, cfDirectory: args.cfDirectory, modelOnly: args.model, ws });
  io.stdout(args.format === 'json' ? json(r) : text(r, args.verbose));
  if (args.expectHost !== undefined && (destination(r) ?? '').toLowerCase() !== args.expectHost.toLowerCase()) {
    io.stderr(`sendmail-lint route: mail for ${args.address} goes to ${destination(r) ?? `no host (mailer ${r.route.mailer})`}, not ${args.expectHost}\n`);
    return ROUTE_EXIT.expectFailed;
  }
  return ROUTE_EXIT[r.verdict];
}
