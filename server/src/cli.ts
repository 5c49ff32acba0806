// Entry point of the `sendmail-lint` command (bundled to dist/cli.js).
import { lint } from './cli/main';

process.exitCode = lint(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
});
