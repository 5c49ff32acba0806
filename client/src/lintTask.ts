// The "sendmail-lint" task type (Tasks: Run Task → sendmail-lint): the bundled sendmail-lint
// checks a whole workspace folder (or the paths a tasks.json entry names) and its findings go
// to the Problems panel through the $sendmail-lint problem matcher (package.json). The program
// is our own bundle, run by the extension host's Node.js without a shell; VS Code itself runs
// no task in Restricted Mode.
import * as vscode from 'vscode';

export const LINT_TASK_TYPE = 'sendmail-lint';

interface LintTaskDefinition extends vscode.TaskDefinition { paths?: unknown; maxWarnings?: unknown }

function lintTask(context: vscode.ExtensionContext, folder: vscode.WorkspaceFolder, def: LintTaskDefinition): vscode.Task {
  const paths = Array.isArray(def.paths) && def.paths.length ? def.paths.map(String) : ['.'];
  const opts = typeof def.maxWarnings === 'number' ? ['--max-warnings', String(def.maxWarnings)] : [];
  // ELECTRON_RUN_AS_NODE: in desktop VS Code, process.execPath is Electron, which then acts as Node.js.
  const exec = new vscode.ProcessExecution(process.execPath, [context.asAbsolutePath('dist/cli.js'), ...opts, '--', ...paths], {
    cwd: folder.uri.fsPath, env: { ELECTRON_RUN_AS_NODE: '1' },
  });
  const task = new vscode.Task(def, folder, `check ${folder.name}`, LINT_TASK_TYPE, exec, '$sendmail-lint');
  task.group = vscode.TaskGroup.Test;
  task.presentationOptions = { reveal: vscode.TaskRevealKind.Silent };
  return task;
}

export function registerLintTask(context: vscode.ExtensionContext): vscode.Disposable {
  return vscode.tasks.registerTaskProvider(LINT_TASK_TYPE, {
    provideTasks: () => (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => lintTask(context, f, { type: LINT_TASK_TYPE })),
    resolveTask: (task) => (task.scope && typeof task.scope === 'object' && task.scope.uri.scheme === 'file' ? lintTask(context, task.scope, task.definition) : undefined),
  });
}
