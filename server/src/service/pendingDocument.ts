// A TextDocument that applies edits only when its text is needed. Map files keep their
// own per-line state (tables/state.ts); rebuilding a 40 MB document string on every
// keystroke (TextDocument.update flattens the whole text) would cost more than the
// analysis itself. Modules that read the text still get an up-to-date document.
// A map document has a source (tables/index.ts tableText): its state already holds every
// queued edit, so its text is rebuilt in ONE pass however many edits are queued (applying them
// one by one would copy the whole text per edit: 500 edits of a 40 MB file, 18 s). Other
// documents apply their queue change by change (appends at the end in one go).
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Position, Range } from 'vscode-languageserver-types';

/**
 * Applied anyway after this many queued edits, so a long session never builds a big backlog
 * (with a source: one pass over the text; the queue is kept only in case the source is lost).
 */
const MAX_PENDING = 500;

/**
 * The document's current text with every edit given to update() so far, in one pass; undefined
 * when it cannot tell any more (then, and from then on, the queued edits are applied instead).
 */
export type TextSource = () => string | undefined;

export class PendingDocument implements TextDocument {
  private pending: { changes: TextDocumentContentChangeEvent[]; version: number }[] = [];

  constructor(private base: TextDocument, private source?: TextSource) {}

  /** Where the current text can be read in one pass (see TextSource), or none. */
  setSource(source: TextSource | undefined): void { this.source = source; }

  get uri(): string { return this.base.uri; }
  get languageId(): string { return this.base.languageId; }
  get version(): number { return this.pending.length ? this.pending[this.pending.length - 1].version : this.base.version; }
  get lineCount(): number { return this.current().lineCount; }
  getText(range?: Range): string { return this.current().getText(range); }
  positionAt(offset: number): Position { return this.current().positionAt(offset); }
  offsetAt(position: Position): number { return this.current().offsetAt(position); }
  getLineRange(line: number): Range { return this.current().getLineRange(line); }
  getEOLCharacters(line: number): string { return this.current().getEOLCharacters(line); }

  update(changes: TextDocumentContentChangeEvent[], version: number): void {
    this.pending.push({ changes, version });
    if (this.pending.length >= MAX_PENDING) this.current();
  }

  private current(): TextDocument {
    if (!this.pending.length) return this.base;
    if (this.source) {
      const text = this.source();
      if (text !== undefined) {
        this.base = TextDocument.create(this.base.uri, this.base.languageId, this.version, text);
        this.pending = [];
        return this.base;
      }
      this.source = undefined; // lost for good: apply the queue (it holds every edit since this.base)
    }
    // Each update copies the whole text: appends in a row at the end (a log being written) go in as one.
    let appended = '';
    let end: Position | undefined;
    let version = this.base.version;
    const flush = () => {
      if (!appended) return;
      const at = this.base.positionAt(this.base.getText().length);
      this.base = TextDocument.update(this.base, [{ range: { start: at, end: at }, text: appended }], version);
      appended = '';
    };
    for (const p of this.pending) {
      for (const c of p.changes) {
        end ??= this.base.positionAt(this.base.getText().length);
        if ('range' in c && c.range && samePosition(c.range.start, end) && samePosition(c.range.end, end)) {
          appended += c.text;
          end = positionAfter(end, c.text);
          version = p.version;
          continue;
        }
        flush();
        end = undefined;
        this.base = TextDocument.update(this.base, [clamped(this.base, c)], p.version);
      }
      version = p.version;
    }
    flush();
    // An empty append (or a didChange without changes) updated nothing: the version still moves.
    if (this.base.version !== version) this.base = TextDocument.update(this.base, [], version);
    this.pending = [];
    return this.base;
  }
}

const samePosition = (a: Position, b: Position) => a.line === b.line && a.character === b.character;

/** Where the text ends after `text` is inserted at `at` (line ends as TextDocument counts them). */
function positionAfter(at: Position, text: string): Position {
  const lines = text.split(/\r\n|\r|\n/);
  return lines.length === 1 ? { line: at.line, character: at.character + text.length } : { line: at.line + lines.length - 1, character: lines[lines.length - 1].length };
}

/**
 * The change with its range clamped into the document. TextDocument.update reads a position
 * past the last line as the end of the text but still splices its line table at that line
 * number, which leaves holes in the table (and every later position is then misread).
 */
function clamped(doc: TextDocument, c: TextDocumentContentChangeEvent): TextDocumentContentChangeEvent {
  if (!('range' in c) || !c.range) return c;
  const at = (p: Position) => doc.positionAt(doc.offsetAt(p));
  return { range: { start: at(c.range.start), end: at(c.range.end) }, text: c.text };
}
