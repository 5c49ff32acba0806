// The README's Emacs configuration (eglot) as written, only the server path replaced, in Emacs
// run in batch mode: diagnostics on a broken sendmail.mc (flymake), a hover, the quick fix
// applied (eglot-code-actions) and saved, and the README's sendmail-test-route answered by the
// real sendmail -bt. Debian 12: Emacs 28 with the elpa-eglot package.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, rmrf, tempDir } from '../unit/commands/etcMail';
import { brokenConfig, readmeBlock, runEditor } from './readme';

describe('Emacs (eglot): the README configuration, batch mode', function () {
  this.timeout(240_000);
  const dirs: string[] = [];
  after(() => { for (const d of dirs) rmrf(d); });

  it('sees diagnostics and a hover, applies the quick fix, and sendmail-test-route answers with sendmail -bt', async () => {
    assert.equal(spawnSync('emacs', ['--version']).status, 0, 'emacs not found: scripts/ensure-system-deps.sh installs it (Debian packages emacs-nox, elpa-eglot)');
    const config = readmeBlock('**Emacs**', 'elisp');
    assert.match(config, /:initializationOptions \(:allowPrograms t\)/);
    const dir = brokenConfig('sendmail-emacs-');
    const home = tempDir('sendmail-emacs-home-');
    dirs.push(dir, home);
    fs.writeFileSync(path.join(home, 'init.el'), config);
    const result = path.join(home, 'result.json');
    // package-activate-all: what an interactive Emacs does at start (it makes Debian's eglot loadable).
    const output = await runEditor('emacs', ['--batch', '-f', 'package-activate-all', '-l', path.join(home, 'init.el'), '-l', path.join(ROOT, 'test/editors/emacs.el')], {
      HOME: home, SENDMAIL_EMACS_DIR: dir, SENDMAIL_EMACS_RESULT: result,
    }, 220_000);
    assert.ok(fs.existsSync(result), `Emacs wrote no result; its output:\n${output}`);
    const r = JSON.parse(fs.readFileSync(result, 'utf8'));
    assert.equal(r.ok, true, `${r.error}\n${JSON.stringify(r, null, 1)}\n${output}`);

    assert.equal(r.mode, 'sendmail-mc-mode');
    assert.ok(r.diagnostics.includes('mc.unknown-feature'), r.diagnostics.join(', '));
    assert.match(r.message, /Unknown feature mailertabel/);
    assert.match(r.hover ?? '', /FEATURE/);
    assert.match(r.fixed, /^FEATURE\(`mailertable', /);
    assert.match(fs.readFileSync(path.join(dir, 'sendmail.mc'), 'utf8'), /^FEATURE\(`mailertable', /m, 'the fix was saved');
    assert.ok(!r.after.includes('mc.unknown-feature'));
    const route = r.messages.find((m: { message: string }) => /postmaster@example\.com/.test(m.message));
    assert.ok(route, JSON.stringify(r.messages));
    assert.equal(route.type, 3);
    assert.match(route.message, /^sendmail -bt: postmaster@example\.com is sent by mailer esmtp to \[mx\.example\.com\] \(no MX lookup/);
  });
});
