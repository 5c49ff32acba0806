// npm packaging: the packed tarball holds the two bundles and the docs (no sources, tests or
// source maps), installs offline into a fresh prefix, and both bins run from there and
// through npm exec / npx.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { npm, packOnce, type Packed } from './packed';
import { ETC_MAIL_FIXTURE } from '../unit/commands/etcMail';

describe('packaging: npm pack, global install, npx', function () {
  this.timeout(240_000);
  let p: Packed;
  before(() => { p = packOnce(); });

  it('the tarball holds the bundles and the docs, nothing else', () => {
    const files = execFileSync('tar', ['tzf', p.tarball], { encoding: 'utf8' }).split('\n').filter(Boolean).sort();
    assert.deepEqual(files, ['package/CHANGELOG.md', 'package/LICENSE', 'package/README.md', 'package/dist/cli.js', 'package/dist/server.js', 'package/package.json']);
    const manifest = JSON.parse(execFileSync('tar', ['xzOf', p.tarball, 'package/package.json'], { encoding: 'utf8' }));
    assert.deepEqual(manifest.dependencies ?? {}, {}, 'the bins are self-contained bundles: nothing to download at install');
    assert.deepEqual(manifest.bin, { 'sendmail-language-server': './dist/server.js', 'sendmail-lint': './dist/cli.js' });
  });

  it('both bins run from the global prefix', () => {
    const bin = (name: string) => path.join(p.prefix, 'bin', name);
    assert.equal(execFileSync(bin('sendmail-lint'), ['--version'], { encoding: 'utf8' }), 'sendmail-lint 0.1.0\n');
    assert.equal(execFileSync(bin('sendmail-language-server'), ['--version'], { encoding: 'utf8' }), 'sendmail-language-server 0.1.0\n');
    const lint = spawnSync(bin('sendmail-lint'), [ETC_MAIL_FIXTURE], { encoding: 'utf8' });
    assert.equal(lint.status, 0, lint.stdout + lint.stderr);
    assert.match(lint.stdout, /0 errors, .* in 4 files checked/);
    const route = spawnSync(bin('sendmail-lint'), ['route', '--model', '--config-dir', ETC_MAIL_FIXTURE, 'someone@other.test'], { encoding: 'utf8' });
    assert.equal(route.status, 10, route.stdout + route.stderr);
  });

  it('npm exec / npx run them from the tarball, offline', () => {
    const env = { npm_config_cache: p.cache };
    assert.equal(npm(['exec', '--yes', '--offline', `--package=${p.tarball}`, '--', 'sendmail-lint', '--version'], p.tmp, env), 'sendmail-lint 0.1.0\n');
    const npx = execFileSync('npx', ['--yes', '--offline', `--package=${p.tarball}`, 'sendmail-language-server', '--version'], { cwd: p.tmp, encoding: 'utf8', env: { ...process.env, ...env } });
    assert.equal(npx, 'sendmail-language-server 0.1.0\n');
    assert.ok(fs.existsSync(p.cache));
  });
});
