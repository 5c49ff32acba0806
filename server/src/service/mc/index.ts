// sendmail.mc language support (m4-aware). Placeholder until the mc analysis lands.
import type { LanguageSupport } from '../types';

export function mcSupport(): LanguageSupport {
  return { diagnose: () => [] };
}
