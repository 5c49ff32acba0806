// The mail log in the editor (thin VS Code glue over logView.ts):
//  - "Sendmail: Open Mail Log" opens the end of the log (sendmail.logs.path, else the first of
//    /var/log/mail.log and /var/log/maillog) as a read-only document of the sendmail-log scheme
//    in the sendmail-maillog language, and follows it: lines sendmail appends show up, and an
//    editor whose cursor is on the last line stays at the end (as tail -f).
//  - "Open Mail Log Filtered..." shows the lines of one queue id, or of the messages of one
//    address or @domain, and follows them too.
//  - "Next/Previous Line of This Message" move the cursor between the lines of the message
//    (queue id) under the cursor, in any mail log document.
// Reading a log runs no program: all of this works in Restricted Mode.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LogView, messageLine, parseFilter, type LogFilter } from './logView';
import { parseLogLine } from '../../../server/src/service/maillog/parse';

export const LOG_SCHEME = 'sendmail-log';
export const LOG_LANGUAGE = 'sendmail-maillog';
export const LOG_CANDIDATES = ['/var/log/mail.log', '/var/log/maillog'];
/** How often a followed log is looked at (fs.watchFile polls: works for rotation and on every file system). */
const FOLLOW_INTERVAL_MS = 1000;

/** The log to open: the setting, else the first candidate that exists. */
export function defaultLogPath(configured: string | undefined, exists: (p: string) => boolean = fs.existsSync): string | undefined {
  if (configured?.trim()) return configured.trim();
  return LOG_CANDIDATES.find(exists);
}

/** The view's URI: the path shows in the tab ("mail.log (6B27N4Fr022142)"), the query says what to read. */
export function logViewUri(given: string, filter?: string): vscode.Uri {
  const file = path.resolve(given);
  const query = new URLSearchParams(filter ? { file, filter } : { file }).toString();
  return vscode.Uri.from({ scheme: LOG_SCHEME, path: filter ? `${file} (${filter})` : file, query });
}

function viewOf(uri: vscode.Uri): { file: string; filter?: LogFilter } | undefined {
  const q = new URLSearchParams(uri.query);
  const file = q.get('file');
  if (!file) return undefined;
  const f = q.get('filter');
  const filter = f ? parseFilter(f) : undefined;
  return f && !filter ? undefined : { file, filter };
}

