// `sendmail-lint diagnose ADDRESS|DOMAIN`: why does mail for it wait in the queue? The same
// four steps as the editor's Diagnose delivery (client/src/diagnose): the route (sendmail -bt,
// or the model), DNS as sendmail sees it, a connection to each server (greeting, EHLO, QUIT:
// no mail is sent, no login tried), and the verdict with the next step. Nothing is written:
// prepared edits are printed for the admin to apply.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { diagnose, diagnosisText, dnsServerProblem, parseTarget, DEFAULT_TIMEOUT_MS, type Diagnosis } from '../../../client/src/diagnose';
import { resolvePrograms } from '../../../client/src/commands/programs';
import type { Io } from './main';
import { UNKNOWN, walkArgs } from './argWalk';

/** Exit statuses: 0 a server accepts (or delivered locally), 1 a problem was found, 2 usage. */
export const DIAGNOSE_EXIT = { ok: 0, problem: 1, usage: 2 } as const;

export const DIAGNOSE_USAGE = `Usage: sendmail-lint diagnose [options] ADDRESS|DOMAIN

Walks through why mail for ADDRESS (or postmaster@DOMAIN) would not leave: 1. the route
sendmail takes (sendmail -bt on the folder's configuration, or the built-in model): mailer,
hosts, port; 2. DNS as sendmail sees it (MX records and addresses; NXDOMAIN, SERVFAIL and
timeouts); 3. a connection to each server on the mailer's port: greeting, EHLO (STARTTLS,
AUTH), QUIT; no mail is sent and no login is tried; 4. the verdict and the next step, with
the configuration edits it suggests (printed, never applied).

Options:
  --config-dir DIR       folder of sendmail.mc / sendmail.cf (default /etc/mail)
  --dns-server IP[:PORT] ask this name server (default: the system's resolver)
  --timeout S            time limit of each connection and lookup in seconds (default ${DEFAULT_TIMEOUT_MS / 1000})
  --relay-host HOST      your provider's submission server, for the suggested edits
  --format text|json     output format (default: text)
  --model                route with the model only (runs neither m4 nor sendmail)
  --sendmail PATH, --m4 PATH   the programs the route step runs
  -h, --help             show this help

Exit status: 0 a server accepts connections (or the mail stays on this machine), 1 a
problem was found (the verdict says which), 2 usage error or no configuration.`;

interface DiagnoseArgs { target?: string; configDir: string; dnsServer?: string; timeoutMs: number; relayHost?: string; format: 'text' | 'json'; model: boolean; sendmail?: string; m4?: string; help: boolean }

export function parseDiagnoseArgs(argv: string[]): DiagnoseArgs | string {
  const a: DiagnoseArgs = { configDir: '/etc/mail', timeoutMs: DEFAULT_TIMEOUT_MS, format: 'text', model: false, help: false };
  const error = walkArgs(argv, (flag, value) => {
    switch (flag) {
      case '-h': case '--help': a.help = true; break;
      case '--model': a.model = true; break;
      case '--format': { const v = value(); if (v !== 'text' && v !== 'json') return `--format must be text or json (got ${v ?? 'nothing'})`; a.format = v; break; }
      case '--timeout': {
        const v = value();
        if (!v || !/^\d+(\.\d+)?$/.test(v) || Number(v) <= 0 || Number(v) > 300) return `--timeout needs seconds between 0 and 300 (got ${v ?? 'nothing'})`;
        a.timeoutMs = Math.round(Number(v) * 1000);
        break;
      }
      case '--dns-server': { const v = value(); if (!v) return '--dns-server needs an address'; const p = dnsServerProblem(v); if (p) return p; a.dnsServer = v; break; }
      case '--config-dir': case '--relay-host': case '--sendmail': case '--m4': {
        const v = value();
        if (!v) return `${flag} needs a value`;
        if (flag === '--config-dir') a.configDir = v;
        else if (flag === '--relay-host') { const t = parseTarget(v); if (typeof t === 'string' || v.includes('@')) return `--relay-host needs a host name (got ${v})`; a.relayHost = v.replace(/^\[|\]$/g, ''); }
        else if (flag === '--sendmail') a.sendmail = v;
        else a.m4 = v;
        break;
      }
      default: return UNKNOWN;
    }
    return undefined;
  }, (arg) => { if (a.target !== undefined) return 'give one address or domain'; a.target = arg; return undefined; });
  if (error) return error;
  return a;
}

function json(d: Diagnosis): string {
  const r = d.route;
  return JSON.stringify({
    target: d.target.address, verdict: { kind: d.verdict.kind, text: d.verdict.text, next: d.verdict.next },
    route: { answeredBy: r.report.answeredBy, mailer: r.mailer, hosts: r.hosts, port: r.port ?? null, decidedBy: r.decidedBy, ms: r.ms },
    dns: d.dns, dnsMs: d.dnsMs,
    probes: d.probes.map((p) => ({ name: p.name, address: p.address, port: p.port, state: p.state, greeting: p.greeting ?? null, starttls: p.starttls, auth: p.auth, detail: p.detail ?? null, ms: p.ms })),
    edits: d.verdict.edits.map((e) => ({ file: e.file === 'mc' ? d.mcPath ?? null : path.join(d.dir, 'authinfo'), line: e.line > 1e9 ? null : e.line + 1, replaces: e.replaces === 1, text: e.text, why: e.why })),
    ms: d.ms,
  }, null, 2) + '\n';
}

/** Runs `sendmail-lint diagnose ...`; resolves with the exit status. */
export async function diagnoseMode(argv: string[], io: Io): Promise<number> {
  const args = parseDiagnoseArgs(argv);
  const usage = (why: string) => { io.stderr(`sendmail-lint diagnose: ${why}\n\n${DIAGNOSE_USAGE}\n`); return DIAGNOSE_EXIT.usage; };
  if (typeof args === 'string') return usage(args);
  if (args.help) { io.stdout(DIAGNOSE_USAGE + '\n'); return 0; }
  if (args.target === undefined) return usage('which address or domain?');
  const target = parseTarget(args.target);
  if (typeof target === 'string') { io.stderr(`sendmail-lint diagnose: refused: ${target}\n`); return DIAGNOSE_EXIT.usage; }
  const dir = path.resolve(args.configDir);
  const names = (() => { try { return fs.readdirSync(dir); } catch { return undefined; } })();
  if (!names) { io.stderr(`sendmail-lint diagnose: cannot read the folder ${dir}\n`); return DIAGNOSE_EXIT.usage; }
  if (!names.some((n) => n.endsWith('.mc') || n === 'sendmail.cf')) { io.stderr(`sendmail-lint diagnose: no sendmail.mc or sendmail.cf in ${dir} (use --config-dir)\n`); return DIAGNOSE_EXIT.usage; }
  const programs = resolvePrograms({ sendmail: args.sendmail, m4: args.m4 });
  const d = await diagnose(dir, args.target, {
    m4: programs.m4, sendmail: programs.sendmail, modelOnly: args.model, dnsServer: args.dnsServer, timeoutMs: args.timeoutMs, relayHost: args.relayHost,
  });
  io.stdout(args.format === 'json' ? json(d) : diagnosisText(d));
  return d.verdict.kind === 'ok' || d.verdict.kind === 'local' ? DIAGNOSE_EXIT.ok : DIAGNOSE_EXIT.problem;
}
