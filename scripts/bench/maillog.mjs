// node --expose-gc scripts/bench/maillog.mjs [--lines=N]: the language server on a very large
// mail log. Generates a 1,000,000-line sendmail log (sm-mta and sm-msp-queue lines of many
// messages, a few per cent deferred or bounced, rejects, TLS lines, lines of other programs)
// beside a sendmail.mc and a mailertable, starts the REAL bundled server over stdio and prints:
// didOpen -> publishDiagnostics, a line appended at the end -> updated diagnostics (median of
// 10, each after a pause, as syslog writes them), and the server's peak memory (VmHWM) against
// the file size. The same open is first done with a server that analyses nothing
// (nullServer.mjs): the transport floor. PASS/FAIL per target, among them issue #12's: open ->
// diagnostics within 1.3 x the floor's open, peak memory within 1.2 x the floor's peak.
// Needs `npm run build` first.
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { Lsp } from './lsp.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const server = join(root, 'dist/server.js');
const nullServer = join(root, 'scripts/bench/nullServer.mjs');
const LINES = Number(process.argv.find((a) => a.startsWith('--lines='))?.slice(8) ?? 1_000_000);
/** Targets: "opens in seconds", an append costs what one line costs, memory a small multiple of the file. */
const OPEN_MS = 15_000, APPEND_MS = 500, MEMORY_FACTOR = 5;
/** Issue #12: against the transport floor (the same open in a server that analyses nothing). */
const OPEN_VS_FLOOR = 1.3, MEMORY_VS_FLOOR = 1.2;
const PAUSE_MS = 300;
const sleep = (t) => new Promise((r) => setTimeout(r, t));
const ms = (t) => `${t.toFixed(0)} ms`;
const mb = (b) => `${(b / 1024 / 1024).toFixed(0)} MB`;
const results = [];
const verdict = (name, ok, detail) => { results.push(ok); console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}: ${detail}`); };

const MC = [
  "include(`/usr/share/sendmail/cf/m4/cf.m4')dnl",
  "OSTYPE(`debian')dnl",
  "FEATURE(`mailertable')dnl",
  "MAILER(`local')dnl",
  "MAILER(`smtp')dnl",
  '',
].join('\n');
const MAILERTABLE = '.partner.example\tesmtp:[gw.partner.example]\nlegacy.example\tsmtp:[10.1.2.3]\n';

const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const qidOf = (n) => { let s = ''; for (let i = 0, x = n; i < 8; i++, x = Math.floor(x / 62)) s = B62[x % 62] + s; return `${s}${String(n % 1_000_000).padStart(6, '0')}`; };
const ts = (n) => { const s = Math.floor(n / 12); return `Jan ${String(1 + Math.floor(s / 86400) % 28).padStart(2, ' ')} ${String(Math.floor(s / 3600) % 24).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`; };
const DOMAINS = ['gmail.example', 'shop.partner.example', 'legacy.example', 'isp.example', 'corp.example'];

/** About `lines` log lines: per message a from= line and one or two delivery lines, plus noise. */
function mailLog(lines) {
  const out = [];
  for (let n = 0; out.length < lines; n++) {
    const q = qidOf(n + 100000);
    const host = 'mx.example.test';
    const pre = `${ts(out.length)} ${host}`;
    const to = `user${n % 9973}@${DOMAINS[n % DOMAINS.length]}`;
    switch (n % 10) {
      case 0: out.push(`${pre} sm-mta[${1000 + (n % 30000)}]: NOQUEUE: connect from [192.0.2.${n % 250}]`); break;
      case 1: out.push(`${pre} sm-mta[${1000 + (n % 30000)}]: STARTTLS=client, relay=mx${n % 9}.${DOMAINS[n % 5]}., version=TLSv1.3, verify=OK, cipher=TLS_AES_256_GCM_SHA384, bits=256/256`); break;
      case 2: out.push(`${pre} dovecot: imap-login: Login: user=<user${n % 500}>, method=PLAIN, rip=192.0.2.${n % 250}`); break;
      case 3: out.push(`${pre} sm-mta[${2000 + (n % 30000)}]: ${q}: ruleset=check_rcpt, arg1=<x${n}@spam.example>, relay=[198.51.100.${n % 250}], reject=550 5.7.1 <x${n}@spam.example>... Relaying denied`); continue;
      default: break;
    }
    out.push(`${pre} sm-mta[${3000 + (n % 30000)}]: ${q}: from=<sender${n % 777}@mx.example.test>, size=${1000 + (n % 90000)}, class=0, nrcpts=1, msgid=<${q}@mx.example.test>, proto=ESMTP, daemon=MTA-v4, relay=localhost [127.0.0.1]`);
    const relay = `mx${n % 9}.${DOMAINS[n % 5]}. [203.0.113.${n % 250}]`;
    if (n % 50 === 7) {
      out.push(`${pre} sm-mta[${4000 + (n % 30000)}]: ${q}: to=<${to}>, delay=00:00:31, xdelay=00:00:30, mailer=esmtp, pri=121000, relay=${relay}, dsn=4.0.0, stat=Deferred: Connection timed out with mx${n % 9}.${DOMAINS[n % 5]}.`);
      if (n % 100 === 7) out.push(`${pre} sm-mta[${4000 + (n % 30000)}]: ${q}: to=<${to}>, delay=00:40:31, xdelay=00:00:02, mailer=esmtp, pri=211000, relay=${relay}, dsn=2.0.0, stat=Sent (ok ${n})`);
    } else if (n % 97 === 5) {
      out.push(`${pre} sm-mta[${4000 + (n % 30000)}]: ${q}: to=<${to}>, delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=31000, relay=${relay}, dsn=5.1.1, stat=User unknown`);
    } else {
      out.push(`${pre} sm-mta[${4000 + (n % 30000)}]: ${q}: to=<${to}>, delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=31000, relay=${relay}, dsn=2.0.0, stat=Sent (ok ${n})`);
    }
  }
  out.length = lines;
  return out.join('\n') + '\n';
}

