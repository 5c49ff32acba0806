// The mail queue in VS Code (issue #14), thin glue over client/src/queue: the "Mail Queue" view
// (queue/view.ts) and its actions. Refresh; Retry now (sendmail -qI<id> -v, the verbose account
// in the "Sendmail Commands" output); Show log lines (the mail log filtered by the queue id:
// maillog.ts); Diagnose delivery and Test route for a recipient; the listing with sudo in a
// terminal when the queue is not readable. The queue listed is sendmail's own, or the one of
// the machine setting sendmail.queue.configFile, or of a configuration given to Refresh (tests).
// Nothing here deletes mail. Trusted workspaces only: listing the queue runs sendmail.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CommandContext } from './glue';
import { sudoRun } from './sudo';
import { defaultLogPath } from './maillog';
import { retryNow, queueIdProblem, queueArgs, deferredCount, type QueueKind, type QueueOptions } from '../queue';
import { QueueView, type QueueNode } from '../queue/view';

/** A queue id from a tree node or a string argument. */
function idOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  const n = arg as QueueNode | undefined;
  return n && (n.type === 'entry' || n.type === 'recipient') ? n.entry.id : undefined;
}

/** A recipient address from a recipient node, an entry node (its first recipient) or a string. */
function recipientOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  const n = arg as QueueNode | undefined;
  if (n?.type === 'recipient') return n.address;
  if (n?.type === 'entry') return n.entry.recipients[0]?.address.replace(/^<(.*)>$/, '$1');
  return undefined;
}

export function registerQueueCommands(context: vscode.ExtensionContext, cx: CommandContext): QueueView {
  let given: string | undefined; // a configuration given to sendmail.queue.refresh
  const cfPath = () => given ?? (vscode.workspace.getConfiguration('sendmail.queue').get<string>('configFile')?.trim() || undefined);
  const options = (): QueueOptions => ({ sendmail: cx.programs().sendmail, cfPath: cfPath(), log: cx.log });
  const view = new QueueView(options, () => vscode.workspace.isTrusted, () => vscode.workspace.getConfiguration('sendmail.queue').get<boolean>('statusBar') === true);
  context.subscriptions.push(view);
  view.register();
  const register = (id: string, f: (...args: unknown[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, f));
  /** The configuration folder of the queue's sendmail (for Diagnose and Test route). */
  const configDir = () => (cfPath() ? path.dirname(cfPath()!) : '/etc/mail');

  // Argument (optional): { cfPath } lists the queue of that configuration from now on (empty: the setting again).
  register('sendmail.queue.refresh', async (arg?: unknown) => {
    if (!cx.trusted('Refresh mail queue')) return { ok: false, reason: 'workspace not trusted' };
    const a = arg as { cfPath?: unknown } | undefined;
    if (a && typeof a === 'object' && 'cfPath' in a) given = typeof a.cfPath === 'string' && path.isAbsolute(a.cfPath) ? a.cfPath : undefined;
    const results = await view.refresh();
    if (!results) return { ok: false, reason: 'the queue could not be listed' };
    return {
      ok: results.every((r) => r.ok), deferred: deferredCount(results), tree: await view.snapshot(),
      queues: results.map((r) => ({ kind: r.kind, ok: r.ok, permission: r.permission, error: r.error, entries: r.listing.entries })),
    };
  });

  register('sendmail.queue.retryNow', async (arg?: unknown) => {
    if (!cx.trusted('Retry now')) return { ok: false, reason: 'workspace not trusted' };
    const id = idOf(arg);
    const refused = queueIdProblem(id);
    if (refused || !id) { void vscode.window.showErrorMessage(`Retry now: ${refused}.`); return { ok: false, reason: refused }; }
    const o = options();
    cx.output.show(true);
    const r = await cx.progress(`Retrying ${id}`, (signal) => retryNow(id, { ...o, signal }));
    if (r.permission) await cx.offerSudo(r.permission.replace(/; run it with sudo\.$/, ''), (sudo) => sudoRun(sudo, o.sendmail!, r.args));
    else if (r.ok) void vscode.window.showInformationMessage(`Retry now ${id}: ${r.outcome ?? 'attempted'} (details in the "Sendmail Commands" output).`);
    else void vscode.window.showErrorMessage(`Retry now ${id} failed: ${r.error}. See the "Sendmail Commands" output.`);
    void view.refresh();
    return r;
  });

  register('sendmail.queue.showLogLines', async (arg?: unknown) => {
    const id = idOf(arg);
    const refused = queueIdProblem(id);
    if (refused || !id) return { ok: false, reason: refused };
    // The configured log (not a log that happens to be in the active editor); none: filterMailLog says so.
    return vscode.commands.executeCommand('sendmail.filterMailLog', id, defaultLogPath(vscode.workspace.getConfiguration('sendmail').get<string>('logs.path')));
  });

  register('sendmail.queue.diagnose', async (arg?: unknown) => vscode.commands.executeCommand('sendmail.diagnoseDelivery', configDir(), recipientOf(arg)));
  register('sendmail.queue.testRoute', async (arg?: unknown) => vscode.commands.executeCommand('sendmail.testRoute', configDir(), recipientOf(arg)));

  register('sendmail.queue.listWithSudo', async (kind?: unknown) => {
    if (!cx.trusted('List the mail queue with sudo')) return { ok: false, reason: 'workspace not trusted' };
    const k: QueueKind = kind === 'submit' || kind === 'quarantine' ? kind : 'mta';
    const o = options();
    const why = view.last?.find((r) => r.kind === k)?.permission?.replace(/; run the same listing with sudo\.$/, '').replace(/\.$/, '') ?? 'The mail queue could not be read as this user';
    return { ok: await cx.offerSudo(why, (sudo) => sudoRun(sudo, o.sendmail!, queueArgs(k, o))) };
  });
  return view;
}
