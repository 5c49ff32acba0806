// Options whose value is a list of words sendmail knows by name. sendmail compares them
// without regard to case, skips a word it does not know and says so only in its start-up
// message (as 8.17 prints it: "readcf: Op line: goway unrecognized"). Lists from the
// Installation and Operation Guide (PrivacyOptions, DontBlameSendmail), each word checked
// against sendmail 8.17 in test/unit/mc/realSendmailOptionWords.test.ts.

export interface WordOption {
  /** The sendmail.cf option the m4 name sets. */
  cfOption: string;
  words: readonly string[];
  /** What sendmail prints for a word it does not know. */
  complaint: (word: string) => string;
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
  },
};
