// Which recipient domains sendmail looks up in the virtusertable. proto.m4 (Parse1) looks up
// `user@domain` only when the domain is in class {w} (local host names: Cwlocalhost, the
// use_cw_file file, LOCAL_DOMAIN, Cw lines) or class {VirtHost} (VIRTUSER_DOMAIN and
// VIRTUSER_DOMAIN_FILE; with FEATURE(`virtuser_entire_domain') their subdomains too).
//
// Checked with sendmail 8.17 `-bt` on a generated cf (use_cw_file with local-host-names =
// listed.example.com, VIRTUSER_DOMAIN(`virt.example.org'), a virtusertable mapping info@ each
// of them and info@example.net to bob): `/parse info@listed.example.com` and
// `/parse info@virt.example.org` give "mailer local, user bob"; `/parse info@example.net`
// gives "mailer esmtp, host example.net" (the entry is ignored) and so does
// `/parse info@sub.virt.example.org` without virtuser_entire_domain.
//
// The answer is only given when every source of the classes can be read; sendmail also adds
// the machine's own names and addresses to {w} at start-up, which we never know.
import type { WorkspaceView } from '../workspace';
import { buildMcModel, isCfM4, possible } from '../mc/model';
import type { McConfig } from '../mc/config';

export interface VirtualDomains {
  /** Class {w} names from the configuration (lower case), with where each comes from. */
  w: Map<string, string>;
  /** Class {VirtHost} names (lower case), with where each comes from. */
  virt: Map<string, string>;
  /** FEATURE(`virtuser_entire_domain'): subdomains of {VirtHost} names are looked up too. */
  entireDomain: boolean;
  /** The local-host-names file sendmail reads, when FEATURE(`use_cw_file') is on. */
  cwFile?: string;
  mcPath: string;
  /** Identity of everything above (for the per-line cache). */
  key: string;
}

