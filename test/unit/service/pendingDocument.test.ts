// PendingDocument (service/pendingDocument.ts) queues edits until the text is read. A map
// document's text comes from its TableState in one pass (tables/index.ts tableText), never
// from one TextDocument.update per queued edit (500 edits of a 40 MB file: 18 s, issue #12).
// Whatever the path, after any sequence of edits the document must read exactly as a
// TextDocument updated change by change: text, lineCount, positionAt, offsetAt, with '\n',
// '\r\n' and lone '\r' line ends and positions past a line's end, past the last line or
// negative. The reference clamps each range into its own text first (positionAt(offsetAt(p)),
// as PendingDocument does): TextDocument.update reads a position past the last line as the end
// of the text but splices its line table at that line number, which corrupts its positions.
import * as assert from 'node:assert/strict';
import * as textdocument from 'vscode-languageserver-textdocument';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-types';
import { LanguageService, memoryWorkspace, type LanguageId } from '../../../server/src/service';
import { PendingDocument } from '../../../server/src/service/pendingDocument';
import { tableStateOf } from '../../../server/src/service/tables';
import { TableState } from '../../../server/src/service/tables/state';
import { MC_SMTP } from '../tables/tableHelpers';
import { prng } from '../helpers';


const refUpdate = TextDocument.update; // the reference's own updates are not counted below
const POOL = ['a.example\tOK', 'From:b@c.example\tREJECT', 'Connect:10.1.2.3\tRELAY', 'key', '\tcont', '# note', '', 'x'];
const EOLS = ['\n', '\r\n', '\r'];

function randomText(rnd: () => number, maxLines = 8): string {
  const pick = <T>(a: T[]) => a[Math.floor(rnd() * a.length)];
  let t = '';
  for (let i = Math.floor(rnd() * maxLines); i > 0; i--) t += pick(POOL) + pick(EOLS);
  if (rnd() < 0.5) t += pick(POOL); // no final line end
  return t;
}

/** An insert, a delete, a multi-line replace, a reversed range, positions past ends; now and then the whole text. */
function randomChange(rnd: () => number, text: string): TextDocumentContentChangeEvent {
  const pick = <T>(a: T[]) => a[Math.floor(rnd() * a.length)];
  if (rnd() < 0.01) return { text: randomText(rnd) };
  const lines = text.split(/\r\n|\r|\n/);
  const pos = (): Position => {
    if (rnd() < 0.02) return { line: -1, character: Math.floor(rnd() * 3) - 1 };
    const line = Math.floor(rnd() * (lines.length + 2)); // sometimes past the last line
    return { line, character: Math.floor(rnd() * ((lines[line]?.length ?? 3) + 4)) }; // sometimes past the line's end
  };
  const start = pos();
  const r = rnd();
  const end = r < 0.35 ? start // an insert
    : r < 0.8 ? { line: start.line + Math.floor(rnd() * 3), character: Math.floor(rnd() * 12) } // a delete or replace, often multi-line
    : pos(); // anywhere: sometimes before start (reversed)
  const text2 = rnd() < 0.3 ? '' : pick(['x', '\t', '\u0001', pick(EOLS), pick(POOL), pick(POOL) + pick(EOLS), pick(EOLS) + pick(POOL), pick(POOL) + pick(EOLS) + pick(POOL) + '\r', '\n' + pick(POOL)]);
  return { range: { start, end }, text: text2 };
}

/** The reference: a plain TextDocument updated change by change, each range clamped into its text. */
function referenceUpdate(ref: TextDocument, c: TextDocumentContentChangeEvent, version: number): TextDocument {
  if (!('range' in c) || !c.range) return refUpdate(ref, [c], version);
  const at = (p: Position) => ref.positionAt(ref.offsetAt(p));
  return refUpdate(ref, [{ range: { start: at(c.range.start), end: at(c.range.end) }, text: c.text }], version);
}

