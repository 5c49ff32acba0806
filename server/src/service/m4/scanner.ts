// A static scanner for m4 input as sendmail's cf files use it. It follows GNU m4's lexical
// rules (comments before names before quotes; names [A-Za-z_][A-Za-z0-9_]*; nested quotes;
// '(' right after a macro name starts an argument list; dnl discards to end of line;
// changequote/changecom take effect when their call closes) without expanding anything.
//
// Error recovery: m4 itself swallows the rest of the file into an unclosed string or argument
// list. We report the construct that was left open on the line of the outermost unclosed
// construct: the outermost quote opened there (quotes nest, so every ` after it is inside the
// string; m4's "end of file in string" names the line of that outermost quote), else the
// innermost call opened there (where the missing ')' belongs). Then we re-read that line as if
// everything on it were closed at its end, and continue with the next line. So one typo gives
// one diagnostic, and the rest of the file is still analysed. The number of recoveries and
// the characters read in all (M4ScanOptions.budget) are capped, which keeps the work on hostile
// input linear in its size; a capped scan reports where it stopped.
import type {
  CommentChars, M4Arg, M4Call, M4Parse, M4Problem, M4ScanOptions, M4Token, QuoteChars,
} from './types';

export const DEFAULT_QUOTES: QuoteChars = { open: '`', close: "'" };
export const DEFAULT_COMMENT: CommentChars = { open: '#', close: '\n' };
export const TYPOGRAPHIC_QUOTES = '‘’´“”';
const MAX_RECOVERIES = 50;
/** Default work bound of a scan: this many times the scanned length, and at least SCAN_BUDGET_MIN characters. */
export const SCAN_BUDGET_FACTOR = 2;
export const SCAN_BUDGET_MIN = 1_000_000;
export const scanBudget = (length: number) => ({ left: Math.max(SCAN_BUDGET_MIN, SCAN_BUDGET_FACTOR * length) });
/**
 * GNU m4 builtins that are only recognised with arguments: without a '(' right after them
 * the word is copied as text ("# define the relay" does not call define).
 */
export const BLIND_BUILTINS = new Set([
  'define', 'undefine', 'defn', 'pushdef', 'popdef', 'indir', 'builtin', 'ifdef', 'ifelse', 'shift',
  'changeword', 'include', 'sinclude', 'm4wrap', 'len', 'index', 'regexp', 'substr', 'translit',
  'patsubst', 'format', 'incr', 'decr', 'eval', 'syscmd', 'esyscmd', 'mkstemp', 'maketemp', 'errprint',
]);

interface LexState { quotes: QuoteChars | null; comment: CommentChars | null }
interface QuoteFrame { kind: 'quote'; start: number }
interface CallFrame { kind: 'call'; call: M4Call; paren: number; arg: M4Arg }
type Frame = QuoteFrame | CallFrame;

/** Where a frame opens (a call's frame: at its name). Frames on the stack open in increasing order. */
const frameStart = (f: Frame) => (f.kind === 'quote' ? f.start : f.call.start);

const isNameStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isNameChar = (c: number) => isNameStart(c) || (c >= 48 && c <= 57);

/** Removes one level of quotes and leading unquoted whitespace, as m4 does when it collects an argument. */
export function argValue(text: string, arg: Pick<M4Arg, 'start' | 'end' | 'quotes'>): string {
  let i = arg.start;
  while (i < arg.end && /\s/.test(text[i])) i++;
  const q = arg.quotes;
  if (!q) return text.slice(i, arg.end);
  // Copies the text between quote delimiters in slices (a value can be megabytes long).
  const find = (s: string, from: number) => { const k = text.indexOf(s, from); return k < 0 || k >= arg.end ? arg.end : k; };
  let out = '';
  let depth = 0;
  let open = -1, close = -1; // next positions of the delimiters (valid while >= i)
  while (i < arg.end) {
    if (open < i) open = find(q.open, i);
    if (depth > 0 && close < i) close = find(q.close, i);
    const next = depth > 0 ? Math.min(open, close) : open;
    out += text.slice(i, next);
    if (next >= arg.end) break;
    if (next === open) { // an open quote is checked first
      if (depth > 0) out += q.open;
      depth++; i = open + q.open.length;
    } else {
      depth--;
      if (depth > 0) out += q.close;
      i = close + q.close.length;
    }
  }
  return out;
}

class Scanner {
  readonly tokens: M4Token[] = [];
  readonly calls: M4Call[] = [];
  readonly problems: M4Problem[] = [];
  /** End of the scanned part: the whole text, or the end of `opts.range`. */
  private readonly end: number;
  private readonly budget: { left: number };
  constructor(private readonly text: string, private readonly opts: M4ScanOptions) {
    this.end = Math.min(opts.range?.end ?? text.length, text.length);
    this.budget = opts.budget ?? scanBudget(this.end - (opts.range?.start ?? 0));
  }

