// Check families run one by one, each guarded: a family that throws (a bug on some input)
// loses only its own findings. The error goes to the document context's `fail` hook, which
// the service logs (with the stack) and lists in LanguageService.failures(uri), so the CLI
// can tell a clean file from a file whose checks broke.
import type { DocContext } from './types';

/**
 * Test hook: a family whose name is in this set throws when it runs, as if it had a bug.
 * Lets tests show that the other families still report and that callers learn of the failure.
 */
export const FAIL_FOR_TESTS = new Set<string>();

/** Runs family `family`; on an exception reports it through `ctx.fail` and returns `fallback`. */
export function runCheck<T>(ctx: Pick<DocContext, 'fail'>, family: string, fallback: T, f: () => T): T {
  try {
    if (FAIL_FOR_TESTS.size && FAIL_FOR_TESTS.has(family)) throw new Error(`injected failure of ${family} (test hook)`);
    return f();
  } catch (e) {
    ctx.fail?.(family, e);
    return fallback;
  }
}
