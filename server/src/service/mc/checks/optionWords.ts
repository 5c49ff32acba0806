// Words sendmail does not know in list options (confPRIVACY_FLAGS, confDONT_BLAME_SENDMAIL):
// sendmail 8.17 prints one line while reading sendmail.cf and exits 70 (EX_SOFTWARE) — the
// daemon (-bD), `sendmail -bs` and `-bt` alike (test/unit/claims) — so after a restart no MTA
// runs at all. A typo such as `goway` stops mail, hence an Error.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { nearest } from '../../catalog';
import { WORD_OPTIONS } from '../../catalog/optionWords';
import { clip } from '../../clip';
import { diag, edit, type McContext } from '../context';
import { firstArg } from '../model';
import { lowerBound } from '../branches';

export function optionWordChecks(mc: McContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const text = mc.model.text;
  for (const d of mc.model.defines) {
    const opt = WORD_OPTIONS[firstArg(d)];
    const arg = d.call.args[1];
    if (!opt || !arg || d.call.close === undefined || d.when === 'never') continue;
    // What m4 deletes (dnl to the end of the line, comments) is not part of the value.
    let raw = text.slice(arg.start, arg.end);
    const tokens = mc.model.tokens;
    for (let i = Math.max(0, lowerBound(tokens, arg.start) - 1); i < tokens.length; i++) {
      const t = tokens[i];
      if (t.start >= arg.end) break;
      if (t.end > arg.start && (t.kind === 'dnl' || t.kind === 'comment')) {
        const s = Math.max(t.start, arg.start) - arg.start, e = Math.min(t.end, arg.end) - arg.start;
        raw = raw.slice(0, s) + ' '.repeat(e - s) + raw.slice(e);
      }
    }
    // Built with m4 (defn(...), other macros): the words are not all written here.
    if (/[($]/.test(raw)) continue;
    const known = new Map(opt.words.map((w) => [w.toLowerCase(), w]));
    for (const m of raw.matchAll(/[A-Za-z][A-Za-z0-9_-]*/g)) {
      const word = m[0];
      if (known.has(word.toLowerCase())) continue;
      const start = arg.start + m.index!;
      const end = start + word.length;
      const near = nearest(word, opt.words);
      out.push(diag(mc, start, end, DiagnosticSeverity.Error, 'mc.unknown-option-word',
        `${opt.cfOption} has no \`${clip(word)}\`: sendmail prints "${opt.complaint(clip(word))}" and exits 70, so neither the daemon nor \`sendmail -bs\` starts.${near ? ` Did you mean ${near}?` : ''}`,
        near ? [{ title: `Change to ${near}`, edits: [edit(mc, start, end, near)] }] : []));
    }
  }
  return out;
}
