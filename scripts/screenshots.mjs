// Takes the README screenshots from a real VS Code (code-server + Chromium) with the
// extension loaded from this checkout and the examples/etc-mail workspace.
// Usage: node scripts/build.mjs && node scripts/screenshots.mjs
import { chromium } from 'playwright-core';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, startCodeServer, CHROMIUM, CHROMIUM_ARGS } from '../test/e2e/codeServer.mjs';

const workspace = join(mkdtempSync(join(tmpdir(), 'sendmail-shots-')), 'etc-mail');
cpSync(join(ROOT, 'examples/etc-mail'), workspace, { recursive: true });
const cs = await startCodeServer({ workspace });
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
  const payload = [['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${cs.port}${ROOT}`], ['skipWelcome', 'true']];
  await page.goto(`${cs.url}?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
  await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
  await sleep(4000);

  async function openFile(name) {
    await page.keyboard.press('Control+P');
    await sleep(500);
    await page.keyboard.type(name);
    await sleep(800);
    await page.keyboard.press('Enter');
    await sleep(2500);
  }
  async function gotoLine(line, col) {
    await page.keyboard.press('Control+G');
    await sleep(300);
    await page.keyboard.type(`${line}:${col}`);
    await page.keyboard.press('Enter');
    await sleep(500);
  }
  async function showHover() {
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    await sleep(1500);
  }

  await openFile('sendmail.mc');
  await page.keyboard.press('Control+Shift+M'); // problems panel
  await sleep(1500);
  await page.keyboard.press('Control+1'); // back to the editor
  await gotoLine(15, 13);
  await showHover();
  await page.screenshot({ path: join(ROOT, 'images/screenshot-mc.png') });

  await page.keyboard.press('Escape');
  await openFile('mailertable');
  await gotoLine(4, 24);
  await showHover();
  await page.screenshot({ path: join(ROOT, 'images/screenshot-mailertable.png') });
  console.log('screenshots written to images/');
} finally {
  await browser.close();
  await cs.stop();
}
