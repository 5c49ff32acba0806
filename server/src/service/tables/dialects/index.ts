// Which dialect serves which map language.
import type { LanguageId } from '../../types';
import type { Dialect } from '../dialect';
import { mailertable } from './mailertable';
import { access } from './access';
import { authinfo } from './authinfo';
import { virtusertable, genericstable, domaintable } from './addressMaps';
import { aliases } from './aliases';
import { classFile } from './classFile';

const BY_LANGUAGE: Partial<Record<LanguageId, Dialect>> = {
  'sendmail-mailertable': mailertable,
  'sendmail-access': access,
  'sendmail-virtusertable': virtusertable,
  'sendmail-genericstable': genericstable,
  'sendmail-domaintable': domaintable,
  'sendmail-authinfo': authinfo,
  'sendmail-aliases': aliases,
  'sendmail-class': classFile,
};

export function dialectFor(languageId: LanguageId): Dialect {
  return BY_LANGUAGE[languageId] ?? classFile;
}
