// Numeric options with a unit or other text after the digits: m4 copies the value into
// sendmail.cf as written (`O MaxMessageSize=10M`) and sendmail reads it with atol(), which
// stops at the first non-digit — so 10M becomes a 10-byte limit that a live daemon
// advertises as "SIZE 10" (checked by hand: sendmail 8.17.1.9 -bs with such a cf answers EHLO
// with "250-SIZE 10"). Durations take 5m/1h and are not checked here (optionValues.ts reads them).
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { option } from '../../catalog';
import { argValue } from '../../m4/scanner';
import { diag, edit, type McContext, type McFix } from '../context';
import { firstArg } from '../model';

/** Digits, then something sendmail does not read ("10M", "25x", "1,000", "10 MB"). */
const DIGITS_THEN_TEXT = /^(-?\d+)(\D.*)$/;
/** A size suffix we can turn into bytes: k, M, G (optionally with B, iB). */
const SIZE_SUFFIX = /^\s*([kKmMgG])(?:i?[bB])?$/;
const MULTIPLIER: Record<string, number> = { k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

function byteFix(mc: McContext, start: number, end: number, digits: string, rest: string): McFix[] {
  const m = SIZE_SUFFIX.exec(rest);
  if (!m) return [];
  const n = Number(digits) * MULTIPLIER[m[1].toLowerCase()];
  if (!Number.isSafeInteger(n)) return [];
  const bytes = String(n);
  return [{ title: `Use ${bytes} (${digits}${m[1]} in bytes)`, edits: [edit(mc, start, end, bytes)] }];
}

/** The number sendmail reads, for the message (no leading zeros; absurd lengths shortened). */
function shown(digits: string): string {
  const n = digits.replace(/^(-?)0+(?=\d)/, '$1');
  return n.length > 24 ? `${n.slice(0, 20)}… (${n.length} digits)` : n;
}

const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 30)}…` : s);

export function valueChecks(mc: McContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const text = mc.model.text;
  for (const d of mc.model.defines) {
    const info = option(firstArg(d));
    const arg = d.call.args[1];
    // An unclosed call or quote swallows the rest of the file: that is reported elsewhere.
    if ((info?.type !== 'number' && info?.type !== 'size') || !arg || d.call.close === undefined) continue;
    const value = argValue(text, arg).trim();
    if (value.includes('\n')) continue;
    const m = DIGITS_THEN_TEXT.exec(value);
    // MinFreeBlocks also takes the old "blocks/maxsize" form; leave slashes alone.
    if (!m || m[2].startsWith('/')) continue;
    const at = text.slice(arg.start, arg.end).indexOf(value);
    if (at < 0) continue;
    const start = arg.start + at;
    const end = start + value.length;
    const cf = info.cfOption.replace(/^O /, '');
    const size = info.type === 'size';
    const unit = size ? ' bytes' : '';
    const read = shown(m[1]);
    const advert = info.name === 'confMAX_MESSAGE_SIZE' ? ` and a running daemon advertises "SIZE ${read}"` : '';
    const fix = size ? byteFix(mc, start, end, m[1], m[2]) : [];
    out.push(diag(mc, start, end, DiagnosticSeverity.Warning, 'mc.number-with-suffix',
      `${info.name} takes a plain number: m4 writes "${cf}=${clip(value)}" and sendmail reads only the leading digits, so the value is ${read}${unit}${advert}. `
      + `Write digits only${size ? ' (bytes: 10M is 10485760)' : ''}.`,
      fix));
  }
  return out;
}
