// Registers the commands that run programs. Thin VS Code glue: each command checks workspace
// trust, gathers its inputs (arguments first, so tests and CodeLenses need no UI), runs the
// plain Node module under a cancellable progress, shows the outcome and returns a result object.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DidChangeWatchedFilesNotification, FileChangeType, type FileEvent, type LanguageClient } from 'vscode-languageclient/node';
import { CommandContext, targetPath } from './glue';
import { generateCf, rebuildCf, rebuildCfWithMake, hasMakefile, cfPathFor } from './rebuildCf';
import { planForSource, planMaps } from './mapPlan';
import { rebuildMap, type RebuildMapResult } from './rebuildMap';
import { routeAddress } from './routeCommand';
import { dirFor, mcFor } from './targets';
import { verifyAddress } from './verify';
import { restartPlan } from './restart';
import { runProgram } from './run';
import { addressProblem } from './address';
import { planM4 } from './m4Plan';
import { sudoMake, sudoRebuildCf, sudoRebuildMap, sudoRun } from './sudo';
import { registerMaillogCommands } from './maillog';
import { registerDiagnoseCommand } from './diagnose';
import { registerQueueCommands } from './diagnoseQueue';
import type { RouteAnswer } from '../../../server/src/service/route';

/** sudo helps when we lack permission, not when the file system is read-only. */
const sudoCanHelp = (r: { notWritable?: boolean; readOnly?: boolean }) => !!r.notWritable && !r.readOnly;

async function askAddress(given: unknown, prompt: string): Promise<string | undefined> {
  if (typeof given === 'string') return given;
  return vscode.window.showInputBox({ prompt, placeHolder: 'postmaster@example.com', validateInput: (v) => addressProblem(v.trim()) });
}

/**
 * Tells the language server which files a command just wrote, so diagnostics that depend on
 * them ("not rebuilt yet") refresh even outside the workspace folder, where no watcher looks.
 */
function notifyWritten(client: LanguageClient | undefined, files: (string | undefined)[]): void {
  const changes: FileEvent[] = files.filter((f): f is string => !!f).map((f) => ({ uri: vscode.Uri.file(f).toString(), type: FileChangeType.Changed }));
  if (client && changes.length) void client.sendNotification(DidChangeWatchedFilesNotification.type, { changes }).then(undefined, () => undefined);
}

