// E2E launcher: runs the extension-host test suite (out/test/e2e/suite) inside code-server,
// driven by Debian's Chromium through playwright-core. Fails loudly if anything cannot start.
import { chromium } from 'playwright-core';
import { cpSync, mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, startCodeServer, CHROMIUM, CHROMIUM_ARGS } from './codeServer.mjs';

const TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS || 15 * 60 * 1000);
const verbose = !!process.env.E2E_VERBOSE;

// Workbench chatter that says nothing about our extension (hidden unless E2E_VERBOSE=1).
const NOISE = /^(\[[\w: -]+\] |Creating a socket|Updating additional builtin|getaddrinfo ENOTFOUND|Request to '|Error: Failed to fetch|TypeError: Failed to fetch)/;

/** The suite's console output arrives printf-style ("%s (%dms)", args...): format it back. */
function formatLog(args) {
  const str = (a) => (typeof a === 'string' ? a : JSON.stringify(a));
  if (typeof args[0] !== 'string') return args.map(str).join(' ');
  let i = 1;
  const head = args[0].replace(/%[sdifjoO]/g, () => (i < args.length ? str(args[i++]) : ''));
  return [head, ...args.slice(i).map(str)].join(' ');
}

function fail(msg) { console.error(`e2e: ${msg}`); process.exitCode = 1; }

/**
 * Runs one extension-host suite (a folder of out/test/e2e with an index.js) in a fresh
 * code-server + Chromium. `trusted: false` opens the workspace in Restricted Mode.
 */
async function runSuite(folder, { trusted }) {
  const name = trusted ? 'trusted-workspace' : 'restricted-mode';
  const suite = join(ROOT, `out/test/e2e/${folder}/index.js`);
  if (!existsSync(suite)) throw new Error(`suite not built (${suite}): run \`node scripts/build.mjs\` first`);
  // The workspace is a copy, so tests may edit and rebuild files freely.
  const workspace = join(mkdtempSync(join(tmpdir(), 'sendmail-e2e-ws-')), 'etc-mail');
  cpSync(join(ROOT, 'test/fixtures/e2e-workspace'), workspace, { recursive: true });
  const cs = await startCodeServer({ workspace, trusted, log: (s) => verbose && console.log(`[code-server] ${s}`) });
  let browser;
  try {
    const remote = (p) => `vscode-remote://127.0.0.1:${cs.port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(ROOT)],
      ['extensionTestsPath', remote(suite)],
      ['skipWelcome', 'true'],
    ];
    const url = `${cs.url}?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    const page = await browser.newPage();
    const done = new Promise((resolve) => {
      page.exposeFunction('codeAutomationLog', (type, args) => {
        const line = formatLog(Array.isArray(args) ? args : [args]);
        if (verbose || !NOISE.test(line)) console.log(line);
      });
      page.exposeFunction('codeAutomationExit', (code) => resolve(code));
    });
    if (verbose) page.on('console', (m) => console.log(`[browser] ${m.text()}`));
    console.log(`e2e: ${name} suite in code-server ${cs.url} (workspace ${workspace}${trusted ? '' : ', Restricted Mode'})`);
    await page.goto(url);
    const code = await Promise.race([done, new Promise((r) => setTimeout(() => r('timeout'), TIMEOUT_MS))]);
    if (code === 'timeout') {
      const shot = join(ROOT, `test-results-e2e-${name}-timeout.png`);
      await page.screenshot({ path: shot }).catch(() => {});
      throw new Error(`${name} suite did not finish within ${TIMEOUT_MS / 1000} s (screenshot: ${shot})`);
    }
    if (code !== 0) fail(`${name} suite failed (exit code ${code})`);
    else console.log(`e2e: ${name} suite passed`);
  } finally {
    await browser?.close().catch(() => {});
    await cs.stop();
  }
}

async function main() {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install it with 'apt-get install -y chromium'`);
  await runSuite('suite', { trusted: true });
  await runSuite('restricted', { trusted: false });
}

main().catch((e) => { fail(e.stack || String(e)); }).finally(() => process.exit(process.exitCode ?? 0));
