// Document links: the files a sendmail.mc makes m4 or sendmail read, when they exist.
//  - include()/sinclude() paths: absolute, or relative to the mc's directory (the Makefile in
//    /etc/mail runs m4 there);
//  - the map a FEATURE reads: the path in its map argument (`hash -o /etc/mail/mailertable.db'
//    -> /etc/mail/mailertable, the source makemap builds the .db from), or the feature's
//    default path when the argument is left out (MAIL_SETTINGS_DIR honoured);
//  - the class files FEATURE(use_cw_file/use_ct_file) read (confCW_FILE/confCT_FILE or default);
//  - paths given to *_FILE macros and to path-valued options (confCW_FILE, ...).
// A link is offered only for a literal path that exists, so a click never opens nothing.
import { pathToFileURL } from 'node:url';
import * as nodePath from 'node:path';
import type { DocumentLink } from 'vscode-languageserver-types';
import { feature, option } from '../catalog';
import { argValue } from '../m4/scanner';
import type { M4Arg } from '../m4/types';
import type { WorkspaceView } from '../workspace';
import { range, type McContext } from './context';
import { firstArg, lastDefine, type McCallItem } from './model';

/** Map classes backed by a file, with the suffixes makemap/sendmail add to the source name. */
const FILE_MAP_SUFFIXES: Record<string, string[]> = {
  hash: ['.db'], btree: ['.db'], dbm: ['.dir', '.pag'], cdb: ['.cdb'], text: [], implicit: ['.db'],
};

/** Features reading a class file, and the option naming it. */
const CLASS_FILE_FEATURES: Record<string, string> = { use_cw_file: 'confCW_FILE', use_ct_file: 'confCT_FILE' };

const LITERAL_PATH = /^[^\s`'$()]+$/;

interface Found { start: number; end: number; target: string }

/** The value of a define in this file (last one wins, as in m4), or undefined. */
const defined = (mc: McContext, name: string): string | undefined => lastDefine(mc.model, name)?.args[1]?.trim();

/** The directory cf.m4 puts map files in: MAIL_SETTINGS_DIR (default /etc/mail/). */
function settingsDir(mc: McContext): string {
  const v = defined(mc, 'MAIL_SETTINGS_DIR');
  return v && LITERAL_PATH.test(v) ? (v.endsWith('/') ? v : v + '/') : '/etc/mail/';
}

/**
 * The file token of a map definition (`class [-flags] path`), as written, with the file it
 * names: the source file, without the suffix the map class adds. Undefined for maps that are
 * not files (ldap, nis, sequence, ...).
 */
export function mapSpecFile(spec: string, settings = '/etc/mail/'): { token: string; file: string } | undefined {
  const words = spec.trim().split(/\s+/).filter(Boolean);
  if (!words.length) return undefined;
  let cls = 'hash';
  if (!words[0].startsWith('/') && !words[0].startsWith('MAIL_SETTINGS_DIR')) cls = words.shift()!;
  const suffixes = FILE_MAP_SUFFIXES[cls];
  if (!suffixes) return undefined;
  const token = words.find((w) => !w.startsWith('-'));
  if (!token) return undefined;
  // MAIL_SETTINGS_DIR`mailertable' is how sendmail-cf's own files write the default.
  let file = token.replace(/^MAIL_SETTINGS_DIR`?([^']*)'?$/, (_m, rest: string) => settings + rest);
  if (!file.startsWith('/') || !LITERAL_PATH.test(file)) return undefined;
  for (const s of suffixes) if (file.endsWith(s)) { file = file.slice(0, -s.length); break; }
  return { token, file };
}

/** Where `token` sits in the raw text of `arg` (quotes and all). */
function locate(mc: McContext, arg: M4Arg, token: string): [number, number] | undefined {
  const at = mc.model.text.slice(arg.start, arg.end).indexOf(token);
  return at < 0 ? undefined : [arg.start + at, arg.start + at + token.length];
}

/** The name inside the first argument (without quotes). */
function nameSpan(mc: McContext, item: McCallItem): [number, number] | undefined {
  const a = item.call.args[0];
  const name = firstArg(item);
  return a && name ? locate(mc, a, name) : undefined;
}

function includeLinks(mc: McContext, dir: string | undefined, out: Found[]): void {
  for (const c of mc.model.parse.calls) {
    if ((c.name !== 'include' && c.name !== 'sinclude') || !c.args[0]) continue;
    const p = argValue(mc.model.text, c.args[0]).trim();
    if (!p || !LITERAL_PATH.test(p)) continue;
    const abs = nodePath.posix.isAbsolute(p) ? p : dir ? nodePath.posix.join(dir, p) : undefined;
    const span = abs && locate(mc, c.args[0], p);
    if (abs && span) out.push({ start: span[0], end: span[1], target: abs });
  }
}

function featureLinks(mc: McContext, out: Found[]): void {
  const settings = settingsDir(mc);
  for (const f of mc.model.features) {
    const name = firstArg(f);
    const info = feature(name);
    const given = (f.args[1] ?? '').trim();
    if (info?.map) {
      if (given) {
        const m = mapSpecFile(given, settings);
        const span = m && locate(mc, f.call.args[1], m.token);
        if (m && span) out.push({ start: span[0], end: span[1], target: m.file });
      } else {
        const m = mapSpecFile(info.map.defaultSpec.replace('/etc/mail/', settings), settings);
        const span = nameSpan(mc, f);
        if (m && span) out.push({ start: span[0], end: span[1], target: m.file });
      }
      continue;
    }
    const opt = CLASS_FILE_FEATURES[name];
    if (opt) {
      const value = defined(mc, opt) ?? option(opt)?.default ?? '';
      const file = value.split(/\s+/).find((w) => w.startsWith('/'));
      const span = nameSpan(mc, f);
      if (file && LITERAL_PATH.test(file) && span) out.push({ start: span[0], end: span[1], target: file });
    }
  }
}

/** RELAY_DOMAIN_FILE(`/etc/mail/relay-domains'), define(`confCW_FILE', `-o /etc/mail/x'): the first absolute path. */
function pathArgumentLinks(mc: McContext, out: Found[]): void {
  for (const item of mc.model.items) {
    let arg: M4Arg | undefined;
    if (/_FILE$/.test(item.name)) arg = item.call.args[0];
    else if (item.name === 'define' && option(firstArg(item))?.valueType === 'path') arg = item.call.args[1];
    if (!arg) continue;
    const file = argValue(mc.model.text, arg).split(/\s+/).find((w) => w.startsWith('/'));
    const span = file && LITERAL_PATH.test(file) ? locate(mc, arg, file) : undefined;
    if (file && span) out.push({ start: span[0], end: span[1], target: file });
  }
}

export function mcDocumentLinks(mc: McContext, ws: WorkspaceView, dir: string | undefined): DocumentLink[] {
  const found: Found[] = [];
  includeLinks(mc, dir, found);
  featureLinks(mc, found);
  pathArgumentLinks(mc, found);
  return found
    .filter((f) => ws.mtime(f.target) !== undefined)
    .sort((a, b) => a.start - b.start)
    .map((f) => ({ range: range(mc.doc, f.start, f.end), target: pathToFileURL(f.target).href, tooltip: `Open ${f.target}` }));
}
