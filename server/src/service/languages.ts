// Which sendmail language a file is, from its name (and for *.mc, its content).
// Used by the CLI and by the server when a client sends a languageId we do not know
// (e.g. a plain "m4" or "plaintext" from Neovim).
import { LANGUAGE_IDS, type LanguageId } from './types';
import { looksLikeMailLog } from './maillog/parse';

const BY_NAME: Record<string, LanguageId> = {
  'sendmail.mc': 'sendmail-mc',
  'submit.mc': 'sendmail-mc',
  'sendmail.cf': 'sendmail-cf',
  'submit.cf': 'sendmail-cf',
  mailertable: 'sendmail-mailertable',
  access: 'sendmail-access',
  virtusertable: 'sendmail-virtusertable',
  genericstable: 'sendmail-genericstable',
  domaintable: 'sendmail-domaintable',
  authinfo: 'sendmail-authinfo',
  'default-auth-info': 'sendmail-authinfo',
  aliases: 'sendmail-aliases',
  'local-host-names': 'sendmail-class',
  'relay-domains': 'sendmail-class',
  'trusted-users': 'sendmail-class',
  'sendmail.cw': 'sendmail-class',
  'sendmail.ct': 'sendmail-class',
};

/** Looks like m4 input for sendmail-cf (used to accept *.mc files of other names). */
export function looksLikeSendmailMc(text: string): boolean {
  const head = text.slice(0, 20000);
  return /(^|\n)\s*(divert\(-1\)|include\([`'"]?[^)\n]*cf\.m4|OSTYPE\(|FEATURE\(|MAILER\(|VERSIONID\()/.test(head);
}

/** Language of a file from its base name; `.mc` files only when the content looks like sendmail m4. */
export function languageFromPath(path: string, text?: string): LanguageId | undefined {
  const base = path.split(/[\\/]/).pop() ?? path;
  const exact = BY_NAME[base];
  if (exact) return exact;
  const stripped = base.replace(/\.(sample|txt|in|orig|dist)$/, '');
  if (BY_NAME[stripped] && stripped !== base) return BY_NAME[stripped];
  // Config repositories often keep several maps side by side: example-mailertable,
  // 001-virtusertable, mailertable.sample. Accept a map name joined by - _ or . to a prefix/suffix.
  const joined = /^(?:.+[-_.])?(mailertable|access|virtusertable|genericstable|domaintable|authinfo|local-host-names|relay-domains|trusted-users)(?:\.(?:sample|example|in|orig|dist|txt))?$/.exec(base);
  if (joined) return BY_NAME[joined[1]];
  if (/\.mc$/.test(base)) return text === undefined || looksLikeSendmailMc(text) ? 'sendmail-mc' : undefined;
  if (/\.cf$/.test(base) && text !== undefined && /^(#.*\n)*\s*V\d+\//m.test(text.slice(0, 20000))) return 'sendmail-cf';
  // Mail logs: mail.log, maillog, mail.info/warn/err and their rotations (.1, .2; not .gz: an editor cannot show those),
  // or any other name whose first lines were written by sendmail.
  if (/^(?:mail\.(?:log|info|warn|err)|maillog)(?:\.\d+)?$/.test(base)) return 'sendmail-maillog';
  if (text !== undefined && looksLikeMailLog(text)) return 'sendmail-maillog';
  return undefined;
}

export function isLanguageId(id: string): id is LanguageId {
  return (LANGUAGE_IDS as readonly string[]).includes(id);
}

/** Table (map source) languages: line-oriented "key value" files that makemap builds. */
export const MAP_LANGUAGES: readonly LanguageId[] = [
  'sendmail-mailertable', 'sendmail-access', 'sendmail-virtusertable', 'sendmail-genericstable',
  'sendmail-domaintable', 'sendmail-authinfo',
];
