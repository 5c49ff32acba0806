// Helpers of the editor tests: the README's configuration blocks as written (only the server
// path replaced), a broken configuration to open, and an editor started with a fully qualified host name when ours is not
// (sendmail -bt would wait 60 s first), as etcMail.sendmailForTests does for sendmail alone.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT, buildFixtureMaps, copyEtcMail, tempDir } from '../unit/commands/etcMail';

export const SERVER = path.join(ROOT, 'dist/server.js');
/** The server path the README's configurations use. */
export const PLACEHOLDER = '/opt/sendmail-config/dist/server.js';

/** The first ```lang block after the README line that starts with `marker`, with our server path in it. */
export function readmeBlock(marker: string, lang: string): string {
  const lines = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8').split('\n');
  const at = lines.findIndex((l) => l.startsWith(marker));
  assert.ok(at >= 0, `README has no line starting with ${marker}`);
  const m = new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(lines.slice(at + 1).join('\n'));
  assert.ok(m, `no ${lang} block after ${marker}`);
  assert.ok(m[1].includes(PLACEHOLDER), `the ${marker} block starts ${PLACEHOLDER}`);
  return m[1].split(PLACEHOLDER).join(SERVER);
}

/** Runs `cmd args` (with a qualified host name when needed) and resolves with its output, killing it after `ms`. */
export function runEditor(cmd: string, args: string[], env: NodeJS.ProcessEnv, ms: number): Promise<string> {
  const qualify = !os.hostname().includes('.') && spawnSync('unshare', ['-u', 'true']).status === 0;
  const [c, a] = qualify ? ['unshare', ['-u', 'sh', '-c', 'hostname mail.example.test && exec "$0" "$@"', cmd, ...args]] : [cmd, args];
  const child = spawn(c, a, { env: { ...process.env, PATH: `${path.dirname(process.execPath)}:${process.env.PATH}`, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const timer = setTimeout(() => child.kill('SIGKILL'), ms);
  return new Promise((resolve) => child.on('close', () => { clearTimeout(timer); resolve(output); }));
}

/** A copy of the fixture configuration (maps built) whose mc has a misspelt FEATURE. */
export function brokenConfig(prefix: string): string {
  const dir = copyEtcMail(tempDir(prefix));
  buildFixtureMaps(dir);
  const mc = path.join(dir, 'sendmail.mc');
  fs.writeFileSync(mc, fs.readFileSync(mc, 'utf8').replace("FEATURE(`mailertable',", "FEATURE(`mailertabel',"));
  return dir;
}
