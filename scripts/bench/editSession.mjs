// The edit-session row of `npm run bench` (issue #12): the 1,000,000-line realistic access file
// open in the real server over stdio, then 1,000 one-character edits typed at EDIT_MS intervals
// (each inserts a control character on its own line and takes back the previous one: a warning
// on a new line, so every analysis publishes). Edits queue in PendingDocument (service/pendingDocument.ts) until the text is
// read; this measures what bringing the text up to date costs during typing (the longest gap
// between an edit and the first publishDiagnostics that covers it) and on a request that reads
// the text after a backlog of queued edits (a code action that reads the document's lineCount).
// `node scripts/bench/editSession.mjs [server.js]` runs it alone (dist/server.js by default).
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { Lsp } from './lsp.mjs';
import { realisticFile, BENCH_MC } from './realistic.mjs';
import { validTemplates } from './shapes.mjs';

const LINES = 1_000_000;
const EDITS = 1000;
/** Then this many more edits, and a request that reads the text with them queued. */
const BACKLOG = 499;
const EDIT_MS = 30;
const sleep = (t) => new Promise((r) => setTimeout(r, t));

/** Runs the session against `serverPath` in `dir`; `vmHWM(pid)` reads peak memory. */
export async function editSession(serverPath, dir, vmHWM) {
  writeFileSync(join(dir, 'sendmail.mc'), BENCH_MC);
  const file = join(dir, 'access');
  let text = realisticFile('access', LINES, validTemplates('access'));
  writeFileSync(file, text);
  const uri = pathToFileURL(file).toString();
  globalThis.gc?.();
  const lsp = new Lsp(serverPath);
  await lsp.request('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).toString(), capabilities: {} });
  lsp.notify('initialized', {});
  const t0 = performance.now();
  const first = lsp.diagnosticsFor(uri);
  lsp.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'sendmail-access', version: 1, text } });
  await first;
  const openMs = performance.now() - t0;
  text = undefined; // only the server holds the document now
  await sleep(1000);

  // Every publish covers the edits up to its version: an edit's gap ends at the first publish of a version >= its own.
  const sent = []; // [version, time sent]
  let covered = 0; // sent[0..covered) have been answered
  const gaps = [];
  let lastVersion = 1;
  lsp.listeners.push((m) => {
    if (m.method !== 'textDocument/publishDiagnostics' || m.params.uri !== uri) return;
    const now = performance.now();
    lastVersion = Math.max(lastVersion, m.params.version ?? 0);
    while (covered < sent.length && sent[covered][0] <= lastVersion) gaps.push(now - sent[covered++][1]);
  });
  let version = 1;
  let marked = -1; // the line holding the control character the last edit typed
  const edit = (n) => {
    // Line 1 is the header comment; each edit takes back the control character the previous one
    // typed and puts one at the start of its own entry line: every version's diagnostics differ
    // (the server publishes nothing for an edit that changes nothing shown).
    const line = 2 + ((n * 7919) % (LINES - 10));
    version++;
    sent.push([version, performance.now()]);
    const changes = marked < 0 ? [] : [{ range: { start: { line: marked, character: 0 }, end: { line: marked, character: 1 } }, text: '' }];
    changes.push({ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '\u0001' });
    marked = line;
    lsp.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  };
  const typing = performance.now();
  for (let n = 0; n < EDITS; n++) {
    edit(n);
    await sleep(Math.max(0, typing + (n + 1) * EDIT_MS - performance.now()));
  }
  const last = version;
  if (lastVersion < last) await lsp.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.version >= last, 600000);
  const typed = gaps.slice();
  typed.sort((a, b) => a - b);

  // The backlog: edits queued but never read, then a request that reads the text.
  for (let n = EDITS; n < EDITS + BACKLOG; n++) { edit(n); await sleep(2); }
  await sleep(500);
  // A code action for a diagnostic that proposes appending a line: it reads the document's lineCount.
  const diagnostic = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, severity: 2, source: 'sendmail', code: 'bench.append', message: 'bench', data: { appendLine: 'bench\tOK' } };
  const tr = performance.now();
  const actions = await lsp.request('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
  const requestMs = performance.now() - tr;
  const appendedAt = actions?.[0]?.edit?.changes?.[uri]?.[0]?.range?.start?.line;
  const ts = performance.now();
  await lsp.request('textDocument/documentSymbol', { textDocument: { uri } });
  const symbolsMs = performance.now() - ts;
  const peak = vmHWM(lsp.proc.pid);
  await lsp.stop();
  const pct = (p) => typed[Math.min(typed.length - 1, Math.floor(p * typed.length))];
  return { openMs, edits: EDITS, editMs: EDIT_MS, answered: typed.length, maxGap: typed[typed.length - 1], medianGap: pct(0.5), p95Gap: pct(0.95), backlog: BACKLOG, requestMs, appendedAt, symbolsMs, peak };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const server = process.argv[2] ?? join(root, 'dist/server.js');
  const dir = mkdtempSync(join(tmpdir(), 'sendmail-edit-session-'));
  const { readFileSync } = await import('node:fs');
  const vmHWM = (pid) => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) * 1024;
  try {
    const r = await editSession(server, dir, vmHWM);
    console.log(JSON.stringify(r));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
