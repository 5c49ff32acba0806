// Rules that deliver with a mailer the cf never defines. sendmail reads such a cf without a word
// (-bC exits 0) and fails only when an address resolves to that mailer: `sendmail -bt` with
// `/parse user@remote.example.org` prints "buildaddr: unknown mailer esmtp", and the binary's
// SMTP reply for it is "554 5.3.5 buildaddr: unknown mailer esmtp". It happens when MAILER(`smtp')
// sits in an unquoted ifdef/ifelse argument: m4 expands it while collecting the argument, cf.m4
// records the mailer as present (its rules use $#esmtp), and the M lines go where the dropped
// argument goes. Only names some MAILER() file defines count ($#error, $#discard, and the
// check rulesets' `$# OK`, `$#TEMP` markers are not mailers).
import { MAILERS, BUILTIN_MAILERS } from '../../../server/src/service/catalog';

const MAILER_NAMES = new Set(MAILERS.flatMap((m) => m.defines));

export interface UndefinedMailer {
  name: string;
  /** 1-based line of the first rule using it. */
  cfLine: number;
}

export function undefinedMailers(cfText: string): UndefinedMailer[] {
  const lines = cfText.split('\n');
  const defined = new Set(BUILTIN_MAILERS);
  for (const l of lines) {
    const m = /^M([^,\s]+)/.exec(l);
    if (m) defined.add(m[1]);
  }
  const out: UndefinedMailer[] = [];
  lines.forEach((l, i) => {
    if (!l.startsWith('R')) return;
    const rhs = l.split(/\t+/)[1] ?? '';
    for (const m of rhs.matchAll(/\$#\s*([^\s$]+)/g)) {
      if (MAILER_NAMES.has(m[1]) && !defined.has(m[1]) && !out.some((u) => u.name === m[1])) out.push({ name: m[1], cfLine: i + 1 });
    }
  });
  return out;
}
