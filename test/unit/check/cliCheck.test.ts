// sendmail-lint --check-with-programs: the real m4 and sendmail -bC (and makemap) on the files
// found, their complaints merged into the report on the lines that caused them; without the
// flag nothing runs and the same file looks clean to the static analysis.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { realSendmailSandbox } from '../commands/etcMail';
import { BROKEN_MC, FIXED_MC } from './brokenMc';

const CLI = path.resolve(__dirname, '../../../../dist/cli.js');

describe('sendmail-lint --check-with-programs (real m4 and sendmail)', function () {
  this.timeout(200_000);
  const box = realSendmailSandbox('sendmail-lint-check-');

  const lint = (dir: string, extra: string[]) => spawnSync(process.execPath, [CLI, ...extra, dir], { encoding: 'utf8', timeout: 180_000 });

  it('reports the m4 and the sendmail -bC errors on their mc lines and exits 1; clean after the fix', () => {
    const dir = fs.mkdtempSync(path.join(box.dir, 'repo-'));
    fs.writeFileSync(path.join(dir, 'sendmail.mc'), BROKEN_MC);
    const plain = lint(dir, []);
    assert.equal(plain.status, 0, plain.stdout + plain.stderr);
    const r = lint(dir, ['--check-with-programs', '--sendmail', box.sendmail]);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /sendmail\.mc:4:1: error check\.m4-error cannot open `\/nonexistent\/extra\.m4'/);
    assert.match(r.stdout, /sendmail\.mc:8:1: error check\.sendmail-refuses invalid rewrite line "Rfoo"/);
    fs.writeFileSync(path.join(dir, 'sendmail.mc'), FIXED_MC);
    const fixed = lint(dir, ['--check-with-programs', '--sendmail', box.sendmail]);
    assert.equal(fixed.status, 0, fixed.stdout + fixed.stderr);
    assert.deepEqual(fs.readdirSync(dir), ['sendmail.mc'], 'nothing written beside the mc');
  });
});
