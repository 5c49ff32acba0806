// A minimal SMTP client for tests of the mail world: sends each command after the reply to the
// previous one, the message after DATA's 354, and returns the replies (multi-line replies
// joined with '\n'). Only ever connects to the loopback address it is given.
import * as net from 'node:net';

export interface Message { from: string; to: string[]; subject?: string; body?: string }

export function isLoopback(address: string): boolean {
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address) || address === '::1';
}

/** Raw conversation: `commands` in order; a command '.DATA' sends `data` (dot-stuffed, ended with CRLF.CRLF). */
export function smtpConversation(address: string, port: number, commands: string[], data = '', timeoutMs = 60_000): Promise<string[]> {
  if (!isLoopback(address)) return Promise.reject(new Error(`refusing to connect outside loopback: ${address}`));
  return new Promise((resolve, reject) => {
    const c = net.connect(port, address);
    const replies: string[] = [];
    let buf = '', block: string[] = [], next = 0;
    const timer = setTimeout(() => { c.destroy(); reject(new Error(`SMTP ${address}:${port}: no reply in time; so far: ${replies.join(' | ')}`)); }, timeoutMs);
    const send = () => {
      if (next >= commands.length) { c.end(); return; }
      const cmd = commands[next++];
      if (cmd === '.DATA') c.write(data.replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..').replace(/(\r\n)?$/, '\r\n') + '.\r\n');
      else c.write(cmd + '\r\n');
    };
    c.setEncoding('utf8');
    c.on('data', (d: string) => {
      buf += d;
      for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
        const line = buf.slice(0, nl).replace(/\r$/, '');
        buf = buf.slice(nl + 1);
        block.push(line);
        if (/^\d{3}-/.test(line)) continue;
        replies.push(block.join('\n'));
        block = [];
        send();
      }
    });
    c.on('error', (e) => { clearTimeout(timer); reject(e); });
    c.on('close', () => { clearTimeout(timer); resolve(replies); });
  });
}

/** Submits one message; resolves with the replies; rejects when the message was not accepted. */
export async function sendMessage(address: string, port: number, m: Message): Promise<string[]> {
  const text = [`From: <${m.from}>`, `To: ${m.to.map((t) => `<${t}>`).join(', ')}`, `Subject: ${m.subject ?? 'test'}`, '', m.body ?? 'test message', ''].join('\n');
  const replies = await smtpConversation(address, port, ['EHLO client.example.test', `MAIL FROM:<${m.from}>`, ...m.to.map((t) => `RCPT TO:<${t}>`), 'DATA', '.DATA', 'QUIT'], text);
  if (!replies.some((r) => /^250 .*(accepted|queued)/i.test(r))) throw new Error(`message not accepted: ${replies.join(' | ')}`);
  return replies;
}

/** Resolves with the greeting once `address:port` answers with 220; rejects after timeoutMs. */
export async function waitForGreeting(address: string, port: number, timeoutMs: number): Promise<string> {
  for (const until = Date.now() + timeoutMs; ;) {
    try {
      const [greeting] = await smtpConversation(address, port, ['QUIT'], '', 10_000);
      if (greeting?.startsWith('220')) return greeting;
    } catch { /* not listening yet */ }
    if (Date.now() > until) throw new Error(`no SMTP greeting on ${address}:${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
