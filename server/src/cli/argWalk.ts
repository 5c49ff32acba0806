// The command-line walk every sendmail-lint mode shares: `--flag value` or `--flag=value`,
// `--` ends the options, and `-` alone (standard input) is an operand. Each mode says what its
// own flags mean; the walk reports unknown ones the same way everywhere.

/** Returned by a flag handler for a flag it does not know. */
export const UNKNOWN = Symbol('unknown option');

/** Handles one flag (`value()` takes its argument); returns an error message, UNKNOWN, or undefined. */
export type FlagHandler = (flag: string, value: () => string | undefined) => string | typeof UNKNOWN | undefined;

/** Walks `argv`; `operand` takes each non-option argument. Returns the first error message, if any. */
export function walkArgs(argv: string[], onFlag: FlagHandler, operand: (arg: string) => string | undefined): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      for (const rest of argv.slice(i + 1)) { const e = operand(rest); if (e) return e; }
      return undefined;
    }
    if (!arg.startsWith('-') || arg === '-') { const e = operand(arg); if (e) return e; continue; }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const r = onFlag(eq > 0 ? arg.slice(0, eq) : arg, () => inline ?? argv[++i]);
    if (r === UNKNOWN) return `unknown option ${arg}`;
    if (r) return r;
  }
  return undefined;
}
