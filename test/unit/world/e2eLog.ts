// The mail log of the e2e workspace (test/fixtures/e2e-workspace/mail.log), written by the real
// sendmail in the test mail world with the routing of that workspace's sendmail.mc and
// mailertable: SMART_HOST mail.isp.example and the same mailertable (same lines). The world's
// DNS gives the names in them loopback addresses: mx.example.com refuses (nothing listens),
// gateway.example.net and mail.isp.example accept. So the log holds, for the e2e suite:
//   bob@example.com        mailertable line 2 (esmtp:[mx.example.com])  Deferred: Connection refused, twice
//   carol@host.example.net mailertable line 3 (relay:[gateway.example.net])  Sent
//   dave@example.org       SMART_HOST  Sent
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MailWorld } from './index';
import { ROOT } from '../helpers';

export const E2E_WORKSPACE = path.join(ROOT, 'test/fixtures/e2e-workspace');
export const E2E_LOG = path.join(E2E_WORKSPACE, 'mail.log');
export const E2E_RECIPIENTS = { deferred: 'bob@example.com', mailertable: 'carol@host.example.net', smartHost: 'dave@example.org' };

/** The routing lines of the e2e workspace's sendmail.mc (the other lines there do not route mail, or need files the world lacks). */
export function e2eRoutingMc(): string[] {
  const mc = fs.readFileSync(path.join(E2E_WORKSPACE, 'sendmail.mc'), 'utf8').split('\n');
  return mc.filter((l) => /^define\(`SMART_HOST'|^FEATURE\(`mailertable'\)/.test(l));
}

const statLines = (lines: string[], rcpt: string) => lines.filter((l) => l.includes(`<${rcpt}>`) && / stat=/.test(l)).length;

/** Runs the world and returns the sender's log lines. */
export async function produceE2eLog(): Promise<string[]> {
  const world = await MailWorld.start();
  try {
    const a = world.addresses;
    await world.addName('mx.example.com', a.refuse);
    await world.addName('gateway.example.net', a.accept);
    await world.addName('mail.isp.example', a.accept);
    const mailertable = fs.readFileSync(path.join(E2E_WORKSPACE, 'mailertable'), 'utf8');
    const host = await world.addHost({ name: 'mail.example.test', mc: e2eRoutingMc(), files: { mailertable }, maps: { mailertable: 'hash' } });
    const to = Object.values(E2E_RECIPIENTS);
    await world.send(host, { from: 'alice@mail.example.test', to, subject: 'e2e' });
    await host.log.waitFor((ls) => to.every((r) => statLines(ls, r) >= 1), 60_000, `delivery status for ${to.join(', ')}`);
    await host.idle();
    await host.run(['-q']);
    await host.log.waitFor((ls) => statLines(ls, E2E_RECIPIENTS.deferred) >= 2, 60_000, 'the second attempt');
    return host.log.lines();
  } finally { await world.stop(); }
}

/** What a log line says, without what differs from run to run (times, pids, queue ids, addresses of the world, sizes). */
export function shapeOf(line: string): string {
  return line.replace(/^\w{3} [ \d]\d \d\d:\d\d:\d\d /, '')
    .replace(/\[\d+\]/g, '[pid]')
    .replace(/\b[0-9A-Za-z]{8}\d{6}\b/g, 'QID')
    .replace(/\b127\.\d+\.\d+\.\d+\b/g, '127.x')
    .replace(/<\d{12}\.QID@/g, '<MSGID@')
    .replace(/\b(size|pri|delay|xdelay)=[\d:+]+/g, '$1=N');
}
