// Test route, the whole answer, in one place for every front end (the VS Code command, the
// language server's workspace/executeCommand, `sendmail-lint route`): sendmail -bt on a cf
// generated from the mc in the folder (a temp file; else the installed sendmail.cf), the
// built-in model beside it, where they disagree, the port the mailer connects to, the line
// that decided, and the sentence people read. No vscode import: the callers show it.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Log } from './run';
import { generateCf } from './rebuildCf';
import { testRoute, type RouteTestResult } from './routeTest';
import { disagreements, lineOfKey, summarize } from './routeReport';
import { diskWorkspace, type WorkspaceView } from '../../../server/src/service/workspace';
import { findMcPath, loadMcConfig } from '../../../server/src/service/mc/config';
import { explainRoute, loadRouteModel, type RouteAnswer } from '../../../server/src/service/route';

export interface RouteOptions {
  m4?: string;
  sendmail?: string;
  cfDirectory?: string;
  log?: Log;
  signal?: AbortSignal;
  /** Do not run m4 or sendmail: the model answers alone (sendmail-lint route --model). */
  modelOnly?: boolean;
  ws?: WorkspaceView;
}

/** What happens to the mail: delivered on this machine, sent on to another, or refused (error, discard). */
export type RouteVerdict = 'local' | 'relayed' | 'rejected';

export interface RouteReport {
  /** False only when the address was refused before anything ran. */
  ok: boolean;
  address: string;
  /** One sentence: who answered, and the route. */
  summary: string;
  answeredBy: 'sendmail' | 'model';
  /** The cf sendmail -bt read ('' when sendmail was not asked); generated: from the mc, in a temp file since removed. */
  cfPath: string;
  generated: boolean;
  sendmail: RouteTestResult;
  model: RouteAnswer;
  disagreements: string[];
  /** 0-based line of the mailertable entry that decided, if one did. */
  matchedLine?: number;
  /** The answer used (sendmail's when it answered), with the port its mailer connects to. */
  route: { mailer: string; host?: string; port?: number; user: string; mx: boolean; afterAliases?: { mailer: string; host?: string; port?: number; user: string; mx: boolean } };
  verdict: RouteVerdict;
  /** The map line that decided (mailertable, or the virtusertable entry that rewrote the address first). */
  decidedBy?: { map: 'mailertable' | 'virtusertable'; file: string; line: number; key: string; text?: string };
  /** Further lines for a log: disagreements, hints, the model's steps, the rule trace. */
  details: string[];
}

const SMTP_MAILERS = new Set(['smtp', 'esmtp', 'smtp8', 'dsmtp', 'relay']);

/** The TCP port a mailer of this cf connects to (`A=TCP $h 587`; 25 by default), undefined for non-network mailers. */
export function cfMailerPort(cfText: string, mailer: string): number | undefined {
  const lines = cfText.split('\n');
  const i = lines.findIndex((l) => l.startsWith(`M${mailer},`));
  if (i < 0) return undefined;
  let def = lines[i];
  for (let j = i + 1; j < lines.length && /^[ \t]/.test(lines[j]); j++) def += ' ' + lines[j].trim();
  if (!/\bP=\[(IPC|TCP)\]/.test(def)) return undefined;
  const a = /\bA=TCP\s+\$h(?:\s+(\d+))?/.exec(def);
  return a?.[1] ? Number(a[1]) : 25;
}

/** The same from the mc (the model): <MAILER>_MAILER_ARGS for the SMTP mailers, else 25. */
export function mcMailerPort(defines: Map<string, string> | undefined, mailer: string): number | undefined {
  if (!SMTP_MAILERS.has(mailer)) return undefined;
  const args = defines?.get(`${mailer.toUpperCase()}_MAILER_ARGS`);
  const m = args ? /^\s*TCP\s+\$h(?:\s+(\d+))?/.exec(args) : null;
  return m?.[1] ? Number(m[1]) : 25;
}

export function verdictOf(r: { mailer: string; afterAliases?: unknown }): RouteVerdict {
  const m = r.mailer.toLowerCase();
  if (m === 'error' || m === '*error*' || m === 'discard') return 'rejected';
  return m === 'local' && !r.afterAliases ? 'local' : 'relayed';
}

