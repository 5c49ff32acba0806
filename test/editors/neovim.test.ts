// A real second editor: a headless Neovim loads the README's Neovim configuration exactly as
// written (only the server path replaced; the block for the installed Neovim's version) and
// uses the bundled server on a broken sendmail.mc: diagnostics, a hover, a quick fix applied
// and saved, and the README's :SendmailRoute answered by the real sendmail -bt.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, rmrf, tempDir } from '../unit/commands/etcMail';
import { brokenConfig, readmeBlock, runEditor } from './readme';

function nvimVersion(): [number, number] | undefined {
  const m = /NVIM v(\d+)\.(\d+)/.exec(spawnSync('nvim', ['--version'], { encoding: 'utf8' }).stdout ?? '');
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

describe('Neovim: the README configuration, headless', function () {
  this.timeout(240_000);
  const dirs: string[] = [];
  after(() => { for (const d of dirs) rmrf(d); });

  it('sees diagnostics and a hover, applies a quick fix, and :SendmailRoute answers with sendmail -bt', async () => {
    const version = nvimVersion();
    assert.ok(version, 'nvim not found: scripts/ensure-system-deps.sh installs it (Debian package neovim)');
    const marker = version[0] > 0 || version[1] >= 11 ? '**Neovim 0.11+**' : '**Neovim 0.7–0.10**';
    const config = readmeBlock(marker, 'lua');
    assert.match(config, /allowPrograms = true/);
    const dir = brokenConfig('sendmail-nvim-');
    const home = tempDir('sendmail-nvim-home-');
    dirs.push(dir, home);
    fs.writeFileSync(path.join(home, 'init.lua'), config);
    const result = path.join(home, 'result.json');
    const output = await runEditor('nvim', ['--headless', '-n', '-i', 'NONE', '-u', path.join(home, 'init.lua'), '-c', `luafile ${path.join(ROOT, 'test/editors/neovim.lua')}`], {
      SENDMAIL_NVIM_DIR: dir, SENDMAIL_NVIM_RESULT: result, XDG_CONFIG_HOME: home, XDG_DATA_HOME: home, XDG_STATE_HOME: home, XDG_CACHE_HOME: home,
    }, 220_000);
    assert.ok(fs.existsSync(result), `Neovim wrote no result; its output:\n${output}`);
    const r = JSON.parse(fs.readFileSync(result, 'utf8'));
    assert.equal(r.ok, true, `${r.error}\n${JSON.stringify(r, null, 1)}\n${output}`);

    assert.equal(r.filetype, 'sendmail-mc');
    const typo = r.diagnostics.find((d: { code: string }) => d.code === 'mc.unknown-feature');
    assert.match(typo.message, /mailertabel/);
    assert.match(r.hover ?? '', /FEATURE/, 'hover on FEATURE');
    assert.ok(r.actions.some((t: string) => t.includes('mailertable')), r.actions.join(' | '));
    assert.match(r.fixed, /^FEATURE\(`mailertable', /);
    assert.match(fs.readFileSync(path.join(dir, 'sendmail.mc'), 'utf8'), /^FEATURE\(`mailertable', /m, 'the fix was saved');
    assert.ok(!r.after.some((d: { code: string }) => d.code === 'mc.unknown-feature'));

    const route = r.messages.find((m: { message: string }) => /postmaster@example\.com/.test(m.message));
    assert.ok(route, JSON.stringify(r.messages));
    assert.equal(route.type, 3); // Info
    assert.match(route.message, /^sendmail -bt: postmaster@example\.com is sent by mailer esmtp to \[mx\.example\.com\] \(no MX lookup/);
  });
});