/** Anything in an included file that could change the classes. */
const CLASS_WORDS = /VIRTUSER_DOMAIN|LOCAL_DOMAIN|use_cw_file|confCW_FILE|VirtHost|^[CF]\s*(w|\{w\})|DOMAIN\(|HACK\(|include\(/m;

// The answer per included file, kept while its text is the same (the workspace returns the same
// string while the file is unchanged): an included file can be megabytes, and this runs per keystroke.
const classWordsCache = new Map<string, { text: string; touches: boolean }>();
function touchesClasses(file: string, text: string): boolean {
  const hit = classWordsCache.get(file);
  if (hit && hit.text === text) return hit.touches;
  const touches = CLASS_WORDS.test(text);
  if (classWordsCache.size >= 64) classWordsCache.clear();
  classWordsCache.set(file, { text, touches });
  return touches;
}

/** Names sendmail puts in {w} on every host, or that are this host under another spelling. */
const ALWAYS_LOCAL = /^(localhost(\.localdomain)?|\[.*\])$/;

/** Words of a class file: blank-separated, `#` starts a comment (as sendmail's fileclass reads it). */
export function classFileWords(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const body = line.replace(/#.*/, '').trim();
    if (body) for (const w of body.split(/\s+/)) out.push(w.toLowerCase().replace(/\.$/, ''));
  }
  return out;
}

/** Path from a class-file spec like `-o MAIL_SETTINGS_DIR`'local-host-names %[^\#]`: first word that is no flag. */
export function specFile(spec: string, settingsDir: string): string | undefined {
  const expanded = spec.replace(/MAIL_SETTINGS_DIR/g, settingsDir).replace(/[`']/g, '');
  return expanded.trim().split(/\s+/).find((w) => w && !w.startsWith('-'));
}

/**
 * The file that will be read: the named path, or, when the mc lives elsewhere (a config
 * repository), the file of the same name beside it if there is one.
 */
function readClassFile(ws: WorkspaceView, named: string, mcDir: string): { path: string; text: string } | undefined {
  const beside = `${mcDir}/${named.replace(/.*\//, '')}`;
  for (const p of beside === named ? [named] : [beside, named]) {
    const text = ws.readFile(p);
    if (text !== undefined) return { path: p, text };
  }
  return undefined;
}

interface McFacts {
  text: string;
  calls: { name: string; args: string[] }[];
  localConfig: string;
  /** DOMAIN(`generic') (sendmail-cf's domain/generic.m4 runs FEATURE(`use_cw_file')). */
  genericDomain: boolean;
  /** Other DOMAIN()/HACK() files, whose contents we don't model. */
  unmodelled: boolean;
  /** include()d files other than cf.m4: they are read and must not touch the classes. */
  includes: string[];
}

const mcCache = new Map<string, McFacts>();

/** The calls that fill the classes, and the LOCAL_CONFIG text (cached per mc text). */
function mcFacts(path: string, text: string): McFacts {
  const hit = mcCache.get(path);
  if (hit && hit.text === text) return hit;
  const m = buildMcModel(text);
  const calls = m.items.filter((i) => possible(i) && /^(VIRTUSER_DOMAIN(_FILE)?|LOCAL_DOMAIN)$/.test(i.name)).map((i) => ({ name: i.name, args: i.args }));
  const localConfig = m.sections.filter((s) => s.name === 'LOCAL_CONFIG').map((s) => text.slice(s.call.nameEnd, s.end)).join('\n');
  const arg0 = (i: { args: string[] }) => (i.args[0] ?? '').replace(/[`']/g, '').trim();
  const domains = m.domains.filter(possible).map(arg0);
  const facts: McFacts = {
    text, calls, localConfig,
    genericDomain: domains.includes('generic'),
    unmodelled: domains.some((d) => d !== 'generic') || m.hacks.some(possible),
    includes: m.includes.filter((i) => possible(i) && !isCfM4(arg0(i))).map(arg0),
  };
  mcCache.set(path, facts);
  return facts;
}

/** The virtual-domain classes of a configuration, or undefined when any part of them can't be known. */
export function virtualDomains(ws: WorkspaceView, mc: McConfig): VirtualDomains | undefined {
  const mcText = ws.readFile(mc.path);
  if (mcText === undefined) return undefined;
  const mcDir = mc.path.replace(/\/[^/]*$/, '') || '/';
  const { calls, localConfig, genericDomain, unmodelled, includes } = mcFacts(mc.path, mcText);
  // Hand-written class lines that read files or programs (F{w}, F{VirtHost}) are beyond us.
  if (unmodelled || /^F\s*(w|\{w\}|\{VirtHost\})/m.test(localConfig)) return undefined;
  // Debian's sendmail.mc includes /etc/mail/m4/*.m4: fine when readable and silent about the classes.
  for (const inc of includes) {
    const t = ws.readFile(inc);
    if (t === undefined || touchesClasses(inc, t)) return undefined;
  }
  const settingsDir = mc.defines.get('MAIL_SETTINGS_DIR') ?? '/etc/mail/';
  const w = new Map<string, string>([['localhost', 'always in class {w}']]);
  const virt = new Map<string, string>();
  const add = (to: Map<string, string>, words: string, why: string) => {
    for (const x of words.replace(/[`']/g, '').split(/\s+/)) if (x) to.set(x.toLowerCase().replace(/\.$/, ''), why);
  };
  const domainName = mc.defines.get('confDOMAIN_NAME');
  if (domainName && !/\$/.test(domainName)) add(w, domainName, 'confDOMAIN_NAME (sendmail adds $j to class {w})');
  for (const m of localConfig.matchAll(/^C\s*(w|\{w\}|\{VirtHost\})(.*)$/gm)) add(m[1] === '{VirtHost}' ? virt : w, m[2], `a C${m[1]} line in LOCAL_CONFIG of ${mc.path}`);
  let cwFile: string | undefined;
  if (genericDomain || mc.features.some((f) => f.name === 'use_cw_file')) {
    const named = specFile(mc.defines.get('confCW_FILE') ?? `${settingsDir}local-host-names`, settingsDir);
    const file = named && readClassFile(ws, named, mcDir);
    if (!file) return undefined;
    cwFile = file.path;
    for (const x of classFileWords(file.text)) w.set(x, cwFile);
  }
  for (const c of calls) {
    const arg = (c.args[0] ?? '').trim();
    if (c.name === 'LOCAL_DOMAIN') add(w, arg, `LOCAL_DOMAIN in ${mc.path}`);
    else if (c.name === 'VIRTUSER_DOMAIN') add(virt, arg, `VIRTUSER_DOMAIN in ${mc.path}`);
    else {
      const named = specFile(arg, settingsDir);
      const file = named && readClassFile(ws, named, mcDir);
      if (!file) return undefined;
      for (const x of classFileWords(file.text)) virt.set(x, file.path);
    }
  }
  const entireDomain = mc.features.some((f) => f.name === 'virtuser_entire_domain');
  const key = [...w.keys(), '|', ...virt.keys(), '|', entireDomain, cwFile ?? ''].join(',');
  return { w, virt, entireDomain, cwFile, mcPath: mc.path, key };
}

/** Why sendmail looks up keys at `domain`, or undefined when it does not (as far as the configuration says). */
export function whyVirtual(v: VirtualDomains, domain: string): string | undefined {
  const d = domain.toLowerCase().replace(/\.$/, '');
  if (ALWAYS_LOCAL.test(d)) return 'sendmail always counts it as this host (class {w})';
  const inW = v.w.get(d);
  if (inW) return `it is in class {w} (local host names) from ${inW}`;
  const inV = v.virt.get(d);
  if (inV) return `it is in class {VirtHost} from ${inV}`;
  if (v.entireDomain) {
    for (let i = d.indexOf('.'); i >= 0; i = d.indexOf('.', i + 1)) {
      const parent = v.virt.get(d.slice(i + 1));
      if (parent) return `it is a subdomain of \`${d.slice(i + 1)}\` in class {VirtHost} (from ${parent}) and FEATURE(\`virtuser_entire_domain') is on`;
    }
  }
  return undefined;
}
