// Adds the "Test route" CodeLenses to the mailertable support, keeping its own lenses.
// Every other hook is forwarded to the original object (bound, so stateful supports keep `this`).
import type { LanguageSupport } from '../types';
import { mailertableRouteLenses } from './codeLens';

export function withRouteLenses(base: LanguageSupport): LanguageSupport {
  return new Proxy(base, {
    get(target, prop, receiver) {
      if (prop === 'codeLenses') {
        return (ctx: Parameters<NonNullable<LanguageSupport['codeLenses']>>[0]) => [...(target.codeLenses?.call(target, ctx) ?? []), ...mailertableRouteLenses(ctx)];
      }
      const v = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}
