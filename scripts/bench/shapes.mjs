// Per-line-shape throughput, in process (no LSP, no transport noise): for each map kind,
// every distinct shape of the realistic templates (bench/realistic.mjs; a shape is the
// line with letters, digits and blanks abstracted) is written as a file of LINES lines
// with varied keys and checked by the LanguageService (out/, `npm run build` first). Prints
// lines per second per shape, slowest first, and the ratio of the slowest to the fastest.
// The invariant (ARCHITECTURE.md): no shape more than 2x slower per line than the fastest.
// `node scripts/bench/shapes.mjs [--kind=access] [--lines=20000] [--all]` (--all: every shape, not only the slowest 12).
import { createRequire } from 'node:module';
import { templates, varyLine, BENCH_MC } from './realistic.mjs';

const require = createRequire(import.meta.url);
const { LanguageService, memoryWorkspace } = require('../../out/server/src/service/index.js');

const LANG = { access: 'sendmail-access', mailertable: 'sendmail-mailertable', virtusertable: 'sendmail-virtusertable', aliases: 'sendmail-aliases' };
const DIR = '/etc/mail';
const PATH = { access: `${DIR}/access`, mailertable: `${DIR}/mailertable`, virtusertable: `${DIR}/virtusertable`, aliases: `${DIR}/lists.aliases` }; // not the system aliases file: no postmaster needed

/** Diagnostics of `text` as map `kind` beside BENCH_MC, and the milliseconds open + diagnostics took. */
export function check(kind, text) {
  const svc = new LanguageService(memoryWorkspace({ [`${DIR}/sendmail.mc`]: BENCH_MC, [PATH[kind]]: text }));
  const uri = `file://${PATH[kind]}`;
  const t = performance.now();
  svc.open(uri, LANG[kind], 1, text);
  const diags = svc.diagnostics(uri);
  return { ms: performance.now() - t, diags };
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

function median(xs) { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]; }

/** [{ kind, shape, example, linesPerSecond }] for every distinct shape of `kind`. */
export function shapeThroughput(kind, lines = 20000, reps = 5) {
  const byShape = new Map();
  for (const l of validTemplates(kind)) if (!byShape.has(shapeOf(l))) byShape.set(shapeOf(l), l);
  const out = [];
  for (const [shape, example] of byShape) {
    const text = Array.from({ length: lines }, (_, i) => varyLine(example, i + 1, kind)).join('\n') + '\n';
    const one = varyLine(example, 1, kind) + '\n';
    check(kind, text); // warm up
    // The per-file cost (reading the mc, classes {w} and {VirtHost}) is not the line's: a one-line file measures it.
    const fixed = median(Array.from({ length: reps }, () => check(kind, one).ms));
    const ms = median(Array.from({ length: reps }, () => check(kind, text).ms)) - fixed;
    out.push({ kind, shape, example, linesPerSecond: (lines / Math.max(ms, 1e-3)) * 1000 });
  }
  return out.sort((a, b) => a.linesPerSecond - b.linesPerSecond);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (n) => process.argv.find((a) => a.startsWith(`--${n}=`))?.slice(n.length + 3);
  const kinds = arg('kind') ? [arg('kind')] : Object.keys(LANG);
  const lines = Number(arg('lines') ?? 20000);
  for (const kind of kinds) {
    const rows = shapeThroughput(kind, lines);
    const fastest = rows[rows.length - 1].linesPerSecond;
    console.log(`\n${kind}: ${rows.length} shapes, ${lines} lines each; slowest ${(fastest / rows[0].linesPerSecond).toFixed(1)}x the fastest per line`);
    for (const r of process.argv.includes('--all') ? rows : rows.slice(0, 12)) {
      console.log(`  ${(r.linesPerSecond / 1e6).toFixed(2).padStart(6)} M lines/s  ${(fastest / r.linesPerSecond).toFixed(1).padStart(4)}x  ${JSON.stringify(r.example).slice(0, 90)}`);
    }
    console.log(`  fastest: ${(fastest / 1e6).toFixed(2)} M lines/s  ${JSON.stringify(rows[rows.length - 1].example).slice(0, 90)}`);
  }
}
