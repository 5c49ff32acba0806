// Edit storms through the real server: many quick edits over several big open maps are
// analysed and published a bounded number of times, hovers are answered meanwhile, the last
// edit is always reflected, and a document is re-checked because of another one only when
// something it reads from that one changed.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from './lspClient';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any
const MC = "include(`/usr/share/sendmail/cf/m4/cf.m4')dnl\nFEATURE(`access_db')dnl\nFEATURE(`mailertable')dnl\nMAILER(`local')dnl\nMAILER(`smtp')dnl\n";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const isPublish = (m: Json, uri?: string) => m.method === 'textDocument/publishDiagnostics' && (uri === undefined || m.params.uri === uri);
const unknownMailers = (m: Json) => m.params.diagnostics.filter((d: Json) => d.code === 'mailertable.unknown-mailer').length;

function mailertable(lines: number): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) out.push(`host${i}.example.com\tesmtp:[mx${i % 50}.example.com]`);
  return out.join('\n') + '\n';
}

/** didChange that turns `esmtp` on `line` into `esmpt` (an unknown mailer) or back. */
function toggle(c: LspClient, uri: string, version: number, line: number, broken: boolean): void {
  const start = `host${line}.example.com\t`.length;
  c.notify('textDocument/didChange', {
    textDocument: { uri, version },
    contentChanges: [{ range: { start: { line, character: start }, end: { line, character: start + 5 } }, text: broken ? 'esmpt' : 'esmtp' }],
  });
}

describe('protocol: edit storms', function () {
  this.timeout(60000);
  let dir: string;
  let c: LspClient;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sendmail-storm-'));
    fs.writeFileSync(path.join(dir, 'sendmail.mc'), MC);
    c = new LspClient();
    await c.initialize(pathToFileURL(dir).href);
  });
  afterEach(async () => { await c.shutdown(); fs.rmSync(dir, { recursive: true, force: true }); });

  it('100 edits in 2 s over 3 maps of 5,000 lines: few publishes, a hover answered mid-storm, the last edit shown', async () => {
    const text = mailertable(5000);
    const uris = ['mailertable', 'old-mailertable', 'test-mailertable'].map((n) => {
      fs.writeFileSync(path.join(dir, n), text);
      return pathToFileURL(path.join(dir, n)).href;
    });
    await c.open(pathToFileURL(path.join(dir, 'sendmail.mc')).href, 'sendmail-mc', MC);
    for (const u of uris) await c.open(u, 'sendmail-mailertable', text);
    const openDocs = uris.length + 1;
    const before = c.notifications.length;
    const edits = 100;
    const versions = uris.map(() => 1);
    let hoverAnsweredAt = Infinity;
    const t0 = Date.now();
    for (let i = 0; i < edits; i++) {
      const m = i % uris.length;
      versions[m]++;
      toggle(c, uris[m], versions[m], 2500, versions[m] % 2 === 0);
      if (i === edits / 2) {
        void c.request('textDocument/hover', { textDocument: { uri: uris[0] }, position: { line: 10, character: 22 } })
          .then((h) => { assert.match(h.contents.value, /esmtp/); hoverAnsweredAt = Date.now(); });
      }
      await sleep(Math.max(0, t0 + (i + 1) * 20 - Date.now()));
    }
    const stormEnd = Date.now();
    // Settle: every map's last published diagnostics show its last edit (odd version: esmpt).
    const lastFor = (u: string) => c.notifications.filter((m) => isPublish(m, u)).pop();
    const deadline = Date.now() + 10000;
    while (Date.now() < deadline && !uris.every((u, m) => lastFor(u) && unknownMailers(lastFor(u)) === (versions[m] % 2 === 0 ? 1 : 0))) await sleep(50);
    await sleep(500);
    uris.forEach((u, m) => assert.strictEqual(unknownMailers(lastFor(u)), versions[m] % 2 === 0 ? 1 : 0, `${u} shows version ${versions[m]}`));
    const publishes = c.notifications.slice(before).filter((m) => isPublish(m)).length;
    assert.ok(publishes <= edits * openDocs / 4, `${publishes} publishDiagnostics for ${edits} edits over ${openDocs} open documents`);
    assert.ok(hoverAnsweredAt <= stormEnd, `the hover sent mid-storm was answered ${hoverAnsweredAt - stormEnd} ms after the storm ended`);
  });

  it('re-checks a sibling only when what it reads changed: a plain map edit does not, a new MAILER in the mc does', async () => {
    const mcUri = pathToFileURL(path.join(dir, 'sendmail.mc')).href;
    const mtUri = pathToFileURL(path.join(dir, 'mailertable')).href;
    const acUri = pathToFileURL(path.join(dir, 'access')).href;
    const mt = 'a.example\tprocmail:/etc/procmailrc\nb.example\tesmtp:[mx.b.example]\n';
    const ac = 'From:spam.example\tREJECT\n';
    fs.writeFileSync(path.join(dir, 'mailertable'), mt);
    fs.writeFileSync(path.join(dir, 'access'), ac);
    await c.open(mcUri, 'sendmail-mc', MC);
    const first = await c.open(mtUri, 'sendmail-mailertable', mt);
    assert.strictEqual(first.filter((d: Json) => d.code === 'mailertable.unknown-mailer').length, 1, JSON.stringify(first));
    await c.open(acUri, 'sendmail-access', ac);
    await sleep(500);

    // A mistake typed into the access map: the access map is re-published, nothing else.
    const mark = c.notifications.length;
    const own = c.waitFor((m) => isPublish(m, acUri) && m.params.version === 2);
    c.notify('textDocument/didChange', { textDocument: { uri: acUri, version: 2 }, contentChanges: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'To:relay.example\tRELAYY\n' }] });
    assert.ok((await own).params.diagnostics.length > 0);
    await sleep(1000);
    const others = c.notifications.slice(mark).filter((m) => isPublish(m) && m.params.uri !== acUri).map((m) => m.params.uri);
    assert.deepStrictEqual(others, [], 'editing the access map re-published other documents');

    // MAILER(`procmail') in the mc: the mailertable is re-checked and its warning goes.
    const fixed = c.waitFor((m) => isPublish(m, mtUri) && unknownMailers(m) === 0, 5000);
    c.notify('textDocument/didChange', { textDocument: { uri: mcUri, version: 2 }, contentChanges: [{ range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, text: "MAILER(`procmail')dnl\n" }] });
    await fixed;
  });

  it('publishes nothing for an edit that leaves the diagnostics as they were', async () => {
    const uri = pathToFileURL(path.join(dir, 'mailertable')).href;
    const mt = 'a.example\tprocmail:/etc/procmailrc\n';
    fs.writeFileSync(path.join(dir, 'mailertable'), mt);
    await c.open(uri, 'sendmail-mailertable', mt);
    const mark = c.notifications.length;
    const change = (version: number, line: number, text: string) => c.notify('textDocument/didChange', {
      textDocument: { uri, version }, contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text }],
    });
    change(2, 1, '# a comment\n');
    await sleep(800);
    change(3, 2, '# another\n');
    await sleep(800);
    assert.deepStrictEqual(c.notifications.slice(mark).filter((m) => isPublish(m)), []);
    // ... while a change that moves the warning is published
    const moved = c.waitFor((m) => isPublish(m, uri) && m.params.version === 4);
    change(4, 0, '\n');
    assert.strictEqual((await moved).params.diagnostics[0].range.start.line, 1);
  });
});
