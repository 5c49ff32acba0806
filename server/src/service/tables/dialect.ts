// One module per map language ("dialect") says what its keys and values mean; the generic
// machinery (line splitting, caching, duplicates, db freshness) lives beside this file.
import type { CompletionItem } from 'vscode-languageserver-types';
import type { Entry } from './syntax';
import type { Issue } from './issues';
import type { TableEnv } from './env';
import type { LineScanner } from './lineScanners';

export interface Dialect {
  /** Human name used in messages ("mailertable", "access map"). */
  readonly name: string;
  /** 'map': makemap source; 'aliases': name: list with continuation lines; 'class': words per line. */
  readonly syntax: 'map' | 'aliases' | 'class';
  /** The key as it is stored and looked up (duplicate detection). */
  foldKey(key: string): string;
  /** Offset in the key from which upper case matters for the "folded" hint (-1: never hint). */
  caseHintFrom?(e: Entry): number;
  /** Checks of one entry that has both a key and a value. */
  checkEntry(e: Entry, env: TableEnv, out: Issue[]): void;
  /** Markdown for the word at `ch` of the entry, or undefined. */
  hover(e: Entry, ch: number, env: TableEnv): string | undefined;
  /** Range the hover at `ch` covers, when narrower than the key or value (e.g. an access tag). */
  hoverRange?(e: Entry, ch: number): [number, number] | undefined;
  /** Completions at `ch` (e undefined on an empty line). */
  complete(e: Entry | undefined, ch: number, env: TableEnv): CompletionItem[];
  /**
   * Optional speed-up for huge files: a sticky regex (see fastPaths.ts) that matches only
   * lines the full checks would find nothing wrong with (lower-case ASCII key, common value
   * shapes). Such lines skip the detailed checks. Must never match a line that has an issue.
   */
  fastPath?(env: TableEnv): RegExp | undefined;
  /**
   * Optional, tried before fastPath: a hand-written check of the commonest clean line shape
   * that also hashes the key (see lineScanners.ts). Same promise: never accepts a line with an issue.
   */
  scanner?(env: TableEnv): LineScanner | undefined;
  /**
   * Keys (folded) sendmail never looks up in this map under this configuration, with the issue
   * to report on each line that has one (e.g. a mailertable entry for a name in class {w}).
   * Checked over the key index after the per-line checks, so fast-path lines are covered too.
   */
  unreachableKeys?(env: TableEnv): Map<string, { code: string; severity: 1 | 2 | 3 | 4; message: string }>;
  /** Keys (folded) the file must have under this configuration, with the issue to report (on line 1) when it lacks one. */
  requiredKeys?(env: TableEnv): Map<string, { code: string; severity: 1 | 2 | 3 | 4; message: string; appendLine?: string }>;
  /** Severity and wording of a repeated key; lastWins: the later entry is the one used (aliases). */
  duplicate: { severity: 1 | 2 | 3 | 4; says: string; lastWins?: boolean };
}

export const foldLower = (k: string) => k.toLowerCase();

/**
 * What makemap does with a repeated key (8.17, checked: `makemap hash m < m` with `a 1`, `b 2`,
 * `a 3`, `c 4` prints "line 3: key a: duplicate key", writes a=1, b=2, c=4 and exits 65).
 */
export const MAKEMAP_DUPLICATE = 'makemap reports "duplicate key" for this line, keeps the first value, still writes every other entry and exits 65 (scripts that check its status see a failure)';
