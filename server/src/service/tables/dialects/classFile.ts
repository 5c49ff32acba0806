// Class files read by F lines (local-host-names -> class w, relay-domains -> class R,
// trusted-users -> class t): each word on a line is one member; '#' lines are comments
// (Debian's config also strips '# text' at the end of a line with the %[^#] format).
import type { Dialect } from '../dialect';
import { foldLower } from '../dialect';
import { issue, WARNING } from '../issues';
import { isHostName } from '../hosts';
import { clip } from '../../clip';

export const classFile: Dialect = {
  name: 'class file',
  syntax: 'class',
  foldKey: foldLower,
  caseHintFrom: () => -1,
  checkEntry(e, _env, out) {
    const w = e.key;
    if (w.includes('@')) out.push(issue('class.address', WARNING, e.keyStart, e.keyEnd, `Class files hold host names (or user names for trusted-users); \`${clip(w)}\` is an address and never matches a host.`));
    else if (/[^\x21-\x7e]/.test(w)) out.push(issue('class.bad-word', WARNING, e.keyStart, e.keyEnd, `\`${clip(w)}\` contains unusual characters; it will not match any host name.`));
    else if (w.includes('.') && !isHostName(w.replace(/^\[|\]$/g, '').replace(/^IPv6:/i, 'x'))) out.push(issue('class.bad-word', WARNING, e.keyStart, e.keyEnd, `\`${clip(w)}\` is not a valid host name.`));
  },
  hover: (e, ch) => (ch <= e.keyEnd ? `\`${e.key}\` is a member of the class this file fills (e.g. class w: mail for user@${e.key} is delivered locally).` : undefined),
  complete: () => [],
  duplicate: { severity: 3, says: 'listing it twice is harmless but the second line has no effect' },
};
