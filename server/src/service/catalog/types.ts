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
}

export interface MailerInfo {
  file: string;            // as in MAILER(`file')
  /** Mailer names this file defines (usable in mailertable, SMART_HOST mailer:host, ...). */
  defines: string[];
  summary: string;
  doc: string;
  example: string;
}

export interface OptionInfo {
  name: string;            // confFOO as used in define(`confFOO', ...)
  cfOption: string;        // what it sets in sendmail.cf, e.g. "O MaxDaemonChildren" or "macro $j"
  default?: string;        // default value as documented (undefined: no default / unset)
  summary: string;
  doc: string;
  example: string;
  /** Kind of value, used for light value checks: number, boolean, time (e.g. 5m), string, path. */
  valueType?: 'number' | 'boolean' | 'time' | 'string' | 'path' | 'list';
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
}

export interface BuiltinInfo {
  name: string;            // m4 builtin: define, dnl, include, divert, ...
  signature: string;
  summary: string;
  doc: string;
  example: string;
}
