// GNU m4 builtins that sendmail configurations use. Facts from the GNU m4 manual.
import type { BuiltinInfo } from './types';

export const BUILTINS: BuiltinInfo[] = [
  {
    name: 'dnl',
    signature: 'dnl',
    summary: 'Discard everything up to and including the next newline.',
    doc: 'Used at the end of lines so the generated sendmail.cf gets no blank line, and as a comment marker.',
    example: "FEATURE(`access_db')dnl  this text is ignored",
  },
];
