// The configuration a sendmail.mc describes, read from the m4 scan: what is included,
// OSTYPE/DOMAIN/HACK, FEATUREs with arguments, defines, MAILERs in order, LOCAL_* sections.
// Only top-level calls count (what m4 sees outside any argument); values are the arguments
// as m4 collects them (one level of quotes removed), not further expanded.
import { argValue, scanM4 } from '../m4/scanner';
import type { M4Arg, M4Call, M4Parse } from '../m4/types';
import { RAW_SECTIONS, isKnownCallable } from './vocabulary';

export interface McCallItem {
  name: string;
  call: M4Call;
  /** Argument values as m4 collects them. */
  args: string[];
}

export interface McSection { name: string; call: M4Call; /** offset where the section ends */ end: number }

export interface McModel {
  text: string;
  parse: M4Parse;
  /** All top-level calls in order. */
  items: McCallItem[];
  cfInclude?: McCallItem;
  includes: McCallItem[];
  ostypes: McCallItem[];
  domains: McCallItem[];
  hacks: McCallItem[];
  features: McCallItem[];
  mailers: McCallItem[];
  defines: McCallItem[];
  undefines: McCallItem[];
  sections: McSection[];
  /** Names this file defines with define()/pushdef(). */
  definedNames: Set<string>;
}

const CF_INCLUDE = /(?:^|\/)cf\.m4$/;
/** Does this path name sendmail-cf's cf.m4 (which runs changecom(), turning '#' comments off)? */
export const isCfM4 = (file: string): boolean => CF_INCLUDE.test(file.trim());

/** Names a text defines, found before scanning so that calls of them are recognised. */
function namesDefinedIn(text: string): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(/\b(?:define|pushdef)\(\s*`?([A-Za-z_][A-Za-z0-9_]*)/g)) names.add(m[1]);
  return names;
}

export function argText(text: string, a: M4Arg): string { return argValue(text, a); }

export function buildMcModel(text: string): McModel {
  const definedNames = namesDefinedIn(text);
  // Without include(cf.m4) the file is meant to be run as `m4 cf.m4 file.mc`: comments are off then.
  const includesCf = /\bs?include\(\s*[`'"]?[^)\n]*cf\.m4/.test(text);
  const parse = scanM4(text, {
    isMacro: (n) => isKnownCallable(n) || definedNames.has(n),
    commentsAtStart: includesCf,
    includeDisablesComments: isCfM4,
  });
  const m: McModel = {
    text, parse, items: [], includes: [], ostypes: [], domains: [], hacks: [], features: [], mailers: [],
    defines: [], undefines: [], sections: [], definedNames,
  };
  for (const call of parse.calls) {
    if (call.depth !== 0) continue;
    const item: McCallItem = { name: call.name, call, args: call.args.map((a) => argValue(text, a)) };
    m.items.push(item);
    switch (call.name) {
      case 'include': case 'sinclude':
        m.includes.push(item);
        if (item.args[0] && isCfM4(item.args[0])) m.cfInclude ??= item;
        break;
      case 'OSTYPE': m.ostypes.push(item); break;
      case 'DOMAIN': m.domains.push(item); break;
      case 'HACK': m.hacks.push(item); break;
      case 'FEATURE': m.features.push(item); break;
      case 'MAILER': m.mailers.push(item); break;
      case 'define': case 'pushdef': m.defines.push(item); break;
      case 'undefine': m.undefines.push(item); break;
      default:
        if (RAW_SECTIONS.has(call.name)) {
          const prev = m.sections[m.sections.length - 1];
          if (prev && prev.end > call.start) prev.end = call.start;
          m.sections.push({ name: call.name, call, end: text.length });
        } else if (call.name === 'divert') {
          const prev = m.sections[m.sections.length - 1];
          if (prev && prev.end > call.start) prev.end = call.start;
        }
    }
  }
  return m;
}

/** The name a FEATURE/MAILER/OSTYPE... call names (first argument, trimmed). */
export const firstArg = (i: McCallItem): string => (i.args[0] ?? '').trim();