/** Text, version, lineCount, and positionAt/offsetAt at every offset and at positions in, past and before every line. */
function assertSame(doc: TextDocument, ref: TextDocument, what: string): void {
  const text = ref.getText();
  assert.equal(doc.getText(), text, `text; ${what}`);
  assert.equal(doc.version, ref.version, `version; ${what}`);
  assert.equal(doc.lineCount, ref.lineCount, `lineCount; ${what}`);
  for (let o = -1; o <= text.length + 1; o++) assert.deepEqual(doc.positionAt(o), ref.positionAt(o), `positionAt(${o}); ${what}`);
  for (let l = -1; l <= ref.lineCount; l++) {
    for (const ch of [-1, 0, 1, 2, 5, 40]) {
      const p = { line: l, character: ch };
      assert.equal(doc.offsetAt(p), ref.offsetAt(p), `offsetAt(${JSON.stringify(p)}); ${what}`);
    }
    if (l >= 0 && l < ref.lineCount) assert.deepEqual(doc.getLineRange(l), ref.getLineRange(l), `getLineRange(${l}); ${what}`);
  }
}

/** Counts the whole-text TextDocument.update calls made while `f` runs. */
function countingUpdates<T>(f: () => T): { result: T; updates: number } {
  let updates = 0;
  (textdocument.TextDocument as { update: typeof refUpdate }).update = (...args) => { updates++; return refUpdate(...args); };
  try { return { result: f(), updates }; } finally { (textdocument.TextDocument as { update: typeof refUpdate }).update = refUpdate; }
}

const MAPS: [LanguageId, string][] = [['sendmail-access', '/etc/mail/access'], ['sendmail-mailertable', '/etc/mail/mailertable'], ['sendmail-aliases', '/etc/mail/lists.aliases']];

