// Shell quoting for display only: the sudo command as one line in the log, for a human to read
// (nothing is ever typed or run from it). Each argument is single-quoted unless it is made only
// of characters no POSIX shell treats specially.
export function shellQuote(arg: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function shellLine(argv: readonly string[]): string { return argv.map(shellQuote).join(' '); }
