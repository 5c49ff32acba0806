// Test route: asks the real sendmail what it would do with an address, in address test mode:
//   sendmail -bt -C<cf>   with input   /parse <address>   and   /map mailertable <key> ...
// `/parse` runs the recipient rulesets and ends with e.g.
//   mailer esmtp, host [mx.example.com], user postmaster@example.com
// The /map lines ask the mailertable for each key sendmail tries, in order; the first that
// answers is the entry that decided the route. `5 <user>` runs ruleset 5 (localaddr), which
// sendmail applies to local users after alias expansion: MAIL_HUB, LOCAL_RELAY and LUSER_RELAY
// (for users without an account on this machine) forward them there, which /parse alone never
// shows. The full rule trace is kept for experts.
import * as fs from 'node:fs';
import { runProgram, type Log } from './run';
import { addressProblem } from './address';
import { mailertableKeys } from '../../../server/src/service/route/mailertable';
import { splitAddress, usesMx } from '../../../server/src/service/route/explain';

export interface RouteTestOptions {
  sendmail?: string;
  /** The sendmail.cf to test (generated or installed). */
  cfPath: string;
  log?: Log;
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface MapLookup { key: string; value?: string }

export interface RouteTestResult {
  ok: boolean;
  address: string;
  mailer?: string;
  host?: string;
  user?: string;
  mx?: boolean;
  /** The mailertable key that answered first, and its value. */
  mailertable?: MapLookup;
  /** For a local user: where ruleset 5 sends it after alias expansion, when it leaves this machine. */
  afterAliases?: { mailer: string; host?: string; user: string; mx: boolean };
  lookups: MapLookup[];
  /** The complete -bt output (rule trace). */
  trace: string;
  /** Error or refusal, in words. */
  error?: string;
  /** Advice about the environment (e.g. sendmail slept because the host name is unqualified). */
  hints: string[];
}

const FINAL = /^mailer ([^,\s]+)(?:, host (.*?))?, user (.*)$/;
const MAP = /^map_lookup: mailertable \((.*)\) (?:returns (.*?) \(\d+\)|no match \(\d+\))\s*$/;

/** `$# relay $@ hub . example . net $: alice < @ hub . example . net >` (a ruleset's answer, tokens spaced). */
const TRIPLE = /^\$#\s*(\S+)(?:\s+\$@\s+(.*?))?\s+\$:\s+(.*)$/;
const unspace = (tokens: string) => tokens.replace(/\s+/g, '');

/** Reads the answer and the mailertable lookups out of `sendmail -bt` output; `ruleset5` is ruleset 5's name in the cf. */
export function parseBtOutput(address: string, output: string, ruleset5 = 'localaddr'): RouteTestResult {
  const lines = output.split('\n').map((l) => l.replace(/^> /, '').trimEnd());
  const result: RouteTestResult = { ok: false, address, lookups: [], trace: output, hints: [] };
  const returns5 = new RegExp(`^${ruleset5.replace(/\W/g, '')}\\s+returns: (.*)$`);
  let local5: string | undefined;
  for (const l of lines) {
    const f = FINAL.exec(l);
    if (f && !result.mailer) { result.mailer = f[1]; result.host = f[2]; result.user = f[3]; continue; }
    const m = MAP.exec(l);
    if (m) { result.lookups.push({ key: m[1], value: m[2] }); continue; }
    const r5 = returns5.exec(l);
    if (r5) local5 = r5[1]; // the last one: ruleset 5's own answer (it may call others that return first)
  }
  const t = local5 !== undefined ? TRIPLE.exec(local5) : null;
  if (result.mailer === 'local' && t && t[1] !== 'local') {
    const host = t[2] === undefined ? undefined : unspace(t[2]);
    result.afterAliases = { mailer: t[1], host, user: unspace(t[3]).replace(/^<(.*)>$/, '$1').replace(/<@(.*)>$/, '@$1'), mx: usesMx(t[1], host) };
  }
  result.mailertable = result.lookups.find((x) => x.value !== undefined);
  if (result.mailer) {
    result.ok = true;
    result.mx = usesMx(result.mailer, result.host);
  } else {
    const complaint = lines.find((l) => /^\S+\.\.\. /.test(l) || /^\d{3}[ -]/.test(l) || /\bError\b|User address required|Unbalanced/.test(l));
    result.error = complaint ? complaint.replace(/^\S+\.\.\.\s*/, '') : 'sendmail -bt gave no mailer for this address';
  }
  if (/My unqualified host name/.test(output)) result.hints.push("sendmail waited 60 s because this machine's host name is not fully qualified (add the FQDN to /etc/hosts).");
  const unsafe = lines.find((l) => /unsafe map file|World writable directory/.test(l));
  if (unsafe) result.hints.push(`sendmail refused a file: ${unsafe.trim()}`);
  return result;
}

/** The domain of an address, as the mailertable sees it (undefined for local users and [literals]). */
function domainOf(address: string): string | undefined {
  const at = address.lastIndexOf('@');
  const host = at < 0 ? undefined : address.slice(at + 1).replace(/>$/, '').toLowerCase().replace(/\.$/, '');
  return host && !host.startsWith('[') ? host : undefined;
}

export async function testRoute(address: string, opts: RouteTestOptions): Promise<RouteTestResult> {
  const refused = addressProblem(address);
  if (refused) {
    opts.log?.(`refused address ${JSON.stringify(address)}: ${refused}`);
    return { ok: false, address, lookups: [], trace: '', error: `Address refused: ${refused}`, hints: [] };
  }
  let cfText = '';
  try { cfText = fs.readFileSync(opts.cfPath, 'utf8'); } catch (e) {
    return { ok: false, address, lookups: [], trace: '', error: `cannot read ${opts.cfPath}: ${(e as Error).message}`, hints: [] };
  }
  const domain = domainOf(address);
  const hasMailertable = /^Kmailertable\s/m.test(cfText);
  const mapLines = domain && hasMailertable ? mailertableKeys(domain).map((k) => `/map mailertable ${k}`) : [];
  const ruleset5 = /^S(\w+)=5\s*$/m.exec(cfText)?.[1] ?? '5';
  const user = splitAddress(address).local.trim(); // what ruleset 5 sees for a local recipient
  const input = [`/parse ${address}`, ...mapLines, ...(user ? [`5 ${user}`] : []), ''].join('\n');
  const run = await runProgram(opts.sendmail || '/usr/sbin/sendmail', ['-bt', `-C${opts.cfPath}`], {
    input, log: opts.log, signal: opts.signal, timeoutMs: opts.timeoutMs ?? 150_000,
  });
  const output = run.stdout + (run.stderr ? `\n${run.stderr}` : '');
  const result = parseBtOutput(address, output, ruleset5);
  if (run.error) { result.ok = false; result.error = `sendmail -bt: ${run.error}`; }
  return result;
}
