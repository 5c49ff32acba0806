// Input of `sendmail-lint log`: the lines of a log file, gzip-rotated file (mail.log.2.gz,
// recognised by its first bytes, whatever its name) or standard input, read as a stream (a log
// of any size in little memory); and the time of a line for --since.
import * as fs from 'node:fs';
import { PassThrough, type Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import type { LogTimestamp } from '../service/maillog/parse';

/** The lines of `src`, decompressed when it starts with the gzip magic bytes. Rejects on read or gzip errors. */
export async function* logLines(src: Readable): AsyncGenerator<string> {
  yield* splitLines(await decompressed(src));
}

/** Longer lines are cut here (the rest up to the newline is skipped): a binary file read by mistake stays cheap. */
export const MAX_LINE_BYTES = 65536;

/** The lines of a byte stream (LF or CRLF; the last line may lack its newline), each cut at MAX_LINE_BYTES. */
export async function* splitLines(input: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  let parts: Buffer[] = [];
  let size = 0;
  const keep = (b: Buffer) => {
    if (size >= MAX_LINE_BYTES || b.length === 0) return;
    const part = b.subarray(0, MAX_LINE_BYTES - size);
    parts.push(part);
    size += part.length;
  };
  const flush = () => {
    const s = Buffer.concat(parts).toString('utf8');
    parts = [];
    size = 0;
    return s.endsWith('\r') ? s.slice(0, -1) : s;
  };
  let pending = false; // bytes after the last newline
  for await (const c of input) {
    const chunk = typeof c === 'string' ? Buffer.from(c) : c;
    let from = 0;
    for (let nl = chunk.indexOf(10); nl >= 0; nl = chunk.indexOf(10, from)) {
      keep(chunk.subarray(from, nl));
      yield flush();
      from = nl + 1;
    }
    keep(chunk.subarray(from));
    if (chunk.length) pending = from < chunk.length;
  }
  if (pending) yield flush();
}

/** Waits for the first two bytes, then returns a stream of the whole text (gunzipped if it is gzip). */
function decompressed(src: Readable): Promise<Readable> {
  return new Promise((resolve, reject) => {
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      if (head.length >= 2) start(false);
    };
    const onEnd = () => start(true);
    const start = (ended: boolean) => {
      src.off('data', onData); src.off('end', onEnd); src.off('error', reject);
      src.pause();
      const out = head[0] === 0x1f && head[1] === 0x8b ? zlib.createGunzip() : new PassThrough();
      if (ended) out.end(head);
      else {
        out.write(head);
        src.on('error', (e) => out.destroy(e)); // a read error ends the lines with that error
        src.pipe(out);
      }
      resolve(out);
    };
    src.on('data', onData);
    src.once('end', onEnd);
    src.once('error', reject);
  });
}

/** Opens a log file for reading (standard input for `-`). */
export function openLog(path: string, stdin: Readable): Readable {
  return path === '-' ? stdin : fs.createReadStream(path);
}

const MONTHS: Record<string, number> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };
const DAY = 86_400_000;

/**
 * The time of a log timestamp in ms. Classic syslog and journal timestamps have no year: the
 * current year, or the year before when that would put the line more than a day in the future
 * (a log read in January holds December's lines). Local time unless the timestamp has a zone.
 */
export function lineTime(ts: LogTimestamp, now: Date): number | undefined {
  if (ts.style === 'syslog' || ts.style === 'journal') {
    const m = /^([A-Z][a-z]{2}) +(\d{1,2}) (\d\d):(\d\d):(\d\d)/.exec(ts.text);
    if (!m || MONTHS[m[1]] === undefined) return undefined;
    const at = (y: number) => new Date(y, MONTHS[m[1]], Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])).getTime();
    const t = at(now.getFullYear());
    return t > now.getTime() + DAY ? at(now.getFullYear() - 1) : t;
  }
  return isoTime(ts.text);
}

/** ISO 8601 date-time (local time without a zone; fractions of any length). */
function isoTime(s: string): number | undefined {
  const m = /^(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d(?::\d\d)?)(?:[.,](\d+))?(Z|[+-]\d\d:?\d\d)?$/.exec(s.trim());
  if (!m) return undefined;
  const zone = m[4] ? m[4].replace(/^([+-]\d\d)(\d\d)$/, '$1:$2') : '';
  const t = Date.parse(`${m[1]}T${m[2]}${m[3] ? `.${m[3].slice(0, 3).padEnd(3, '0')}` : ''}${zone}`);
  return Number.isNaN(t) ? undefined : t;
}

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: DAY, w: 7 * DAY };

/** --since: a duration back from now (`90m`, `2h`, `3d`, `1w`) or an ISO date (local midnight) or date-time. */
export function parseSince(s: string, now: Date): number | undefined {
  const d = /^(\d{1,9})([smhdw])$/.exec(s.trim());
  if (d) return now.getTime() - Number(d[1]) * UNITS[d[2]];
  const date = /^(\d{4})-(\d\d)-(\d\d)$/.exec(s.trim());
  if (date) {
    const t = new Date(Number(date[1]), Number(date[2]) - 1, Number(date[3])).getTime();
    return new Date(t).getDate() === Number(date[3]) ? t : undefined;
  }
  return isoTime(s);
}
