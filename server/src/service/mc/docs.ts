// Markdown documentation of sendmail.mc names, built from the catalog entries (our own words)
// plus what the installed sendmail-cf tree says about names the catalog lacks.
import { BYTE_SIZE_OPTIONS, builtin, domain, feature, hack, macro, mailerFile, option, ostype } from '../catalog';
import type { McContext } from './context';

const code = (s: string) => '```sendmail-mc\n' + s + '\n```';

function installedOnly(mc: McContext, what: string, name: string): string | undefined {
  const inst = mc.installed;
  if (!inst) return undefined;
  // Say which installed version has it: a name the catalog lacks is usually newer (or local).
  const version = inst.version ? ` for sendmail ${inst.version}` : '';
  const pkg = inst.packageVersion && inst.packageVersion !== inst.version ? ` (package ${inst.packageVersion})` : '';
  return `**${what} \`${name}\`**\n\nProvided by the installed sendmail-cf${version}${pkg} in \`${inst.dir}\`; this extension's catalog has no description of it.`;
}

/**
 * The catalog's cfOption is either a cf line kind ("O MaxMessageSize", "macro $j", "class {w}
 * file (Fw)"), a description ("From: header format") or a note that only m4 uses the name.
 */
function whatItSets(cfOption: string): string {
  if (/^m4 only\b/.test(cfOption)) return 'Used by m4 while it generates the rulesets; sendmail.cf has no option of this name.';
  if (/^(O |macro |class )/.test(cfOption)) return `Sets \`${cfOption}\` in sendmail.cf.`;
  return `Sets the ${cfOption} in sendmail.cf.`;
}

/** Byte-size options: sendmail reads plain digits only, a common mistake is a 10M-style suffix. */
function sizeNote(name: string): string {
  return BYTE_SIZE_OPTIONS.has(name)
    ? '**Value in bytes, digits only:** sendmail reads `10M` as 10 (bytes). Write `10485760` for 10 MiB.'
    : '';
}

export function docFor(kind: 'call' | 'feature' | 'mailer' | 'ostype' | 'domain' | 'hack' | 'define' | 'word', name: string, mc: McContext): string | undefined {
  switch (kind) {
    case 'feature': {
      const f = feature(name);
      if (!f) return mc.installed?.features.has(name) ? installedOnly(mc, 'FEATURE', name) : undefined;
      return [`**FEATURE(\`${f.name}')** — ${f.summary}`, f.doc,
        f.args ? `**Arguments:** ${f.args}` : '', f.deprecated ? `**Deprecated:** ${f.deprecated}` : '',
        f.warning ? `**Note:** ${f.warning}` : '', code(f.example)].filter(Boolean).join('\n\n');
    }
    case 'mailer': {
      const m = mailerFile(name);
      if (!m) {
        const names = mc.installed?.mailers.get(name);
        return names ? `${installedOnly(mc, 'MAILER', name)}\n\nDefines mailers: ${names.map((n) => `\`${n}\``).join(', ')}` : undefined;
      }
      return [`**MAILER(\`${m.file}')** — ${m.summary}`, m.doc, `**Defines mailers:** ${m.defines.map((n) => `\`${n}\``).join(', ')}`,
        m.mustFollow?.length ? `**Must come after:** ${m.mustFollow.map((n) => `MAILER(\`${n}')`).join(', ')}` : '', code(m.example)].filter(Boolean).join('\n\n');
    }
    case 'ostype': case 'domain': case 'hack': {
      const info = kind === 'ostype' ? ostype(name) : kind === 'domain' ? domain(name) : hack(name);
      const label = kind.toUpperCase();
      if (info) return `**${label}(\`${info.name}')** — ${info.summary}`;
      const set = kind === 'ostype' ? mc.installed?.ostypes : kind === 'domain' ? mc.installed?.domains : mc.installed?.hacks;
      return set?.has(name) ? installedOnly(mc, label, name) : undefined;
    }
    case 'define': case 'call': case 'word': {
      const o = option(name);
      if (o) {
        return [`**${o.name}** — ${o.summary}`, `${whatItSets(o.cfOption)}${o.default ? ` Default: \`${o.default}\`.` : ''}`,
          o.doc, sizeNote(o.name), o.deprecated ? `**Deprecated:** ${o.deprecated}` : '', code(o.example)].filter(Boolean).join('\n\n');
      }
      const m = macro(name);
      if (m) return [`**${m.signature}** — ${m.summary}`, m.doc, m.deprecated ? `**Deprecated:** ${m.deprecated}` : '', code(m.example)].filter(Boolean).join('\n\n');
      const b = builtin(name);
      if (b) return [`**${b.signature}** (m4 builtin) — ${b.summary}`, b.doc, code(b.example)].join('\n\n');
      if (name.startsWith('conf') && mc.installedNames.has(name)) return installedOnly(mc, 'option', name);
      if (kind === 'word') {
        const f = feature(name) ?? undefined;
        if (f) return docFor('feature', name, mc);
      }
      return undefined;
    }
  }
}
