// npm run bench: the language server on very large map files, against makemap.
// Generates a 1,000,000-line access file and a 200,000-line mailertable (sendmail.mc beside
// them), starts the REAL bundled server over stdio and prints per file: didOpen ->
// publishDiagnostics, a one-line edit -> updated diagnostics (median of 20), the server's
// peak memory (VmHWM), and `makemap hash` building the same file. PASS/FAIL per target.
// The same measurements are first taken with a server that analyses nothing
// (bench/nullServer.mjs): that "transport floor" is what receiving the document costs any
// LSP server on this machine, so the difference is what our analysis adds.
// Edits are measured one at a time after a pause, as a person makes them: the server checks
// the first change after a pause at once and coalesces bursts (server.ts), which the last row,
// an edit storm over six open maps (bench/storm.mjs), measures. `--only=NAME` runs one row.
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, rmSync, openSync, closeSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { Lsp } from './bench/lsp.mjs';
import { accessFile, mailertableFile, MC } from './bench/generate.mjs';
import { storm } from './bench/storm.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const server = join(root, 'dist/server.js');
const nullServer = join(root, 'scripts/bench/nullServer.mjs');
const dir = mkdtempSync(join(tmpdir(), 'sendmail-bench-'));
const results = [];
const verdict = (name, ok, detail) => { results.push(ok); console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}: ${detail}`); };
const ms = (t) => `${t.toFixed(0)} ms`;
const sleep = (t) => new Promise((r) => setTimeout(r, t));
/** Longer than the server's shortest debounce (150 ms): each edit comes after a pause. */
const PAUSE_MS = 300;

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
  const original = text.split('\n', editLine + 1)[editLine];
  const tab = original.indexOf('\t');
  const value = original.slice(tab + 1);
  const broken = value.replace(/^(\w)/, '$1$1');
  const t0 = performance.now();
  const first = lsp.diagnosticsFor(uri);
  lsp.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  const diags = (await first).params.diagnostics;
  const openMs = performance.now() - t0;
  const times = [];
  for (let v = 2; v < 22; v++) {
    await sleep(PAUSE_MS);
    // Breaks the value, then restores it: every edit changes the diagnostics, so each is published.
    const [before, after] = v % 2 ? [broken, value] : [value, broken];
    const p = lsp.diagnosticsFor(uri, v);
    const t = performance.now();
    lsp.notify('textDocument/didChange', {
      textDocument: { uri, version: v },
      contentChanges: [{ range: { start: { line: editLine, character: tab + 1 }, end: { line: editLine, character: tab + 1 + before.length } }, text: after }],
    });
    await p;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { openMs, editMs: times[10], diagnostics: diags.length };
}

/** Starts `serverPath`, opens `file` in it and measures; a fresh harness heap each time. */
async function session(serverPath, file, languageId, text, editLine) {
  globalThis.gc?.(); // start from a settled harness heap (npm run bench passes --expose-gc)
  const lsp = new Lsp(serverPath);
  await lsp.request('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).toString(), capabilities: {} });
  lsp.notify('initialized', {});
  const r = await measure(lsp, file, languageId, text, editLine);
  const peak = vmHWM(lsp.proc.pid);
  await lsp.stop();
  return { ...r, peak };
}

// One file at a time, each with its own server, and only that file's text in this process:
// the harness's own heap (a 42 MB access text, its split lines) must not slow the next run.
// `--only=access` or `--only=mailertable` runs one of them.
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
const runs = [
  { name: 'access', languageId: 'sendmail-access', make: () => accessFile(1_000_000), lines: '1,000,000', editLine: 500_000 },
  { name: 'mailertable', languageId: 'sendmail-mailertable', make: () => mailertableFile(200_000), lines: '200,000', editLine: 100_001 },
].filter((r) => !only || r.name === only);
const withStorm = !only || only === 'storm';
if (runs.length === 0 && !withStorm) { console.error(`unknown --only: ${only}`); process.exit(2); }

try {
  writeFileSync(join(dir, 'sendmail.mc'), MC);
  for (const { name, languageId, make, lines, editLine } of runs) {
    const file = join(dir, name);
    writeFileSync(file, make());
    const size = statSync(file).size;
    const makemap = makemapMs(file);
    console.log(`\n${name}: ${(size / 1e6).toFixed(1)} MB (${lines} lines); makemap hash ${ms(makemap)}`);
    const text = readFileSync(file, 'utf8');
    const floor = await session(nullServer, file, languageId, text, editLine);
    console.log(`transport floor (a server that analyses nothing): open ${ms(floor.openMs)}; peak memory ${(floor.peak / 1e6).toFixed(0)} MB (${(floor.peak / size).toFixed(1)}x)`);
    const r = await session(server, file, languageId, text, editLine);
    console.log(`sendmail-language-server: ${r.diagnostics} diagnostics; open ${ms(r.openMs)} (${ms(r.openMs - floor.openMs)} over the floor); one-line edit median ${ms(r.editMs)}; peak memory ${(r.peak / 1e6).toFixed(0)} MB`);
    const peak = r.peak;
    verdict(`${name} open-to-diagnostics <= makemap/10`, r.openMs <= makemap / 10, `${ms(r.openMs)} vs makemap ${ms(makemap)} (ratio 1/${(makemap / r.openMs).toFixed(1)})`);
    verdict(`${name} one-line edit <= 50 ms`, r.editMs <= 50, ms(r.editMs));
    verdict(`${name} peak memory <= 10x file size`, peak <= 10 * size, `${(peak / 1e6).toFixed(0)} MB vs ${(size / 1e6).toFixed(1)} MB (${(peak / size).toFixed(1)}x)`);
    rmSync(file, { force: true });
    globalThis.gc?.();
  }
  if (withStorm) {
    const stormDir = join(dir, 'storm');
    mkdirSync(stormDir);
    const s = await storm(server, stormDir, vmHWM);
    console.log(`\nedit storm: ${s.maps} maps of 20,000 lines and their sendmail.mc open, ${s.edits} edits in ${s.seconds} s, a hover every 100 ms`);
    console.log(`sendmail-language-server: hover median ${ms(s.median)}, p95 ${ms(s.p95)} (${s.hovers} hovers); ${(s.diagnosticsBytes / 1e6).toFixed(1)} MB of diagnostics JSON received; peak memory ${(s.peak / 1e6).toFixed(0)} MB`);
    verdict('edit storm hover median <= 200 ms', s.median <= 200, `${ms(s.median)} (p95 ${ms(s.p95)})`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`\n${results.every(Boolean) ? 'ALL TARGETS MET' : 'SOME TARGETS MISSED'}`);
process.exit(results.every(Boolean) ? 0 : 1);
