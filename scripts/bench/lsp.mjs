// Minimal stdio LSP client for the benchmark (same Content-Length framing as
// test/protocol/lspClient.ts, in plain JS so the bench needs no build of its own).
import { spawn } from 'node:child_process';

export class Lsp {
  constructor(serverPath) {
    this.proc = spawn(process.execPath, [serverPath, '--stdio'], { stdio: 'pipe' });
    this.buf = Buffer.alloc(0);
    this.id = 1;
    this.waiting = new Map();
    this.listeners = [];
    this.bytes = new Map(); // JSON bytes received per notification method
    this.proc.stdout.on('data', (d) => this.onData(d));
    this.proc.stderr.on('data', (d) => process.stderr.write(d));
  }
  onData(d) {
    this.buf = this.buf.length ? Buffer.concat([this.buf, d]) : d;
    for (;;) {
      const sep = this.buf.indexOf('\r\n\r\n');
      if (sep < 0) return;
      const len = Number(/Content-Length: (\d+)/i.exec(this.buf.subarray(0, sep).toString())[1]);
      if (this.buf.length < sep + 4 + len) return;
      const msg = JSON.parse(this.buf.subarray(sep + 4, sep + 4 + len).toString('utf8'));
      this.buf = this.buf.subarray(sep + 4 + len);
      if (msg.id !== undefined && msg.method === undefined) { this.waiting.get(msg.id)?.(msg); this.waiting.delete(msg.id); }
      else if (msg.id !== undefined) this.write({ jsonrpc: '2.0', id: msg.id, result: msg.method === 'workspace/configuration' ? msg.params.items.map(() => null) : null });
      else {
        this.bytes.set(msg.method, (this.bytes.get(msg.method) ?? 0) + len);
        for (const l of [...this.listeners]) l(msg);
      }
    }
  }
  write(msg) {
    const json = JSON.stringify(msg);
    // Pure-ASCII JSON (every generated map) is its own UTF-8: copy it as latin1 instead of
    // running the UTF-8 encoder over 9-42 MB, so the harness does not inflate the open time.
    const body = Buffer.byteLength(json, 'utf8') === json.length ? Buffer.from(json, 'latin1') : Buffer.from(json, 'utf8');
    this.proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin.write(body);
  }
  request(method, params) {
    const id = this.id++;
    return new Promise((resolve) => { this.waiting.set(id, (m) => resolve(m.result)); this.write({ jsonrpc: '2.0', id, method, params }); });
  }
  notify(method, params) { this.write({ jsonrpc: '2.0', method, params }); }
  waitFor(pred, timeoutMs = 120000) {
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('timeout')), timeoutMs);
      const l = (m) => { if (!pred(m)) return; clearTimeout(t); this.listeners.splice(this.listeners.indexOf(l), 1); resolve(m); };
      this.listeners.push(l);
    });
  }
  diagnosticsFor(uri, version) {
    return this.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && (version === undefined || m.params.version === version));
  }
  async stop() {
    await Promise.race([this.request('shutdown', null), new Promise((r) => setTimeout(r, 3000))]);
    this.notify('exit', null);
    setTimeout(() => this.proc.kill(), 2000).unref();
  }
}
