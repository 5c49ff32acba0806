// Which module serves which language. Add a new file type here (and in package.json).
import type { LanguageId, LanguageSupport } from './types';
import { mcSupport } from './mc';
import { cfSupport } from './cf';
import { tableSupport } from './tables';
import { maillogSupport } from './maillog';
import { withRouteLenses } from './route/withRouteLenses';
import { mailertableRouteLenses, virtusertableRouteLenses } from './route/codeLens';

const supports = new Map<LanguageId, LanguageSupport>();

export function supportFor(languageId: LanguageId): LanguageSupport {
  let s = supports.get(languageId);
  if (!s) {
    s = languageId === 'sendmail-mc' ? mcSupport()
      : languageId === 'sendmail-cf' ? cfSupport()
      : languageId === 'sendmail-mailertable' ? withRouteLenses(tableSupport(languageId), mailertableRouteLenses)
      : languageId === 'sendmail-virtusertable' ? withRouteLenses(tableSupport(languageId), virtusertableRouteLenses)
      : languageId === 'sendmail-maillog' ? maillogSupport()
      : tableSupport(languageId);
    supports.set(languageId, s);
  }
  return s;
}
