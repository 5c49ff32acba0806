// The "Mail Queue" tree view in the "Sendmail" activity-bar container (issue #14): the queues
// sendmail lists (index.ts: mailq, the submit queue, quarantined mail), each message with its
// age, size, sender and status, its recipients below it. Refreshed on demand and on a timer
// while the view is visible (or while the optional status-bar item counts deferred messages).
// Nothing is read in Restricted Mode (listing the queue runs sendmail). A queue the user may
// not read shows the reason and an item that offers the same listing with sudo.
import * as vscode from 'vscode';
import { readQueues, deferredCount, entryAge, isDeferred, bareAddress, QUEUE_TITLES, type QueueEntry, type QueueResult, type QueueOptions } from './index';

export const VIEW_ID = 'sendmail.queue';
/** How often the queue is listed again while the view is visible. */
export const REFRESH_MS = 30_000;

export type QueueNode =
  | { type: 'queue'; result: QueueResult }
  | { type: 'entry'; entry: QueueEntry; kind: QueueResult['kind'] }
  | { type: 'recipient'; entry: QueueEntry; address: string; note?: string }
  | { type: 'detail'; text: string; tooltip?: string }
  | { type: 'message'; text: string; tooltip?: string; command?: vscode.Command; icon?: string };

const size = (n: number | undefined) => (n === undefined ? '' : n < 10_000 ? `${n} B` : `${Math.round(n / 1024)} KiB`);

