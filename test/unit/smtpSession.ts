// A real SMTP conversation with `sendmail -bs` for tests: each command is sent after the
// reply to the previous one (sendmail treats input sent before its greeting as a protocol
// error). Returns one entry per reply, the lines of a multi-line reply joined with '\n'.
import { spawn } from 'node:child_process';

/**
 * The conversation, with the reply-shaped lines sendmail prints before its 220 greeting (a
 * missing map's `451 4.0.0 hash map "access": missing map file ...`) apart in `early`: they are
 * not answered, since input sent before the greeting is a protocol error.
 */
export function smtpConversation(sendmail: string, cf: string, commands: string[], timeoutMs = 150_000): Promise<{ early: string[]; replies: string[] }> {
  return new Promise((resolve, reject) => {
    const p = spawn(sendmail, ['-C', cf, '-bs'], { stdio: ['pipe', 'pipe', 'ignore'] });
    const early: string[] = [], replies: string[] = [];
    let buf = '', block: string[] = [], next = 0, greeted = false;
    const timer = setTimeout(() => { p.kill(); reject(new Error(`no answer from sendmail -bs; so far: ${[...early, ...replies].join(' | ')}`)); }, timeoutMs);
    p.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl).replace(/\r$/, '');
        buf = buf.slice(nl + 1);
        if (!/^\d{3}[ -]/.test(line)) continue; // not a reply line (warnings)
        if (!greeted && !line.startsWith('220')) { early.push(line); continue; }
        greeted = true;
        block.push(line);
        if (line[3] === '-') continue; // more lines of this reply follow
        replies.push(block.join('\n'));
        block = [];
        if (next < commands.length) p.stdin.write(`${commands[next++]}\r\n`);
        else p.stdin.end();
      }
    });
    p.stdin.on('error', () => { /* sendmail hung up first (EPIPE): its replies so far are the answer */ });
    p.on('error', (e) => { clearTimeout(timer); reject(e); });
    p.on('close', () => { clearTimeout(timer); resolve({ early, replies }); });
  });
}

export function smtpSession(sendmail: string, cf: string, commands: string[], timeoutMs = 150_000): Promise<string[]> {
  return smtpConversation(sendmail, cf, commands, timeoutMs).then((c) => c.replies);
}