/** Runs sendmail -bt against the cf generated from the mc in `dir` (temp file), else the installed one. */
async function routeWithCf(dir: string, address: string, o: RouteOptions, ws: WorkspaceView): Promise<{ sendmail: RouteTestResult; cfPath: string; generated: boolean; cfText: string }> {
  const mc = findMcPath(ws, dir);
  if (mc) {
    const gen = await generateCf(mc, { m4: o.m4, cfDirectory: o.cfDirectory, log: o.log, signal: o.signal });
    if (gen.ok) {
      const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sendmail-route-'));
      const cfPath = path.join(tmpDir, 'sendmail.cf');
      try {
        fs.writeFileSync(cfPath, gen.cfText, { mode: 0o644 });
        return { sendmail: await testRoute(address, { sendmail: o.sendmail, cfPath, log: o.log, signal: o.signal }), cfPath, generated: true, cfText: gen.cfText };
      } finally { fs.rmSync(tmpDir, { recursive: true, force: true }); }
    }
    o.log?.(`generated cf unusable (${gen.reason}); testing the installed sendmail.cf instead`);
  }
  const cfPath = fs.existsSync(path.join(dir, 'sendmail.cf')) ? path.join(dir, 'sendmail.cf') : '/etc/mail/sendmail.cf';
  let cfText = '';
  try { cfText = fs.readFileSync(cfPath, 'utf8'); } catch { /* testRoute says so */ }
  return { sendmail: await testRoute(address, { sendmail: o.sendmail, cfPath, log: o.log, signal: o.signal }), cfPath, generated: false, cfText };
}

/** Test route for `address` with the configuration in `dir` (the folder of the sendmail.mc or sendmail.cf). */
export async function routeAddress(dir: string, address: string, o: RouteOptions = {}): Promise<RouteReport> {
  const ws = o.ws ?? diskWorkspace();
  const notAsked: RouteTestResult = { ok: false, address, lookups: [], trace: '', error: 'not asked (model only)', hints: [] };
  const run = o.modelOnly ? { sendmail: notAsked, cfPath: '', generated: false, cfText: '' } : await routeWithCf(dir, address, o, ws);
  const real = run.sendmail;
  const routeModel = loadRouteModel(ws, dir);
  const model = explainRoute(address, routeModel);
  const differ = disagreements(real, model);
  const usedSendmail = real.ok;
  const matchedKey = usedSendmail ? real.mailertable?.key : model.matched?.key;
  const line = lineOfKey(routeModel.mailertable, matchedKey);
  const mtFile = routeModel.mailertablePath ?? path.join(dir, 'mailertable');
  const matched = matchedKey === undefined ? undefined : `"${matchedKey}"${line !== undefined ? ` (${path.basename(mtFile)} line ${line + 1})` : ''}`;
  // sendmail -bt does not say which virtusertable entry it used; the model does, when it agrees.
  const vtUsed = model.virtuser && differ.length === 0 ? model.virtuser : undefined;
  const vtFile = routeModel.virtusertable?.path ?? path.join(dir, 'virtusertable');
  const vt = vtUsed ? ` (virtusertable "${vtUsed.key}", ${path.basename(vtFile)} line ${vtUsed.line + 1})` : '';
  const label = o.modelOnly ? 'Model (sendmail not asked)' : 'Model (sendmail could not be asked)';
  const summary = usedSendmail ? summarize(address, real, matched, 'sendmail -bt') + vt
    : `${summarize(address, model, matched, label)}${vt}${o.modelOnly ? '' : ` ${real.error ?? ''}`}`.trimEnd();

  const defines = o.modelOnly || !usedSendmail ? loadMcConfig(ws, dir)?.defines : undefined;
  const portOf = (mailer: string) => (usedSendmail ? cfMailerPort(run.cfText, mailer) : mcMailerPort(defines, mailer));
  const chosen = usedSendmail ? { mailer: real.mailer ?? '', host: real.host, user: real.user ?? '', mx: !!real.mx, afterAliases: real.afterAliases }
    : { mailer: model.mailer, host: model.host, user: model.user, mx: model.mx, afterAliases: model.afterAliases };
  const route: RouteReport['route'] = {
    mailer: chosen.mailer, host: chosen.host, port: portOf(chosen.mailer), user: chosen.user, mx: chosen.mx,
    afterAliases: chosen.afterAliases && { ...chosen.afterAliases, port: portOf(chosen.afterAliases.mailer) },
  };
  const lineText = (file: string, n: number) => ws.readFile(file)?.split('\n')[n]?.replace(/\r$/, '');
  const decidedBy: RouteReport['decidedBy'] = matchedKey !== undefined && line !== undefined ? { map: 'mailertable', file: mtFile, line, key: matchedKey, text: lineText(mtFile, line) }
    : vtUsed ? { map: 'virtusertable', file: vtFile, line: vtUsed.line, key: vtUsed.key, text: lineText(vtFile, vtUsed.line) } : undefined;

  const details = [
    ...differ.map((d) => `  DISAGREEMENT with the model: ${d}`),
    ...real.hints.map((h) => `  hint: ${h}`),
    `  model steps: ${model.steps.join(' / ')}`,
    ...(real.trace ? [`--- rule trace (sendmail -bt -C${run.cfPath}) ---\n${real.trace}\n--- end of trace ---`] : []),
  ];
  return {
    ok: usedSendmail || !real.error?.startsWith('Address refused'), address, summary, answeredBy: usedSendmail ? 'sendmail' : 'model',
    cfPath: run.cfPath, generated: run.generated, sendmail: real, model, disagreements: differ, matchedLine: line,
    route, verdict: verdictOf(chosen), decidedBy, details,
  };
}
