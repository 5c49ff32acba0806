// The edit-storm row of `npm run bench`: six 20,000-line maps open in one folder with its
// sendmail.mc, 30 edits a second spread over them for 5 s (each edit duplicates a key or
// restores the line, so every edit changes that map's diagnostics), and a hover every 100 ms.
// Measures hover latency (median, p95), the bytes of publishDiagnostics JSON received and the
// server's peak memory.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Lsp } from './lsp.mjs';

const LINES = 20_000;
const EDITS_PER_S = 30;
const SECONDS = 5;
const HOVER_MS = 100;

/** `key<TAB>value` lines of each map kind; every 20th line repeats the previous key (a duplicate-key warning). */
const KINDS = {
  mailertable: (i) => [`.dept${i}.example.com`, `esmtp:[mx${i % 50}.example.com]`],
  access: (i) => [`From:user${i}@spam${i % 500}.example.com`, 'REJECT'],
  virtusertable: (i) => [`user${i}@virt${i % 40}.example.com`, `local${i}`],
  genericstable: (i) => [`user${i}`, `user${i}@example.com`],
  domaintable: (i) => [`old${i}.example.com`, `new${i}.example.com`],
  authinfo: (i) => [`AuthInfo:relay${i}.example.com`, `"U:user${i}" "P:secret${i}" "M:PLAIN"`],
};

export const STORM_MC = [
  "include(`/usr/share/sendmail/cf/m4/cf.m4')dnl",
  "OSTYPE(`debian')dnl",
  ...['access_db', 'mailertable', 'virtusertable', 'genericstable', 'domaintable', 'authinfo'].map((f) => `FEATURE(\`${f}')dnl`),
  "VIRTUSER_DOMAIN(`virt0.example.com')dnl",
  "MAILER(`local')dnl",
  "MAILER(`smtp')dnl",
  '',
].join('\n');

function mapLines(kind) {
  const row = KINDS[kind];
  const out = [];
  for (let i = 0; i < LINES; i++) {
    const [key, value] = row(i);
    out.push(`${i % 20 === 19 ? row(i - 1)[0] : key}\t${value}`);
  }
  return out;
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Runs the storm against `serverPath` with the files in `dir`; `vmHWM(pid)` reads peak memory. */
export async function storm(serverPath, dir, vmHWM) {
  writeFileSync(join(dir, 'sendmail.mc'), STORM_MC);
  const maps = Object.keys(KINDS).map((kind) => {
    const lines = mapLines(kind);
    const file = join(dir, kind);
    writeFileSync(file, lines.join('\n') + '\n');
    return { kind, lines, uri: pathToFileURL(file).toString(), version: 1, edits: 0 };
  });
  globalThis.gc?.();
  const lsp = new Lsp(serverPath);
  await lsp.request('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).toString(), capabilities: {} });
  lsp.notify('initialized', {});
  const mcUri = pathToFileURL(join(dir, 'sendmail.mc')).toString();
  for (const [uri, languageId, text] of [[mcUri, 'sendmail-mc', STORM_MC], ...maps.map((m) => [m.uri, `sendmail-${m.kind}`, m.lines.join('\n') + '\n'])]) {
    const first = lsp.diagnosticsFor(uri);
    lsp.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    await first;
  }
  await sleep(1000); // let the opening analyses settle
  lsp.bytes.clear();

  const hovers = [];
  let stop = false;
  const hoverLoop = (async () => {
    for (let n = 0; !stop; n++) {
      const m = maps[n % maps.length];
      const t = performance.now();
      await lsp.request('textDocument/hover', { textDocument: { uri: m.uri }, position: { line: 1000 + n, character: 3 } });
      hovers.push(performance.now() - t);
      await sleep(Math.max(0, HOVER_MS - (performance.now() - t)));
    }
  })();
  const t0 = performance.now();
  const total = EDITS_PER_S * SECONDS;
  for (let i = 0; i < total; i++) {
    const m = maps[i % maps.length];
    // Even edits give an even line (whose key is unique) the key of the line above; odd edits restore it.
    const line = 5000 + 2 * Math.floor(m.edits / 2);
    const broken = m.edits++ % 2 === 0;
    const old = m.lines[line];
    const text = broken ? `${m.lines[line - 1].split('\t')[0]}\t${old.split('\t')[1]}` : old;
    const was = broken ? old : `${m.lines[line - 1].split('\t')[0]}\t${old.split('\t')[1]}`;
    m.version++;
    lsp.notify('textDocument/didChange', {
      textDocument: { uri: m.uri, version: m.version },
      contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: was.length } }, text }],
    });
    await sleep(Math.max(0, t0 + ((i + 1) * 1000) / EDITS_PER_S - performance.now()));
  }
  stop = true;
  await hoverLoop;
  const peak = vmHWM(lsp.proc.pid);
  const diagnosticsBytes = lsp.bytes.get('textDocument/publishDiagnostics') ?? 0;
  await lsp.stop();
  hovers.sort((a, b) => a - b);
  return { edits: total, seconds: SECONDS, maps: maps.length, hovers: hovers.length, median: percentile(hovers, 0.5), p95: percentile(hovers, 0.95), diagnosticsBytes, peak };
}
