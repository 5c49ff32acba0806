// The bundled server with a mail log over stdio: the deferral diagnostic names the mailertable
// line that routed the message, the relay= hover explains the route, the lines of one message
// are highlighted, and the code action's command makes the server show the mailertable line.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from './lspClient';

describe('protocol: mail log', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sendmail-maillog-'));
    fs.writeFileSync(path.join(dir, 'sendmail.mc'), "include(`/usr/share/sendmail/cf/m4/cf.m4')dnl\nFEATURE(`mailertable')dnl\nMAILER(`local')dnl\nMAILER(`smtp')dnl\n");
    fs.writeFileSync(path.join(dir, 'mailertable'), '# routes\n.isp.net\tesmtp:[mail.isp.net]\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('diagnostic, relay hover, highlights and the open-the-line command', async () => {
    const log = path.join(dir, 'mail.log');
    const text = [
      'Jan  5 10:00:01 mx sm-mta[1517]: oBMH9mVv001357: from=<a@mx.example>, size=10, class=0, nrcpts=1, proto=ESMTP, daemon=MTA, relay=localhost [127.0.0.1]',
      'Jan  5 10:00:02 mx sm-mta[1518]: oBMH9mVv001357: to=<bob@shop.isp.net>, delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=1, relay=mail.isp.net. [198.51.100.9], dsn=4.0.0, stat=Deferred: Connection timed out with mail.isp.net.',
      '',
    ].join('\n');
    fs.writeFileSync(log, text);
    const c = new LspClient();
    const shown: { uri: string; selection?: { start: { line: number } } }[] = [];
    const dispatch = (c as unknown as { dispatch: (m: { method?: string; params?: never }) => void }).dispatch.bind(c);
    (c as unknown as { dispatch: typeof dispatch }).dispatch = (m) => { if (m.method === 'window/showDocument') shown.push(m.params!); dispatch(m); };
    try {
      const init = await c.initialize(pathToFileURL(dir).toString(), { clientCommands: true });
      assert.strictEqual(init.capabilities.documentHighlightProvider, true);
      const uri = pathToFileURL(log).toString();
      // A plain-text client: the server knows the file by its name.
      const diags = await c.open(uri, 'plaintext', text);
      assert.strictEqual(diags.length, 1, JSON.stringify(diags));
      const [d] = diags;
      assert.deepStrictEqual([d.code, d.severity, d.range.start.line, d.source], ['maillog.deferred', 3, 1, 'sendmail']);
      assert.match(d.message, /mailertable line 2 \(`\.isp\.net esmtp:\[mail\.isp\.net\]`\) routes this domain/);
      assert.strictEqual(d.relatedInformation[0].location.uri, pathToFileURL(path.join(dir, 'mailertable')).toString());

      const hover = await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: text.split('\n')[1].indexOf('relay=') + 2 } });
      assert.match(hover.contents.value, /How sendmail chose it:\*\* mailertable line 2/);

      const hl = await c.request('textDocument/documentHighlight', { textDocument: { uri }, position: { line: 1, character: 40 } });
      assert.deepStrictEqual(hl.map((h: { range: { start: { line: number } } }) => h.range.start.line), [0, 1]);

      const actions = await c.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
      const open = actions.find((a: { title: string }) => a.title.startsWith('Open mailertable line 2'));
      assert.ok(open, JSON.stringify(actions));
      await c.request('workspace/executeCommand', { command: open.command.command, arguments: open.command.arguments });
      assert.deepStrictEqual(shown.map((s) => [s.uri, s.selection?.start.line]), [[pathToFileURL(path.join(dir, 'mailertable')).toString(), 1]]);
    } finally { await c.shutdown(); }
  });
});
