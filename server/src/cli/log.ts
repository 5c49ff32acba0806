// `sendmail-lint log`: summarises sendmail's mail log per recipient domain and relay (sent,
// deferred by reason, bounced) with the configuration line that routes each domain. Streams
// every input (plain, gzip-rotated, standard input), so logs of any size are fine.
import type { Readable } from 'node:stream';
import { diskWorkspace } from '../service/workspace';
import { findMcPath } from '../service/mc/config';
import { parseLogLine } from '../service/maillog/parse';
import { routeContext } from '../service/maillog/explainRelay';
import { lineTime, logLines, openLog, parseSince } from './logInput';
import { LogSummary, type RouteReport } from './logSummary';
import type { Io } from './main';
import { UNKNOWN, walkArgs } from './argWalk';

export const LOG_USAGE = `Usage: sendmail-lint log [options] FILE...

Summarises sendmail's mail log: for each recipient domain and relay, the delivery attempts
that were sent, deferred (by reason) and bounced (returned to the sender), and the
configuration line that routes the domain (a mailertable entry, SMART_HOST in sendmail.mc,
or the MX records), as the editor's hover on relay= explains it. Counts are per recipient
and attempt, from the lines with to= and stat=. FILE may be gzip-compressed (mail.log.2.gz);
- reads standard input. Files are read as streams: logs of any size.

Options:
  --since TIME          only lines written at or after TIME: a duration back from now (90m,
                        2h, 3d, 1w) or an ISO date or date-time (2024-01-05, 2024-01-05T10:00,
                        local time unless a zone is given). Classic syslog timestamps have no
                        year: the current year is assumed, or the year before for a date more
                        than a day in the future. Lines without a timestamp are left out.
  --format text|json    output format (default: text)
  --config-dir DIR      the directory of the sendmail.mc that routed the mail (default: /etc/mail)
  -h, --help            show this help

Exit status: 0 the log was read, 2 usage error or an unreadable file (the other files are
still read and reported).`;

export interface LogArgs { files: string[]; format: 'text' | 'json'; since: string | undefined; configDir: string | undefined; help: boolean }

/** Parses the arguments after `log`; returns them or an error message. */
export function parseLogArgs(argv: string[]): LogArgs | string {
  const a: LogArgs = { files: [], format: 'text', since: undefined, configDir: undefined, help: false };
  const error = walkArgs(argv, (flag, value) => {
    switch (flag) {
      case '-h': case '--help': a.help = true; break;
      case '--format': {
        const v = value();
        if (v !== 'text' && v !== 'json') return `--format must be text or json (got ${v ?? 'nothing'})`;
        a.format = v;
        break;
      }
      case '--since': {
        const v = value();
        if (!v) return '--since needs a time (2h, 3d, 2024-01-05T10:00)';
        a.since = v;
        break;
      }
      case '--config-dir': {
        const v = value();
        if (!v) return '--config-dir needs a directory';
        a.configDir = v;
        break;
      }
      default: return UNKNOWN;
    }
    return undefined;
  }, (arg) => { a.files.push(arg); return undefined; });
  if (error) return error;
  if (!a.help && a.files.length === 0) return 'name the log file(s) to read (- for standard input)';
  return a;
}

export interface LogOptions { stdin?: Readable; now?: Date }

