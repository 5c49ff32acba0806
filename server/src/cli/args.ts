// Command-line arguments of sendmail-lint.
import { isLanguageId } from '../service/languages';
import type { LanguageId } from '../service/types';
import { UNKNOWN, walkArgs } from './argWalk';

export type OutputFormat = 'text' | 'json' | 'sarif';

export interface LintArgs {
  paths: string[];
  format: OutputFormat;
  /** Fail (exit 1) when there are more warnings than this; undefined = warnings never fail. */
  maxWarnings: number | undefined;
  /** Force the language of the files given (for files with other names). */
  lang: LanguageId | undefined;
  cfDirectory: string | undefined;
  /** The name standard input (`-`) is checked and reported as. */
  stdinFilename: string | undefined;
  quiet: boolean;
  /** Also run the real m4 + sendmail -bC (mc) and makemap (maps): --check-with-programs. */
  checkWithPrograms: boolean;
  /** Program paths for that check (default: m4 on PATH, /usr/sbin/sendmail, /usr/sbin/makemap). */
  programs: { m4?: string; sendmail?: string; makemap?: string };
  help: boolean;
  version: boolean;
}

export const USAGE = `Usage: sendmail-lint [options] [paths...]
       sendmail-lint route [options] ADDRESS   (where mail for ADDRESS goes: route --help)
       sendmail-lint log [options] FILE...     (mail log per domain and relay: log --help)
       sendmail-lint diagnose [options] ADDRESS|DOMAIN  (why mail waits in the queue: diagnose --help)

Checks sendmail configuration files: sendmail.mc/submit.mc (and *.mc that look like
sendmail m4), mailertable, access, virtusertable, genericstable, domaintable, authinfo,
aliases, local-host-names, relay-domains, trusted-users. Directories are searched
recursively (each directory and file once, symlinks followed); the default path is the
current directory. Map files are cross-checked with the sendmail.mc beside them, exactly
as in the editor. The path - reads standard input: say which file it is with --lang or
--stdin-filename (a sendmail.mc is also recognised by its content). FIFOs, devices and
sockets named as paths are not read (exit 2); in directories they are skipped.

Options:
  --format text|json|sarif   output format (default: text)
  --max-warnings N           exit 1 when there are more than N warnings
  --lang ID                  treat the given files as language ID (e.g. sendmail-access)
  --cf-dir DIR               installed sendmail-cf directory (default: auto-detect)
  --stdin-filename NAME      check standard input as the file NAME: its name gives the
                             language, its directory the sendmail.mc (default path: -)
  --check-with-programs      also run the real programs: m4 and sendmail -bC on each
                             sendmail.mc, makemap on each map source (in private temporary
                             directories; nothing is installed); their complaints are
                             reported on the lines that caused them
  --m4 PATH, --sendmail PATH, --makemap PATH
                             the programs --check-with-programs runs
  -q, --quiet                print errors only (text format)
  -h, --help                 show this help
  --version                  print the version

Exit status: 0 no errors, 1 errors (or too many warnings), 2 usage error, unreadable
input or an internal error.`;

/** Parses argv (without node and script); returns the args or an error message. */
export function parseArgs(argv: string[]): LintArgs | string {
  const a: LintArgs = { paths: [], format: 'text', maxWarnings: undefined, lang: undefined, cfDirectory: undefined, stdinFilename: undefined, quiet: false, checkWithPrograms: false, programs: {}, help: false, version: false };
  const error = walkArgs(argv, (flag, value) => {
    switch (flag) {
      case '-h': case '--help': a.help = true; break;
      case '--version': a.version = true; break;
      case '-q': case '--quiet': a.quiet = true; break;
      case '--format': {
        const v = value();
        if (v !== 'text' && v !== 'json' && v !== 'sarif') return `--format must be text, json or sarif (got ${v ?? 'nothing'})`;
        a.format = v;
        break;
      }
      case '--max-warnings': {
        const v = value();
        if (v === undefined || !/^\d+$/.test(v)) return `--max-warnings needs a non-negative number (got ${v ?? 'nothing'})`;
        a.maxWarnings = Number(v);
        break;
      }
      case '--lang': {
        const v = value();
        if (!v || !isLanguageId(v)) return `--lang needs a language id such as sendmail-mc or sendmail-access (got ${v ?? 'nothing'})`;
        a.lang = v;
        break;
      }
      case '--check-with-programs': a.checkWithPrograms = true; break;
      case '--m4': case '--sendmail': case '--makemap': {
        const v = value();
        if (!v) return `${flag} needs a program path`;
        a.programs[flag.slice(2) as 'm4' | 'sendmail' | 'makemap'] = v;
        break;
      }
      case '--cf-dir': {
        const v = value();
        if (!v) return '--cf-dir needs a directory';
        a.cfDirectory = v;
        break;
      }
      case '--stdin-filename': {
        const v = value();
        if (!v) return '--stdin-filename needs a file name';
        a.stdinFilename = v;
        break;
      }
      default: return UNKNOWN;
    }
    return undefined;
  }, (arg) => { a.paths.push(arg); return undefined; });
  if (error) return error;
  if (a.stdinFilename !== undefined && a.paths.length && !a.paths.includes('-')) return '--stdin-filename names standard input: add - to the paths';
  if (a.paths.length === 0) a.paths.push(a.stdinFilename !== undefined ? '-' : '.');
  return a;
}
