// What a map file's checks need to know about the configuration around it: the governing
// sendmail.mc (beside the file, or in the parent folder when its FEATURE names this file),
// the mailers it defines, its FEATUREs and where the built database lives.
import type { WorkspaceView } from '../workspace';
import type { LanguageId } from '../types';
import { findMcPath, parseMcConfig, type McConfig, type McFeature } from '../mc/config';
import { MAILERS, nearest } from '../catalog';
import { virtualDomains, type VirtualDomains } from './virtualDomains';
import { LOCAL_DB_TYPES, databaseFor, parseMapSpec, withoutDbExtension } from './mapSpec';

/** FEATURE that makes sendmail read each map, and the map's default file name. */
export const MAP_FEATURE: Partial<Record<LanguageId, { feature: string; file: string }>> = {
  'sendmail-mailertable': { feature: 'mailertable', file: 'mailertable' },
  'sendmail-access': { feature: 'access_db', file: 'access' },
  'sendmail-virtusertable': { feature: 'virtusertable', file: 'virtusertable' },
  'sendmail-genericstable': { feature: 'genericstable', file: 'genericstable' },
  'sendmail-domaintable': { feature: 'domaintable', file: 'domaintable' },
  'sendmail-authinfo': { feature: 'authinfo', file: 'authinfo' },
};

/** Mailers every sendmail.cf has, whatever MAILER() says. */
export const ALWAYS_MAILERS: Record<string, string> = {
  error: 'built into sendmail: rejects with the given status and text',
  // Not `discard`: sendmail has that mailer only for the access map's DISCARD action; as a
  // mailertable target it fails with "554 5.3.5 buildaddr: unknown mailer discard" (8.17 -bs).
  local: 'always defined (cf.m4 includes MAILER(`local\') itself)',
  prog: 'always defined (cf.m4 includes MAILER(`local\') itself)',
};

/** Mailer names each standard MAILER() file defines (from the catalog, checked against sendmail-cf). */
export function mailerFileTable(): Map<string, string[]> {
  return new Map(MAILERS.map((m) => [m.file, m.defines]));
}

/**
 * Did-you-mean for map files: stricter than for mc names (about a third of the word, no
 * substring matches, nothing for very long words), because maps hold the admin's own words.
 */
export function mapNearest(word: string, candidates: Iterable<string>): string | undefined {
  if (word.length > 64) return undefined;
  return nearest(word, candidates, { maxDistance: (len) => Math.max(1, Math.floor(len / 3)), substrings: false });
}

export interface TableEnv {
  /** This file's path (undefined for unsaved buffers). */
  path: string | undefined;
  mc: McConfig | undefined;
  /** Usable mailer name -> where it comes from (for hovers). */
  mailers: Map<string, string>;
  /** Map spec from FEATURE(`x', `spec'), if the mc gives one. */
  mapSpec: string | undefined;
  hasFeature(name: string): boolean;
  /** The last FEATURE(`name', ...) in the mc (undefined when absent). */
  feature(name: string): McFeature | undefined;
  /** define(`name', value) in the mc (undefined when not defined). */
  define(name: string): string | undefined;
  /** The mc has LOCAL_RULESETS, LOCAL_CONFIG or LOCAL_RULE_n: custom rules that may read any access tag. */
  customRules: boolean;
  /** virtusertable and mailertable: classes {w} and {VirtHost}, when all their sources are readable. */
  virtual?: VirtualDomains;
  /** Identity of everything above; per-line results are reused while it is unchanged. */
  key: string;
}

const dirOf = (p: string) => p.replace(/\/[^/]*$/, '') || '/';

/** The database file sendmail opens for this source: the spec's file when it is beside the source, else `<source>.db`. */
export function dbPathFor(sourcePath: string, spec: string | undefined, defaultType = 'hash'): string | undefined {
  const { type, file } = parseMapSpec(spec, defaultType);
  if (!LOCAL_DB_TYPES.includes(type)) return undefined; // ldap, nis, ...: no local file
  // The mc names where the deployed map lives (/etc/mail/access). When this source file is
  // elsewhere (a config repository, a copy), that database is not built from it: use its own.
  const usable = file && dirOf(file) === dirOf(sourcePath) ? file : undefined;
  return databaseFor(type, withoutDbExtension(usable ?? sourcePath));
}

function featureSpec(mc: McConfig, feature: string): string | undefined {
  const f = [...mc.features].reverse().find((x) => x.name === feature);
  const a = f?.args[0];
  return a && a.trim() ? a.trim() : undefined;
}

