// The VS Code contributions of issue #15, checked against what they point at: the
// $sendmail-lint problem matcher reads sendmail-lint's real output exactly as its JSON output
// says (file, line, column, severity, code), the walkthrough's pages ship in the .vsix and its
// buttons run commands that exist, and the Test route lenses have their off switch.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FIXTURES, ROOT } from './helpers';

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const CLI = path.join(ROOT, 'dist/cli.js');

describe('VS Code contributions: lint task, walkthrough, settings', () => {
  it('the $sendmail-lint problem matcher reads every finding of a real run, as the JSON output gives it', () => {
    const matcher = pkg.contributes.problemMatchers.find((m: { name: string }) => m.name === 'sendmail-lint');
    assert.equal(pkg.contributes.taskDefinitions[0].type, 'sendmail-lint');
    const re = new RegExp(matcher.pattern.regexp);
    const dirs = ['broken', 'warnings'].map((d) => path.join(FIXTURES, 'cli', d));
    const text = spawnSync(process.execPath, [CLI, ...dirs], { cwd: ROOT, encoding: 'utf8' }).stdout;
    const json = JSON.parse(spawnSync(process.execPath, [CLI, '--format', 'json', ...dirs], { cwd: ROOT, encoding: 'utf8' }).stdout);
    const expected = json.files.flatMap((f: { path: string; diagnostics: { line: number; column: number; severity: string; code: string }[] }) =>
      f.diagnostics.map((d) => [path.relative(ROOT, f.path), String(d.line), String(d.column), d.severity, d.code]));
    assert.ok(expected.length >= 3, JSON.stringify(expected));
    const p = matcher.pattern;
    const lines = text.split('\n').filter(Boolean);
    const found = lines.map((l) => re.exec(l)).filter((m): m is RegExpExecArray => !!m).map((m) => [m[p.file], m[p.line], m[p.column], m[p.severity], m[p.code]]);
    assert.deepEqual(found, expected);
    assert.ok(!re.test(lines[lines.length - 1]), 'the summary line is not a problem');
  });

  it('the walkthrough: its pages exist and ship in the .vsix, its buttons run contributed commands', () => {
    const ignore = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8');
    const ids = new Set(pkg.contributes.commands.map((c: { command: string }) => c.command));
    const steps = pkg.contributes.walkthroughs[0].steps;
    assert.deepEqual(steps.map((s: { id: string }) => s.id), ['openFolder', 'problems', 'rebuild', 'testRoute']);
    for (const s of steps) {
      assert.ok(fs.existsSync(path.join(ROOT, s.media.markdown)), s.media.markdown);
      assert.match(ignore, new RegExp(`^!${path.dirname(s.media.markdown)}/\\*\\.md$`, 'm'));
      for (const [, cmd] of s.description.matchAll(/\(command:(sendmail\.[\w.]+)\)/g)) assert.ok(ids.has(cmd), cmd);
    }
  });

  it('sendmail.codeLens.testRoute: on by default, sent to the server at start', () => {
    assert.equal(pkg.contributes.configuration.properties['sendmail.codeLens.testRoute'].default, true);
    assert.match(fs.readFileSync(path.join(ROOT, 'client/src/extension.ts'), 'utf8'), /testRouteLenses: vscode\.workspace\.getConfiguration\('sendmail'\)\.get<boolean>\('codeLens\.testRoute'\)/);
  });
});
