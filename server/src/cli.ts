// Entry point of the `sendmail-lint` command (bundled to dist/cli.js).
import * as fs from 'node:fs';
import { lint, lintWithPrograms } from './cli/main';
import { route } from './cli/route';
import { logMode } from './cli/log';
import { diagnoseMode } from './cli/diagnose';

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

const io = { stdout: (s: string) => writeAll(1, s), stderr: (s: string) => writeAll(2, s) };
const argv = process.argv.slice(2);
/** The reader went away (sendmail-lint ... | head): stop quietly; the report is incomplete. */
const onError = (e: unknown) => {
  if ((e as NodeJS.ErrnoException).code !== 'EPIPE') throw e;
  process.exitCode = 2;
};
// `sendmail-lint route ADDRESS` (cli/route.ts) runs m4 and sendmail: asynchronous.
if (argv[0] === 'route') route(argv.slice(1), io).then((code) => { process.exitCode = code; }, onError);
// `sendmail-lint log FILE...` (cli/log.ts) streams the mail log: asynchronous.
else if (argv[0] === 'log') logMode(argv.slice(1), io).then((code) => { process.exitCode = code; }, onError);
// `sendmail-lint diagnose ADDRESS|DOMAIN` (cli/diagnose.ts) runs sendmail and connects: asynchronous.
else if (argv[0] === 'diagnose') diagnoseMode(argv.slice(1), io).then((code) => { process.exitCode = code; }, onError);
// --check-with-programs runs m4, sendmail and makemap: asynchronous.
else if (argv.includes('--check-with-programs')) lintWithPrograms(argv, io).then((code) => { process.exitCode = code; }, onError);
else {
  try { process.exitCode = lint(argv, io); } catch (e) { onError(e); }
}
