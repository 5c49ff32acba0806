// Shapes of the catalog: sendmail's vocabulary as data, each entry with our own docs.
// `doc` is markdown written by us (concise, what it does and why you would use it);
// `example` is a line of sendmail.mc (or a map file) shown in a code block.

export interface FeatureInfo {
  name: string;            // as in FEATURE(`name')
  summary: string;         // one line
  doc: string;             // markdown paragraph(s)
  args?: string;           // what the arguments mean, e.g. "`[map definition]` — default `hash /etc/mail/mailertable`"
  example: string;
  /** FEATURE(`x') that was renamed: use this one instead. */
  replacedBy?: string;
  /** Map file this feature reads (mailertable, access, virtusertable, ...) and its default map spec. */
  map?: { file: string; defaultSpec: string };
  /** Deprecated or removed: what cf.m4 prints and what to do instead. */
  deprecated?: string;
  /** Other FEATUREs this one needs earlier in the file (cf.m4 prints an error otherwise). */
  requires?: string[];
  /** MAILER() files this feature must come before (its own .m4 checks for it). */
  mustPrecedeMailers?: string[];
  /** The feature's .m4 prints an error when called without a first argument. */
  requiresArg?: boolean;
  /** Warning cf.m4 always prints for this feature (open-relay risks and the like). */
  warning?: string;
  /**
   * FEATURE() after any MAILER() makes cf.m4 print "*** ERROR: FEATURE() should be before
   * MAILER()" (m4/cfhead.m4). True for every feature; kept per entry so callers need not know.
   */
  beforeMailer: boolean;
}

export interface MailerInfo {
  file: string;            // as in MAILER(`file')
  /** Mailer names this file defines (usable in mailertable, SMART_HOST mailer:host, ...). */
  defines: string[];
  summary: string;
  doc: string;
  example: string;
  /** MAILER() files that must already be included (uucp's uucp-dom needs smtp first). */
  mustFollow?: string[];
  /** m4 names that must be define'd before this MAILER() (ssh needs SSH_MAILER_USER...). */
  requiresDefines?: string[];
}

/**
 * How sendmail reads an option's value: a boolean from the first letter (t or y: true), a number
 * with atoi (digits only), a duration with units (5m, 1h30m), a size in bytes (digits only), one
 * of a few words (enum), a list of words, a list of OpenSSL option names (ssl-options), a file
 * path, an octal file mode, or free text.
 */
export type OptionType = 'boolean' | 'number' | 'duration' | 'size' | 'enum' | 'words' | 'ssl-options' | 'path' | 'octal' | 'text';

export interface OptionInfo {
  name: string;            // confFOO as used in define(`confFOO', ...)
  cfOption: string;        // what it sets in sendmail.cf, e.g. "O MaxDaemonChildren" or "macro $j"
  default?: string;        // default value as documented (undefined: no default / unset)
  summary: string;
  doc: string;
  example: string;
  /** Kind of value, used for light value checks: number, boolean, time (e.g. 5m), string, path. */
  valueType?: 'number' | 'boolean' | 'time' | 'string' | 'path' | 'list';
  /** How sendmail reads the value (see OptionType); mc/checks/optionValues.ts checks it. */
  type: OptionType;
  /** For an 'enum': the words cf.README documents (sendmail may read only part of each, see optionValues.ts). */
  values?: string[];
  /**
   * A 'number' that counts bytes. sendmail reads numbers with atol(): digits only, no k/M/G
   * suffix (time options are different: 5m, 1h are fine there).
   */
  sizeInBytes?: boolean;
  deprecated?: string;     // explanation when the option is obsolete
}

export interface MacroInfo {
  name: string;            // top-level macro like OSTYPE, SMART_HOST (define'd names too, e.g. SMART_HOST is used with define)
  kind: 'call' | 'define'; // OSTYPE(`x') vs define(`SMART_HOST', `x')
  signature: string;       // e.g. "OSTYPE(`system')"
  summary: string;
  doc: string;
  example: string;
  /** The value names a host that sendmail will MX-look-up unless in [brackets]. */
  takesHost?: boolean;
  /** Kept for old configs; say what replaces it. */
  deprecated?: string;
}

export interface BuiltinInfo {
  name: string;            // m4 builtin: define, dnl, include, divert, ...
  signature: string;
  summary: string;
  doc: string;
  example: string;
}

/** An OSTYPE or DOMAIN file name with a one-line description. */
export interface NamedInfo {
  name: string;
  summary: string;
}