export function registerCommands(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): void {
  const cx = new CommandContext();
  context.subscriptions.push(cx);
  const register = (id: string, f: (...args: unknown[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, f));
  registerMaillogCommands(context); // the mail log: reading only, no program (maillog.ts)
  registerDiagnoseCommand(context, cx); // Diagnose delivery (diagnose.ts)
  registerQueueCommands(context, cx); // the Mail Queue view and its actions (diagnoseQueue.ts)

  register('sendmail.rebuildCf', async (arg?: unknown) => {
    if (!cx.trusted('Rebuild sendmail.cf')) return { ok: false, reason: 'workspace not trusted' };
    const mc = mcFor(targetPath(arg));
    if (!mc) { void vscode.window.showErrorMessage('Rebuild sendmail.cf: open a sendmail.mc (or a file beside one) first.'); return { ok: false, reason: 'no sendmail.mc' }; }
    const progs = cx.programs();
    let method = cx.rebuildMethod();
    if (method === 'auto' && hasMakefile(mc) && arg === undefined) {
      const pick = await vscode.window.showQuickPick([
        { label: 'm4', description: `m4 ${path.basename(mc)}: safe replace, previous kept as ${path.basename(cfPathFor(mc))}.bak`, value: 'm4' as const },
        { label: 'make', description: `make -C ${path.dirname(mc)}: the Makefile there (Debian: also rebuilds maps and submit.cf)`, value: 'make' as const },
      ], { title: 'A Makefile sits beside the mc: how should sendmail.cf be rebuilt?' });
      if (!pick) return { ok: false, reason: 'cancelled' };
      method = pick.value;
    }
    if (method === 'make' && !hasMakefile(mc)) method = 'm4';
    const result = await cx.progress(`Rebuilding ${path.basename(cfPathFor(mc))}`, (signal) => method === 'make'
      ? rebuildCfWithMake(mc, { make: progs.make, log: cx.log, signal })
      : rebuildCf(mc, { m4: progs.m4, cfDirectory: cx.cfDirectory(), log: cx.log, signal }));
    cx.showProblems(mc, result.problems, 'm4');
    if (result.ok) {
      void vscode.window.showInformationMessage(method === 'make' ? `make -C ${path.dirname(mc)} finished.` : `Wrote ${result.cfPath}${result.backup ? `; the previous version is kept as ${path.basename(result.backup)}` : ''}. Restart sendmail to use it.`);
    } else if (sudoCanHelp(result)) {
      await cx.offerSudo(result.reason ?? `${result.cfPath} is not writable`, (sudo) => method === 'make' ? sudoMake(sudo, progs.make, path.dirname(mc))
        : sudoRebuildCf(sudo, progs.m4, planM4(mc, fs.readFileSync(mc, 'utf8'), cx.cfDirectory()), result.cfPath));
    } else if (result.reason !== 'cancelled') {
      void vscode.window.showErrorMessage(`${path.basename(result.cfPath)} was not changed: ${result.reason}. See the Problems panel and the "Sendmail Commands" output.`);
    }
    return result;
  });

  register('sendmail.showGeneratedCf', async (arg?: unknown) => {
    if (!cx.trusted('Show generated sendmail.cf')) return { ok: false, reason: 'workspace not trusted' };
    const mc = mcFor(targetPath(arg));
    if (!mc) return { ok: false, reason: 'no sendmail.mc' };
    const gen = await cx.progress('Running m4', (signal) => generateCf(mc, { m4: cx.programs().m4, cfDirectory: cx.cfDirectory(), log: cx.log, signal }));
    cx.showProblems(mc, gen.problems, 'm4');
    const doc = await vscode.workspace.openTextDocument({ language: 'sendmail-cf', content: gen.cfText });
    await vscode.window.showTextDocument(doc, { preview: true });
    if (!gen.ok) void vscode.window.showWarningMessage(`m4 reported problems (${gen.reason}); nothing was written.`);
    return { ok: gen.ok, reason: gen.reason, uri: doc.uri.toString(), problems: gen.problems, length: gen.cfText.length };
  });

  const buildMap = async (file: string): Promise<RebuildMapResult> => {
    const progs = cx.programs();
    const plan = planForSource(file);
    const result = await rebuildMap(plan, { makemap: progs.makemap, log: cx.log });
    cx.showProblems(plan.source, result.problems, 'makemap');
    if (sudoCanHelp(result)) await cx.offerSudo(result.reason ?? `${result.database} is not writable`, (sudo) => sudoRebuildMap(sudo, progs.makemap, plan));
    return result;
  };

  register('sendmail.rebuildMap', async (arg?: unknown) => {
    if (!cx.trusted('Rebuild map')) return { ok: false, reason: 'workspace not trusted' };
    const file = targetPath(arg);
    if (!file) return { ok: false, reason: 'no map file' };
    const result = await cx.progress(`Rebuilding ${path.basename(file)}`, () => buildMap(file));
    if (result.ok) notifyWritten(client(), [result.database]);
    if (result.ok) void vscode.window.showInformationMessage(`Built ${result.database} (${result.type}).`);
    else if (!sudoCanHelp(result)) void vscode.window.showErrorMessage(`${path.basename(result.database)} was not changed: ${result.reason}.`);
    return result;
  });

  register('sendmail.rebuildAllMaps', async (arg?: unknown) => {
    if (!cx.trusted('Rebuild all maps')) return { ok: false, reason: 'workspace not trusted', maps: [] };
    const dir = dirFor(targetPath(arg));
    const plans = planMaps(dir).filter((p) => fs.existsSync(p.source));
    const maps = await cx.progress('Rebuilding maps', async (signal) => {
      const out: RebuildMapResult[] = [];
      for (const p of plans) { if (signal.aborted) break; out.push(await buildMap(p.source)); }
      return out;
    });
    notifyWritten(client(), maps.filter((m) => m.ok).map((m) => m.database));
    const failed = maps.filter((m) => !m.ok);
    void (failed.length ? vscode.window.showErrorMessage(`Maps not rebuilt: ${failed.map((m) => `${path.basename(m.source)} (${m.reason})`).join(', ')}`)
      : vscode.window.showInformationMessage(`Rebuilt ${maps.length} map(s): ${maps.map((m) => path.basename(m.database)).join(', ') || 'none declared'}.`));
    return { ok: failed.length === 0, maps };
  });

  register('sendmail.testRoute', async (arg?: unknown, given?: unknown) => {
    if (!cx.trusted('Test route')) return { ok: false, error: 'workspace not trusted' };
    const dir = dirFor(targetPath(arg));
    const address = (await askAddress(given, 'Address to route (sendmail -bt)'))?.trim();
    if (address === undefined) return { ok: false, error: 'cancelled' };
    const refused = addressProblem(address);
    if (refused) { void vscode.window.showErrorMessage(`Test route: address refused: ${refused}.`); return { ok: false, address, error: `Address refused: ${refused}` }; }
    const progs = cx.programs();
    const r = await cx.progress(`Testing route for ${address}`, (signal) => routeAddress(dir, address, { m4: progs.m4, sendmail: progs.sendmail, cfDirectory: cx.cfDirectory(), log: cx.log, signal }));
    cx.log(r.summary);
    for (const l of r.details) cx.log(l);
    const buttons = r.sendmail.trace ? ['Show rule trace'] : [];
    void (r.disagreements.length ? vscode.window.showWarningMessage(`${r.summary} The model disagrees: ${r.disagreements.join('; ')}`, ...buttons)
      : vscode.window.showInformationMessage(r.summary, ...buttons)).then(async (b) => {
      if (b) await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content: r.sendmail.trace, language: 'plaintext' }));
    });
    return r;
  });

  register('sendmail.verifyAddress', async (arg?: unknown, given?: unknown) => {
    if (!cx.trusted('Verify address')) return { ok: false, error: 'workspace not trusted' };
    const address = (await askAddress(given, 'Address to verify (sendmail -bv)'))?.trim();
    if (address === undefined) return { ok: false, error: 'cancelled' };
    const dir = dirFor(targetPath(arg));
    const cf = fs.existsSync(path.join(dir, 'sendmail.cf')) ? path.join(dir, 'sendmail.cf') : undefined;
    const result = await cx.progress(`Verifying ${address}`, (signal) => verifyAddress(address, { sendmail: cx.programs().sendmail, cfPath: cf, log: cx.log, signal }));
    cx.log(result.output);
    void (result.ok ? vscode.window.showInformationMessage(`sendmail -bv: ${result.output || 'ok'}`) : vscode.window.showErrorMessage(`sendmail -bv: ${result.error}${result.output ? `: ${result.output}` : ''}`));
    return result;
  });

  register('sendmail.restartSendmail', async () => {
    if (!cx.trusted('Restart sendmail')) return { ok: false, reason: 'workspace not trusted' };
    const plan = restartPlan();
    if (!plan) { void vscode.window.showErrorMessage('Restart sendmail: neither systemctl (with systemd running), service nor /etc/init.d/sendmail was found.'); return { ok: false, reason: 'no service manager' }; }
    const cmd = [plan.command, ...plan.args].join(' ');
    const yes = await vscode.window.showWarningMessage(`Restart sendmail now (${cmd})? Connections in progress are dropped and retried later by their senders.`, { modal: true }, 'Restart');
    if (yes !== 'Restart') return { ok: false, reason: 'cancelled' };
    const run = await cx.progress('Restarting sendmail', (signal) => runProgram(plan.command, plan.args, { log: cx.log, signal }));
    if (run.code === 0) void vscode.window.showInformationMessage('sendmail restarted.');
    else if (/permission|access denied|authentication/i.test(run.stderr)) await cx.offerSudo(`${cmd} needs root`, (sudo) => sudoRun(sudo, plan.command, plan.args));
    else void vscode.window.showErrorMessage(`${cmd} failed: ${run.error ?? `exit status ${run.code}`} ${run.stderr.trim()}`);
    return { ok: run.code === 0, run };
  });
}

export type { RouteAnswer };
