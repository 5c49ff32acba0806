// Addresses typed by the user go to `sendmail -bt` (as a line of its input) and `sendmail -bv`
// (as an argument). No shell is involved, but a newline would start another -bt command and
// a leading '-' would be read as an option, so only one plain address token is accepted.
export const MAX_ADDRESS_LENGTH = 320;

/** Returns why `address` is refused, or undefined when it is acceptable. */
export function addressProblem(address: string): string | undefined {
  if (!address) return 'the address is empty';
  if (address.length > MAX_ADDRESS_LENGTH) return `the address is longer than ${MAX_ADDRESS_LENGTH} characters`;
  if (/[\s]/.test(address)) return 'the address contains whitespace (type one address, without spaces)';
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(address)) return 'the address contains control characters';
  if (address.startsWith('-')) return "the address starts with '-' (sendmail would read it as an option)";
  if (address.startsWith('/')) return "the address starts with '/' (sendmail -bt would read it as a command)";
  if (/[;|&`$<>\\]/.test(address.replace(/^<|>$/g, ''))) return 'the address contains shell or sendmail metacharacters (; | & ` $ < > \\)';
  return undefined;
}
