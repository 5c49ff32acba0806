// Per-line-shape throughput, in process (no LSP, no transport noise): for each map kind,
// every distinct shape of the realistic templates (bench/realistic.mjs; a shape is the
// line with letters, digits and blanks abstracted) is written as a file of LINES lines
// with varied keys and checked by the LanguageService (out/, `npm run build` first). Prints
// lines per second per shape, slowest first, and the ratio of the slowest to the fastest.
// The invariant (ARCHITECTURE.md): no shape more than 2x slower per line than the fastest.
// `node scripts/bench/shapes.mjs [--kind=access] [--lines=50000] [--rounds=5] [--all]` (--all: every shape, not only the
// slowest 12). Each shape's best of --rounds round-robin runs, after a warm-up of every shape (see shapeThroughput).
import { createRequire } from 'node:module';
import { templates, varyLine, BENCH_MC } from './realistic.mjs';

const require = createRequire(import.meta.url);
const { LanguageService, memoryWorkspace } = require('../../out/server/src/service/index.js');

const LANG = { access: 'sendmail-access', mailertable: 'sendmail-mailertable', virtusertable: 'sendmail-virtusertable', aliases: 'sendmail-aliases' };
const DIR = '/etc/mail';
const PATH = { access: `${DIR}/access`, mailertable: `${DIR}/mailertable`, virtusertable: `${DIR}/virtusertable`, aliases: `${DIR}/lists.aliases` }; // not the system aliases file: no postmaster needed

/** Diagnostics of `text` as map `kind` beside BENCH_MC, and the milliseconds open + diagnostics took (wall clock, and CPU time of this process). */
export function check(kind, text) {
  const svc = new LanguageService(memoryWorkspace({ [`${DIR}/sendmail.mc`]: BENCH_MC, [PATH[kind]]: text }));
  const uri = `file://${PATH[kind]}`;
  const t = performance.now(), cpu = process.cpuUsage();
  svc.open(uri, LANG[kind], 1, text);
  const diags = svc.diagnostics(uri);
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - t, cpuMs: (used.user + used.system) / 1000, diags };
}

/** The templates of `kind` the server finds nothing to say about (checked alone, key varied twice so no duplicate): lines with findings are the mistakes rows. */
export function validTemplates(kind) {
  return templates(kind).map(([, l]) => l).filter((l) => {
    if (kind === 'aliases' && /^[ \t]/.test(l)) return false; // continuation lines are written after their alias
    const lines = [varyLine(l, 1, kind), varyLine(l, 2, kind)];
    if (kind === 'aliases' && l.endsWith(':')) lines.splice(1, 0, '\talice'); // `team:` is continued below
    return check(kind, lines.join("\n") + "\n").diags.length === 0;
  });
}

/** A line's shape: letters, digits and blanks abstracted. */
export const shapeOf = (line) => line.replace(/[a-z]+/g, 'a').replace(/[A-Z]+/g, 'A').replace(/\d+/g, '9').replace(/[ \t]+/g, ' ');

/**
 * The text as the server gets it: out of JSON.parse, one flat string. (A joined and concatenated
 * string is a rope: every charCodeAt then goes through the indirection, which costs long lines more.)
 */
const flat = (s) => JSON.parse(JSON.stringify(s));

function median(xs) { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]; }

/**
 * [{ kind, shape, example, linesPerSecond }] for every distinct shape of `kind`, slowest first.
 * The machine is shared and noisy, so: every shape is warmed up first (the JIT has seen every
 * path before anything is timed), then `rounds` rounds each time every shape once, round-robin
 * (a burst of load hits all shapes alike instead of one), and each shape keeps its fastest run:
 * noise only ever adds time. Time is this process's CPU time (process.cpuUsage), not the wall
 * clock: on a shared machine the wall clock also counts the time other processes had the core.
 * The per-file cost (reading the mc, classes {w} and {VirtHost}) is not the line's: a one-line
 * file, measured the same way, is subtracted.
 */
export function shapeThroughput(kind, lines = 50000, rounds = 5) {
  const byShape = new Map();
  for (const l of validTemplates(kind)) if (!byShape.has(shapeOf(l))) byShape.set(shapeOf(l), l);
  const shapes = [...byShape].map(([shape, example]) => ({
    shape, example,
    text: flat(Array.from({ length: lines }, (_, i) => varyLine(example, i + 1, kind)).join('\n') + '\n'),
    one: flat(varyLine(example, 1, kind) + '\n'),
    ms: [], fixed: [],
  }));
  for (const s of shapes) { check(kind, s.text); check(kind, s.one); } // warm up
  for (let r = 0; r < Math.max(1, rounds); r++) {
    for (const s of shapes) { s.fixed.push(check(kind, s.one).cpuMs); s.ms.push(check(kind, s.text).cpuMs); }
  }
  return shapes.map((s) => {
    const ms = Math.min(...s.ms) - Math.min(...s.fixed);
    return { kind, shape: s.shape, example: s.example, linesPerSecond: (lines / Math.max(ms, 1e-3)) * 1000, medianLinesPerSecond: (lines / Math.max(median(s.ms) - median(s.fixed), 1e-3)) * 1000 };
  }).sort((a, b) => a.linesPerSecond - b.linesPerSecond);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (n) => process.argv.find((a) => a.startsWith(`--${n}=`))?.slice(n.length + 3);
  const kinds = arg('kind') ? [arg('kind')] : Object.keys(LANG);
  const lines = Number(arg('lines') ?? 50000);
  const rounds = Number(arg('rounds') ?? 5);
  for (const kind of kinds) {
    const rows = shapeThroughput(kind, lines, rounds);
    const fastest = rows[rows.length - 1].linesPerSecond;
    console.log(`\n${kind}: ${rows.length} shapes, ${lines} lines each; slowest ${(fastest / rows[0].linesPerSecond).toFixed(1)}x the fastest per line`);
    for (const r of process.argv.includes('--all') ? rows : rows.slice(0, 12)) {
      console.log(`  ${(r.linesPerSecond / 1e6).toFixed(2).padStart(6)} M lines/s  ${(fastest / r.linesPerSecond).toFixed(1).padStart(4)}x  ${JSON.stringify(r.example).slice(0, 90)}`);
    }
    console.log(`  fastest: ${(fastest / 1e6).toFixed(2)} M lines/s  ${JSON.stringify(rows[rows.length - 1].example).slice(0, 90)}`);
  }
}