/** Runs `sendmail-lint log`; resolves with the exit status. */
export async function logMode(argv: string[], io: Io, o: LogOptions = {}): Promise<number> {
  const usage = (msg: string) => { io.stderr(`sendmail-lint log: ${msg}\n\n${LOG_USAGE}\n`); return 2; };
  const args = parseLogArgs(argv);
  if (typeof args === 'string') return usage(args);
  if (args.help) { io.stdout(LOG_USAGE + '\n'); return 0; }
  const now = o.now ?? new Date();
  const since = args.since === undefined ? undefined : parseSince(args.since, now);
  if (args.since !== undefined && since === undefined) return usage(`--since: not a duration or ISO date/time: ${args.since}`);
  const ws = diskWorkspace();
  const configDir = args.configDir?.replace(/(.)\/+$/, '$1');
  if (configDir !== undefined && !findMcPath(ws, configDir)) return usage(`--config-dir: no sendmail.mc in ${configDir}`);
  if (args.files.filter((f) => f === '-').length > 1) return usage('- (standard input) can be read only once');

  const summary = new LogSummary();
  let problems = 0;
  for (const file of args.files) {
    try {
      for await (const raw of logLines(openLog(file, o.stdin ?? process.stdin))) {
        summary.lines++;
        const l = parseLogLine(raw);
        if (!l) continue;
        const t = l.timestamp ? lineTime(l.timestamp, now) : undefined;
        if (since !== undefined && (t === undefined || t < since)) continue;
        summary.add(raw, l, t);
      }
    } catch (e) {
      problems++;
      io.stderr(`sendmail-lint log: cannot read ${file === '-' ? 'standard input' : file}: ${(e as Error).message}\n`);
    }
  }
  const rc = routeContext(ws, { mailConfigDirectory: configDir });
  const noConfig = `unknown: no sendmail.mc in ${configDir ?? '/etc/mail'} (name its directory with --config-dir)`;
  const routes = summary.report(rc, noConfig);
  const head = { files: args.files, since: since === undefined ? null : new Date(since).toISOString(), configDirectory: rc?.dir ?? null };
  if (args.format === 'json') io.stdout(JSON.stringify({ ...head, lines: summary.lines, sendmailLines: summary.sendmailLines, ...totals(routes), routes }, null, 2) + '\n');
  else io.stdout(textReport(summary, routes, rc?.dir, since));
  return problems ? 2 : 0;
}

function totals(routes: RouteReport[]) {
  const sum = (k: 'sent' | 'deferred' | 'bounced' | 'queued') => routes.reduce((n, r) => n + r[k], 0);
  return { sent: sum('sent'), deferred: sum('deferred'), bounced: sum('bounced'), queued: sum('queued') };
}

/** Deferral reasons shown per group in the text format (JSON has them all). */
const TEXT_REASONS = 5;
const stamp = (t: number | undefined) => (t === undefined ? '?' : new Date(t).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z'));
const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;

function textReport(s: LogSummary, routes: RouteReport[], configDir: string | undefined, since: number | undefined): string {
  const t = totals(routes);
  const out = [
    `${plural(s.lines, 'line')} read, ${s.sendmailLines} from sendmail${since !== undefined ? ` since ${stamp(since)}` : ''}${s.first !== undefined ? ` (${stamp(s.first)} to ${stamp(s.last)})` : ''}.`,
    `Delivery attempts: ${t.sent} sent, ${t.deferred} deferred, ${t.bounced} bounced${t.queued ? `, ${t.queued} queued` : ''}; routes explained with ${configDir ? `${configDir}/sendmail.mc` : 'no sendmail.mc'}.`,
  ];
  for (const r of routes) {
    const all = Object.entries(r.deferredBy);
    const reasons = all.slice(0, TEXT_REASONS).map(([reason, n]) => `${reason}: ${n}`).join('; ') + (all.length > TEXT_REASONS ? `; ${all.length - TEXT_REASONS} more reasons` : '');
    const counts = [r.sent && `sent ${r.sent}`, r.deferred && `deferred ${r.deferred} (${reasons})`, r.bounced && `bounced ${r.bounced}`, r.queued && `queued ${r.queued}`].filter(Boolean);
    out.push('', `${r.domain} via ${r.relay}`, `  ${counts.join(', ')}`);
    if (r.route) out.push(`  route: ${r.route.text}`);
    if (r.route?.path) out.push(`  ${r.route.path}:${r.route.line}`);
  }
  return out.join('\n') + '\n';
}
