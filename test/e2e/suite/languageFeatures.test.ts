// Language features through the vscode API in a real VS Code: diagnostics, hover,
// completion and quick fixes for sendmail.mc, and a mailertable checked against the mc beside it.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { hoverText, openAndWaitForDiagnostics, waitFor } from './helpers';

const code = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);

describe('sendmail.mc in a real VS Code', () => {
  it('shows the unknown FEATURE with its nearest valid name', async () => {
    const { diagnostics } = await openAndWaitForDiagnostics('sendmail.mc', (ds) => ds.some((d) => code(d) === 'mc.unknown-feature'));
    const d = diagnostics.find((x) => code(x) === 'mc.unknown-feature')!;
    assert.strictEqual(d.range.start.line, 10, 'FEATURE(`mailertabel\') is on line 11');
    assert.match(d.message, /mailertable/);
    assert.strictEqual(d.source, 'sendmail');
  });

  it('explains an unbracketed SMART_HOST (MX lookup)', async () => {
    const { diagnostics } = await openAndWaitForDiagnostics('sendmail.mc', (ds) => ds.some((d) => /MX/.test(d.message)));
    const d = diagnostics.find((x) => /MX/.test(x.message))!;
    assert.strictEqual(d.range.start.line, 6);
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Information);
  });

  it('hovers a FEATURE name with documentation from the catalog', async () => {
    const { doc } = await openAndWaitForDiagnostics('sendmail.mc', (ds) => ds.length > 0);
    const line = doc.lineAt(9).text; // FEATURE(`mailertable')dnl
    const pos = new vscode.Position(9, line.indexOf('mailertable') + 3);
    const hovers = await waitFor('hover', async () => {
      const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
      return h && h.length ? h : undefined;
    });
    assert.match(hoverText(hovers), /mailertable/i);
    assert.match(hoverText(hovers), /```/, 'hover shows an example');
  });

  it('completes feature names inside FEATURE(`', async () => {
    const { doc } = await openAndWaitForDiagnostics('sendmail.mc', (ds) => ds.length > 0);
    const line = doc.lineAt(9).text;
    const pos = new vscode.Position(9, line.indexOf('`') + 1);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, pos);
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const f of ['access_db', 'virtusertable', 'mailertable']) assert.ok(labels.includes(f), `${f} offered`);
  });

  it('offers a quick fix that renames the misspelled feature, and applying it clears the diagnostic', async () => {
    const { doc, diagnostics } = await openAndWaitForDiagnostics('sendmail.mc', (ds) => ds.some((d) => code(d) === 'mc.unknown-feature'));
    const d = diagnostics.find((x) => code(x) === 'mc.unknown-feature')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => /mailertable/.test(a.title));
    assert.ok(fix?.edit, `a rename fix among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(doc.lineAt(10).text, /FEATURE\(`mailertable'\)/);
    await waitFor('diagnostic cleared', () => !vscode.languages.getDiagnostics(doc.uri).some((x) => code(x) === 'mc.unknown-feature'));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});

describe('mailertable in a real VS Code', () => {
  it('flags a mailer that the sendmail.mc beside it never defines', async () => {
    const { diagnostics, doc } = await openAndWaitForDiagnostics('mailertable', (ds) => ds.some((d) => code(d) === 'mailertable.unknown-mailer'));
    const d = diagnostics.find((x) => code(x) === 'mailertable.unknown-mailer')!;
    assert.strictEqual(doc.lineAt(d.range.start.line).text.startsWith('legacy.example.org'), true);
    assert.match(d.message, /uucp/);
    assert.ok(!diagnostics.some((x) => code(x) === 'mailertable.unknown-mailer' && x.range.start.line === 1), 'esmtp is defined by MAILER(smtp)');
  });
});
