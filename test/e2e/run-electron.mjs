// E2E launcher for desktop VS Code (a contributor's laptop): the same suite as the
// code-server launcher, run with @vscode/test-electron (downloads VS Code).
import { runTests } from '@vscode/test-electron';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './codeServer.mjs';

const workspace = join(mkdtempSync(join(tmpdir(), 'sendmail-e2e-ws-')), 'etc-mail');
cpSync(join(ROOT, 'test/fixtures/e2e-workspace'), workspace, { recursive: true });
try {
  await runTests({
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: join(ROOT, 'out/test/e2e/suite/index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
} catch (e) {
  console.error(`e2e (electron): ${e instanceof Error ? e.message : e}`);
  process.exit(1);
}
