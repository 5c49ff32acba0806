// aliases(5): "name: target, target, ..." with continuation lines that start with a blank.
// Targets: local users, addresses, "|program", /file, :include:/path, error:code text.
import { CompletionItemKind } from 'vscode-languageserver-types';
import type { Dialect } from '../dialect';
import { foldLower } from '../dialect';
import type { Entry } from '../syntax';
import type { TableEnv } from '../env';
import { issue, ERROR, WARNING, type Issue } from '../issues';
import { clip } from '../../clip';
import { aliasesScanner } from '../lineScanners';

const ALIASES_SCANNER = aliasesScanner();

/** Splits "name: list" (key = name, value = list); no colon: value empty and valueStart = -1. */
export function splitAlias(text: string): Entry {
  const colon = text.indexOf(':');
  let e = text.length;
  while (e > 0 && /[ \t\r]/.test(text[e - 1])) e--;
  if (colon < 0) return { text, key: text.slice(0, e), keyStart: 0, keyEnd: e, value: '', valueStart: -1, valueEnd: -1 };
  let keyEnd = colon;
  while (keyEnd > 0 && /[ \t]/.test(text[keyEnd - 1])) keyEnd--;
  let v = colon + 1;
  while (v < e && /[ \t]/.test(text[v])) v++;
  return { text, key: text.slice(0, keyEnd), keyStart: 0, keyEnd, value: text.slice(v, Math.max(v, e)), valueStart: v, valueEnd: Math.max(v, e) };
}

/** A continuation line: the whole trimmed line is more of the previous list. */
export function splitContinuation(text: string): Entry {
  let s = 0, e = text.length;
  while (s < e && /[ \t]/.test(text[s])) s++;
  while (e > s && /[ \t\r]/.test(text[e - 1])) e--;
  return { text, key: '', keyStart: 0, keyEnd: 0, value: text.slice(s, e), valueStart: s, valueEnd: e };
}

export function checkTargets(e: Entry, out: Issue[]): void {
  const re = /"[^"]*"|[^,]+/g;
  for (let m = re.exec(e.value); m; m = re.exec(e.value)) {
    const t = m[0].trim();
    const start = e.valueStart + m.index + (m[0].length - m[0].trimStart().length);
    const end = start + t.length;
    if (/^:include:/i.test(t) && !t.slice(9).trim().startsWith('/')) {
      out.push(issue('aliases.include-relative', WARNING, start, end, `:include: needs an absolute path; sendmail resolves \`${clip(t.slice(9).trim())}\` relative to its queue directory.`));
    }
  }
}

/** The one aliases file sendmail reads: /etc/aliases, /etc/mail/aliases, or the ALIAS_FILE of the mc beside it. */
function isSystemAliases(env: TableEnv): boolean {
  const p = env.path;
  if (!p) return false;
  const listed = env.define('ALIAS_FILE')?.split(/[\s,]+/).filter(Boolean) ?? [];
  // With several alias files postmaster may be defined in any of them: no claim about this one.
  if (listed.length > 1) return false;
  return p === '/etc/aliases' || p === '/etc/mail/aliases' || listed[0] === p;
}

export const aliases: Dialect = {
  name: 'aliases',
  syntax: 'aliases',
  foldKey: foldLower,
  caseHintFrom: () => -1,
  requiredKeys(env) {
    // Checked: with no postmaster alias (and no such account) `sendmail -bv postmaster` says
    // "User unknown", so mail to the one address every domain must accept bounces.
    if (!isSystemAliases(env)) return new Map();
    return new Map([['postmaster', { code: 'aliases.no-postmaster', severity: WARNING,
      message: 'No postmaster alias: every mail domain must accept postmaster (RFC 5321), but sendmail then delivers it to a local account named postmaster, which usually does not exist, so it bounces as "User unknown". Add `postmaster: root`.',
      appendLine: 'postmaster: root' }]]);
  },
  checkEntry(e, _env, out) {
    if (e.key && e.valueStart < 0) {
      out.push(issue('aliases.missing-colon', ERROR, e.keyStart, e.keyEnd, 'An alias line is "name: target, ..."; newaliases rejects this line ("missing colon").'));
      return;
    }
    // newaliases (8.17) stores `spaces in name: root` under the key spaces.in.name and
    // `"quoted name": root` as "quoted name" (checked with sendmail -bi and makemap -u).
    if (e.key && /\s/.test(e.key) && !/^"[^"]*"$/.test(e.key)) {
      const stored = e.key.trim().split(/[ \t]+/).join('.');
      out.push(issue('aliases.bad-name', WARNING, e.keyStart, e.keyEnd, `newaliases joins the words of an unquoted name with dots: this alias is stored as \`${clip(stored)}\`, so mail to that name reaches it, not to \`${clip(e.key)}\`. Write it with dots, or quote the name to keep the blanks.`, { replacement: stored }));
    }
    // Checked: newaliases (8.17) on `empty:` prints "line 1: empty:... missing value for alias", stores the other aliases, exits 70.
    if (e.key && !e.value) out.push(issue('aliases.missing-value', WARNING, e.keyEnd, e.keyEnd + 1, `\`${clip(e.key)}\` has no targets (and no indented line below continues it): newaliases reports "missing value for alias" and skips this line (it exits 70), so mail to it bounces as an unknown user.`));
    checkTargets(e, out);
  },
  hover(e, ch) {
    if (e.key && ch <= e.keyEnd) return `Mail to the local name \`${e.key}\` is delivered to the targets after the colon.`;
    const t = /[^,]*$/.exec(e.text.slice(0, ch))![0].trim() + (/^[^,]*/.exec(e.text.slice(ch))![0]);
    const s = t.trim();
    if (s.startsWith('|')) return 'Pipes the message to this program (runs as the alias file owner, or the default user).';
    if (/^:include:/i.test(s)) return 'Reads more targets, one per line, from this file.';
    if (s.startsWith('/')) return 'Appends the message to this file.';
    if (/^error:/i.test(s)) return 'Rejects mail to this alias with the given status and text.';
    return s ? `Delivers to \`${s}\`.` : undefined;
  },
  complete: (e, ch) => (e && ch > e.keyEnd ? [{ label: ':include:', kind: CompletionItemKind.Keyword, detail: 'read targets from a file' }] : []),
  scanner: () => ALIASES_SCANNER,
  // Checked by QA with newaliases (8.17): `root: jdoe` then `root: bob` stores root -> bob.
  duplicate: { severity: 2, says: 'newaliases warns and keeps the last definition, so this line replaces the earlier one, which has no effect', lastWins: true },
};
