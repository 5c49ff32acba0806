// Top-level sendmail-cf macros (OSTYPE, DOMAIN, SMART_HOST, ...). Facts from cf.README.
import type { MacroInfo } from './types';

export const MACROS: MacroInfo[] = [
  {
    name: 'OSTYPE',
    kind: 'call',
    signature: "OSTYPE(`system')",
    summary: 'Load the operating-system defaults (paths, local mailer) from ostype/system.m4.',
    doc: 'Must appear once, before MAILER lines. It sets where aliases, the queue and the local delivery agent live on this OS.',
    example: "OSTYPE(`debian')dnl",
  },
  {
    name: 'SMART_HOST',
    kind: 'define',
    signature: "define(`SMART_HOST', `[mailer:]host')",
    summary: 'Send all non-local mail through this host.',
    doc: 'Without `[brackets]` sendmail looks up MX records for the host and delivers to the MX hosts; with brackets it connects to the host itself.',
    example: "define(`SMART_HOST', `[smtp.example.net]')dnl",
    takesHost: true,
  },
];
