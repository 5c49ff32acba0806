// The client keeps the language server alive: when the server process dies, it is
// restarted and features work again; the restart command does the same on request.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { openAndWaitForDiagnostics, waitFor, workspaceFile } from './helpers';

/** Our language server: a child of this extension host running dist/server.js. */
function serverPids(): number[] {
  const pids: number[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmd = fs.readFileSync(`/proc/${name}/cmdline`, 'utf8');
      if (ppid === process.pid && cmd.includes('dist/server.js')) pids.push(Number(name));
    } catch { /* process ended while we looked */ }
  }
  return pids;
}

async function hoverWorks(uri: vscode.Uri, pos: vscode.Position): Promise<boolean> {
  const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, pos);
  return !!h && h.length > 0;
}

describe('language server lifecycle (real VS Code)', () => {
  it('restarts the server after it is killed, and hover works again', async () => {
    const { doc } = await openAndWaitForDiagnostics('sendmail.mc', (ds) => ds.length > 0);
    const pos = new vscode.Position(9, doc.lineAt(9).text.indexOf('mailertable') + 2);
    await waitFor('hover before the crash', () => hoverWorks(doc.uri, pos));
    const [pid] = await waitFor('server process', () => { const p = serverPids(); return p.length ? p : undefined; });
    process.kill(pid, 'SIGKILL');
    const [next] = await waitFor('a new server process', () => { const p = serverPids().filter((x) => x !== pid); return p.length ? p : undefined; }, 30000);
    assert.notStrictEqual(next, pid);
    await waitFor('hover after the restart', () => hoverWorks(doc.uri, pos), 30000);
  });

  it('"Sendmail: Restart Language Server" starts a fresh server', async () => {
    const [before] = await waitFor('server process', () => { const p = serverPids(); return p.length ? p : undefined; });
    await vscode.commands.executeCommand('sendmail.restartServer');
    await waitFor('a new server process', () => serverPids().some((p) => p !== before) || undefined, 30000);
    const doc = await vscode.workspace.openTextDocument(workspaceFile('sendmail.mc'));
    const pos = new vscode.Position(9, doc.lineAt(9).text.indexOf('mailertable') + 2);
    await waitFor('hover from the new server', () => hoverWorks(doc.uri, pos), 30000);
  });
});
