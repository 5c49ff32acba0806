// Regexes for the common, clean lines of big maps (see Dialect.fastPath). They are strict
// on purpose: anything unusual (upper-case keys, comments, %n, error codes that disagree,
// IPv6, CR line ends, ...) falls through to the full checks, so they only ever save time.
//
// They are sticky and match one line in place: set lastIndex to the line's start offset in
// the whole document text and test() it, so a million-line file is checked without making
// a million line strings. END is "end of line": before a '\n' or at the end of the text.
// A lone line string is tested the same way with lastIndex 0.
import type { TableEnv } from './env';

const END = '(?![^\\n])';
const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4_PREFIX = `${OCTET}(?:\\.${OCTET}){0,3}`;
const LABEL = '[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?';
const HOST = `${LABEL}(?:\\.${LABEL})*`;
const NOT_NUMERIC = `(?![\\d.]*(?:[\\t ]|${END}))`; // a name with a letter somewhere (digits-only is an IP prefix)
const LOCAL = '[a-z0-9._+-]+';
const TEXT = '[ -"$-~]*[!-"$-~]'; // printable, no '#', no trailing blank

const ERRORS = `ERROR:(?:5\\.\\d{1,3}\\.\\d{1,3}:)?5\\d\\d ${TEXT}|ERROR:(?:4\\.\\d{1,3}\\.\\d{1,3}:)?4\\d\\d ${TEXT}`;
const ACCESS_KEY = `(?:${IPV4_PREFIX}|${NOT_NUMERIC}${HOST}|${LOCAL}@(?:${HOST})?)`;
export const ACCESS_FAST = new RegExp(
  `(?:(?:Connect|From|To|connect|from|to|CONNECT|FROM|TO):)?${ACCESS_KEY}[\\t ]+(?:OK|RELAY|REJECT|DISCARD|${ERRORS})${END}`, 'y');
/** Without FEATURE(`blocklist_recipients') a To: entry that refuses mail gets a warning: only To: with OK/RELAY is clean. */
export const ACCESS_FAST_NO_BLOCKLIST = new RegExp(
  `(?:(?:To|to|TO):${ACCESS_KEY}[\\t ]+(?:OK|RELAY)|(?:(?:Connect|From|connect|from|CONNECT|FROM):)?${ACCESS_KEY}[\\t ]+(?:OK|RELAY|REJECT|DISCARD|${ERRORS}))${END}`, 'y');

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const mtCache = new Map<string, RegExp>();

export function mailertableFast(env: TableEnv): RegExp {
  let re = mtCache.get(env.key);
  if (!re) {
    const mailers = [...env.mailers.keys()].filter((m) => m !== 'error' && m !== 'local').map(escape).join('|');
    // Names longer than 255 characters are an error (isHostName): the lookaheads keep them out.
    re = new RegExp(`(?=\\.?[^\\t \\n]{1,255}[\\t ])(?:\\.|\\.?${HOST})[\\t ]+(?:${mailers}):(?:\\[(?=[^\\]\\n]{1,255}\\])${HOST}\\]|(?=[^\\n]{1,255}${END})${NOT_NUMERIC}${HOST})${END}`, 'y');
    mtCache.clear();
    mtCache.set(env.key, re);
  }
  return re;
}

export const VIRTUSER_FAST = new RegExp(`${LOCAL}?@${HOST}[\\t ]+${LOCAL}(?:@${HOST})?${END}`, 'y');

/** Does the fast path accept the line that starts at `from` in `text`? */
export function fastMatch(re: RegExp, text: string, from: number): boolean {
  re.lastIndex = from;
  return re.test(text);
}
