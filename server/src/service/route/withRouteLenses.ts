// Adds the "Test route" CodeLenses to a map's support (mailertable, virtusertable), keeping its own lenses.
// Every other hook is forwarded to the original object (bound, so stateful supports keep `this`).
import type { LanguageSupport } from '../types';
import type { CodeLens } from 'vscode-languageserver-types';
import type { DocContext } from '../types';

export function withRouteLenses(base: LanguageSupport, lenses: (ctx: DocContext) => CodeLens[]): LanguageSupport {
  return new Proxy(base, {
    get(target, prop, receiver) {
      if (prop === 'codeLenses') {
        return (ctx: Parameters<NonNullable<LanguageSupport['codeLenses']>>[0]) => [...(target.codeLenses?.call(target, ctx) ?? []), ...lenses(ctx)];
      }
      const v = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}
