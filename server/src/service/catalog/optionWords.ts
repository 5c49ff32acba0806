// Options whose value is a list of words sendmail knows by name. sendmail compares them
// without regard to case; a word it does not know makes 8.17 print "readcf: Op line: goway
// unrecognized" and exit 70, daemon included (test/unit/claims). Lists from the
// Installation and Operation Guide (PrivacyOptions, DontBlameSendmail), each word checked
// against sendmail 8.17 in test/unit/mc/realSendmailOptionWords.test.ts.

export interface WordOption {
  /** The sendmail.cf option the m4 name sets. */
  cfOption: string;
  words: readonly string[];
  /** What sendmail prints for a word it does not know. */
  complaint: (word: string) => string;
  /** Our one-line description of some words (lower-case keys), for hover. */
  docs?: Record<string, string>;
  /** Said of any word without its own description. */
  general: string;
}

export const WORD_OPTIONS: Record<string, WordOption> = {
  confPRIVACY_FLAGS: {
    cfOption: 'PrivacyOptions',
    words: [
      'public', 'needmailhelo', 'needexpnhelo', 'noexpn', 'needvrfyhelo', 'novrfy', 'noetrn', 'noverb',
      'restrictmailq', 'restrictqrun', 'restrictexpand', 'noreceipts', 'nobodyreturn', 'goaway',
      'authwarnings', 'noactualrecipient',
    ],
    complaint: (w) => `readcf: Op line: ${w} unrecognized`,
    general: 'A PrivacyOptions flag: restricts what SMTP clients and local users may ask.',
    docs: {
      public: 'No restrictions (the default); listing other flags replaces it.',
      needmailhelo: 'Clients must say HELO/EHLO before MAIL.',
      needexpnhelo: 'Clients must say HELO/EHLO before EXPN.',
      noexpn: 'Refuses EXPN (no expanding of aliases and lists for clients); implies noverb.',
      needvrfyhelo: 'Clients must say HELO/EHLO before VRFY.',
      novrfy: 'Refuses VRFY, so clients cannot probe which addresses exist.',
      noetrn: 'Refuses ETRN (clients cannot ask for a queue run).',
      noverb: 'Refuses VERB (no verbose delivery reports to the client).',
      restrictmailq: 'Only the queue directory\'s group may list the queue (mailq).',
      restrictqrun: 'Only root and the queue owner may start queue runs (-q).',
      restrictexpand: 'Users other than root and TrustedUser get no alias/.forward details from -bv and -v.',
      noreceipts: 'Sends no success DSNs (delivery receipts).',
      nobodyreturn: 'Never returns the message body in DSNs.',
      goaway: 'Shorthand for almost everything: needmailhelo, needexpnhelo, needvrfyhelo, noexpn, novrfy, noverb, authwarnings, noactualrecipient (not the restrict*, noetrn, noreceipts, nobodyreturn ones).',
      authwarnings: 'Adds X-Authentication-Warning: headers and logs when a sender looks forged.',
      noactualrecipient: 'Leaves X-Actual-Recipient out of DSNs (it would reveal the account an address maps to).',
    },
  },
  confDONT_BLAME_SENDMAIL: {
    cfOption: 'DontBlameSendmail',
    words: [
      'Safe', 'AssumeSafeChown', 'ClassFileInUnsafeDirPath', 'DontWarnForwardFileInUnsafeDirPath',
      'ErrorHeaderInUnsafeDirPath', 'FileDeliveryToHardLink', 'FileDeliveryToSymLink',
      'ForwardFileInGroupWritableDirPath', 'ForwardFileInUnsafeDirPath', 'ForwardFileInUnsafeDirPathSafe',
      'GroupReadableKeyFile', 'GroupReadableSASLDBFile', 'GroupReadableDefaultAuthInfoFile',
      'GroupWritableAliasFile', 'GroupWritableDirPathSafe', 'GroupWritableForwardFile',
      'GroupWritableForwardFileSafe', 'GroupWritableIncludeFile', 'GroupWritableIncludeFileSafe',
      'GroupWritableSASLDBFile', 'HelpFileInUnsafeDirPath', 'IncludeFileInGroupWritableDirPath',
      'IncludeFileInUnsafeDirPath', 'IncludeFileInUnsafeDirPathSafe', 'InsufficientEntropy',
      'LinkedAliasFileInWritableDir', 'LinkedClassFileInWritableDir', 'LinkedForwardFileInWritableDir',
      'LinkedIncludeFileInWritableDir', 'LinkedMapInWritableDir', 'LinkedServiceSwitchFileInWritableDir',
      'MapInUnsafeDirPath', 'NonRootSafeAddr', 'RunProgramInUnsafeDirPath', 'RunWritableProgram',
      'TrustStickyBit', 'WorldWritableAliasFile', 'WorldWritableForwardfile', 'WorldWritableIncludefile',
      'WriteMapToHardLink', 'WriteMapToSymLink', 'WriteStatsToHardLink', 'WriteStatsToSymLink',
    ],
    complaint: (w) => `readcf: DontBlameSendmail option: ${w} unrecognized`,
    general: 'A DontBlameSendmail flag: relaxes one of sendmail\'s file-safety checks (ownership, permissions, links). Each one weakens security; use the narrowest that fixes the refusal sendmail logs.',
    docs: {
      safe: 'All safety checks on (the default).',
      groupreadablekeyfile: 'Accepts a TLS private key that its group may read (e.g. a key shared with other daemons through a group).',
      mapinunsafedirpath: 'Reads maps from directories that others may write to.',
      classfileinunsafedirpath: 'Reads class files (F lines, e.g. local-host-names) from directories others may write to.',
      truststickybit: 'Treats a sticky world-writable directory such as /tmp as safe.',
      forwardfileinunsafedirpath: 'Reads users\' .forward files in directories others may write to.',
      groupwritablealiasfile: 'Accepts an aliases file its group may write.',
    },
  },
};
