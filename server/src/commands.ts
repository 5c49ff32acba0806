// workspace/executeCommand for editors other than VS Code: the commands that run programs
// (Test route, Rebuild sendmail.cf with m4, Rebuild map, Rebuild all maps, Verify address, and
// the m4 + sendmail check), run by the server itself with the same modules the VS Code client
// uses (client/src/commands/, client/src/check/).
// Off unless the user's editor configuration sends initializationOptions.allowPrograms: true;
// the programs run are the ones initializationOptions.programs names (else the usual ones) —
// workspace content (files, workspace/configuration answers) can neither enable the commands
// nor choose a program. A client that says trusted: false gets none. Each command answers
// with window/showMessage (the outcome), window/logMessage (every program run, the details)
// and its result object. Arguments are those of the VS Code commands, so the same CodeLenses
// and code actions work: [file URI or absolute path, address?].
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  ErrorCodes, MessageType, ResponseError, ShowMessageNotification, type CancellationToken, type Connection,
} from 'vscode-languageserver/node';
import { resolvePrograms, type ProgramPaths } from '../../client/src/commands/programs';
import { routeAddress } from '../../client/src/commands/routeCommand';
import { rebuildCf } from '../../client/src/commands/rebuildCf';
import { planForSource, planMaps } from '../../client/src/commands/mapPlan';
import { rebuildMap, type RebuildMapResult } from '../../client/src/commands/rebuildMap';
import { verifyAddress } from '../../client/src/commands/verify';
import { addressProblem } from '../../client/src/commands/address';
import { dirFor, mcFor, pathFromArgument } from '../../client/src/commands/targets';
import type { ToolProblem } from '../../client/src/commands/m4Diagnostics';
import { checkMc } from '../../client/src/check/mcCheck';
import { checkMap } from '../../client/src/check/mapCheck';
import type { CheckResult } from '../../client/src/check/types';
import { diagnose, diagnosisText, parseTarget } from '../../client/src/diagnose';

export const PROGRAM_COMMANDS = ['sendmail.testRoute', 'sendmail.rebuildCf', 'sendmail.rebuildMap', 'sendmail.rebuildAllMaps', 'sendmail.verifyAddress', 'sendmail.check', 'sendmail.diagnoseDelivery'] as const;

export interface ProgramSettings {
  /** allowPrograms: true in initializationOptions, and the client did not say the workspace is untrusted. */
  enabled: boolean;
  programs: ProgramPaths;
  cfDirectory: string;
}

