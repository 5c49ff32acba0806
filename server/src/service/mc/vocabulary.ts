// Names the mc scanner must know to read a sendmail.mc the way m4 does: a '(' right after a
// name only starts an argument list when the name is a macro at that point. These are the GNU
// m4 builtins plus the macros sendmail-cf's m4/cf.m4 and m4/cfhead.m4 define (syntax facts,
// independent of the documentation catalog).
import { BUILTINS, MACROS } from '../catalog';

export const M4_BUILTINS = [
  'define', 'undefine', 'defn', 'pushdef', 'popdef', 'ifdef', 'ifelse', 'include', 'sinclude',
  'divert', 'undivert', 'divnum', 'dnl', 'changequote', 'changecom', 'errprint', 'eval', 'incr',
  'decr', 'len', 'index', 'substr', 'translit', 'shift', 'm4wrap', 'syscmd', 'esyscmd', 'sysval',
  'maketemp', 'mkstemp', 'regexp', 'patsubst', 'indir', 'builtin', 'dumpdef', 'traceon',
  'traceoff', 'debugmode', 'debugfile', 'm4exit', '__file__', '__line__', '__program__',
];

/** Macros sendmail-cf defines (m4/cfhead.m4, m4/cf.m4) that an mc calls. */
export const CF_MACROS = [
  'OSTYPE', 'DOMAIN', 'FEATURE', 'HACK', 'MAILER', 'VERSIONID', 'DAEMON_OPTIONS', 'CLIENT_OPTIONS',
  'INPUT_MAIL_FILTER', 'MAIL_FILTER', 'QUEUE_GROUP', 'MASQUERADE_AS', 'MASQUERADE_DOMAIN',
  'MASQUERADE_DOMAIN_FILE', 'MASQUERADE_EXCEPTION', 'MASQUERADE_EXCEPTION_FILE', 'EXPOSED_USER',
  'EXPOSED_USER_FILE', 'LOCAL_USER', 'LOCAL_USER_FILE', 'LOCAL_DOMAIN', 'CANONIFY_DOMAIN',
  'CANONIFY_DOMAIN_FILE', 'GENERICS_DOMAIN', 'GENERICS_DOMAIN_FILE', 'LDAPROUTE_DOMAIN',
  'LDAPROUTE_DOMAIN_FILE', 'LDAPROUTE_EQUIVALENT', 'LDAPROUTE_EQUIVALENT_FILE', 'VIRTUSER_DOMAIN',
  'VIRTUSER_DOMAIN_FILE', 'RELAY_DOMAIN', 'RELAY_DOMAIN_FILE', 'TRUST_AUTH_MECH',
  'MODIFY_MAILER_FLAGS', 'SITECONFIG', 'SITE', 'CONCAT', 'DOL', 'UUCPSMTP', 'PUSHDIVERT', 'POPDIVERT',
  'LOCAL_CONFIG', 'LOCAL_RULESETS', 'LOCAL_RULE_0', 'LOCAL_RULE_1', 'LOCAL_RULE_2', 'LOCAL_RULE_3',
  'LOCAL_UUCP', 'LOCAL_NET_CONFIG', 'LOCAL_DNSBL', 'MAILER_DEFINITIONS', 'LOCAL_SRV_FEATURES',
  'LOCAL_CLT_FEATURES', 'LOCAL_TRY_TLS', 'LOCAL_TLS_RCPT', 'LOCAL_TLS_CLIENT', 'LOCAL_TLS_SERVER',
  '_DEFIFNOT', 'lower', 'strcasecmp',
];

/** Section macros: after them the text is raw sendmail.cf (still macro-expanded by m4). */
export const RAW_SECTIONS = new Set([
  'LOCAL_CONFIG', 'LOCAL_RULESETS', 'LOCAL_RULE_0', 'LOCAL_RULE_1', 'LOCAL_RULE_2', 'LOCAL_RULE_3',
  'LOCAL_UUCP', 'LOCAL_NET_CONFIG', 'LOCAL_DNSBL', 'MAILER_DEFINITIONS', 'LOCAL_SRV_FEATURES',
  'LOCAL_CLT_FEATURES', 'LOCAL_TRY_TLS', 'LOCAL_TLS_RCPT', 'LOCAL_TLS_CLIENT', 'LOCAL_TLS_SERVER',
]);

