// Reading what GNU m4 tells about where its output came from.
//  parseSynclines: `m4 -s` puts a syncline before an output line whose source is not the line
//    after the previous one's: `#line 42 "sendmail.mc"` (file changed) or `#line 363` (same file).
//    Dropping those lines gives exactly what plain m4 prints (checked for the Debian sendmail.mc
//    and the test mcs), so one m4 run gives both the cf and, for each cf line, its source line.
//  unclosedCall: at end of input inside a macro call m4 only says
//    `m4:/usr/share/sendmail/cf/mailer/smtp.m4:123: ERROR: end of file in argument list`, naming
//    wherever the input happened to end. A second run with `--debug=tcxfl` traces every call as
//    it starts (`m4trace:sendmail.mc:6: -1- id 390: LOCAL_DOMAIN ...`) and again when it is
//    expanded; the outermost call that started and never came back is the one left open.
// Both parsers accept any text and never throw.

/** Where one output line came from, as m4 names it: the file as given to m4/include, 1-based line. */
export interface Origin { file: string; line: number }

export interface SyncedOutput {
  /** The output without synclines (what plain m4 prints). */
  text: string;
  /** origins[i]: where output line i + 1 came from; undefined before the first syncline. */
  origins: (Origin | undefined)[];
}

const SYNCLINE = /^#line (\d+)(?: "(.*)")?$/;

export function parseSynclines(output: string): SyncedOutput {
  const kept: string[] = [];
  const origins: (Origin | undefined)[] = [];
  let file: string | undefined;
  let line = 0;
  for (const raw of output.split('\n')) {
    const sync = SYNCLINE.exec(raw);
    if (sync) {
      line = Number(sync[1]);
      if (sync[2] !== undefined) file = sync[2];
      continue;
    }
    kept.push(raw);
    origins.push(file === undefined ? undefined : { file, line });
    line++;
  }
  return { text: kept.join('\n'), origins };
}

export interface OpenCall extends Origin {
  /** The macro whose arguments were still being collected at end of input. */
  name: string;
}

const TRACE = /^m4trace:(.*?):(\d+): -(\d+)- id (\d+): (.*)$/;

/** The outermost macro call a `--debug=tcxfl` trace shows started but never expanded, if any. */
export function unclosedCall(trace: string): OpenCall | undefined {
  const calls = new Map<string, { seen: number; depth: number; call: OpenCall }>();
  for (const raw of trace.split('\n')) {
    const m = TRACE.exec(raw);
    if (!m) continue;
    const known = calls.get(m[4]);
    if (known) { known.seen++; continue; }
    const name = /^(\S+) \.\.\.$/.exec(m[5]);
    if (name) calls.set(m[4], { seen: 1, depth: Number(m[3]), call: { file: m[1], line: Number(m[2]), name: name[1] } });
  }
  let best: { depth: number; call: OpenCall } | undefined;
  for (const c of calls.values()) {
    if (c.seen === 1 && (!best || c.depth < best.depth)) best = c;
  }
  return best?.call;
}
