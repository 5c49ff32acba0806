// An edit re-checks only its own lines and reuses the file-wide findings it cannot change
// (diagnose.ts caches the duplicate-key issues by TableState.keyEpoch, and the Diagnostic of
// each cached issue). Each case edits a map and compares with opening the edited text afresh.
import * as assert from 'node:assert';
import type { Diagnostic } from 'vscode-languageserver-types';
import { LanguageService, memoryWorkspace } from '../../../server/src/service';
import { MC_SMTP } from './tableHelpers';

const URI = 'file:///m/access';
const strip = (ds: Diagnostic[]) => ds.map((d) => [d.code, d.range.start.line, d.message]);

/** Opens `lines`, diagnoses, applies each edit [line, new text] with a diagnose after it, and compares with a fresh open. */
function editAndCompare(lines: string[], edits: [number, string][]): Diagnostic[] {
  const svc = new LanguageService(memoryWorkspace({ '/m/sendmail.mc': MC_SMTP }));
  svc.open(URI, 'sendmail-access', 1, lines.join('\n') + '\n');
  svc.diagnostics(URI);
  let v = 2;
  for (const [n, text] of edits) {
    const old = svc.document(URI)!.getText().split('\n')[n];
    svc.change(URI, v++, [{ range: { start: { line: n, character: 0 }, end: { line: n, character: old.length } }, text }]);
    const got = svc.diagnostics(URI);
    const fresh = new LanguageService(memoryWorkspace({ '/m/sendmail.mc': MC_SMTP }));
    fresh.open(URI, 'sendmail-access', 1, svc.document(URI)!.getText());
    assert.deepStrictEqual(strip(got), strip(fresh.diagnostics(URI)), `after editing line ${n} to ${JSON.stringify(text)}`);
  }
  return svc.diagnostics(URI);
}

const MAP = Array.from({ length: 200 }, (_, i) => `Connect:10.0.${i >> 8}.${i & 255}\tREJECT`);

describe('map edits and the cached file-wide findings', () => {
  it('a duplicate whose key changes case gets the message of its new key', () => {
    const lines = [...MAP, 'From:spam.example\tREJECT', 'From:spam.example\tOK'];
    const ds = editAndCompare(lines, [[201, 'From:Spam.example\tOK'], [201, 'From:spam.example\tOK']]);
    assert.match(String(ds.find((d) => d.code === 'table.duplicate-key')!.message), /already listed on line 201: /);
  });

  it('a key that stops or starts repeating another updates the duplicates', () => {
    const lines = [...MAP, 'From:spam.example\tREJECT', 'From:other.example\tOK'];
    editAndCompare(lines, [[201, 'From:spam.example\tOK'], [50, 'From:spam.example\tOK'], [200, 'From:x.example\tOK'], [201, 'From:y.example\tOK']]);
  });

  it('lines inserted or deleted above a duplicate move it, and edits elsewhere keep it', () => {
    const svc = new LanguageService(memoryWorkspace({ '/m/sendmail.mc': MC_SMTP }));
    svc.open(URI, 'sendmail-access', 1, [...MAP, 'From:a.example\tOK', 'From:a.example\tOK'].join('\n') + '\n');
    const dup = () => svc.diagnostics(URI).filter((d) => d.code === 'table.duplicate-key').map((d) => [d.range.start.line, String(d.message).match(/line \d+/)![0]]);
    assert.deepStrictEqual(dup(), [[201, 'line 201']]);
    svc.change(URI, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'From:b.example\tOK\n' }]);
    assert.deepStrictEqual(dup(), [[202, 'line 202']]);
    svc.change(URI, 3, [{ range: { start: { line: 5, character: 0 }, end: { line: 5, character: 1 } }, text: 'c' }]);
    assert.deepStrictEqual(dup(), [[202, 'line 202']]);
    svc.change(URI, 4, [{ range: { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } }, text: '' }]);
    assert.deepStrictEqual(dup(), [[200, 'line 200']]);
  });

  it('after a one-line edit the other lines keep their diagnostic objects (the server compares by identity first), moved lines get new ones', () => {
    const lines = MAP.map((l, i) => (i % 20 === 5 ? l.replace('REJECT', 'REJECTT') : l));
    const svc = new LanguageService(memoryWorkspace({ '/m/sendmail.mc': MC_SMTP }));
    svc.open(URI, 'sendmail-access', 1, lines.join('\n') + '\n');
    const before = svc.diagnostics(URI);
    assert.strictEqual(before.length, 10);
    svc.change(URI, 2, [{ range: { start: { line: 45, character: 0 }, end: { line: 45, character: lines[45].length } }, text: 'x\tREJECTT' }]);
    const after = svc.diagnostics(URI);
    assert.deepStrictEqual(after.map((d) => before.includes(d)), after.map((d) => d.range.start.line !== 45));
    svc.change(URI, 3, [{ range: { start: { line: 100, character: 0 }, end: { line: 100, character: 0 } }, text: 'From:a.example\tOK\n' }]);
    const moved = svc.diagnostics(URI);
    assert.deepStrictEqual(moved.map((d) => after.includes(d)), moved.map((d) => d.range.start.line < 100));
    assert.deepStrictEqual(moved.map((d) => d.range.start.line), [5, 25, 45, 65, 85, 106, 126, 146, 166, 186]);
  });
});