describe('PendingDocument: queued edits read as TextDocument.update gives them', () => {
  it('map documents: 120 seeded sequences (some of 1,200 edits: past the forced apply at 500), read at random moments, never one update per edit', function () {
    this.timeout(120000);
    for (let seed = 1; seed <= 120; seed++) {
      const rnd = prng(seed);
      const [lang, path] = MAPS[seed % MAPS.length];
      const uri = 'file://' + path;
      const edits = seed % 10 === 0 ? 1200 : 5 + Math.floor(rnd() * 60);
      let ref = TextDocument.create(uri, lang, 1, randomText(rnd));
      const svc = new LanguageService(memoryWorkspace({ '/etc/mail/sendmail.mc': MC_SMTP }));
      svc.open(uri, lang, 1, ref.getText());
      const doc = svc.document(uri)!;
      const log: TextDocumentContentChangeEvent[][] = [];
      const { updates } = countingUpdates(() => {
        for (let v = 2; v < edits + 2; v++) {
          // One change or a few in one didChange (each against the text the previous left).
          const batch: TextDocumentContentChangeEvent[] = [];
          for (let k = rnd() < 0.8 ? 1 : 2 + Math.floor(rnd() * 3); k > 0; k--) {
            const c = randomChange(rnd, ref.getText());
            batch.push(c);
            ref = referenceUpdate(ref, c, v);
          }
          log.push(batch);
          svc.change(uri, v, batch);
          const what = () => `seed ${seed} (${lang}) after ${v - 1} edits: ${JSON.stringify(log.slice(-8))}`;
          if (rnd() < 0.05) assertSame(doc, ref, what()); // read mid-sequence, then more edits on the adopted state
          else if (rnd() < 0.03) assert.equal(doc.lineCount, ref.lineCount, what());
          if (rnd() < 0.05) svc.diagnostics(uri);
        }
      });
      assertSame(doc, ref, `seed ${seed} (${lang}), ${edits} edits, at the end`);
      assert.equal(updates, 0, `seed ${seed}: a map document's queue is never applied edit by edit`);
      // The state adopted the text: one copy; only lines not checked since their edit keep their own string.
      const st = tableStateOf(uri)!;
      for (let i = 0; i < st.lineCount; i++) assert.ok(st.refs[i] >= 0 || st.checked[i] === 0, `seed ${seed}: line ${i} kept an edited copy`);
      assert.equal(st.text(), ref.getText(), `seed ${seed}`);
      // Analysis of the adopted state equals a fresh open's (diagnose before: map states are kept per uri, shared by services).
      const incremental = svc.diagnostics(uri);
      const fresh = new LanguageService(memoryWorkspace({ '/etc/mail/sendmail.mc': MC_SMTP }));
      fresh.open(uri, lang, 1, ref.getText());
      assert.deepEqual(incremental, fresh.diagnostics(uri), `seed ${seed}: diagnostics after the adopted text`);
    }
  });

  it('documents without a source (mc, cf, logs): 60 seeded sequences, some of 1,200 edits', function () {
    this.timeout(120000);
    for (let seed = 1; seed <= 60; seed++) {
      const rnd = prng(1000 + seed);
      const edits = seed % 6 === 0 ? 1200 : 5 + Math.floor(rnd() * 60);
      let ref = TextDocument.create('file:///etc/mail/sendmail.mc', 'sendmail-mc', 1, randomText(rnd));
      const doc = new PendingDocument(TextDocument.create(ref.uri, ref.languageId, 1, ref.getText()));
      for (let v = 2; v < edits + 2; v++) {
        const c = randomChange(rnd, ref.getText());
        ref = referenceUpdate(ref, c, v);
        doc.update([c], v);
        if (rnd() < 0.03) assertSame(doc, ref, `seed ${seed} after ${v - 1} edits`);
      }
      assertSame(doc, ref, `seed ${seed}, ${edits} edits, at the end`);
    }
  });

  it('a map document whose state is replaced (opened again elsewhere) applies its own queue', () => {
    const uri = 'file:///etc/mail/access';
    const svc = new LanguageService(memoryWorkspace({}));
    let ref = TextDocument.create(uri, 'sendmail-access', 1, 'a.example\tOK\r\nb.example\tREJECT\n');
    svc.open(uri, 'sendmail-access', 1, ref.getText());
    const rnd = prng(7);
    for (let v = 2; v < 40; v++) {
      const c = randomChange(rnd, ref.getText());
      ref = referenceUpdate(ref, c, v);
      svc.change(uri, v, [c]);
    }
    new LanguageService(memoryWorkspace({})).open(uri, 'sendmail-access', 1, 'other.example\tOK\n'); // the uri's state is now another text's
    assertSame(svc.document(uri)!, ref, 'after the state was replaced');
  });

  it('a huge map: 1,200 one-character edits are never applied one by one, and read as the reference', () => {
    const line = (i: number) => `From:user${i}@spam${i % 97}.example\tREJECT`;
    const text = Array.from({ length: 50_000 }, (_, i) => line(i)).join('\n') + '\n';
    const uri = 'file:///etc/mail/access';
    const svc = new LanguageService(memoryWorkspace({}));
    svc.open(uri, 'sendmail-access', 1, text);
    let ref = TextDocument.create(uri, 'sendmail-access', 1, text);
    const { updates } = countingUpdates(() => {
      for (let v = 2; v < 1202; v++) {
        const at = { line: (v * 7919) % 50_000, character: 4 };
        const c = { range: { start: at, end: at }, text: '\u0001' };
        ref = refUpdate(ref, [c], v);
        svc.change(uri, v, [c]);
      }
      return svc.document(uri)!.getText();
    });
    assert.equal(updates, 0);
    const doc = svc.document(uri)!;
    assert.equal(doc.getText(), ref.getText());
    assert.equal(doc.lineCount, ref.lineCount);
    for (const o of [0, 1000, ref.getText().length >> 1, ref.getText().length]) assert.deepEqual(doc.positionAt(o), ref.positionAt(o));
  });

  it('TableState.text() joins untouched runs and edited lines with their own line ends; adopt() keeps every line', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const rnd = prng(5000 + seed);
      let ref = TextDocument.create('file:///x', 'plaintext', 1, randomText(rnd, 12));
      const st = new TableState(ref.getText());
      for (let v = 2; v < 2 + Math.floor(rnd() * 30); v++) {
        const c = randomChange(rnd, ref.getText());
        ref = referenceUpdate(ref, c, v);
        st.apply([c]);
      }
      const lines = Array.from({ length: st.lineCount }, (_, i) => st.line(i));
      assert.equal(st.text(), ref.getText(), `seed ${seed}`);
      assert.ok(st.adopt(st.text()), `seed ${seed}`);
      assert.deepEqual(Array.from({ length: st.lineCount }, (_, i) => st.line(i)), lines, `seed ${seed}`);
      assert.equal(st.text(), ref.getText(), `seed ${seed}`);
      assert.equal(st.adopt('x\n' + ref.getText()), false, `seed ${seed}: a text with another line count is refused`);
    }
  });
});
