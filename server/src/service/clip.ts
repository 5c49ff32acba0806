// Messages quote the user's text, which may be a 10 MB line: quote at most a few dozen
// characters of it (marked with …) so that a message stays one short, whole sentence.
// Messages themselves are never cut.

/** `text` as quoted in a message: at most `max` characters, the cut marked with …. */
export function clip(text: string | undefined, max = 48): string {
  text ??= '';
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