/** The log views that are open, each followed while its document is open. */
class LogViews implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly open = new Map<string, { view: LogView; stop: () => void; lines: number }>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor() {
    this.subscriptions.push(
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
      vscode.workspace.onDidChangeTextDocument((e) => this.keepAtEnd(e.document)),
    );
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const key = uri.toString();
    const known = this.open.get(key);
    if (known) return known.view.text;
    const what = viewOf(uri);
    if (!what) throw new Error(`not a mail log view: ${key}`);
    const view = new LogView(what.file, what.filter);
    await view.load();
    this.open.set(key, { view, stop: this.follow(uri, view), lines: lineCount(view.text) });
    return view.text;
  }

  view(uri: vscode.Uri): LogView | undefined { return this.open.get(uri.toString())?.view; }

  /** Polls the file; appended lines update the document. One refresh at a time. */
  private follow(uri: vscode.Uri, view: LogView): () => void {
    let busy: Promise<void> | undefined;
    const listener = () => {
      busy ??= view.refresh().then((changed) => { if (changed) this.changed.fire(uri); }, () => undefined).finally(() => { busy = undefined; });
    };
    fs.watchFile(view.file, { interval: FOLLOW_INTERVAL_MS, persistent: false }, listener);
    return () => fs.unwatchFile(view.file, listener);
  }

  /** Editors whose cursor was on the last line before the log grew move to the new end. */
  private keepAtEnd(doc: vscode.TextDocument): void {
    const o = this.open.get(doc.uri.toString());
    if (!o) return;
    const before = o.lines;
    o.lines = doc.lineCount;
    if (doc.lineCount <= before) return;
    for (const e of vscode.window.visibleTextEditors) {
      if (e.document !== doc || e.selection.active.line < before - 2) continue;
      const end = new vscode.Position(doc.lineCount - 1, 0);
      e.selection = new vscode.Selection(end, end);
      e.revealRange(new vscode.Range(end, end));
    }
  }

  /**
   * Stops following a view whose document closed. Later, not at once: setting the document's
   * language closes and reopens it under the same URI, and that view must go on.
   */
  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    setTimeout(() => {
      if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === key)) return;
      this.open.get(key)?.stop();
      this.open.delete(key);
    }, 3000);
  }

  dispose(): void {
    for (const o of this.open.values()) o.stop();
    this.open.clear();
    this.changed.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

const lineCount = (text: string) => text.split('\n').length;

/** Opens a view at its end; returns what the tests and callers need. */
async function show(views: LogViews, uri: vscode.Uri): Promise<{ ok: true; uri: string; lines: number; truncated: boolean } | { ok: false; reason: string }> {
  let doc: vscode.TextDocument;
  try { doc = await vscode.workspace.openTextDocument(uri); } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    void vscode.window.showErrorMessage(`Cannot read the mail log: ${reason}`);
    return { ok: false, reason };
  }
  if (doc.languageId !== LOG_LANGUAGE) doc = await vscode.languages.setTextDocumentLanguage(doc, LOG_LANGUAGE);
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  const end = new vscode.Position(Math.max(0, doc.lineCount - 1), 0);
  editor.selection = new vscode.Selection(end, end);
  editor.revealRange(new vscode.Range(end, end), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  const truncated = views.view(uri)?.truncated ?? false;
  return { ok: true, uri: uri.toString(), lines: doc.lineCount, truncated };
}

/** The log file behind an editor: a view's file, a mail log file on disk, or undefined. */
function fileOfEditor(e: vscode.TextEditor | undefined): string | undefined {
  if (!e) return undefined;
  if (e.document.uri.scheme === LOG_SCHEME) return viewOf(e.document.uri)?.file;
  return e.document.uri.scheme === 'file' && e.document.languageId === LOG_LANGUAGE ? e.document.uri.fsPath : undefined;
}

const configuredLog = () => defaultLogPath(vscode.workspace.getConfiguration('sendmail').get<string>('logs.path'));
const NO_LOG = 'No mail log found (/var/log/mail.log, /var/log/maillog): set sendmail.logs.path to the log sendmail writes.';

export function registerMaillogCommands(context: vscode.ExtensionContext): void {
  const views = new LogViews();
  context.subscriptions.push(views, vscode.workspace.registerTextDocumentContentProvider(LOG_SCHEME, views));
  const register = (id: string, f: (...args: unknown[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, f));

  register('sendmail.openMailLog', async (arg?: unknown) => {
    const file = typeof arg === 'string' ? arg : arg instanceof vscode.Uri && arg.scheme === 'file' ? arg.fsPath : configuredLog();
    if (!file) { void vscode.window.showErrorMessage(NO_LOG); return { ok: false, reason: 'no log' }; }
    return show(views, logViewUri(file));
  });

  register('sendmail.filterMailLog', async (given?: unknown, fileArg?: unknown) => {
    const editor = vscode.window.activeTextEditor;
    const file = typeof fileArg === 'string' ? fileArg : fileOfEditor(editor) ?? configuredLog();
    if (!file) { void vscode.window.showErrorMessage(NO_LOG); return { ok: false, reason: 'no log' }; }
    const here = editor && editor.document.languageId === LOG_LANGUAGE ? parseLogLine(editor.document.lineAt(editor.selection.active.line).text)?.qid?.text : undefined;
    const text = typeof given === 'string' ? given : await vscode.window.showInputBox({
      title: `Filter ${file}`, prompt: 'A queue id, an address, or @domain for all its addresses',
      value: here && here !== 'NOQUEUE' ? here : '', placeHolder: '6B27N4Fr022142, user@example.com or @example.com',
      validateInput: (v) => (parseFilter(v) ? undefined : 'Give a queue id (6B27N4Fr022142), an address (user@example.com) or @example.com'),
    });
    if (text === undefined) return { ok: false, reason: 'cancelled' };
    const filter = parseFilter(text);
    if (!filter) return { ok: false, reason: `not a queue id or address: ${text}` };
    const result = await show(views, logViewUri(file, filter.kind === 'domain' ? `@${filter.value}` : filter.value));
    if (result.ok && result.truncated) void vscode.window.showWarningMessage(`Only the first ${result.lines - 1} matching lines are shown.`);
    return result;
  });

  const move = (step: 1 | -1) => () => {
    const e = vscode.window.activeTextEditor;
    if (!e || e.document.languageId !== LOG_LANGUAGE) return { ok: false, reason: 'no mail log' };
    const doc = e.document;
    const from = e.selection.active.line;
    const to = messageLine((n) => doc.lineAt(n).text, doc.lineCount, from, step);
    if (to === undefined) {
      const id = parseLogLine(doc.lineAt(from).text)?.qid?.text;
      vscode.window.setStatusBarMessage(id && id !== 'NOQUEUE' ? `No ${step > 0 ? 'later' : 'earlier'} line of ${id}.` : 'This line names no message (queue id).', 4000);
      return { ok: false, reason: 'none', line: from };
    }
    const pos = new vscode.Position(to, 0);
    e.selection = new vscode.Selection(pos, pos);
    e.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return { ok: true, line: to };
  };
  register('sendmail.nextMessageLine', move(1));
  register('sendmail.previousMessageLine', move(-1));
}
