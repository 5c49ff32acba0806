// Completion: feature names in FEATURE(`, mailer files in MAILER(`, option names in
// define(`, OSTYPE names in OSTYPE(`, the words of list options (confPRIVACY_FLAGS, ...) in
// their value, and whole quoted macro lines at the start of a line.
import { CompletionItemKind, CompletionItemTag, InsertTextFormat, type CompletionItem, type Position } from 'vscode-languageserver-types';
import { FEATURES, MACROS, MAILERS, OPTIONS, OSTYPES } from '../catalog';
import type { McContext } from './context';
import { WORD_OPTIONS } from '../catalog/optionWords';

const md = (value: string) => ({ kind: 'markdown' as const, value });

/** A feature snippet with its map argument when it reads a map (FEATURE(`mailertable', `hash -o ...')dnl). */
function featureArgs(name: string): string {
  const f = FEATURES.find((x) => x.name === name);
  return f?.map ? `', \`\${1:${f.map.defaultSpec.replace(/^(\w+) /, '$1 -o ')}.db}')dnl` : "')dnl";
}

/** Deprecated names stay available (old configs use them) but struck through and listed last. */
function markDeprecated(item: CompletionItem, replacedBy?: string): void {
  item.tags = [CompletionItemTag.Deprecated];
  item.sortText = `zzz${item.label}`; // after every name, by plain or locale order
  item.detail = `deprecated${replacedBy ? `, use ${replacedBy}` : ''}${item.detail ? `: ${item.detail}` : ''}`;
}

/** The smtp mailer file, whose mailers the MAILER snippet's default inserts. */
const SMTP_MAILERS = MAILERS.find((m) => m.file === 'smtp')?.defines.join(', ') ?? 'smtp';

function names(kind: string, mc: McContext): CompletionItem[] {
  const items = new Map<string, CompletionItem>();
  const add = (label: string, k: CompletionItemKind, detail?: string, doc?: string) => {
    if (!items.has(label)) items.set(label, { label, kind: k, detail, documentation: doc ? md(doc) : undefined });
  };
  if (kind === 'FEATURE') {
    for (const f of FEATURES) add(f.name, CompletionItemKind.Module, f.summary, f.doc);
    for (const n of mc.installed?.features ?? []) add(n, CompletionItemKind.Module, 'installed sendmail-cf feature');
    for (const it of items.values()) {
      const f = FEATURES.find((x) => x.name === it.label);
      if (f?.deprecated) markDeprecated(it, f.replacedBy);
    }
  } else if (kind === 'MAILER') {
    for (const m of MAILERS) add(m.file, CompletionItemKind.Class, `defines ${m.defines.join(', ')}: ${m.summary}`, m.doc);
    for (const n of mc.installed?.mailers.keys() ?? []) add(n, CompletionItemKind.Class, 'installed sendmail-cf mailer');
  } else if (kind === 'OSTYPE') {
    for (const o of OSTYPES) add(o.name, CompletionItemKind.EnumMember, o.summary);
    for (const n of mc.installed?.ostypes ?? []) add(n, CompletionItemKind.EnumMember, 'installed sendmail-cf ostype');
  } else if (kind === 'define') {
    for (const o of OPTIONS) add(o.name, CompletionItemKind.Property, `${o.cfOption}${o.default ? ` (default ${o.default})` : ''}`, o.doc);
    for (const m of MACROS.filter((x) => x.kind === 'define')) add(m.name, CompletionItemKind.Constant, m.summary, m.doc);
    for (const n of mc.installedNames) if (n.startsWith('conf')) add(n, CompletionItemKind.Property, 'installed sendmail-cf option');
  }
  return [...items.values()];
}

function lineSnippets(): CompletionItem[] {
  const out: CompletionItem[] = [
    { label: 'FEATURE', kind: CompletionItemKind.Snippet, insertTextFormat: InsertTextFormat.Snippet, insertText: "FEATURE(`${1:name}')dnl", detail: "FEATURE(`name')dnl" },
    { label: 'MAILER', kind: CompletionItemKind.Snippet, insertTextFormat: InsertTextFormat.Snippet, insertText: "MAILER(`${1:smtp}')dnl", detail: `MAILER(\`smtp')dnl: defines the mailers ${SMTP_MAILERS}` },
    { label: 'define', kind: CompletionItemKind.Snippet, insertTextFormat: InsertTextFormat.Snippet, insertText: "define(`${1:confNAME}', `${2:value}')dnl", detail: "define(`name', `value')dnl" },
    { label: 'OSTYPE', kind: CompletionItemKind.Snippet, insertTextFormat: InsertTextFormat.Snippet, insertText: "OSTYPE(`${1:linux}')dnl", detail: "OSTYPE(`system')dnl" },
  ];
  for (const m of MACROS) {
    if (out.some((o) => o.label === m.name)) continue;
    // Section starters (LOCAL_CONFIG, MAILER_DEFINITIONS...) take no arguments: raw lines follow.
    const insertText = m.kind === 'define' ? `define(\`${m.name}', \`\${1}')dnl`
      : m.signature.includes('(') ? `${m.name}(\`\${1}')dnl` : `${m.name}\n$0`;
    out.push({ label: m.name, kind: CompletionItemKind.Snippet, insertTextFormat: InsertTextFormat.Snippet, insertText, detail: m.signature, documentation: md(m.doc) });
  }
  for (const f of FEATURES) {
    const item: CompletionItem = { label: `FEATURE(\`${f.name}')`, filterText: `FEATURE ${f.name}`, kind: CompletionItemKind.Snippet, insertTextFormat: InsertTextFormat.Snippet,
      insertText: `FEATURE(\`${f.name}${featureArgs(f.name)}`, detail: f.summary, documentation: md(f.doc) };
    if (f.deprecated) markDeprecated(item, f.replacedBy);
    out.push(item);
  }
  return out;
}

export function mcComplete(mc: McContext, pos: Position): CompletionItem[] {
  const text = mc.model.text;
  const offset = mc.doc.offsetAt(pos);
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const m = /\b(FEATURE|MAILER|OSTYPE|define|undefine)\(\s*`?([A-Za-z0-9_.-]*)$/.exec(before);
  if (m) {
    const kind = m[1] === 'undefine' ? 'define' : m[1];
    const quoted = /\(\s*`/.test(before.slice(m.index));
    const items = names(kind, mc);
    // Without the opening quote yet, insert a fully quoted name.
    if (!quoted) for (const it of items) it.insertText = `\`${it.label}'`;
    return items;
  }
  // Inside the value of a list option: its words (define(`confPRIVACY_FLAGS', `authwarnings,no|).
  const list = /\bdefine\(\s*`?(conf[A-Z_]+)'?\s*,\s*`*([^`')]*)$/.exec(before);
  const opt = list ? WORD_OPTIONS[list[1]] : undefined;
  if (opt) {
    const used = new Set(list![2].split(/[\s,]+/).map((x) => x.toLowerCase()));
    return opt.words.filter((w) => !used.has(w.toLowerCase())).map((w) => ({
      label: w, kind: CompletionItemKind.EnumMember, detail: opt.cfOption, documentation: md(opt.docs?.[w.toLowerCase()] ?? opt.general),
    }));
  }
  if (/^\s*[A-Za-z_]*$/.test(before)) return lineSnippets();
  return [];
}
