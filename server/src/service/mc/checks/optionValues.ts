// Option values as sendmail 8.17 reads them, by the option's type in the catalog. Each
// behaviour was seen with the real sendmail reading a cf that m4 made from a test mc
// (realSendmailOptionValues.test.ts pins them):
//  - boolean: only the first letter counts, t or y (any case) is True and anything else False,
//    without a message ("1", "on", "maybe" are False); an empty value is True;
//  - number or size without a digit ("ten", "unlimited"): read as 0, without a message;
//  - duration: a unit other than w, d, h, m, s (or a blank, "5 m") makes sendmail print
//    "Invalid time unit `x'" each time it reads its configuration;
//  - enum: an unknown DeliveryMode, EightBitMode, QueueSortOrder or NoRecipientAction stops
//    sendmail at start with a message (exit status 64 or 70);
//  - SSL option list: an unknown name stops sendmail at start (exit status 70);
//  - path: a relative class file or service switch file is looked up from the directory
//    sendmail was started in; relative TLS files are not used at all (no STARTTLS);
//  - INPUT_MAIL_FILTER/MAIL_FILTER equates (a key=value list): an unknown key, a part without
//    `=', a bad T= list, an unknown socket type or a missing S= stops sendmail at start.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { nearest, option } from '../../catalog';
import { SSL_OPTION_NAMES } from '../../catalog/sslOptions';
import { clip } from '../../clip';
import type { OptionInfo } from '../../catalog/types';
import { argValue } from '../../m4/scanner';
import type { M4Arg } from '../../m4/types';
import { diag, edit, type McContext, type McFix } from '../context';
import { firstArg, possible, type McCallItem } from '../model';

/** A value as m4 writes it into sendmail.cf, with its offsets in the mc (and those of the argument with its quotes). */
interface Value { text: string; start: number; end: number; around: [number, number] }

const cfName = (info: OptionInfo) => info.cfOption.replace(/^O /, '');