  private lineEnd(pos: number): number {
    const e = this.text.indexOf('\n', pos);
    return e < 0 || e > this.end ? this.end : e;
  }

  parse(): M4Parse {
    const r0 = this.opts.range;
    let pos = r0 ? Math.max(0, r0.start) : 0;
    let state: LexState = r0 ? { quotes: r0.quotes, comment: r0.comment }
      : { quotes: DEFAULT_QUOTES, comment: this.opts.commentsAtStart === false ? null : DEFAULT_COMMENT };
    for (let recoveries = 0; pos < this.end; recoveries++) {
      const r = this.run(pos, this.end, state, false);
      if (!r.open) break;
      const bottomStart = frameStart(r.open[0]);
      const lineEnd = this.lineEnd(bottomStart);
      const onLine: Frame[] = [];
      for (const f of r.open) { if (frameStart(f) > lineEnd) break; onLine.push(f); }
      const quotes = onLine.filter((f) => f.kind === 'quote');
      this.report(quotes[0] ?? onLine[onLine.length - 1], quotes.length);
      // Recovering re-reads the rest of the text. When that is no longer allowed, keep m4's
      // reading (the rest is swallowed by the open construct) and say where we stopped.
      const stop = recoveries >= MAX_RECOVERIES ? { recoveries: recoveries + 1 } : this.budget.left < this.end - bottomStart ? 'budget' as const : undefined;
      if (stop) { this.problems.push({ kind: 'stopped', start: bottomStart, end: lineEnd, reason: stop }); break; }
      // Forget what was read after the open construct and re-read its line with forced closing.
      this.truncate(bottomStart);
      state = r.stateAtBottom!;
      const again = this.run(bottomStart, lineEnd, state, true);
      state = again.state;
      pos = Math.max(lineEnd, bottomStart + 1);
    }
    this.calls.sort((a, b) => a.start - b.start);
    this.tokens.sort((a, b) => a.start - b.start);
    return { text: this.text, tokens: this.tokens, calls: this.calls, problems: this.problems };
  }

  private report(f: Frame, openQuotes: number): void {
    if (f.kind === 'quote') this.problems.push({ kind: 'unclosed-quote', start: f.start, end: f.start + 1, openQuotes });
    else this.problems.push({ kind: 'unclosed-call', start: f.call.start, end: f.call.open + 1, call: f.call });
  }

  private truncate(from: number): void {
    const keep = <T extends { start: number }>(a: T[]) => { const k = a.filter((x) => x.start < from); a.length = 0; for (const x of k) a.push(x); };
    keep(this.tokens);
    keep(this.calls);
  }

