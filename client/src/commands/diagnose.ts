// "Sendmail: Diagnose Delivery" (issue #14), thin VS Code glue over client/src/diagnose: asks
// for an address or a domain (or takes it from the mail log's code action or the queue view),
// runs the four steps under a cancellable progress that names each step, logs every program
// and connection to the "Sendmail Commands" output, and shows the report as a markdown preview
// of a read-only document. Prepared edits are offered as an action that puts them into the
// sendmail.mc editor (and the authinfo source) as a WorkspaceEdit for the admin to review:
// never saved by us. Trusted workspaces only; the DNS server and the time limit are machine settings.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CommandContext, targetPath } from './glue';
import { dirFor } from './targets';
import { diagnose, diagnosisMarkdown, parseTarget, dnsServerProblem, DEFAULT_TIMEOUT_MS, type Diagnosis, type PreparedEdit } from '../diagnose';

export const REPORT_SCHEME = 'sendmail-diagnosis';

/** The reports shown so far, as read-only markdown documents (no "save changes?" on close). */
class Reports implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private n = 0;
  provideTextDocumentContent(uri: vscode.Uri): string { return this.texts.get(uri.toString()) ?? ''; }
  add(name: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: REPORT_SCHEME, path: `/Diagnose ${name.replace(/[/\\]/g, '_')}.md`, query: String(++this.n) });
    this.texts.set(uri.toString(), text);
    return uri;
  }
}

function settings(): { dnsServer?: string; timeoutMs: number } {
  const c = vscode.workspace.getConfiguration('sendmail.diagnose');
  const dns = c.get<string>('dnsServer')?.trim();
  const s = c.get<number>('timeout');
  return { dnsServer: dns || undefined, timeoutMs: typeof s === 'number' && s > 0 ? Math.min(s, 120) * 1000 : DEFAULT_TIMEOUT_MS };
}

/**
 * The edits of one document as a WorkspaceEdit, with the meaning applyEdits (diagnose/edits.ts)
 * gives them: the texts for one line in their order, before it or replacing it; past the end: added.
 * One edit per line, so the order never depends on how the editor sorts equal positions.
 */
export function workspaceEditFor(doc: vscode.TextDocument, edits: PreparedEdit[], into = new vscode.WorkspaceEdit()): vscode.WorkspaceEdit {
  const lastEmpty = doc.lineAt(doc.lineCount - 1).text === '';
  const lines = doc.lineCount - (lastEmpty ? 1 : 0); // as applyEdits counts them
  const byLine = new Map<number, PreparedEdit[]>();
  for (const e of edits) { const at = Math.min(e.line, lines); byLine.set(at, [...(byLine.get(at) ?? []), e]); }
  for (const [line, here] of byLine) {
    const text = here.map((e) => e.text.replace(/\n?$/, '\n')).join('');
    if (line < lines) into.replace(doc.uri, new vscode.Range(line, 0, here.some((e) => e.replaces) ? line + 1 : line, 0), text);
    else into.insert(doc.uri, doc.lineAt(doc.lineCount - 1).range.end, lastEmpty ? text : `\n${text.replace(/\n$/, '')}`);
  }
  return into;
}

/**
 * Puts the prepared edits into editors: the mc (opened, edited, left unsaved) and the authinfo
 * source beside it (the same; an untitled document when there is none). Returns the documents.
 */
export async function applyPreparedEdits(mcPath: string, edits: PreparedEdit[]): Promise<{ ok: boolean; mc?: vscode.TextDocument; authinfo?: vscode.TextDocument; reason?: string }> {
  const mcEdits = edits.filter((e) => e.file === 'mc');
  const authEdits = edits.filter((e) => e.file === 'authinfo');
  const mc = await vscode.workspace.openTextDocument(vscode.Uri.file(mcPath));
  const we = workspaceEditFor(mc, mcEdits);
  let authinfo: vscode.TextDocument | undefined;
  if (authEdits.length) {
    const file = path.join(path.dirname(mcPath), 'authinfo');
    if (fs.existsSync(file)) {
      authinfo = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
      workspaceEditFor(authinfo, authEdits, we);
    } else {
      authinfo = await vscode.workspace.openTextDocument({ language: 'sendmail-authinfo', content: authEdits.map((e) => e.text).join('') });
      void vscode.window.showInformationMessage(`There is no ${file} yet: the entry is in a new editor. Save it as ${file} (mode 0600), then rebuild the authinfo map.`);
    }
  }
  if (!(await vscode.workspace.applyEdit(we))) return { ok: false, reason: 'the editor refused the edit' };
  await vscode.window.showTextDocument(mc, { preview: false });
  return { ok: true, mc, authinfo };
}

