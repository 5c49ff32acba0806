// Minimal stdio LSP client for the benchmark (same Content-Length framing as
// test/protocol/lspClient.ts, in plain JS so the bench needs no build of its own).
import { spawn } from 'node:child_process';

export class Lsp {
  constructor(serverPath) {
    this.proc = spawn(process.execPath, [serverPath, '--stdio'], { stdio: 'pipe' });
    // Received chunks, joined only when a header or a whole message is there: joining and
    // searching a growing buffer on every 64 KB chunk would make a 2 MB message cost the harness
    // more than the server (and inflate the edit times of files with many diagnostics).
    this.chunks = [];
    this.have = 0;
    /** Offset just past the message being received (0: its header is not read yet) and where its body starts. */
    this.end = 0;
    this.body = 0;
    this.id = 1;
    this.waiting = new Map();
    this.listeners = [];
    this.bytes = new Map(); // JSON bytes received per notification method
    this.proc.stdout.on('data', (d) => this.onData(d));
    this.proc.stderr.on('data', (d) => process.stderr.write(d));
  }
  joined() {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0] ?? Buffer.alloc(0);
  }
  onData(d) {
    this.chunks.push(d);
    this.have += d.length;
    for (;;) {
      if (this.end === 0) {
        const head = this.joined();
        const sep = head.indexOf('\r\n\r\n');
        if (sep < 0) return;
        this.body = sep + 4;
        this.end = this.body + Number(/Content-Length: (\d+)/i.exec(head.subarray(0, sep).toString())[1]);
      }
      if (this.have < this.end) return;
      const buf = this.joined();
      const len = this.end - this.body;
      const msg = JSON.parse(buf.subarray(this.body, this.end).toString('utf8'));
      const rest = buf.subarray(this.end);
      this.chunks = rest.length ? [rest] : [];
      this.have = rest.length;
      this.end = 0;
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