  /**
   * Reads [from, limit). Returns the frames still open at `limit` (unless `force`, which closes
   * them there) and the lexical state when the outermost of them was opened.
   */
  private run(from: number, limit: number, initial: LexState, force: boolean):
    { open?: Frame[]; stateAtBottom?: LexState; state: LexState } {
    const text = this.text;
    this.budget.left -= limit - from;
    // Inside a string only the quotes matter: jump to the next one (positions found with
    // indexOf stay valid while the quote characters are the same; they cannot change in a string).
    let nextOpen = -1, nextClose = -1;
    let jumpQuotes: QuoteChars | null = null;
    const stack: Frame[] = [];
    let state = initial;
    let stateAtBottom: LexState | undefined;
    let stringStart = -1; // start of the outermost open quote
    let callDepth = 0;
    const push = (f: Frame) => {
      if (stack.length === 0) stateAtBottom = state;
      if (f.kind === 'call') callDepth++;
      stack.push(f);
    };
    const topCall = (): CallFrame | undefined => {
      const t = stack[stack.length - 1];
      return t && t.kind === 'call' ? t : undefined;
    };
    let i = from;
    while (i < limit) {
      const top = stack[stack.length - 1];
      const q = state.quotes;
      if (top && top.kind === 'quote' && q) {
        if (jumpQuotes !== q) { jumpQuotes = q; nextOpen = nextClose = -1; }
        if (nextClose < i) { nextClose = text.indexOf(q.close, i); if (nextClose < 0 || nextClose >= limit) nextClose = limit; }
        if (nextOpen < i) { nextOpen = text.indexOf(q.open, i); if (nextOpen < 0 || nextOpen >= limit) nextOpen = limit; }
        // The close quote wins a tie (m4 checks it first), as before.
        if (nextClose <= nextOpen && nextClose < limit) {
          i = nextClose;
          stack.pop(); i += q.close.length;
          const below = stack[stack.length - 1];
          if (!below || below.kind !== 'quote') this.tokens.push({ kind: 'string', start: stringStart, end: i, closed: true });
        } else if (nextOpen < limit) {
          i = nextOpen;
          push({ kind: 'quote', start: i }); i += q.open.length;
        } else i = limit;
        continue;
      }
      const code = text.charCodeAt(i);
      const com = state.comment;
      if (com && text.startsWith(com.open, i)) {
        let e = text.indexOf(com.close, i + com.open.length);
        e = e < 0 || e >= limit ? limit : e + com.close.length;
        this.tokens.push({ kind: 'comment', start: i, end: e });
        i = e; continue;
      }
      if (isNameStart(code)) {
        let j = i + 1;
        while (j < limit && isNameChar(text.charCodeAt(j))) j++;
        const name = text.slice(i, j);
        if (name === 'dnl') {
          let e = text.indexOf('\n', j);
          e = e < 0 || e >= limit ? limit : e + 1;
          this.tokens.push({ kind: 'dnl', start: i, end: e });
          i = e; continue;
        }
        if (this.opts.isMacro(name) && !(BLIND_BUILTINS.has(name) && text[j] !== '(')) {
          this.tokens.push({ kind: 'macro', start: i, end: j });
          const depth = callDepth;
          if (j < limit && text[j] === '(') {
            const call: M4Call = { name, start: i, nameEnd: j, open: j, close: undefined, args: [], depth };
            this.calls.push(call);
            push({ kind: 'call', call, paren: 0, arg: this.newArg(j + 1, state) });
            i = j + 1; continue;
          }
          // A macro used without arguments (LOCAL_CONFIG, MAILER_DEFINITIONS, changequote ...).
          const call: M4Call = { name, start: i, nameEnd: j, open: -1, close: j, args: [], depth };
          this.calls.push(call);
          state = this.applyLexMacro(call, state);
        }
        i = j; continue;
      }
      if (q && text.startsWith(q.open, i)) {
        if (stack.length === 0 || stack[stack.length - 1].kind !== 'quote') stringStart = i;
        push({ kind: 'quote', start: i }); i += q.open.length; continue;
      }
      const call = topCall();
      if (q && text.startsWith(q.close, i)) {
        this.tokens.push({ kind: 'strayClose', start: i, end: i + q.close.length });
        call?.arg.strays.push(i);
        i += q.close.length; continue;
      }
      if (TYPOGRAPHIC_QUOTES.includes(text[i])) {
        this.tokens.push({ kind: 'typographic', start: i, end: i + 1 });
        call?.arg.typographic.push(i);
        i++; continue;
      }
      if (call) {
        if (code === 40 /* ( */) call.paren++;
        else if (code === 41 /* ) */) {
          if (call.paren > 0) call.paren--;
          else {
            call.arg.end = i; call.call.args.push(call.arg);
            call.call.close = i;
            stack.pop(); callDepth--;
            state = this.applyLexMacro(call.call, state);
          }
        } else if (code === 44 /* , */ && call.paren === 0) {
          call.arg.end = i; call.call.args.push(call.arg);
          call.arg = this.newArg(i + 1, state);
        }
      }
      i++;
    }
    if (stack.length === 0) return { state };
    if (!force) return { open: stack, stateAtBottom, state };
    // Forced close at `limit` (recovery): strings and calls simply end here.
    for (let k = stack.length - 1; k >= 0; k--) {
      const f = stack[k];
      if (f.kind === 'quote') {
        const below = stack[k - 1];
        if (!below || below.kind !== 'quote') this.tokens.push({ kind: 'string', start: f.start, end: limit, closed: false });
      } else {
        f.arg.end = limit; f.call.args.push(f.arg);
      }
    }
    return { state };
  }

  private newArg(start: number, state: LexState): M4Arg {
    return { start, end: start, quotes: state.quotes, comment: state.comment, strays: [], typographic: [] };
  }

  /** changequote / changecom change how the rest of the input is read. */
  private applyLexMacro(call: M4Call, state: LexState): LexState {
    if (call.name === 'changequote') {
      if (call.open < 0) return { ...state, quotes: DEFAULT_QUOTES };
      const [a, b] = call.args.map((x) => argValue(this.text, x));
      if (!a) return { ...state, quotes: null };
      return { ...state, quotes: { open: a, close: b || "'" } };
    }
    if (call.name === 'changecom') {
      if (call.open < 0) return { ...state, comment: null };
      const [a, b] = call.args.map((x) => argValue(this.text, x));
      if (!a) return { ...state, comment: null };
      return { ...state, comment: { open: a, close: b || '\n' } };
    }
    if ((call.name === 'include' || call.name === 'sinclude') && call.args.length > 0 && this.opts.includeDisablesComments?.(argValue(this.text, call.args[0]))) {
      return { ...state, comment: null };
    }
    return state;
  }
}

/** Scans m4 text. Never throws; always terminates in a few linear passes. */
export function scanM4(text: string, opts: M4ScanOptions): M4Parse {
  return new Scanner(text, opts).parse();
}
