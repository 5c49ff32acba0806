// Entry point of the `sendmail-lint` command (bundled to dist/cli.js).
import * as fs from 'node:fs';
import { lint } from './cli/main';

/**
 * Writes all of `s` to `fd` before returning. The report is streamed file by file; a stream
 * write would queue whatever a slow reader has not taken yet, holding the whole output.
 * A non-blocking pipe answers EAGAIN when full: wait a little and write the rest.
 */
function writeAll(fd: number, s: string): void {
  const buf = Buffer.from(s);
  for (let off = 0; off < buf.length;) {
    try { off += fs.writeSync(fd, buf, off); } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
}

try {
  process.exitCode = lint(process.argv.slice(2), { stdout: (s) => writeAll(1, s), stderr: (s) => writeAll(2, s) });
} catch (e) {
  // The reader went away (sendmail-lint ... | head): stop quietly; the report is incomplete.
  if ((e as NodeJS.ErrnoException).code !== 'EPIPE') throw e;
  process.exitCode = 2;
}
