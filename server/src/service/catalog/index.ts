// Lookups over the built-in catalog (data files beside this one) merged with what an
// installed sendmail-cf tree really has (installed.ts).
import { FEATURES } from './features';
import { MAILERS } from './mailers';
import { OPTIONS } from './options';
import { MACROS } from './macros';
import { BUILTINS } from './builtins';
import { OSTYPES, DOMAINS, HACKS } from './ostypes';
import type { BuiltinInfo, FeatureInfo, MacroInfo, MailerInfo, OptionInfo } from './types';

export type { BuiltinInfo, FeatureInfo, MacroInfo, MailerInfo, OptionInfo, NamedInfo } from './types';
export { FEATURES, MAILERS, OPTIONS, MACROS, BUILTINS, OSTYPES, DOMAINS, HACKS };
export { nearest, editDistance } from './nearest';
export { findCfDirectory, installedCfTree, isCfDirectory, mailerNamesIn, CF_DIR_CANDIDATES, type InstalledCf } from './installed';

function index<T>(items: T[], key: (t: T) => string): Map<string, T> {
  return new Map(items.map((i) => [key(i), i]));
}
const featureByName = index(FEATURES, (f) => f.name);
const mailerByFile = index(MAILERS, (m) => m.file);
const optionByName = index(OPTIONS, (o) => o.name);
const macroByName = index(MACROS, (m) => m.name);
const builtinByName = index(BUILTINS, (b) => b.name);

export const feature = (name: string): FeatureInfo | undefined => featureByName.get(name);
export const mailerFile = (file: string): MailerInfo | undefined => mailerByFile.get(file);
export const option = (name: string): OptionInfo | undefined => optionByName.get(name);
export const macro = (name: string): MacroInfo | undefined => macroByName.get(name);
export const builtin = (name: string): BuiltinInfo | undefined => builtinByName.get(name);

/** conf* options whose value is a number of bytes (hover and value checks mention suffixes). */
export const BYTE_SIZE_OPTIONS: ReadonlySet<string> = new Set(OPTIONS.filter((o) => o.sizeInBytes).map((o) => o.name));

/** The MAILER() file that defines mailer `name` (e.g. esmtp -> smtp). */
export function mailerFileDefining(name: string): MailerInfo | undefined {
  return MAILERS.find((m) => m.defines.includes(name));
}

/** Mailers sendmail always has, whatever MAILER() lines say. */
export const BUILTIN_MAILERS = ['local', 'prog', 'error', '*file*', '*include*'];

export const ostype = (name: string) => OSTYPES.find((o) => o.name === name);
export const domain = (name: string) => DOMAINS.find((d) => d.name === name);
export const hack = (name: string) => HACKS.find((h) => h.name === name);