function namesThisFile(mc: McConfig, feature: string, path: string): boolean {
  const file = parseMapSpec(featureSpec(mc, feature)).file;
  return !!file && withoutDbExtension(file) === path;
}

/** Sections of the mc that add hand-written rules (cf/README "LOCAL_RULESETS" and friends). */
const CUSTOM_RULES = /^[ \t]*(LOCAL_RULESETS|LOCAL_CONFIG|LOCAL_RULE_[0-3]|LOCAL_(?:SRV|CLT)_FEATURES|LOCAL_TRY_TLS|LOCAL_TLS_\w+|LOCAL_STARTTLS)\b/m;

/** The mc with what the map checks read from its text. */
type McInfo = McConfig & { customRules: boolean };

// Parsing the mc on every keystroke in a big map would dominate; reuse it while its text is unchanged.
const mcCache = new Map<string, { text: string; cfg: McInfo }>();
function loadMc(ws: WorkspaceView, dir: string): McInfo | undefined {
  const p = findMcPath(ws, dir);
  const text = p && ws.readFile(p);
  if (!p || text === undefined) return undefined;
  const hit = mcCache.get(p);
  if (hit && hit.text === text) return hit.cfg;
  const cfg = { ...parseMcConfig(p, text), customRules: CUSTOM_RULES.test(text) };
  mcCache.set(p, { text, cfg });
  return cfg;
}

/** Finds the mc that governs `path`: beside it, else in the parent folder if its FEATURE names this file. */
export function governingMc(ws: WorkspaceView, path: string | undefined, languageId: LanguageId): McInfo | undefined {
  if (!path) return undefined;
  const dir = dirOf(path);
  const here = loadMc(ws, dir);
  if (here) return here;
  const feat = MAP_FEATURE[languageId]?.feature;
  const up = dir === '/' ? undefined : loadMc(ws, dirOf(dir));
  return up && feat && namesThisFile(up, feat, path) ? up : undefined;
}

export function buildEnv(ws: WorkspaceView, path: string | undefined, languageId: LanguageId): TableEnv {
  const mc = governingMc(ws, path, languageId);
  const files = mailerFileTable();
  const mailers = new Map<string, string>(Object.entries(ALWAYS_MAILERS));
  if (mc) {
    for (const f of mc.mailerFiles) for (const n of files.get(f) ?? []) mailers.set(n, `defined by MAILER(\`${f}') in ${mc.path}`);
    for (const n of mc.mailers) if (!mailers.has(n)) mailers.set(n, `defined in ${mc.path}`);
  } else {
    for (const [f, names] of files) for (const n of names) if (!mailers.has(n)) mailers.set(n, `defined by MAILER(\`${f}') (no sendmail.mc found beside this file, so every standard mailer is accepted)`);
  }
  const features = new Set(mc?.features.map((f) => f.name) ?? []);
  const feat = MAP_FEATURE[languageId]?.feature;
  const mapSpec = mc && feat ? featureSpec(mc, feat) : undefined;
  const feature = (n: string) => [...(mc?.features ?? [])].reverse().find((f) => f.name === n);
  // Per-line results depend on the defines and FEATURE arguments too (IPv6 form, mailer ports, Spam: friend/hater).
  const defs = mc ? [...mc.defines].filter(([k]) => /^(confUSE_COMPRESSED_IPV6_ADDRESSES|\w+_MAILER_ARGS)$/.test(k)).map((x) => x.join('=')).join(',') : '';
  // The local-host-names file is read here, so a change to it changes the key and re-checks every line.
  // (the mailertable needs class {w} too: entries for local names are never used)
  const virtual = mc && ((languageId === 'sendmail-virtusertable' && features.has('virtusertable')) || (languageId === 'sendmail-mailertable' && features.has('mailertable')))
    ? virtualDomains(ws, mc) : undefined;
  const key = mc ? `${virtual?.key ?? ''}\n${mc.path}\n${[...mailers.keys()].join(',')}\n${mc.features.map((f) => [f.name, ...f.args].join('|')).join(',')}\n${mapSpec ?? ''}\n${defs}\n${mc.customRules}` : `none:${path ?? ''}`;
  return { path, mc, mailers, mapSpec, hasFeature: (n) => features.has(n), feature, define: (n) => mc?.defines.get(n), customRules: !!mc?.customRules, virtual, key };
}
