// How sendmail.mc names a map: FEATURE(`mailertable', `btree -o /etc/mail/mailertable') is a
// cf K-line spec, "class [flags] file". One reader for everything that needs it: the
// stale-database check, the route model and the Rebuild commands (what makemap builds).

export interface MapSpec {
  /** The map class in lower case (hash, btree, cdb, ldap, ...): the spec's first word, else the default type. */
  type: string;
  /** The file the spec names, as written (it may end in .db); undefined when it names no path. */
  file: string | undefined;
  /** makemap flags that change what it stores: -N (keys end in NUL), -f (keys keep their case). */
  keyFlags: string[];
}

/** Classes makemap builds into local files (makemap -l; dbm where the build has it). */
export const LOCAL_DB_TYPES: readonly string[] = ['hash', 'btree', 'cdb', 'dbm', 'implicit'];

/**
 * Reads a map spec. Without a class word (`-o /etc/mail/x`, or no argument at all) the class is
 * `defaultType` (DATABASE_MAP_TYPE). Only a word with a '/' is taken as the file: flags such as
 * ldap's -k take a separate value, and a bare word would be opened relative to sendmail's
 * working directory, which is never what a FEATURE line means.
 */
export function parseMapSpec(spec: string | undefined, defaultType = 'hash'): MapSpec {
  const words = (spec ?? '').trim().split(/\s+/).filter(Boolean);
  if (words.length === 1 && words[0] === 'LDAP') return { type: 'ldap', file: undefined, keyFlags: [] }; // FEATURE(`x', `LDAP')
  const typed = words.length > 0 && !words[0].startsWith('-') && !words[0].includes('/');
  const rest = typed ? words.slice(1) : words;
  return {
    type: (typed ? words[0] : defaultType).toLowerCase(),
    file: rest.filter((w) => !w.startsWith('-') && w.includes('/')).pop(),
    keyFlags: words.filter((w) => w === '-N' || w === '-f'),
  };
}

/** A map file name without the database extension makemap adds (/etc/mail/access.db -> /etc/mail/access). */
export const withoutDbExtension = (file: string): string => file.replace(/\.(db|cdb|pag|dir)$/, '');

/** The database file sendmail opens for `source`: .cdb for cdb, .pag for dbm, else .db. */
export function databaseFor(type: string, source: string): string {
  const ext = type === 'cdb' ? '.cdb' : type === 'dbm' ? '.pag' : '.db';
  return source.endsWith(ext) ? source : source + ext;
}