function vmHWM(pid) {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

/** Opens the log in `serverPath`; with `appends`, then appends that many lines one at a time. */
async function session(serverPath, dir, file, text, appends) {
  globalThis.gc?.();
  const lsp = new Lsp(serverPath);
  try {
    await lsp.request('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).toString(), capabilities: {} });
    lsp.notify('initialized', {});
    const uri = pathToFileURL(file).toString();
    const t0 = performance.now();
    const first = lsp.diagnosticsFor(uri);
    lsp.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'sendmail-maillog', version: 1, text } });
    const diags = (await first).params.diagnostics;
    const openMs = performance.now() - t0;
    const times = [];
    let line = text.split('\n').length - 1; // the empty line after the final newline
    let last = diags;
    for (let v = 2; v < 2 + appends; v++) {
      await sleep(PAUSE_MS);
      // Alternately a deferral of a new message and its delivery: every append changes the diagnostics.
      const q = qidOf(50_000_000 + (v >> 1));
      const added = v % 2 === 0
        ? `Jan 28 23:59:59 mx.example.test sm-mta[999]: ${q}: to=<late@isp.example>, delay=00:00:31, xdelay=00:00:30, mailer=esmtp, pri=121000, relay=mx1.isp.example. [203.0.113.1], dsn=4.0.0, stat=Deferred: Connection refused by mx1.isp.example.\n`
        : `Jan 28 23:59:59 mx.example.test sm-mta[999]: ${q}: to=<late@isp.example>, delay=00:01:31, xdelay=00:00:01, mailer=esmtp, pri=211000, relay=mx1.isp.example. [203.0.113.1], dsn=2.0.0, stat=Sent (ok)\n`;
      const p = lsp.diagnosticsFor(uri, v);
      const t = performance.now();
      lsp.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: added }] });
      last = (await p).params.diagnostics;
      times.push(performance.now() - t);
      line++;
    }
    times.sort((a, b) => a - b);
    return { openMs, appendMs: times[Math.floor(times.length / 2)], diagnostics: diags.length, lastDiagnostics: last, hwm: vmHWM(lsp.proc.pid) };
  } finally { await lsp.stop(); }
}

const dir = mkdtempSync(join(tmpdir(), 'sendmail-bench-maillog-'));
try {
  writeFileSync(join(dir, 'sendmail.mc'), MC);
  writeFileSync(join(dir, 'mailertable'), MAILERTABLE);
  const file = join(dir, 'mail.log');
  const text = mailLog(LINES);
  writeFileSync(file, text);
  const bytes = Buffer.byteLength(text);
  console.log(`mail log: ${LINES.toLocaleString('en')} lines, ${mb(bytes)} (node ${process.version})`);
  const floor = await session(nullServer, dir, file, text, 0);
  console.log(`      transport floor (null server): open ${ms(floor.openMs)}, peak ${mb(floor.hwm)}`);
  const r = await session(server, dir, file, text, 10);
  const shown = r.lastDiagnostics.find((d) => d.code === 'maillog.deferred');
  console.log(`      ${r.diagnostics} diagnostics after open; e.g. ${shown ? shown.message.slice(0, 160) : '(none)'}`);
  const openRatio = r.openMs / floor.openMs, memoryRatio = r.hwm / floor.hwm;
  verdict('open -> diagnostics', r.openMs <= OPEN_MS, `${ms(r.openMs)} (target <= ${ms(OPEN_MS)}; transport floor ${ms(floor.openMs)})`);
  verdict('open -> diagnostics against the floor', openRatio <= OPEN_VS_FLOOR, `${openRatio.toFixed(2)} x the floor's ${ms(floor.openMs)} (target <= ${OPEN_VS_FLOOR} x, issue #12)`);
  verdict('line appended at the end -> diagnostics', r.appendMs <= APPEND_MS, `median ${ms(r.appendMs)} of 10 (target <= ${ms(APPEND_MS)})`);
  verdict('peak memory', r.hwm <= MEMORY_FACTOR * bytes + floor.hwm, `${mb(r.hwm)} for a ${mb(bytes)} log (target <= ${MEMORY_FACTOR} x file + the floor's ${mb(floor.hwm)})`);
  verdict('peak memory against the floor', memoryRatio <= MEMORY_VS_FLOOR, `${memoryRatio.toFixed(2)} x the floor's ${mb(floor.hwm)} (target <= ${MEMORY_VS_FLOOR} x, issue #12)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exitCode = results.every(Boolean) ? 0 : 1;