/** Sections cf.m4 wants after a MAILER() ("*** WARNING: MAILER() should be before ..."). */
export const SECTIONS_AFTER_MAILER = new Set([
  'LOCAL_SRV_FEATURES', 'LOCAL_CLT_FEATURES', 'LOCAL_TRY_TLS', 'LOCAL_TLS_RCPT', 'LOCAL_TLS_CLIENT', 'LOCAL_TLS_SERVER',
]);

const CALLABLE = new Set<string>([
  ...M4_BUILTINS, ...CF_MACROS,
  ...BUILTINS.map((b) => b.name), ...MACROS.filter((m) => m.kind === 'call').map((m) => m.name),
]);

export const isKnownCallable = (name: string): boolean => CALLABLE.has(name);

/** m4 builtins whose expansion changes m4's state or the output beyond the text it returns. */
const EFFECT_BUILTINS = new Set([
  'define', 'undefine', 'pushdef', 'popdef', 'include', 'sinclude', 'divert', 'undivert',
  'changequote', 'changecom', 'errprint', 'm4exit', 'm4wrap', 'syscmd', 'esyscmd',
]);
/** sendmail-cf macros that only return text (cfhead.m4): harmless when m4 expands them early. */
const TEXT_ONLY_CF = new Set(['VERSIONID', 'UUCPSMTP', 'SITE', 'CONCAT', 'DOL', 'lower', 'strcasecmp']);
const CF_CALLS = new Set<string>([...CF_MACROS, ...MACROS.filter((m) => m.kind === 'call').map((m) => m.name)]);

/**
 * sendmail-cf macros that write one class line through diversion 5 and end their expansion with
 * `dnl` (cfhead.m4: `PUSHDIVERT(5)C{w}$1 POPDIVERT`'dnl`'`). Expanded inside another call's
 * arguments, that dnl deletes the rest of the source line, with any ')' still to come on it.
 */
export const CLASS_LINE_MACROS = new Set([
  'EXPOSED_USER', 'EXPOSED_USER_FILE', 'LOCAL_USER', 'LOCAL_USER_FILE',
  'MASQUERADE_DOMAIN', 'MASQUERADE_DOMAIN_FILE', 'MASQUERADE_EXCEPTION', 'MASQUERADE_EXCEPTION_FILE',
  'LOCAL_DOMAIN', 'CANONIFY_DOMAIN', 'CANONIFY_DOMAIN_FILE', 'GENERICS_DOMAIN', 'GENERICS_DOMAIN_FILE',
  'LDAPROUTE_DOMAIN', 'LDAPROUTE_DOMAIN_FILE', 'LDAPROUTE_EQUIVALENT', 'LDAPROUTE_EQUIVALENT_FILE',
  'VIRTUSER_DOMAIN', 'VIRTUSER_DOMAIN_FILE', 'RELAY_DOMAIN', 'RELAY_DOMAIN_FILE', 'TRUST_AUTH_MECH',
]);

/**
 * Calls that break when m4 expands them while collecting another call's arguments
 * (checks/argumentExpansion.ts): MAILER's definitions end up in the argument, a class-line
 * macro's dnl eats the rest of the line. They get their own Error instead of mc.unquoted-branch.
 */
export const breaksInArgument = (name: string): boolean => name === 'MAILER' || CLASS_LINE_MACROS.has(name);

/**
 * Does expanding `name` do more than return text (define something, include a feature or
 * mailer file, divert output)? Macros only the user's file defines are not judged: their
 * effect is unknown.
 */
export const hasSideEffects = (name: string): boolean =>
  EFFECT_BUILTINS.has(name) || (CF_CALLS.has(name) && !TEXT_ONLY_CF.has(name));
