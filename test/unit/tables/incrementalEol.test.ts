// Incremental map state must never drift from the document: for random edit sequences on
// texts that mix LF, CRLF and lone CR line ends, with positions past a line's end and past
// the last line (legal in LSP: they are clamped), the diagnostics of the edited document
// equal those of a fresh open of the final text. The expected text comes from a brand-new
// TextDocument per edit (its offsetAt is the reference for clamping), not from the service.
import * as assert from 'node:assert';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { LanguageService, memoryWorkspace, type LanguageId } from '../../../server/src/service';
import { TableState } from '../../../server/src/service/tables/state';
import { MC_SMTP } from './tableHelpers';
import { prng } from '../helpers';


const LINES: Record<string, string[]> = {
  'sendmail-access': ['a.example\tOK', 'A.example\tREJECT', 'Connect:10.1.2.3\tREJECT', 'From:spam@b.example\tERROR:5.7.1:550 no', 'To:c.example\tRELAY', 'To:c.example\tRELAYY', 'key', '\tREJECT'],
  'sendmail-mailertable': ['.d.example\tesmtp:[mx.example]', 'd.example\tsmtp:[10.0.0.2]', '.d.example\tesmpt:[mx.example]', 'e.example\tuucp-dom:x', '.\tsmtp:[relay.example]', 'f.example'],
  'sendmail-virtusertable': ['info@g.example\tjoe', '@g.example\terror:nouser 550 No such user', 'info@G.example\tann', 'info\tjoe', '@h.example\t%1@g.example'],
};
const COMMON = ['', '# a comment', '   ', 'x'];
const EOLS = ['\n', '\r\n', '\r'];
const FILES: Record<string, string> = { 'sendmail-access': '/etc/mail/access', 'sendmail-mailertable': '/etc/mail/mailertable', 'sendmail-virtusertable': '/etc/mail/virtusertable' };

/** The text after one change, exactly as TextDocument reads positions (computed on a fresh document). */
function applyReference(text: string, c: TextDocumentContentChangeEvent): string {
  if (!('range' in c) || !c.range) return c.text;
  const doc = TextDocument.create('file:///ref', 'plaintext', 1, text);
  let [s, e] = [doc.offsetAt(c.range.start), doc.offsetAt(c.range.end)];
  if (s > e) [s, e] = [e, s];
  return text.slice(0, s) + c.text + text.slice(e);
}

function randomDoc(rnd: () => number, pool: string[]): string {
  const n = Math.floor(rnd() * 8);
  let t = '';
  for (let i = 0; i < n; i++) t += pool[Math.floor(rnd() * pool.length)] + EOLS[Math.floor(rnd() * 3)];
  if (rnd() < 0.5) t += pool[Math.floor(rnd() * pool.length)]; // no final line end
  return t;
}

function randomChange(rnd: () => number, text: string, pool: string[]): TextDocumentContentChangeEvent {
  const pick = <T>(a: T[]) => a[Math.floor(rnd() * a.length)];
  if (rnd() < 0.02) return { text: randomDoc(rnd, pool) };
  const lines = text.split(/\r\n|\r|\n/);
  const pos = () => {
    const line = Math.floor(rnd() * (lines.length + 2)); // sometimes past the last line
    const len = lines[line]?.length ?? 3;
    return { line, character: Math.floor(rnd() * (len + 4)) }; // sometimes past the line's end
  };
  const start = pos();
  const r = rnd(); // an empty range, a range near the start, or any range (then sometimes reversed)
  const end = r < 0.3 ? start : r < 0.85 ? { line: start.line + Math.floor(rnd() * 3), character: Math.floor(rnd() * 12) } : pos();
  const inserted = rnd() < 0.3 ? '' : pick([...EOLS, ...EOLS, pick(pool), pick(pool) + pick(EOLS), pick(EOLS) + pick(pool), 'x', '\t', pick(pool) + pick(EOLS) + pick(pool)]);
  return { range: { start, end }, text: inserted };
}

describe('map state: incremental edits with CR, CRLF and LF equal a fresh open', () => {
  it('300 seeded random sequences of 20 edits (positions past line ends and past the last line)', function () {
    this.timeout(60000);
    const langs = Object.keys(LINES) as LanguageId[];
    for (let seed = 1; seed <= 300; seed++) {
      const rnd = prng(seed);
      const lang = langs[seed % langs.length];
      const pool = [...LINES[lang], ...COMMON];
      const file = FILES[lang], uri = 'file://' + file;
      let text = randomDoc(rnd, pool);
      const svc = new LanguageService(memoryWorkspace({ '/etc/mail/sendmail.mc': MC_SMTP }));
      svc.open(uri, lang, 1, text);
      const changes: TextDocumentContentChangeEvent[] = [];
      for (let k = 0; k < 20; k++) {
        const c = randomChange(rnd, text, pool);
        changes.push(c);
        svc.change(uri, k + 2, [c]);
        text = applyReference(text, c);
        if (rnd() < 0.4) svc.diagnostics(uri); // re-checks happen between edits in the editor too
      }
      const replay = `seed ${seed} (${lang}): ${JSON.stringify(changes)}`;
      assert.strictEqual(svc.document(uri)!.getText(), text, `document text drifted; ${replay}`);
      // Diagnose before the fresh open: map states are kept per uri, shared by services.
      const incremental = svc.diagnostics(uri);
      const fresh = new LanguageService(memoryWorkspace({ '/etc/mail/sendmail.mc': MC_SMTP }));
      fresh.open(uri, lang, 1, text);
      assert.deepStrictEqual(incremental, fresh.diagnostics(uri), `diagnostics drifted; final text ${JSON.stringify(text)}; ${replay}`);
    }
  });

  it('a lone-CR file has one state line per document line, as TextDocument counts them', () => {
    const text = 'a.example\tOK\rb.example\tOK\r\nc.example\tOK\nd';
    const st = new TableState(text);
    const doc = TextDocument.create('file:///x', 'plaintext', 1, text);
    assert.strictEqual(st.lineCount, doc.lineCount);
    // Each line keeps a '\r' that ends it (table.crlf reports it); '\n' is dropped.
    assert.deepStrictEqual([0, 1, 2, 3].map((i) => st.line(i)), ['a.example\tOK\r', 'b.example\tOK\r', 'c.example\tOK', 'd']);
  });

  it('findings of a lone-CR file land on their own lines', () => {
    const svc = new LanguageService(memoryWorkspace({ '/etc/mail/sendmail.mc': MC_SMTP }));
    svc.open('file:///etc/mail/access', 'sendmail-access', 1, 'a.example\tOK\rb.example\tRELAYY\ra.example\tREJECT\r');
    const lines = svc.diagnostics('file:///etc/mail/access').filter((d) => d.code !== 'table.crlf').map((d) => d.range.start.line);
    assert.ok(lines.includes(1) && lines.includes(2), JSON.stringify(lines));
  });
});
