// Hover: markdown for the FEATURE/MAILER/OSTYPE/option/macro/builtin under the cursor.
import type { Hover, Position } from 'vscode-languageserver-types';
import { argValue } from '../m4/scanner';
import type { M4Call } from '../m4/types';
import { lineNo, range, type McContext } from './context';
import { docFor } from './docs';
import { describeDaemon } from './daemonOptions';
import { daemonClashes, mcDaemons } from './checks/daemons';
import { WORD_OPTIONS } from '../catalog/optionWords';

/** The innermost call whose name or argument list contains `offset`. */
export function callAt(mc: McContext, offset: number): M4Call | undefined {
  let best: M4Call | undefined;
  for (const c of mc.model.calls) {
    if (c.start > offset) break;
    const end = c.close ?? (c.args.length ? c.args[c.args.length - 1].end : c.nameEnd);
    if (offset <= end && (!best || c.start >= best.start)) best = c;
  }
  return best;
}

/** The word (name chars) around `offset`. */
export function wordAt(text: string, offset: number): { word: string; start: number; end: number } | undefined {
  let s = offset; let e = offset;
  while (s > 0 && /[A-Za-z0-9_.+-]/.test(text[s - 1])) s--;
  while (e < text.length && /[A-Za-z0-9_.+-]/.test(text[e])) e++;
  return s === e ? undefined : { word: text.slice(s, e), start: s, end: e };
}

export function mcHover(mc: McContext, pos: Position): Hover | null {
  const text = mc.model.text;
  const offset = mc.doc.offsetAt(pos);
  const w = wordAt(text, offset);
  if (!w) return null;
  const call = callAt(mc, offset);
  let md: string | undefined;
  if (call && offset >= call.start && offset <= call.nameEnd) {
    md = docFor('call', call.name, mc);
  } else if (call && call.args[0] && offset >= call.args[0].start && offset <= call.args[0].end) {
    const name = argValue(text, call.args[0]).trim();
    if (name === w.word) {
      const kind = { FEATURE: 'feature', MAILER: 'mailer', OSTYPE: 'ostype', DOMAIN: 'domain', HACK: 'hack', define: 'define', undefine: 'define', ifdef: 'define' }[call.name];
      if (kind) md = docFor(kind as Parameters<typeof docFor>[0], name, mc);
    }
  }
  // A word of a list option's value (confPRIVACY_FLAGS, confDONT_BLAME_SENDMAIL).
  const listOpt = call?.name === 'define' && call.args[1] && offset >= call.args[1].start && offset <= call.args[1].end
    ? WORD_OPTIONS[argValue(text, call.args[0]).trim()] : undefined;
  if (listOpt) {
    const known = listOpt.words.find((x) => x.toLowerCase() === w.word.toLowerCase());
    if (known) md = `**${listOpt.cfOption}: \`${known}\`** — ${listOpt.docs?.[known.toLowerCase()] ?? listOpt.general}`;
  }
  md ??= docFor('word', w.word, mc);
  // DAEMON_OPTIONS: say what this particular daemon does (where it listens, who can connect).
  if (call?.name === 'DAEMON_OPTIONS' && call.args[0] && offset >= call.start && offset <= (call.close ?? text.length)) {
    const what = describeDaemon(argValue(text, call.args[0]), daemonClash(mc, call.start));
    md = md && offset <= call.nameEnd ? `${what}\n\n---\n\n${md}` : what;
  }
  return md ? { contents: { kind: 'markdown', value: md }, range: range(mc.doc, w.start, w.end) } : null;
}

/** Why the daemon of the DAEMON_OPTIONS call at `at` cannot listen (undefined: it can, as far as we see). */
function daemonClash(mc: McContext, at: number): string | undefined {
  const daemons = mcDaemons(mc);
  for (const [late, first] of daemons ? daemonClashes(daemons) : []) {
    if (late.at === at) return `port ${late.port} is already taken by the daemon on line ${lineNo(mc, first.at!)}.`;
    if (late.at === undefined && first.at === at) return 'cf.m4 adds its default MSA daemon on the same port 587 (there is no FEATURE(`no_default_msa\')).';
  }
  return undefined;
}
