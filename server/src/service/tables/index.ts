// Map source files (mailertable, access, ...). Placeholder until the table analysis lands.
import type { LanguageId, LanguageSupport } from '../types';

export function tableSupport(_languageId: LanguageId): LanguageSupport {
  return { diagnose: () => [] };
}
