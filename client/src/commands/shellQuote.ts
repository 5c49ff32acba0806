// Quoting for the one place a shell is involved: a command line we type into the user's own
// integrated terminal (to run it under sudo). Each argument is single-quoted unless it is
// made only of characters no POSIX shell treats specially.
export function shellQuote(arg: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function shellLine(argv: readonly string[]): string { return argv.map(shellQuote).join(' '); }