export interface DiagnoseCommandResult {
  ok: boolean;
  reason?: string;
  diagnosis?: Diagnosis;
  markdown?: string;
  report?: string;
}

export function registerDiagnoseCommand(context: vscode.ExtensionContext, cx: CommandContext): void {
  const reports = new Reports();
  context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, reports));
  const register = (id: string, f: (...args: unknown[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, f));

  // Arguments as Test route's: (folder or file of the configuration, address or domain), then
  // options for callers (tests): { modelOnly: route with the model alone, show: false: no preview }.
  register('sendmail.diagnoseDelivery', async (arg?: unknown, given?: unknown, opts?: unknown): Promise<DiagnoseCommandResult> => {
    if (!cx.trusted('Diagnose delivery')) return { ok: false, reason: 'workspace not trusted' };
    const o = (opts && typeof opts === 'object' ? opts : {}) as { modelOnly?: unknown; show?: unknown };
    const dir = dirFor(targetPath(arg));
    const text = typeof given === 'string' ? given : await vscode.window.showInputBox({
      title: 'Diagnose delivery', prompt: 'An address or a domain: where sendmail sends it, DNS, and a connection to each server (no mail is sent)',
      placeHolder: 'user@example.com or example.com', validateInput: (v) => { const t = parseTarget(v); return typeof t === 'string' ? t : undefined; },
    });
    if (text === undefined) return { ok: false, reason: 'cancelled' };
    const target = parseTarget(text);
    if (typeof target === 'string') { void vscode.window.showErrorMessage(`Diagnose delivery: ${target}.`); return { ok: false, reason: target }; }
    const s = settings();
    const bad = s.dnsServer && dnsServerProblem(s.dnsServer);
    if (bad) { void vscode.window.showErrorMessage(`Diagnose delivery: the setting sendmail.diagnose.dnsServer is refused: ${bad}.`); return { ok: false, reason: bad }; }
    const progs = cx.programs();
    let d: Diagnosis;
    try {
      d = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Diagnosing delivery to ${target.address}`, cancellable: true }, (p, token) => {
        const ac = new AbortController();
        token.onCancellationRequested(() => ac.abort());
        return diagnose(dir, target.input, { m4: progs.m4, sendmail: progs.sendmail, cfDirectory: cx.cfDirectory(), modelOnly: o.modelOnly === true,
          dnsServer: s.dnsServer, timeoutMs: s.timeoutMs, log: cx.log, signal: ac.signal, progress: (step) => p.report({ message: step }) });
      });
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      void vscode.window.showErrorMessage(`Diagnose delivery: ${reason}`);
      return { ok: false, reason };
    }
    const markdown = diagnosisMarkdown(d);
    const uri = reports.add(target.address, markdown);
    if (o.show !== false) {
      try { await vscode.commands.executeCommand('markdown.showPreview', uri); } catch {
        await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true });
      }
      const buttons = d.verdict.edits.length && d.mcPath ? ['Review prepared edits'] : [];
      void (d.verdict.kind === 'ok' || d.verdict.kind === 'local' ? vscode.window.showInformationMessage(d.verdict.text, ...buttons) : vscode.window.showWarningMessage(d.verdict.text, ...buttons))
        .then((b) => (b && d.mcPath ? applyPreparedEdits(d.mcPath, d.verdict.edits) : undefined));
    }
    return { ok: true, diagnosis: d, markdown, report: uri.toString() };
  });

  // The prepared edits into editors (arguments: the mc path, the edits of a diagnosis); nothing is saved.
  register('sendmail.applyDiagnosisEdits', async (mcPath?: unknown, edits?: unknown) => {
    if (!cx.trusted('Apply prepared edits')) return { ok: false, reason: 'workspace not trusted' };
    if (typeof mcPath !== 'string' || !Array.isArray(edits)) return { ok: false, reason: 'no mc or no edits' };
    const valid = edits.filter((e): e is PreparedEdit => !!e && typeof e === 'object' && (e.file === 'mc' || e.file === 'authinfo')
      && Number.isInteger(e.line) && e.line >= 0 && (e.replaces === 0 || e.replaces === 1) && typeof e.text === 'string');
    if (valid.length !== edits.length) return { ok: false, reason: 'not prepared edits' };
    const r = await applyPreparedEdits(mcPath, valid);
    return { ok: r.ok, reason: r.reason, mc: r.mc?.uri.toString(), authinfo: r.authinfo?.uri.toString() };
  });
}
