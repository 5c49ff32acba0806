// A minimal LSP client over stdio for protocol tests: starts the bundled server exactly as
// other editors do (`node dist/server.js --stdio`) and exchanges real JSON-RPC messages.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';

export const SERVER = path.resolve(__dirname, '../../../dist/server.js');

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export class LspClient {
  readonly proc: ChildProcessWithoutNullStreams;
  private buf = Buffer.alloc(0);
  private nextId = 1;
  private readonly waiting = new Map<number, (msg: Json) => void>();
  private readonly listeners: ((msg: Json) => void)[] = [];
  readonly notifications: Json[] = [];
  /** Requests the server sent to us (answered: configuration items by `configuration`, others with null). */
  readonly requests: Json[] = [];
  stderr = '';
  /** The answer to one workspace/configuration item (what the editor's settings say); none by default. */
  configuration: (item: Json) => Json = () => null;

  constructor(args: string[] = ['--stdio']) {
    this.proc = spawn(process.execPath, [SERVER, ...args], { stdio: 'pipe' });
    this.proc.stdout.on('data', (d: Buffer) => this.onData(d));
    this.proc.stderr.on('data', (d: Buffer) => { this.stderr += d.toString(); });
    this.proc.stdin.on('error', () => { /* the server is gone: exited() says how */ });
  }

  private onData(d: Buffer): void {
    this.buf = Buffer.concat([this.buf, d]);
    for (;;) {
      const sep = this.buf.indexOf('\r\n\r\n');
      if (sep < 0) return;
      const m = /Content-Length: (\d+)/i.exec(this.buf.subarray(0, sep).toString());
      if (!m) throw new Error('bad header');
      const len = Number(m[1]);
      if (this.buf.length < sep + 4 + len) return;
      const msg = JSON.parse(this.buf.subarray(sep + 4, sep + 4 + len).toString('utf8'));
      this.buf = this.buf.subarray(sep + 4 + len);
      this.dispatch(msg);
    }
  }

  private dispatch(msg: Json): void {
    if (msg.id !== undefined && msg.method === undefined) {
      this.waiting.get(msg.id)?.(msg);
      this.waiting.delete(msg.id);
      return;
    }
    if (msg.id !== undefined && msg.method) {
      // server -> client request (workspace/configuration, ...): answer with nulls
      this.requests.push(msg);
      const result = msg.method === 'workspace/configuration' ? (msg.params.items as Json[]).map((item) => this.configuration(item)) : null;
      this.write({ jsonrpc: '2.0', id: msg.id, result });
      return;
    }
    this.notifications.push(msg);
    for (const l of [...this.listeners]) l(msg);
  }

  private write(msg: Json): void {
    const body = Buffer.from(JSON.stringify(msg), 'utf8');
    this.proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin.write(body);
  }

  request(method: string, params: Json, timeoutMs = 10000): Promise<Json> {
    return this.call(method, params, timeoutMs).then((msg) => {
      if (msg.error) throw new Error(`${method}: ${msg.error.message}`);
      return msg.result;
    });
  }

  /** Sends a request and resolves with the whole response message (result or error). */
  call(method: string, params: Json, timeoutMs = 10000): Promise<Json> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`timeout waiting for ${method}`)), timeoutMs);
      this.waiting.set(id, (msg) => { clearTimeout(t); resolve(msg); });
      this.write({ jsonrpc: '2.0', id, method, params });
    });
  }

  /** Resolves with the exit code when the server process ends (null when killed), or rejects after `timeoutMs`. */
  exited(timeoutMs = 5000): Promise<number | null> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return Promise.resolve(this.proc.exitCode);
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`the server did not exit within ${timeoutMs} ms`)), timeoutMs);
      this.proc.once('exit', (code) => { clearTimeout(t); resolve(code); });
    });
  }

  notify(method: string, params: Json): void { this.write({ jsonrpc: '2.0', method, params }); }

  /** Resolves with the next notification that satisfies `pred` (including ones already received when `past`). */
  waitFor(pred: (msg: Json) => boolean, timeoutMs = 10000, past = false): Promise<Json> {
    if (past) { const hit = this.notifications.find(pred); if (hit) return Promise.resolve(hit); }
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('timeout waiting for notification')), timeoutMs);
      const l = (msg: Json) => {
        if (!pred(msg)) return;
        clearTimeout(t);
        this.listeners.splice(this.listeners.indexOf(l), 1);
        resolve(msg);
      };
      this.listeners.push(l);
    });
  }

  async initialize(rootUri: string | null = null, initializationOptions: Json = {}): Promise<Json> {
    const r = await this.request('initialize', { processId: process.pid, rootUri, capabilities: {}, initializationOptions });
    this.notify('initialized', {});
    return r;
  }

  /** Opens a document and waits for its first publishDiagnostics. */
  async open(uri: string, languageId: string, text: string): Promise<Json[]> {
    const p = this.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri);
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return (await p).params.diagnostics;
  }

  async shutdown(): Promise<void> {
    try { await this.request('shutdown', null, 3000); this.notify('exit', null); } catch { /* already gone */ }
    await new Promise<void>((r) => { if (this.proc.exitCode !== null) r(); else { this.proc.once('exit', () => r()); setTimeout(() => { this.proc.kill(); r(); }, 3000); } });
  }
}
