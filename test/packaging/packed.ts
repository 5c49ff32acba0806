// The npm package as a user gets it, made once per test run: the working tree copied into a
// clean temporary repository (what a clone has: no dist/, no out/; node_modules linked),
// `npm pack` there (its prepack script builds the bundles), and the tarball installed globally
// into a temporary prefix with an empty npm cache and --offline, so any dependency it tried to
// download would fail the install.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../unit/commands/etcMail';

export interface Packed {
  /** The clean copy of the repository (also the GitHub Action's directory). */
  repo: string;
  tarball: string;
  /** npm's global prefix the tarball was installed into: bins in <prefix>/bin. */
  prefix: string;
  /** An npm cache that started empty (offline installs must not need it). */
  cache: string;
  tmp: string;
}

let packed: Packed | undefined;

export function npm(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  return execFileSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

export function packOnce(): Packed {
  if (packed) return packed;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sendmail-pack-'));
  process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
  const repo = path.join(tmp, 'repo');
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const f of files) {
    const from = path.join(ROOT, f);
    if (!fs.existsSync(from) || !fs.statSync(from).isFile()) continue; // deleted in the work tree
    fs.mkdirSync(path.dirname(path.join(repo, f)), { recursive: true });
    fs.copyFileSync(from, path.join(repo, f));
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(repo, 'node_modules'));
  const cache = path.join(tmp, 'npm-cache');
  const out = JSON.parse(npm(['pack', '--json', '--pack-destination', tmp], repo, { npm_config_cache: cache }));
  const tarball = path.join(tmp, out[0].filename);
  const prefix = path.join(tmp, 'prefix');
  npm(['install', '-g', '--offline', '--prefix', prefix, tarball], tmp, { npm_config_cache: cache });
  packed = { repo, tarball, prefix, cache, tmp };
  return packed;
}