/** Reads the program settings from initializationOptions (the only place they may come from). */
export function programSettingsFrom(init: unknown): ProgramSettings {
  const o = (init && typeof init === 'object' ? init : {}) as Record<string, unknown>;
  const given = (o.programs && typeof o.programs === 'object' ? o.programs : {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    enabled: o.allowPrograms === true && o.trusted !== false,
    programs: resolvePrograms({ m4: str(given.m4), sendmail: str(given.sendmail), makemap: str(given.makemap) }),
    cfDirectory: str(o.cfDirectory) ?? '',
  };
}

type Level = 'info' | 'warning' | 'error';
interface Out { show(level: Level, message: string): void; log(line: string): void }

const refuse = (message: string) => new ResponseError(ErrorCodes.InvalidParams, message);

function fileArgument(args: unknown[], command: string): string {
  const p = pathFromArgument(args[0]);
  if (!p) throw refuse(`${command} needs the file: URI (or absolute path) of a sendmail file as its first argument`);
  return p;
}

function addressArgument(args: unknown[], command: string): string {
  const address = typeof args[1] === 'string' ? args[1].trim() : '';
  if (!address) throw refuse(`${command} needs an address as its second argument`);
  const problem = addressProblem(address);
  if (problem) throw refuse(`address refused: ${problem}`);
  return address;
}

const problemLines = (file: string, tool: string, problems: ToolProblem[]) =>
  problems.map((p) => `${file}:${p.line + 1}: ${tool} ${p.severity}: ${p.message}${p.origin ? ` (reported in ${p.origin})` : ''}`);

async function run(command: string, args: unknown[], s: ProgramSettings, out: Out, signal: AbortSignal, on: CommandHooks): Promise<unknown> {
  const { programs, cfDirectory } = s;
  switch (command) {
    case 'sendmail.testRoute': {
      const dir = dirFor(fileArgument(args, command));
      const address = addressArgument(args, command);
      const r = await routeAddress(dir, address, { m4: programs.m4, sendmail: programs.sendmail, cfDirectory, log: out.log, signal });
      out.log(r.summary);
      for (const l of r.details) out.log(l);
      out.show(r.disagreements.length ? 'warning' : 'info', r.disagreements.length ? `${r.summary} The model disagrees: ${r.disagreements.join('; ')}` : r.summary);
      return r;
    }
    case 'sendmail.rebuildCf': {
      const mc = mcFor(fileArgument(args, command));
      if (!mc || !fs.existsSync(mc)) throw refuse(`${command}: no sendmail.mc in that folder`);
      const r = await rebuildCf(mc, { m4: programs.m4, cfDirectory, log: out.log, signal });
      for (const l of problemLines(mc, 'm4', r.problems)) out.log(l);
      if (r.ok) { on.wrote(); out.show('info', `Wrote ${r.cfPath}${r.backup ? `; the previous version is kept as ${path.basename(r.backup)}` : ''}. Restart sendmail to use it.`); }
      else out.show('error', `${path.basename(r.cfPath)} was not changed: ${r.reason}.${r.problems.length ? ' m4\'s messages are in the log.' : ''}`);
      return r;
    }
    case 'sendmail.rebuildMap': {
      const file = fileArgument(args, command);
      const r = await buildMap(file, programs, out, signal);
      if (r.ok) { on.wrote(); out.show('info', `Built ${r.database} (${r.type}).`); }
      else out.show('error', `${path.basename(r.database)} was not changed: ${r.reason}.`);
      return r;
    }
    case 'sendmail.rebuildAllMaps': {
      const dir = dirFor(fileArgument(args, command));
      const maps: RebuildMapResult[] = [];
      for (const p of planMaps(dir).filter((x) => fs.existsSync(x.source))) { if (signal.aborted) break; maps.push(await buildMap(p.source, programs, out, signal)); }
      if (maps.some((m) => m.ok)) on.wrote();
      const failed = maps.filter((m) => !m.ok);
      if (failed.length) out.show('error', `Maps not rebuilt: ${failed.map((m) => `${path.basename(m.source)} (${m.reason})`).join(', ')}`);
      else out.show('info', `Rebuilt ${maps.length} map(s): ${maps.map((m) => path.basename(m.database)).join(', ') || 'none declared'}.`);
      return { ok: failed.length === 0, maps };
    }
    case 'sendmail.verifyAddress': {
      const dir = dirFor(fileArgument(args, command));
      const address = addressArgument(args, command);
      const cf = fs.existsSync(path.join(dir, 'sendmail.cf')) ? path.join(dir, 'sendmail.cf') : undefined;
      const r = await verifyAddress(address, { sendmail: programs.sendmail, cfPath: cf, log: out.log, signal });
      out.log(r.output);
      out.show(r.ok ? 'info' : 'error', r.ok ? `sendmail -bv: ${r.output || 'ok'}` : `sendmail -bv: ${r.error}${r.output ? `: ${r.output}` : ''}`);
      return r;
    }
    case 'sendmail.diagnoseDelivery': {
      // Delivery diagnosis (client/src/diagnose): route, DNS, a connection to each server (no mail
      // sent, no login), verdict. It talks to the network, so it runs only when the user asks for it.
      const dir = dirFor(fileArgument(args, command));
      const text = typeof args[1] === 'string' ? args[1].trim() : '';
      const target = parseTarget(text);
      if (typeof target === 'string') throw refuse(`${command}: ${target}`);
      const d = await diagnose(dir, target.input, { m4: programs.m4, sendmail: programs.sendmail, cfDirectory, log: out.log, signal });
      for (const l of diagnosisText(d).split('\n')) out.log(l);
      out.show(d.verdict.kind === 'ok' || d.verdict.kind === 'local' ? 'info' : 'warning', d.verdict.text);
      return { ok: d.verdict.kind === 'ok' || d.verdict.kind === 'local', verdict: d.verdict, report: diagnosisText(d), route: d.route, dns: d.dns, probes: d.probes };
    }
    case 'sendmail.check': {
      // The m4 + sendmail check (client/src/check): an mc (or the mc beside a file that is not a map), or a map source with makemap.
      const file = fileArgument(args, command);
      const isMap = !file.endsWith('.mc') && planMaps(path.dirname(file)).some((p) => path.resolve(p.source) === path.resolve(file));
      const target = isMap ? file : mcFor(file);
      if (!target || !fs.existsSync(target)) throw refuse(`${command}: no sendmail.mc in that folder`);
      const r: CheckResult = isMap ? await checkMap(target, undefined, { programs, signal, log: out.log })
        : await checkMc(target, { programs, cfDirectory, signal, log: out.log });
      for (const p of r.problems) out.log(`${target}:${p.line + 1}: ${p.source} ${p.severity} ${p.code}: ${p.message}`);
      for (const n of r.notes) out.log(`  note: ${n}`);
      const errors = r.problems.filter((p) => p.severity === 'error').length;
      const what = isMap ? 'makemap' : 'm4 and sendmail';
      out.show(errors ? 'error' : r.skipped ? 'warning' : 'info', r.skipped ? `${path.basename(target)}: the check did not finish: ${r.skipped}`
        : r.problems.length ? `${path.basename(target)}: ${what} found ${errors} error(s) and ${r.problems.length - errors} warning(s); they are in the log.`
        : `${path.basename(target)}: ${what} accept it.`);
      on.checked(target, r);
      return { ...r, file: target };
    }
    default:
      throw new ResponseError(ErrorCodes.MethodNotFound, `unknown command ${command}`);
  }
}

async function buildMap(file: string, programs: ProgramPaths, out: Out, signal: AbortSignal): Promise<RebuildMapResult> {
  const plan = planForSource(file);
  const r = await rebuildMap(plan, { makemap: programs.makemap, log: out.log, signal });
  for (const l of problemLines(plan.source, 'makemap', r.problems)) out.log(l);
  return r;
}

export const isProgramCommand = (command: string): boolean => (PROGRAM_COMMANDS as readonly string[]).includes(command);

/** What the server does after a command: `wrote` files (open documents are checked again), `checked` a file with m4/sendmail or makemap. */
export interface CommandHooks {
  wrote(): void;
  checked(file: string, result: CheckResult): void;
}

/**
 * The workspace/executeCommand handler of the program commands (server.ts calls it for them).
 * `settings` is read at each call (initialize sets it); `on` hears what a command did.
 */
export function programCommandHandler(connection: Connection, settings: () => ProgramSettings, on: CommandHooks): (command: string, args: unknown[], token: CancellationToken) => Promise<unknown> {
  const levels: Record<Level, MessageType> = { info: MessageType.Info, warning: MessageType.Warning, error: MessageType.Error };
  const out: Out = {
    show: (level, message) => void connection.sendNotification(ShowMessageNotification.type, { type: levels[level], message }).catch(() => undefined),
    log: (line) => connection.console.log(line),
  };
  return async (command, args, token) => {
    if (!isProgramCommand(command)) throw new ResponseError(ErrorCodes.MethodNotFound, `unknown command ${command}`);
    const s = settings();
    if (!s.enabled) {
      throw new ResponseError(ErrorCodes.InvalidRequest, `${command} runs programs (m4, makemap, sendmail), which this server does only when the editor's configuration sets initializationOptions.allowPrograms: true`);
    }
    const ac = new AbortController();
    token.onCancellationRequested(() => ac.abort());
    return run(command, args, s, out, ac.signal, on);
  };
}
