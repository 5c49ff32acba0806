// Document outline: OSTYPE/DOMAIN, FEATUREs, defines, MAILERs and LOCAL_* sections in order
// (calls inside ifdef/ifelse branches too, marked as conditional).
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import { range, type McContext } from './context';
import { firstArg } from './model';

const KIND: Record<string, SymbolKind> = {
  OSTYPE: SymbolKind.Namespace, DOMAIN: SymbolKind.Namespace, HACK: SymbolKind.Namespace, include: SymbolKind.File,
  FEATURE: SymbolKind.Module, MAILER: SymbolKind.Class, define: SymbolKind.Constant, MASQUERADE_AS: SymbolKind.Property,
  DAEMON_OPTIONS: SymbolKind.Event, CLIENT_OPTIONS: SymbolKind.Event, INPUT_MAIL_FILTER: SymbolKind.Interface,
};

export function mcSymbols(mc: McContext): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  for (const item of mc.model.items) {
    const kind = KIND[item.name];
    if (kind === undefined) continue;
    const end = item.call.close !== undefined ? item.call.close + 1 : item.call.nameEnd;
    const name = item.name === 'define' ? firstArg(item) || 'define' : `${item.name}(${firstArg(item)})`;
    // A call in an ifdef/ifelse branch says so: it only runs when the branch is taken.
    const cond = item.branch && item.when !== 'taken' ? `in ${item.branch.owner.name} branch${item.when === 'never' ? ', never taken' : ''}` : undefined;
    const value = item.name === 'define' ? (item.args[1] ?? '').trim().slice(0, 80) : undefined;
    out.push({ name, detail: [value, cond && `(${cond})`].filter(Boolean).join(' ') || undefined, kind,
      range: range(mc.doc, item.call.start, end), selectionRange: range(mc.doc, item.call.start, item.call.nameEnd) });
  }
  for (const s of mc.model.sections) {
    const end = Math.max(s.end, s.call.nameEnd);
    out.push({ name: s.name, kind: SymbolKind.Struct, range: range(mc.doc, s.call.start, end), selectionRange: range(mc.doc, s.call.start, s.call.nameEnd) });
  }
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
