// npm run bench: the language server on very large map files, against makemap.
// Starts the REAL bundled server over stdio, opens a 1,000,000-line access file and a
// 200,000-line mailertable (sendmail.mc beside them), and prints per file: didOpen ->
// publishDiagnostics, a one-line edit -> updated diagnostics (median of 20), the server's
// peak memory (VmHWM), and `makemap hash` building the same file. PASS/FAIL per target.
import { mkdtempSync, writeFileSync, readFileSync, rmSync, openSync, closeSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { Lsp } from './bench/lsp.mjs';
import { accessFile, mailertableFile, MC } from './bench/generate.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const server = join(root, 'dist/server.js');
const dir = mkdtempSync(join(tmpdir(), 'sendmail-bench-'));
const results = [];
const verdict = (name, ok, detail) => { results.push(ok); console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}: ${detail}`); };
const ms = (t) => `${t.toFixed(0)} ms`;

function makemapMs(file) {
  const fd = openSync(file, 'r');
  const t = performance.now();
  const r = spawnSync('makemap', ['hash', join(dir, 'makemap-out')], { stdio: [fd, 'ignore', 'pipe'] });
  const took = performance.now() - t;
  closeSync(fd);
  rmSync(join(dir, 'makemap-out.db'), { force: true });
  if (r.error) throw new Error(`makemap: ${r.error.message}`);
  return took;
}

function vmHWM(pid) {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

async function measure(lsp, file, languageId, text, editLine) {
  const uri = pathToFileURL(file).toString();
  const lines = text.split('\n');
  const t0 = performance.now();
  const first = lsp.diagnosticsFor(uri);
  lsp.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  const diags = (await first).params.diagnostics;
  const openMs = performance.now() - t0;
  const times = [];
  for (let v = 2; v < 22; v++) {
    const old = lines[editLine];
    const tab = old.indexOf('\t');
    const newValue = v % 2 ? old.slice(tab + 1) : old.slice(tab + 1).replace(/^(\w)/, '$1$1'); // breaks then restores
    const p = lsp.diagnosticsFor(uri, v);
    const t = performance.now();
    lsp.notify('textDocument/didChange', {
      textDocument: { uri, version: v },
      contentChanges: [{ range: { start: { line: editLine, character: tab + 1 }, end: { line: editLine, character: old.length } }, text: newValue }],
    });
    await p;
    times.push(performance.now() - t);
    lines[editLine] = old.slice(0, tab + 1) + newValue;
  }
  times.sort((a, b) => a - b);
  return { openMs, editMs: times[10], diagnostics: diags.length };
}

try {
  const accessText = accessFile(1_000_000);
  const mtText = mailertableFile(200_000);
  writeFileSync(join(dir, 'sendmail.mc'), MC);
  writeFileSync(join(dir, 'access'), accessText);
  writeFileSync(join(dir, 'mailertable'), mtText);
  const sizes = { access: statSync(join(dir, 'access')).size, mailertable: statSync(join(dir, 'mailertable')).size };
  console.log(`files in ${dir}: access ${(sizes.access / 1e6).toFixed(1)} MB (1,000,000 lines), mailertable ${(sizes.mailertable / 1e6).toFixed(1)} MB (200,000 lines)`);

  const mm = { access: makemapMs(join(dir, 'access')), mailertable: makemapMs(join(dir, 'mailertable')) };
  console.log(`makemap hash: access ${ms(mm.access)}, mailertable ${ms(mm.mailertable)}`);

  for (const [name, languageId, text, editLine] of [['access', 'sendmail-access', accessText, 500_000], ['mailertable', 'sendmail-mailertable', mtText, 100_001]]) {
    const lsp = new Lsp(server);
    await lsp.request('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).toString(), capabilities: {} });
    lsp.notify('initialized', {});
    const r = await measure(lsp, join(dir, name), languageId, text, editLine);
    const peak = vmHWM(lsp.proc.pid);
    await lsp.stop();
    console.log(`\n${name}: ${r.diagnostics} diagnostics; open ${ms(r.openMs)}; one-line edit median ${ms(r.editMs)}; peak memory ${(peak / 1e6).toFixed(0)} MB`);
    verdict(`${name} open-to-diagnostics <= makemap/10`, r.openMs <= mm[name] / 10, `${ms(r.openMs)} vs makemap ${ms(mm[name])} (ratio 1/${(mm[name] / r.openMs).toFixed(1)})`);
    verdict(`${name} one-line edit <= 50 ms`, r.editMs <= 50, ms(r.editMs));
    verdict(`${name} peak memory <= 10x file size`, peak <= 10 * sizes[name], `${(peak / 1e6).toFixed(0)} MB vs ${(sizes[name] / 1e6).toFixed(1)} MB (${(peak / sizes[name]).toFixed(1)}x)`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`\n${results.every(Boolean) ? 'ALL TARGETS MET' : 'SOME TARGETS MISSED'}`);
process.exit(results.every(Boolean) ? 0 : 1);
