// The LSP base protocol around the server: the transport (stdio, node IPC or the client's named
// pipe), what ends the process, and the lifecycle rules of the specification.
//  - Bytes we cannot read as messages (a bad Content-Length, a header that never ends) or a
//    client that is gone (stdout closed) end the server, so the client restarts it instead
//    of talking to a deaf one; a closed stdout is no error worth a stack trace.
//  - Before `initialize`, requests get ServerNotInitialized and notifications are dropped
//    (except `exit`); after `shutdown`, requests get InvalidRequest.
import {
  ErrorCodes, IPCMessageReader, IPCMessageWriter, Message, StreamMessageReader, StreamMessageWriter,
  createServerPipeTransport, type MessageReader, type MessageStrategy, type MessageWriter, type RequestMessage, type ResponseMessage,
} from 'vscode-languageserver/node';

/** A header is a few dozen bytes; vscode-jsonrpc would buffer (and rescan) an endless one forever. */
const MAX_HEADER_BYTES = 64 * 1024;

/**
 * Watches the client's bytes beside the message reader and destroys the stream with an error
 * when a message header runs past `max` bytes without its blank line. It follows the framing
 * only to tell headers from bodies; the message reader itself reports every other framing error.
 */
export function limitHeaders(input: NodeJS.ReadStream, max = MAX_HEADER_BYTES): void {
  let head = Buffer.alloc(0); // the unfinished header at the end of the last chunk
  let body = 0; // bytes of the current body still to come
  input.on('data', (chunk: Buffer) => {
    let i = 0;
    while (i < chunk.length) {
      if (body > 0) {
        const n = Math.min(body, chunk.length - i);
        body -= n;
        i += n;
        continue;
      }
      const seen = Buffer.concat([head, chunk.subarray(i, i + max + 4)]);
      const end = seen.indexOf('\r\n\r\n');
      if (end < 0) {
        if (seen.length > max) input.destroy(new Error(`a message header longer than ${max} bytes`));
        else head = seen;
        return;
      }
      body = Number(/^content-length:[ \t]*(\d+)[ \t]*$/im.exec(seen.subarray(0, end).toString('latin1'))?.[1] ?? 0);
      i += end + 4 - head.length;
      head = Buffer.alloc(0);
    }
  });
}

type Phase = 'starting' | 'running' | 'shut down';

export interface Transport {
  reader: MessageReader;
  writer: MessageWriter;
  /** stdout carries the protocol: nothing else may write there. */
  stdio: boolean;
  /** Enforces the lifecycle rules (ConnectionOptions.messageStrategy). */
  lifecycle: MessageStrategy;
}

/** Where the client is: `--node-ipc`, `--pipe=NAME` (or `--pipe NAME`), else stdio. */
function connect(args: string[]): [MessageReader, MessageWriter, boolean] {
  if (args.includes('--node-ipc')) return [new IPCMessageReader(process), new IPCMessageWriter(process), false];
  const i = args.findIndex((a) => a === '--pipe' || a.startsWith('--pipe='));
  const pipe = i < 0 ? undefined : args[i].startsWith('--pipe=') ? args[i].slice(7) : args[i + 1];
  if (pipe) return [...createServerPipeTransport(pipe), false];
  limitHeaders(process.stdin);
  return [new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout), true];
}

/** Opens the transport the command line names, wired to end the process as described above. */
export function openTransport(args: string[]): Transport {
  const [reader, writer, stdio] = connect(args);
  let phase: Phase = 'starting';
  const exitCode = () => (phase === 'shut down' ? 0 : 1);
  // Subscribed before the connection's own handlers, so nothing runs after a fatal error.
  reader.onError((e) => {
    process.stderr.write(`sendmail-language-server: cannot read the client's messages (${e.message.split('\n')[0]}); exiting\n`);
    process.exit(1);
  });
  reader.onClose(() => process.exit(exitCode()));
  writer.onError(() => process.exit(exitCode())); // the client is gone: nobody to tell
  writer.onClose(() => process.exit(exitCode()));

  const refuse = (msg: RequestMessage, code: number, message: string) => {
    const response: ResponseMessage = { jsonrpc: '2.0', id: msg.id, error: { code, message } };
    writer.write(response).catch(() => { /* writer.onError exits */ });
  };
  const lifecycle: MessageStrategy = {
    handleMessage(msg, next) {
      if (Message.isRequest(msg)) {
        if (phase === 'starting' && msg.method !== 'initialize') return refuse(msg, ErrorCodes.ServerNotInitialized, 'the server is not initialized yet');
        if (phase === 'shut down') return refuse(msg, ErrorCodes.InvalidRequest, 'the server is shut down');
        if (msg.method === 'initialize') phase = 'running';
        else if (msg.method === 'shutdown') phase = 'shut down';
      } else if (Message.isNotification(msg) && phase !== 'running' && msg.method !== 'exit') {
        return; // dropped, as the specification asks
      }
      next(msg);
    },
  };
  return { reader, writer, stdio, lifecycle };
}
