// The pipeline files, run as their tools run them, from a clean temporary repository:
//  .pre-commit-hooks.yaml: the hook's entry, as pre-commit calls it (the installed package's
//    bin on PATH, the committed files its `files` pattern selects, as arguments);
//  action.yml: each step's script with bash -eo pipefail (as GitHub runs composite steps),
//    its env expressions filled in from the inputs, in a repository with a broken sendmail.mc.
// (pre-commit and the GitHub runner themselves are not run: they would download the package's
// development dependencies.)
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { packOnce, type Packed } from './packed';
import { ROOT, copyEtcMail } from '../unit/commands/etcMail';

// mocha's own YAML reader (mocha depends on js-yaml for .mocharc.yml).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = require(require.resolve('js-yaml', { paths: [path.dirname(require.resolve('mocha'))] })) as { load(s: string): any }; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A git repository with a mail/ folder (the fixture configuration), one commit. */
function configRepo(p: Packed, name: string): string {
  const repo = path.join(p.tmp, name);
  fs.mkdirSync(path.join(repo, 'mail'), { recursive: true });
  copyEtcMail(path.join(repo, 'mail'));
  fs.writeFileSync(path.join(repo, 'notes.txt'), 'not a sendmail file\n');
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.test', ...args], { cwd: repo, stdio: 'ignore' });
  git('init', '-q');
  git('add', '.');
  git('commit', '-q', '-m', 'mail config');
  return repo;
}

const breakMc = (repo: string) => {
  const mc = path.join(repo, 'mail', 'sendmail.mc');
  fs.writeFileSync(mc, fs.readFileSync(mc, 'utf8').replace("FEATURE(`mailertable',", "FEATURE(`mailertabel',"));
};

describe('pipelines: the pre-commit hook and the GitHub Action', function () {
  this.timeout(240_000);
  let p: Packed;
  before(() => { p = packOnce(); });

  it('pre-commit: the hook runs the installed sendmail-lint on the sendmail files it selects', () => {
    const hooks = yaml.load(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8'));
    const hook = hooks.find((h: { id: string }) => h.id === 'sendmail-lint');
    assert.equal(hook.language, 'node');
    const repo = configRepo(p, 'hook-repo');
    const files = execFileSync('git', ['ls-files'], { cwd: repo, encoding: 'utf8' }).split('\n').filter((f) => f && new RegExp(hook.files).test(f));
    assert.deepEqual(files.sort(), ['mail/access', 'mail/local-host-names', 'mail/mailertable', 'mail/sendmail.mc']);
    const env = { ...process.env, PATH: `${path.join(p.prefix, 'bin')}:${process.env.PATH}` };
    const run = () => spawnSync(hook.entry, [...(hook.args ?? []), ...files], { cwd: repo, env, encoding: 'utf8' });
    const clean = run();
    assert.equal(clean.status, 0, clean.stdout + clean.stderr);
    breakMc(repo);
    const broken = run();
    assert.equal(broken.status, 1, broken.stdout + broken.stderr);
    assert.match(broken.stdout, /^mail\/sendmail\.mc:\d+:\d+: error mc\.unknown-feature /m);
  });

  it('GitHub Action: the steps write SARIF for code scanning and fail on errors', () => {
    const action = yaml.load(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8'));
    assert.equal(action.runs.using, 'composite');
    const repo = configRepo(p, 'action-repo');
    breakMc(repo);
    const inputs = { paths: 'mail\n', 'sarif-file': 'sendmail-lint.sarif', 'max-warnings': '' };
    const output = path.join(p.tmp, 'github-output');
    /** What GitHub fills in for ${{ ... }}: the action's folder (the clean copy) and the inputs. */
    const expand = (v: string) => v.replace(/\$\{\{\s*(github\.action_path|inputs\.([\w-]+))\s*\}\}/g, (_m, what: string, input?: string) =>
      input ? (inputs as Record<string, string>)[input] ?? '' : p.repo);
    const statuses: (number | null)[] = [];
    for (const step of action.runs.steps) {
      assert.doesNotMatch(step.run, /\$\{\{/, `${step.name}: inputs go through env, not into the script text`);
      const env: NodeJS.ProcessEnv = { ...process.env, GITHUB_OUTPUT: output };
      for (const [k, v] of Object.entries(step.env ?? {})) env[k] = expand(String(v));
      const cwd = step['working-directory'] ? expand(step['working-directory']) : repo;
      const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], { cwd, env, encoding: 'utf8' });
      statuses.push(r.status);
      if (step.id === 'lint') assert.match(r.stdout, /mail\/sendmail\.mc:\d+:\d+: error mc\.unknown-feature/, 'the findings are in the log');
    }
    assert.deepEqual(statuses, [0, 1], 'the build step finds the bundle built; the lint step fails on the error');
    const sarif = JSON.parse(fs.readFileSync(path.join(repo, 'sendmail-lint.sarif'), 'utf8'));
    const results = sarif.runs[0].results;
    assert.ok(results.some((x: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
      x.ruleId === 'mc.unknown-feature' && x.locations[0].physicalLocation.artifactLocation.uri === 'mail/sendmail.mc'), JSON.stringify(results).slice(0, 500));
    const outputs = fs.readFileSync(output, 'utf8');
    assert.match(outputs, /^exit-code=1$/m);
    assert.match(outputs, new RegExp(`^cli=${p.repo.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/dist/cli\\.js$`, 'm'));
  });
});
