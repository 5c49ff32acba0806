// A log being written: hundreds of appends at the end of a big document queue up in
// PendingDocument (service/pendingDocument.ts) until its text is needed. Applying them one by
// one copies the whole text each time (500 appends to a 200 MB log: 100 GB copied); appends in
// a row are applied as one edit. The result must be the same text and positions.
import * as assert from 'node:assert/strict';
import * as textdocument from 'vscode-languageserver-textdocument';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { PendingDocument } from '../../../server/src/service/pendingDocument';

const end = (d: { getText(): string; positionAt(o: number): { line: number; character: number } }) => d.positionAt(d.getText().length);

describe('maillog: appends queued in the service document', () => {
  it('520 appends are applied as one update, and give the text and positions of applying each', () => {
    const base = 'Jan  5 10:00:00 mx sm-mta[1]: x: y\n'.repeat(2000);
    const doc = new PendingDocument(TextDocument.create('file:///var/log/mail.log', 'sendmail-maillog', 1, base));
    let reference = TextDocument.create('file:///ref', 'sendmail-maillog', 1, base);
    const changes: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string }[] = [];
    for (let v = 2; v < 522; v++) {
      const at = end(reference);
      const text = v % 7 ? `Jan  5 10:00:${v % 60} mx sm-mta[${v}]: line ${v}\n` : `partial ${v} `;
      changes.push({ range: { start: at, end: at }, text });
      reference = TextDocument.update(reference, [changes[changes.length - 1]], v);
    }
    // Counts the whole-text updates the queued document makes (the queue is applied at 500 changes, and on reading).
    const update = textdocument.TextDocument.update;
    let updates = 0;
    (textdocument.TextDocument as { update: typeof update }).update = (...args) => { updates++; return update(...args); };
    try {
      changes.forEach((c, i) => doc.update([c], i + 2));
      assert.equal(doc.getText(), reference.getText());
    } finally {
      (textdocument.TextDocument as { update: typeof update }).update = update;
    }
    assert.ok(updates <= 2, `${updates} whole-text updates`);
    assert.equal(doc.version, 521);
    assert.equal(doc.lineCount, reference.lineCount);
    assert.deepEqual(end(doc), end(reference));
    assert.deepEqual(doc.positionAt(base.length + 100), reference.positionAt(base.length + 100));
  });

  it('an edit in the middle between appends is applied in order', () => {
    const doc = new PendingDocument(TextDocument.create('file:///x', 'plaintext', 1, 'a\nb\n'));
    doc.update([{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: 'c\n' }], 2);
    doc.update([{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, text: 'A' }], 3);
    doc.update([{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: 'd' }], 4);
    doc.update([{ range: { start: { line: 3, character: 1 }, end: { line: 3, character: 1 } }, text: 'e\n' }], 5);
    assert.equal(doc.getText(), 'A\nb\nc\nde\n');
    assert.equal(doc.version, 5);
  });
});
