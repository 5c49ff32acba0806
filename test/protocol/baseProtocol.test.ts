// The LSP base protocol as the specification asks: a broken byte stream ends the server (so
// the client restarts it instead of talking to a deaf one), requests before `initialize` and
// after `shutdown` get the prescribed errors, `exit` sets the exit code, and a client that goes
// away (stdout closed) makes the server leave quietly.
import * as assert from 'node:assert';
import { LspClient } from './lspClient';

const raw = (c: LspClient, text: string) => c.proc.stdin.write(text);
const frame = (msg: object) => { const body = JSON.stringify(msg); return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`; };
const hover = { textDocument: { uri: 'file:///tmp/x/mailertable' }, position: { line: 0, character: 0 } };

describe('protocol: base protocol', function () {
  this.timeout(20000);
  const clients: LspClient[] = [];
  const client = () => { const c = new LspClient(); clients.push(c); return c; };
  afterEach(() => { for (const c of clients.splice(0)) if (c.proc.exitCode === null) c.proc.kill(); });

  describe('a broken byte stream ends the server with an error', () => {
    const cases: [string, () => string][] = [
      ['a header without Content-Length', () => 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}'],
      ['Content-Length: abc', () => 'Content-Length: abc\r\n\r\n{}'],
      ['a body that is not JSON', () => 'Content-Length: 5\r\n\r\nhello'],
      ['a 1 MB header line without an end', () => 'Content-Length: 2' + 'x'.repeat(1 << 20)],
    ];
    for (const [name, bytes] of cases) {
      it(name, async () => {
        const c = client();
        raw(c, bytes());
        const code = await c.exited(5000);
        assert.notStrictEqual(code, 0);
        assert.match(c.stderr, /sendmail-language-server: /, c.stderr);
      });
    }
  });

  it('reads well-formed messages however the bytes arrive (split anywhere, several per write, a Content-Type header)', async () => {
    const c = client();
    const init = frame({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
    for (let i = 0; i < init.length; i += 7) raw(c, init.slice(i, i + 7));
    const body = JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'textDocument/hover', params: hover });
    raw(c, frame({ jsonrpc: '2.0', method: 'initialized', params: {} }) + `Content-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n${body}`);
    const hoverAnswer = await new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('no answer to the hover')), 5000);
      c.proc.stdout.on('data', (d: Buffer) => { if (d.toString().includes('"id":2')) { clearTimeout(t); resolve(d.toString()); } });
    });
    assert.match(String(hoverAnswer), /"result":null/);
    assert.strictEqual(c.proc.exitCode, null);
  });

  it('answers a request before initialize with ServerNotInitialized (-32002) and drops notifications', async () => {
    const c = client();
    c.notify('textDocument/didOpen', { textDocument: { uri: 'file:///tmp/x/mailertable', languageId: 'sendmail-mailertable', version: 1, text: 'a.example\tnosuchmailer:x\n' } });
    const r = await c.call('textDocument/hover', hover);
    assert.strictEqual(r.error?.code, -32002, JSON.stringify(r));
    await c.initialize();
    // the didOpen sent before initialize was dropped: the document is unknown, so no hover
    assert.strictEqual(await c.request('textDocument/hover', hover), null);
    assert.ok(!c.notifications.some((m) => m.method === 'textDocument/publishDiagnostics'), JSON.stringify(c.notifications));
    await c.shutdown();
  });

  it('answers a request after shutdown with InvalidRequest (-32600); exit then ends with 0', async () => {
    const c = client();
    await c.initialize();
    assert.strictEqual((await c.call('shutdown', null)).error, undefined);
    const r = await c.call('textDocument/hover', hover);
    assert.strictEqual(r.error?.code, -32600, JSON.stringify(r));
    c.notify('exit', null);
    assert.strictEqual(await c.exited(), 0);
  });

  it('exit without shutdown ends with 1', async () => {
    const c = client();
    await c.initialize();
    c.notify('exit', null);
    assert.strictEqual(await c.exited(), 1);
  });

  it('exit before initialize ends with 1 (exit is never dropped)', async () => {
    const c = client();
    raw(c, frame({ jsonrpc: '2.0', method: 'exit' }));
    assert.strictEqual(await c.exited(), 1);
  });

  it('leaves quietly when the client is gone (stdout closed)', async () => {
    const c = client();
    await c.initialize();
    c.proc.stdout.destroy();
    c.notify('textDocument/didOpen', { textDocument: { uri: 'file:///tmp/x/mailertable', languageId: 'sendmail-mailertable', version: 1, text: 'a.example\tnosuchmailer:x\n' } });
    raw(c, frame({ jsonrpc: '2.0', id: 99, method: 'textDocument/hover', params: hover }));
    const code = await c.exited(5000);
    assert.notStrictEqual(code, null);
    assert.doesNotMatch(c.stderr, /Error|\n\s+at /, c.stderr);
  });
});
