// The mail queue (issue #14): lists the queues with the real sendmail (`sendmail -bp`, as mailq;
// `-bp -Ac` for the submit queue, `-bp -qQ` for quarantined mail) and re-attempts one message
// ("Retry now": `sendmail -qI<id> -v`). Argument arrays only, each run logged; queue ids are
// validated before they reach sendmail. Nothing here deletes, bounces or changes mail. No
// vscode import: the queue view (view.ts), the commands and the tests share it.
import * as fs from 'node:fs';
import { runProgram, type Log, type RunResult } from '../commands/run';
import { isDeferred, parseQueue, PERMISSION, type QueueEntry, type QueueListing } from './parse';

export * from './parse';

export type QueueKind = 'mta' | 'submit' | 'quarantine';

export const QUEUE_TITLES: Record<QueueKind, string> = { mta: 'Mail queue', submit: 'Submit queue', quarantine: 'Quarantined' };

export interface QueueOptions {
  sendmail?: string;
  /** A private configuration (-C); undefined: sendmail's own (/etc/mail/sendmail.cf). */
  cfPath?: string;
  /** The submit configuration to list (default: /etc/mail/submit.cf when no cfPath is given and it exists). */
  submitCfPath?: string;
  log?: Log;
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface QueueResult {
  kind: QueueKind;
  ok: boolean;
  listing: QueueListing;
  /** Set when the queue could not be read for lack of permission: what to tell the user. */
  permission?: string;
  /** Why the listing failed (other than permission). */
  error?: string;
  /** The sendmail arguments (for the sudo path: the same command as root). */
  args: string[];
  run?: RunResult;
}

const SYSTEM_SUBMIT_CF = '/etc/mail/submit.cf';
/** A listing may take a while: sendmail sleeps 60 s at start on a machine whose host name is not qualified. */
export const LIST_TIMEOUT_MS = 90_000;

/** The arguments of `sendmail` that list one queue. */
export function queueArgs(kind: QueueKind, o: Pick<QueueOptions, 'cfPath' | 'submitCfPath'> = {}): string[] {
  if (kind === 'submit') return o.submitCfPath ? ['-C', o.submitCfPath, '-bp'] : ['-bp', '-Ac'];
  return [...(o.cfPath ? ['-C', o.cfPath] : []), '-bp', ...(kind === 'quarantine' ? ['-qQ'] : [])];
}

/** What to tell a user who may not read the queue (true whatever the cause: file modes or PrivacyOptions). */
export function permissionMessage(kind: QueueKind, detail: string): string {
  return `${QUEUE_TITLES[kind]}: sendmail could not read it as this user (${detail}). The queue is normally readable by root only; run the same listing with sudo.`;
}

/** Lists one queue. Resolves in every case (ok false with a reason). */
export async function listQueue(kind: QueueKind, o: QueueOptions = {}): Promise<QueueResult> {
  const args = queueArgs(kind, o);
  const run = await runProgram(o.sendmail ?? '/usr/sbin/sendmail', args, { log: o.log, signal: o.signal, timeoutMs: o.timeoutMs ?? LIST_TIMEOUT_MS });
  const listing = parseQueue(run.stdout);
  const said = `${run.stderr}\n${listing.other.join('\n')}`;
  const lines = said.split('\n');
  // The most precise line first ("can not chdir(/var/spool/mqueue/): Permission denied"), without its final period.
  const deniedLine = (lines.find((l) => /Permission denied/i.test(l)) ?? lines.find((l) => PERMISSION.test(l)))?.trim().replace(/\.$/, '');
  const deniedEntries = listing.entries.filter((e) => e.unreadable && PERMISSION.test(e.unreadable)).length;
  const permission = deniedLine || run.code === 77 ? permissionMessage(kind, deniedLine ?? `exit status ${run.code}`)
    : deniedEntries ? permissionMessage(kind, `Permission denied on ${deniedEntries} of ${listing.entries.length} messages`) : undefined;
  const failed = run.code !== 0 || run.error !== undefined;
  const error = failed && !permission ? (run.timedOut ? `${run.error} (sendmail waits 60 s at start when this machine's host name is not fully qualified)` : undefined)
    ?? run.error ?? (said.trim().split('\n')[0] || `exit status ${run.code}`) : undefined;
  return { kind, ok: !failed && !permission, listing, permission, error, args, run };
}

/**
 * The queues to show: the MTA queue, the submit queue where there is one, quarantined mail where
 * this sendmail supports listing it (an error there is not shown: the view simply has no such group).
 */
export async function readQueues(o: QueueOptions = {}): Promise<QueueResult[]> {
  const submit = o.submitCfPath !== undefined || (!o.cfPath && fs.existsSync(SYSTEM_SUBMIT_CF));
  const [mta, sub, q] = await Promise.all([listQueue('mta', o), submit ? listQueue('submit', o) : undefined, listQueue('quarantine', o)]);
  const out = sub ? [mta, sub] : [mta];
  if (q.ok || q.permission) out.push(q);
  else o.log?.(`quarantined mail not listed: ${q.error}`);
  return out;
}

/** Entries deferred after a failed attempt, over the results (an entry listed twice counts once). */
export function deferredCount(results: QueueResult[]): number {
  const ids = new Set<string>();
  for (const r of results) for (const e of r.listing.entries) if (r.kind !== 'quarantine' && isDeferred(e)) ids.add(e.id);
  return ids.size;
}

/** Why `id` is not a queue id (undefined: it is one). */
export function queueIdProblem(id: unknown): string | undefined {
  if (typeof id !== 'string' || !/^[A-Za-z0-9]+$/.test(id)) return `${JSON.stringify(id)} is not a queue id (letters and digits only)`;
  if (id.length < 6 || id.length > 40) return `"${id}" is not a queue id (6 to 40 letters and digits)`;
  return undefined;
}

export interface RetryResult {
  ok: boolean;
  id: string;
  /** sendmail's verbose account of the attempt (-v). */
  output: string;
  /** What sendmail said about the message, e.g. "Deferred: Connection timed out with mx.example.com." (last such line). */
  outcome?: string;
  permission?: string;
  error?: string;
  args: string[];
  run?: RunResult;
}

/** The arguments of "Retry now" for a validated id. */
export function retryArgs(id: string, o: Pick<QueueOptions, 'cfPath'> = {}): string[] {
  return [...(o.cfPath ? ['-C', o.cfPath] : []), `-qI${id}`, '-v'];
}

/**
 * Retry now: one queue run for the messages whose id contains `id` (sendmail -qI<id> -v). The
 * message stays in the queue unless this attempt delivers it; nothing is deleted or bounced here.
 */
export async function retryNow(id: string, o: QueueOptions = {}): Promise<RetryResult> {
  const refused = queueIdProblem(id);
  if (refused) return { ok: false, id: String(id), output: '', error: refused, args: [] };
  const args = retryArgs(id, o);
  const run = await runProgram(o.sendmail ?? '/usr/sbin/sendmail', args, { log: o.log, signal: o.signal, timeoutMs: o.timeoutMs ?? 300_000 });
  const output = `${run.stdout}${run.stderr ? `\n${run.stderr}` : ''}`.trim();
  for (const l of output.split('\n')) o.log?.(`  ${l}`);
  const outcome = [...output.matchAll(/\.\.\. ((?:Deferred|Sent|Service unavailable|User unknown|Host unknown|Connection|Message)[^\n]*)/g)].pop()?.[1]?.trim();
  const denied = output.split('\n').find((l) => PERMISSION.test(l) || /not (?:have )?permi|only root/i.test(l))?.trim();
  const permission = denied || run.code === 77 ? `Retry now: sendmail may not run the queue as this user (${denied ?? `exit status ${run.code}`}); run it with sudo.` : undefined;
  const ok = run.code === 0 && !run.error && !permission;
  return { ok, id, output, outcome, permission, error: ok || permission ? undefined : run.error ?? `exit status ${run.code}`, args, run };
}

export type { QueueEntry, QueueListing };
