// Result shapes of the m4 scanner. Offsets are character offsets into the scanned text.

/** Current quote delimiters; null when quoting is disabled by changequote(). */
export interface QuoteChars { open: string; close: string }
/** Current comment delimiters; null when comments are disabled by changecom(). */
export interface CommentChars { open: string; close: string }

export type M4TokenKind =
  | 'comment'      // #... up to and including the newline (copied to output, no expansion)
  | 'dnl'          // dnl and everything it discards, up to and including the newline
  | 'string'       // a quoted string, delimiters included
  | 'name'         // a word that is not called (no '(' right after it, or not a macro)
  | 'macro'        // the name of a macro call
  | 'strayClose'   // a close quote outside any string (m4 copies it literally)
  | 'typographic'; // ‘ ’ ´ “ ” outside any string (m4 copies it literally)

export interface M4Token { kind: M4TokenKind; start: number; end: number; closed?: boolean }

export interface M4Arg {
  /** Raw range of the argument, without the separating ',' / ')'. */
  start: number;
  end: number;
  /** Quote chars in effect when the argument was read (to unquote it later). */
  quotes: QuoteChars | null;
  /** Comment delimiters in effect when the argument was read (to rescan a quoted branch in the same state). */
  comment: CommentChars | null;
  /** Positions of close quotes and typographic quotes found unquoted in this argument. */
  strays: number[];
  typographic: number[];
}

export interface M4Call {
  name: string;
  start: number;        // start of the name
  nameEnd: number;
  open: number;         // position of '('
  /** Position of the closing ')'; undefined when never closed (m4 reads to end of file). */
  close: number | undefined;
  args: M4Arg[];
  /** Nesting depth: 0 for a call at top level, 1 for a call inside another call's argument, ... */
  depth: number;
}

export interface M4Problem {
  /** stopped: the work bound was reached (see M4ScanOptions.budget); nothing after `start` was re-read. */
  kind: 'unclosed-quote' | 'unclosed-call' | 'stopped';
  /** Where the unclosed construct opens (stopped: where the analysis stopped). */
  start: number;
  end: number;
  call?: M4Call;
  /** unclosed-quote: how many quotes opened on its line are still open (1 + those nested in it). */
  openQuotes?: number;
  /** stopped: after how many unclosed constructs, or the work budget ran out (in the scan, or before rescanning branches). */
  reason?: { recoveries: number } | 'budget' | 'branches';
}

export interface M4Parse {
  text: string;
  tokens: M4Token[];
  /** Every macro call (nested ones too), in order of their start. */
  calls: M4Call[];
  problems: M4Problem[];
}

export interface M4ScanOptions {
  /** Is `name` a macro, so that a '(' right after it starts an argument list? */
  isMacro(name: string): boolean;
  /** Are '#' comments on at the start? (false: the file is read after something ran changecom()). */
  commentsAtStart?: boolean;
  /** Does including this file turn comments off? (sendmail's cf.m4 runs changecom().) */
  includeDisablesComments?(file: string): boolean;
  /**
   * Scan only [start, end) of the text, starting with these quote/comment delimiters (the inside
   * of a quoted ifdef/ifelse branch, which m4 rescans when it expands the branch). Offsets stay
   * offsets into the whole text.
   */
  range?: { start: number; end: number; quotes: QuoteChars | null; comment: CommentChars | null };
  /**
   * Characters the scan may still read, shared by the scans of one file (the model rescans
   * branches): recovering from an unclosed construct re-reads the rest of the text, so hostile
   * input could cost a pass per mistake. When it runs out the scan stops recovering and reports
   * `stopped`. Default: SCAN_BUDGET_FACTOR times the scanned length (at least SCAN_BUDGET_MIN).
   */
  budget?: { left: number };
}