/** The trimmed value of argument `index`, when it is plain text m4 copies as is (no macros of the file, quotes or newlines). */
function valueOf(mc: McContext, item: McCallItem, index: number): Value | undefined {
  const arg: M4Arg | undefined = item.call.args[index];
  if (!arg || item.call.close === undefined || !possible(item)) return undefined;
  const text = argValue(mc.model.text, arg).trim();
  if (/[\n`']/.test(text) || [...text.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)].some((w) => mc.model.definedNames.has(w[0]))) return undefined;
  const raw = mc.model.text.slice(arg.start, arg.end);
  const q = arg.quotes;
  const inner = q && raw.trim().startsWith(q.open) ? raw.indexOf(q.open) + q.open.length : raw.search(/\S|$/);
  const at = text ? raw.indexOf(text) : inner;
  if (at < 0) return undefined;
  const lead = raw.length - raw.trimStart().length;
  const around: [number, number] = [arg.start + lead, Math.max(arg.start + lead + 1, arg.end - (raw.length - raw.trimEnd().length))];
  return { text, start: arg.start + at, end: arg.start + at + text.length, around };
}

const replace = (mc: McContext, v: Value, to: string, title = `Change to ${to}`): McFix => ({ title, edits: [edit(mc, v.start, v.end, to)] });

// ---- boolean ----------------------------------------------------------------------------
const MEANS_TRUE = /^(1|on|enabled?|set)$/i;
const PLAIN_BOOLEAN = /^(true|false|yes|no|[tfyn])$/i;

function booleanCheck(mc: McContext, info: OptionInfo, v: Value): Diagnostic | undefined {
  const w = v.text;
  if (PLAIN_BOOLEAN.test(w) || /^[tTyY]/.test(w)) return undefined;
  if (!w) {
    // The range takes in the quotes around the empty value, so that it can be seen.
    const [s, e] = v.around;
    return diag(mc, s, e, DiagnosticSeverity.Warning, 'mc.boolean-value',
      `${info.name} is empty: m4 writes "${cfName(info)}" without a value and sendmail reads that as True. Write True or False.`,
      [replace(mc, v, 'False'), replace(mc, v, 'True')]);
  }
  if (/^(0|off|disabled?|none)$/i.test(w)) return undefined; // read as False, as meant
  const fixes = MEANS_TRUE.test(w) ? [replace(mc, v, 'True'), replace(mc, v, 'False')] : [replace(mc, v, 'False'), replace(mc, v, 'True')];
  return diag(mc, v.start, v.end, DiagnosticSeverity.Warning, 'mc.boolean-value',
    `${info.name} is a boolean: sendmail looks only at the first letter (t or y means True, anything else False), so "${clip(w)}" is read as False, without a message. Write True or False.`,
    fixes);
}

// ---- number and size without digits -----------------------------------------------------
/** What 0 means, where we saw it with the real sendmail. */
const ZERO_MEANS: Record<string, string> = {
  confMAX_MESSAGE_SIZE: ': no size limit (a running daemon advertises "SIZE" without a number)',
  confMAX_RCPTS_PER_MESSAGE: ': no limit on recipients',
};

function numberCheck(mc: McContext, info: OptionInfo, v: Value): Diagnostic | undefined {
  if (!v.text || /^[-+]?\d/.test(v.text) || v.text.startsWith('$')) return undefined; // digits then text: mc.number-with-suffix
  return diag(mc, v.start, v.end, DiagnosticSeverity.Warning, 'mc.number-value',
    `${info.name} takes a number: sendmail finds no digits in "${clip(v.text)}" and reads 0${ZERO_MEANS[info.name] ?? ''}, without a message. Write digits${info.type === 'size' ? ' (bytes)' : ''}.`);
}

// ---- duration ----------------------------------------------------------------------------
/** The "Invalid time unit" lines sendmail prints for a duration, as its convtime() reads it. */
export function badTimeUnits(value: string): string[] {
  const bad: string[] = [];
  let i = value.startsWith('-') ? 1 : 0;
  while (i < value.length && bad.length < 5) {
    while (i < value.length && /\d/.test(value[i])) i++;
    if (i >= value.length) break;
    const c = value[i++];
    if (!'wdhms'.includes(c)) bad.push(c);
  }
  return bad;
}

function durationCheck(mc: McContext, info: OptionInfo, v: Value): Diagnostic | undefined {
  if (!v.text || /^now$/i.test(v.text) || v.text.startsWith('$')) return undefined;
  const bad = badTimeUnits(v.text);
  if (!bad.length) return undefined;
  const squeezed = v.text.replace(/\s+/g, '');
  const fixes = squeezed !== v.text && !badTimeUnits(squeezed).length ? [replace(mc, v, squeezed)] : [];
  const lines = [...new Set(bad)].map((c) => `"Invalid time unit \`${c}'"`).join(', ');
  return diag(mc, v.start, v.end, DiagnosticSeverity.Warning, 'mc.duration-unit',
    `${info.name} is a duration: sendmail prints ${lines} each time it reads its configuration and does not take "${clip(v.text)}" as written. `
    + 'Write digits with a unit and no blanks: w (weeks), d, h, m or s, e.g. 90m or 1h30m.', fixes);
}

// ---- enumerations ------------------------------------------------------------------------
interface EnumRule {
  /** How sendmail reads the word: its first letter (with or without case), or all of it (any case). */
  reads: 'letter' | 'letter-any-case' | 'word';
  /** The letters or words it accepts. */
  accepts: string[];
  /** The line sendmail prints for `v`, and its exit status. */
  says: (v: string) => string;
  exit: number;
}

const ENUMS: Record<string, EnumRule> = {
  confDELIVERY_MODE: { reads: 'letter', accepts: ['i', 'b', 'q', 'd', ''], says: (v) => `Unknown delivery mode ${v.charAt(0)}`, exit: 64 },
  confEIGHT_BIT_HANDLING: { reads: 'letter', accepts: ['p', 'm', 's'], says: (v) => `Unknown 8-bit mode ${v.charAt(0)}`, exit: 64 },
  confQUEUE_SORT_ORDER: { reads: 'letter-any-case', accepts: ['p', 'h', 'f', 't', 'm', 'r', 's', 'n'], says: (v) => `Invalid queue sort order "${v}"`, exit: 70 },
  confNO_RCPT_ACTION: { reads: 'word', accepts: ['none', 'add-to', 'add-apparently-to', 'add-bcc', 'add-to-undisclosed'], says: (v) => `Invalid NoRecipientAction: ${v}`, exit: 70 },
};

function enumCheck(mc: McContext, info: OptionInfo, v: Value): Diagnostic | undefined {
  const rule = ENUMS[info.name];
  if (!rule || v.text.startsWith('$')) return undefined;
  const key = rule.reads === 'word' ? v.text.toLowerCase() : rule.reads === 'letter' ? v.text.charAt(0) : v.text.charAt(0).toLowerCase();
  if (rule.accepts.includes(key)) return undefined;
  const words = info.values ?? [];
  const near = v.text ? nearest(v.text, words) : undefined;
  const how = rule.reads === 'word' ? '' : ` It reads only the first letter${rule.reads === 'letter' ? ', and case matters' : ''}.`;
  return diag(mc, v.start, v.end, DiagnosticSeverity.Error, 'mc.option-value-refused',
    `sendmail refuses to start with ${info.name} "${clip(v.text)}": it prints "${clip(rule.says(v.text), 120)}" and exits (status ${rule.exit}).${how} `
    + `Use one of ${words.join(', ')}.`, near ? [replace(mc, v, near)] : []);
}

// ---- SSL option lists ----------------------------------------------------------------------
const SSL_NAMES = new Map(SSL_OPTION_NAMES.map((n) => [n.toLowerCase(), n]));

function sslCheck(mc: McContext, info: OptionInfo, v: Value): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const m of v.text.matchAll(/[^\s,]+/g)) {
    if (out.length >= 5) break; // sendmail stops at the first one anyway
    const word = m[0].replace(/^[+-]/, '');
    if (/^\d/.test(word) || SSL_NAMES.has(word.toLowerCase()) || word.startsWith('$')) continue;
    const start = v.start + m.index! + (m[0].length - word.length);
    const near = word ? nearest(word, SSL_OPTION_NAMES) : undefined;
    const says = `readcf: ${cfName(info)} option value ${clip(word, 80)} unrecognized`;
    // A name of the SSL_OP_ kind far from every name we know may be one a newer build has.
    const maybeNewer = /^SSL_OP_/i.test(word) && !near;
    out.push(diag(mc, word ? start : v.start + m.index!, word ? start + word.length : v.start + m.index! + 1,
      maybeNewer ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error, 'mc.ssl-option-unknown',
      `sendmail 8.17 refuses to start with this ${info.name}: it prints "${says}" and exits (status 70). `
      + (word ? `It knows the OpenSSL option names such as SSL_OP_NO_SSLv3 (or a number), with + or - before them${maybeNewer ? '; a build against another OpenSSL may know this one' : ''}.` : 'A + or - must be followed by the name, without a blank.')
      + (near ? ` Did you mean ${near}?` : ''),
      near ? [{ title: `Change to ${near}`, edits: [edit(mc, start, start + word.length, near)] }] : []));
  }
  return out;
}

// ---- relative paths ----------------------------------------------------------------------
const CLASS_FILES = new Set(['confCW_FILE', 'confCT_FILE', 'confCR_FILE', 'confSERVICE_SWITCH_FILE']);
const TLS_FILES = new Set(['confCACERT_PATH', 'confCACERT', 'confSERVER_CERT', 'confSERVER_KEY']);

function pathCheck(mc: McContext, info: OptionInfo, v: Value): Diagnostic | undefined {
  const file = v.text.replace(/^-o\s+/, '');
  if (!file || /^[/$|]/.test(file) || file.includes('@') || /\s/.test(file)) return undefined;
  if (CLASS_FILES.has(info.name)) {
    return diag(mc, v.start, v.end, DiagnosticSeverity.Warning, 'mc.relative-path',
      `${file} is a relative path: sendmail looks for it in the directory it happens to be started from, so the same configuration works from one directory and not from another `
      + `(for a class file it then stops with "fileclass: cannot open '${clip(file)}': No such file or directory", exit status 71). Write the full path.`);
  }
  if (TLS_FILES.has(info.name)) {
    return diag(mc, v.start, v.end, DiagnosticSeverity.Warning, 'mc.relative-path',
      `${file} is a relative path: sendmail does not use it, wherever the file is, and offers no STARTTLS. Write the full path.`);
  }
  return undefined;
}

// ---- mail filter equates (key=value lists) -----------------------------------------------------
/** The first thing sendmail refuses in the equates of `X<name>, <equates>`, or undefined. */
export function filterEquateProblem(name: string, equates: string): string | undefined {
  let socket = false;
  for (const part of equates.split(',')) {
    const p = part.trim();
    const eq = p.indexOf('=');
    if (eq < 0) return `X${name}: \`=' expected`;
    const key = p.charAt(0);
    if (!'SFT'.includes(key)) return `X${name}: unknown filter equate ${p.slice(0, eq + 1)}`;
    const val = p.slice(eq + 1).trim();
    if (key === 'S') {
      const type = /^([A-Za-z0-9]+):/.exec(val)?.[1];
      if (type && !['local', 'unix', 'inet', 'inet6'].includes(type.toLowerCase())) return `X${name}: unknown socket type ${type}: Protocol not supported`;
      socket ||= val !== '';
    }
    if (key === 'T') {
      for (const t of val.split(';')) {
        const colon = t.indexOf(':');
        if (colon < 0) return `X${name}, T=: \`:' expected`;
        const k = t.slice(0, colon).trim();
        if (!['C', 'S', 'R', 'E'].includes(k)) return `X${name}: unknown filter timeout ${k}`;
      }
    }
  }
  return socket ? undefined : `X${name}: empty or missing socket information`;
}

function filterCheck(mc: McContext, item: McCallItem): Diagnostic | undefined {
  const name = firstArg(item);
  const v = valueOf(mc, item, 1);
  if (!v || !/^[A-Za-z0-9_.-]+$/.test(name) || v.text.includes('$')) return undefined;
  const says = filterEquateProblem(name, v.text);
  if (!says) return undefined;
  return diag(mc, v.start, Math.max(v.end, v.start + 1), DiagnosticSeverity.Error, 'mc.filter-equate',
    `sendmail refuses to start with this filter: m4 writes "X${clip(name)}, ${clip(v.text)}", and sendmail prints "${clip(says, 120)}" and stops. `
    + 'The equates are S=type:address (local, inet or inet6), F= (flags) and T= (timeouts such as C:2m;S:10s;R:10s;E:5m), separated by commas.');
}

export function optionValueChecks(mc: McContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of mc.model.defines) {
    const info = option(firstArg(d));
    const v = info && valueOf(mc, d, 1);
    if (!info || !v) continue;
    let found: Diagnostic | Diagnostic[] | undefined;
    switch (info.type) {
      case 'boolean': found = booleanCheck(mc, info, v); break;
      case 'number': case 'size': found = numberCheck(mc, info, v); break;
      case 'duration': found = durationCheck(mc, info, v); break;
      case 'enum': found = enumCheck(mc, info, v); break;
      case 'ssl-options': found = sslCheck(mc, info, v); break;
      case 'path': found = pathCheck(mc, info, v); break;
      default: break;
    }
    if (Array.isArray(found)) out.push(...found);
    else if (found) out.push(found);
  }
  for (const f of mc.model.items) {
    if (f.name !== 'INPUT_MAIL_FILTER' && f.name !== 'MAIL_FILTER') continue;
    const d = filterCheck(mc, f);
    if (d) out.push(d);
  }
  return out;
}