export class QueueView implements vscode.TreeDataProvider<QueueNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<QueueNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private results: QueueResult[] | undefined;
  private failure: string | undefined;
  private busy: Promise<QueueResult[] | undefined> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private view: vscode.TreeView<QueueNode> | undefined;
  private readonly statusItem = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 20);
  private readonly subscriptions: vscode.Disposable[] = [];

  /** `options()` gives the sendmail program, the configuration and the log at each refresh; `trusted()` gates every run. */
  constructor(private readonly options: () => QueueOptions, private readonly trusted: () => boolean, private readonly statusBarWanted: () => boolean) {
    this.statusItem.command = `${VIEW_ID}.focus`;
    this.statusItem.name = 'Sendmail: deferred messages';
  }

  /** Creates the tree view and starts the timer logic. */
  register(): vscode.TreeView<QueueNode> {
    this.view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
    this.subscriptions.push(this.view, this.view.onDidChangeVisibility(() => this.schedule()),
      vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('sendmail.queue')) { this.schedule(); void this.refresh(); } }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => { this.schedule(); void this.refresh(); }));
    this.schedule();
    return this.view;
  }

  /** The last listing (undefined before the first). */
  get last(): QueueResult[] | undefined { return this.results; }

  /** Runs the timer while someone looks: the view is visible, or the status-bar item is on. */
  private schedule(): void {
    const wanted = this.trusted() && (this.view?.visible || this.statusBarWanted());
    if (!this.statusBarWanted() || !this.trusted()) this.statusItem.hide();
    if (wanted && !this.timer) this.timer = setInterval(() => void this.refresh(), REFRESH_MS);
    if (!wanted && this.timer) { clearInterval(this.timer); this.timer = undefined; }
    if (wanted && !this.results && !this.busy) void this.refresh();
  }

  /** Lists the queues again (one listing at a time; a call during one waits for it). */
  refresh(): Promise<QueueResult[] | undefined> {
    if (!this.trusted()) { this.results = undefined; this.failure = undefined; this.changed.fire(undefined); return Promise.resolve(undefined); }
    this.busy ??= readQueues(this.options()).then((r) => { this.results = r; this.failure = undefined; return r; }, (e) => {
      this.failure = e instanceof Error ? e.message : String(e);
      return undefined;
    }).finally(() => {
      this.busy = undefined;
      this.changed.fire(undefined);
      this.updateStatus();
    });
    return this.busy;
  }

  private updateStatus(): void {
    if (!this.statusBarWanted() || !this.trusted() || !this.results) { this.statusItem.hide(); return; }
    const n = deferredCount(this.results);
    const unreadable = this.results.some((r) => r.permission);
    this.statusItem.text = `$(mail) ${unreadable ? '?' : n}`;
    this.statusItem.tooltip = unreadable ? 'The mail queue could not be read (see the Mail Queue view).' : `${n} deferred message${n === 1 ? '' : 's'} in the mail queue. Click to open the Mail Queue view.`;
    this.statusItem.show();
    if (this.view) this.view.badge = n ? { value: n, tooltip: `${n} deferred` } : undefined;
  }

  getTreeItem(n: QueueNode): vscode.TreeItem {
    switch (n.type) {
      case 'queue': {
        const r = n.result;
        const t = new vscode.TreeItem(QUEUE_TITLES[r.kind], vscode.TreeItemCollapsibleState.Expanded);
        t.description = r.permission ? 'not readable' : r.error ? 'failed' : `${r.listing.entries.length} message${r.listing.entries.length === 1 ? '' : 's'}`;
        t.tooltip = r.listing.queues.map((q) => q.dir).join('\n') || undefined;
        t.contextValue = 'sendmail.queueGroup';
        t.iconPath = new vscode.ThemeIcon(r.kind === 'quarantine' ? 'shield' : 'inbox');
        return t;
      }
      case 'entry': {
        const e = n.entry;
        const t = new vscode.TreeItem(e.id, e.unreadable ? vscode.TreeItemCollapsibleState.None : vscode.TreeItemCollapsibleState.Collapsed);
        t.id = `${n.kind}:${e.id}`;
        t.description = e.unreadable ? `(${e.unreadable})` : [entryAge(e), size(e.size), e.sender].filter(Boolean).join(' · ');
        const md = new vscode.MarkdownString();
        md.appendText(`${e.id}${e.mark ? ` (${e.mark})` : ''}\nQueued: ${e.time ?? '?'}\nFrom: ${e.sender ?? '?'}\nTo: ${e.recipients.map((r) => r.address).join(', ')}`
          + `${e.status ? `\nStatus: ${e.status}` : '\nNot tried yet'}${e.quarantine ? `\nQuarantined: ${e.quarantine}` : ''}`);
        t.tooltip = md;
        t.contextValue = e.unreadable ? 'sendmail.queueEntryUnreadable' : 'sendmail.queueEntry';
        t.iconPath = new vscode.ThemeIcon(e.mark === 'locked' ? 'sync' : n.kind === 'quarantine' ? 'shield' : isDeferred(e) ? 'warning' : 'mail');
        return t;
      }
      case 'recipient': {
        const t = new vscode.TreeItem(n.address, vscode.TreeItemCollapsibleState.None);
        t.description = n.note ?? n.entry.status ?? 'not tried yet';
        t.tooltip = `${n.address}: ${n.note ?? n.entry.status ?? 'not tried yet'}`;
        t.contextValue = 'sendmail.queueRecipient';
        t.iconPath = new vscode.ThemeIcon('person');
        return t;
      }
      case 'detail': {
        const t = new vscode.TreeItem(n.text, vscode.TreeItemCollapsibleState.None);
        t.tooltip = n.tooltip ?? n.text;
        return t;
      }
      case 'message': {
        const t = new vscode.TreeItem(n.text, vscode.TreeItemCollapsibleState.None);
        t.tooltip = n.tooltip ?? n.text;
        t.command = n.command;
        if (n.icon) t.iconPath = new vscode.ThemeIcon(n.icon);
        return t;
      }
    }
  }

  async getChildren(n?: QueueNode): Promise<QueueNode[]> {
    if (!n) {
      if (!this.trusted()) return [{ type: 'message', text: 'Restricted Mode: the queue is not read (listing it runs sendmail).', icon: 'shield' }];
      if (!this.results && !this.failure) await this.refresh();
      if (this.failure) return [{ type: 'message', text: `The queue could not be listed: ${this.failure}`, icon: 'error' }];
      return (this.results ?? []).map((result) => ({ type: 'queue', result }));
    }
    if (n.type === 'queue') {
      const r = n.result;
      const out: QueueNode[] = [];
      if (r.permission) {
        out.push({ type: 'message', text: r.permission, icon: 'lock', tooltip: `${r.permission}\nClick to run the same listing with sudo in a terminal.`,
          command: { command: 'sendmail.queue.listWithSudo', title: 'List with sudo', arguments: [r.kind] } });
      } else if (r.error) out.push({ type: 'message', text: `sendmail -bp failed: ${r.error}`, icon: 'error' });
      else if (!r.listing.entries.length) out.push({ type: 'message', text: 'Empty.' });
      return out.concat(r.listing.entries.map((entry) => ({ type: 'entry', entry, kind: r.kind })));
    }
    if (n.type === 'entry') {
      const e = n.entry;
      const out: QueueNode[] = [];
      if (e.quarantine) out.push({ type: 'detail', text: `Quarantined: ${e.quarantine}` });
      out.push({ type: 'detail', text: e.status ?? 'Not tried yet.', tooltip: e.status ? `Last status: ${e.status}` : undefined });
      return out.concat(e.recipients.map((r) => ({ type: 'recipient', entry: e, address: bareAddress(r.address), note: r.note })));
    }
    return [];
  }

  /** What the view shows, two levels deep (labels and descriptions): for the refresh command's result and the tests. */
  async snapshot(): Promise<{ label: string; description?: string; children: { label: string; description?: string }[] }[]> {
    const text = (t: vscode.TreeItem) => ({ label: typeof t.label === 'string' ? t.label : t.label?.label ?? '', description: typeof t.description === 'string' ? t.description : undefined });
    const out = [];
    for (const n of await this.getChildren()) out.push({ ...text(this.getTreeItem(n)), children: (await this.getChildren(n)).map((c) => text(this.getTreeItem(c))) });
    return out;
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.statusItem.dispose();
    this.changed.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
