// Small VS Code helpers shared by the commands: trust check, settings, progress with
// cancellation, the "Sendmail Commands" log, tool problems as diagnostics, and the sudo
// fallback (a terminal started on sudo itself). The work itself happens in the plain Node modules.
import * as vscode from 'vscode';
import type { ToolProblem } from './m4Diagnostics';
import { resolvePrograms, type ProgramPaths } from './programs';
import { controlCharacterProblem, findSudo, terminalOptions, type SudoCommand } from './sudo';

export const OUTPUT_NAME = 'Sendmail Commands';

export class CommandContext {
  readonly output = vscode.window.createOutputChannel(OUTPUT_NAME);
  readonly diagnostics = vscode.languages.createDiagnosticCollection('sendmail-tools');

  log = (line: string): void => { this.output.appendLine(line); };

  dispose(): void { this.output.dispose(); this.diagnostics.dispose(); }

  /** Programs are not run in Restricted Mode: a workspace must not make us run its tools. */
  trusted(what: string): boolean {
    if (vscode.workspace.isTrusted) return true;
    void vscode.window.showWarningMessage(`${what} runs programs (m4, makemap, sendmail), which is disabled in Restricted Mode. Trust this workspace to use it.`);
    return false;
  }

  programs(): ProgramPaths {
    const c = vscode.workspace.getConfiguration('sendmail');
    return resolvePrograms({ m4: c.get('paths.m4'), sendmail: c.get('paths.sendmail'), makemap: c.get('paths.makemap'), make: c.get('paths.make') });
  }

  cfDirectory(): string { return vscode.workspace.getConfiguration('sendmail').get<string>('cfDirectory') ?? ''; }
  rebuildMethod(): 'auto' | 'make' | 'm4' { return vscode.workspace.getConfiguration('sendmail').get('rebuild.method') ?? 'auto'; }

  /** Runs `work` with a cancellable progress notification; cancelling aborts the running program. */
  progress<T>(title: string, work: (signal: AbortSignal) => Promise<T>): Thenable<T> {
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_p, token) => {
      const ac = new AbortController();
      token.onCancellationRequested(() => ac.abort());
      return work(ac.signal);
    });
  }

  /** Shows tool problems on `file` (replacing earlier ones for it); none clears them. */
  showProblems(file: string, problems: ToolProblem[], tool: string): void {
    const uri = vscode.Uri.file(file);
    this.diagnostics.set(uri, problems.map((p) => {
      const d = new vscode.Diagnostic(new vscode.Range(p.line, 0, p.line, Number.MAX_SAFE_INTEGER),
        `${tool}: ${p.message}${p.origin ? ` (reported in ${p.origin})` : ''}`,
        p.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Error);
      d.source = 'sendmail';
      d.code = `${tool}.${p.severity}`;
      return d;
    }));
  }

  /**
   * Offers to run the same work as root in a terminal: the terminal starts on sudo's argument
   * vector (nothing is typed into a shell) and the user types the password there.
   */
  async offerSudo(problem: string, build: (sudo: string) => SudoCommand): Promise<boolean> {
    const sudo = findSudo();
    const cmd = sudo ? build(sudo) : undefined;
    const refused = cmd ? controlCharacterProblem(cmd) : 'sudo was not found (neither /usr/bin/sudo nor on PATH); run the command as root yourself';
    if (!cmd || refused) {
      this.log(`${problem}; ${refused}`);
      void vscode.window.showErrorMessage(`${problem}; ${refused}.`);
      return false;
    }
    this.log(`${problem}; sudo command offered: ${cmd.display}`);
    const choice = await vscode.window.showWarningMessage(`${problem}. Run the same command with sudo in a terminal? You will be asked for your password there.`, { modal: true }, 'Run with sudo in Terminal');
    if (choice !== 'Run with sudo in Terminal') return false;
    vscode.window.createTerminal({ name: 'Sendmail (sudo)', ...terminalOptions(cmd) }).show();
    return true;
  }
}

/** Commands get a Uri (menus), a string (CodeLens arguments) or nothing (palette: active editor). */
export function targetPath(arg: unknown): string | undefined {
  if (arg instanceof vscode.Uri) return arg.scheme === 'file' ? arg.fsPath : undefined;
  if (typeof arg === 'string' && arg) return arg.startsWith('file:') ? vscode.Uri.parse(arg).fsPath : arg;
  const doc = vscode.window.activeTextEditor?.document;
  return doc && doc.uri.scheme === 'file' ? doc.uri.fsPath : undefined;
}
