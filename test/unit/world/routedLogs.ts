// Real sendmail logs of the three ways a remote address is routed (see route/explain.ts):
// three senders in one mail world, each with its own sendmail.mc (and mailertable), deliver
// to the world's accepting, refusing, silent and unresolvable hosts; after the first attempt,
// one queue run (`sendmail -q`) tries the deferred ones again. Each sender's folder keeps its
// sendmail.mc, world.m4, mailertable and mail.log (its syslog file) after the world stopped.
//
//   mailertable  sender-mt.example.test: FEATURE(`mailertable'), no SMART_HOST
//   smartHost    sender-smart.example.test: SMART_HOST(`[accept.example.test]')
//   mx           sender-mx.example.test: neither (MX records, else the host itself)
//
// Produced once per mocha process (about 30 s) and removed when the process exits.
import * as fs from 'node:fs';
import { MailWorld, DOMAIN, type SendmailHost } from './index';

export interface SenderLog {
  /** The sender's folder: sendmail.mc, world.m4, mailertable (mailertable sender), mail.log. */
  dir: string;
  mcPath: string;
  logPath: string;
  /** The sender's log lines. */
  lines: string[];
}

export interface RoutedLogs {
  mailertable: SenderLog;
  smartHost: SenderLog;
  mx: SenderLog;
  /** The accepting host's log (it queues what it accepts). */
  accept: SenderLog;
  /** Addresses of the world (they differ from run to run). */
  addresses: MailWorld['addresses'];
}

export const FROM = `alice@route-mx.${DOMAIN}`;

export const MAILERTABLE = [
  '# Partners: straight to their server, no MX lookup.',
  `partner.${DOMAIN}\tesmtp:[accept.${DOMAIN}]`,
  `.partner.${DOMAIN}\tesmtp:[accept.${DOMAIN}]`,
  '# A partner whose server is down (nothing listens).',
  `down.${DOMAIN}\tesmtp:[refuse.${DOMAIN}]`,
  '# A partner whose server takes the connection and never greets.',
  `slow.${DOMAIN}\tesmtp:[silent.${DOMAIN}]`,
  '# A relay name that does not exist.',
  `lost.${DOMAIN}\tesmtp:[nowhere.${DOMAIN}]`,
  '',
].join('\n');

/** Recipients per sender, and which of them end deferred (tried again by the queue run). */
export const RECIPIENTS = {
  mailertable: {
    to: [`bob@partner.${DOMAIN}`, `carol@sales.partner.${DOMAIN}`, `dave@down.${DOMAIN}`, `erin@slow.${DOMAIN}`, `frank@lost.${DOMAIN}`, `grace@route-mx.${DOMAIN}`],
    deferred: [`dave@down.${DOMAIN}`, `erin@slow.${DOMAIN}`],
  },
  smartHost: { to: [`henry@route-mx.${DOMAIN}`, `irene@partner.${DOMAIN}`], deferred: [] as string[] },
  mx: {
    to: [`judy@route-mx.${DOMAIN}`, `kim@refuse-mx.${DOMAIN}`, `leo@silent-mx.${DOMAIN}`, `mia@nowhere.${DOMAIN}`],
    deferred: [`kim@refuse-mx.${DOMAIN}`, `leo@silent-mx.${DOMAIN}`],
  },
};

/** Delivery lines (to=... stat=) that list `rcpt` (a mailer may send several recipients at once: to=<a>,<b>). */
const statLines = (lines: string[], rcpt: string) => lines.filter((l) => / to=/.test(l) && / stat=/.test(l) && (l.includes(`to=<${rcpt}>`) || l.includes(`,<${rcpt}>`))).length;

/** Sends one message to `to` and waits until each recipient has a stat= line. */
async function deliver(world: MailWorld, host: SendmailHost, to: string[]): Promise<void> {
  await world.send(host, { from: FROM, to, subject: `test from ${host.name}` });
  await host.log.waitFor((ls) => to.every((r) => statLines(ls, r) >= 1), 60_000, `delivery status for ${to.join(', ')}`);
}

/**
 * One queue run, waiting until each deferred recipient has a second stat= line and, when
 * something bounced, the sender has one too (sendmail queues the DSN for the next queue run).
 */
async function queueRun(host: SendmailHost, deferred: string[], bounced: boolean): Promise<void> {
  await host.idle(); // a queue run skips messages still locked by the first attempt
  await host.run(['-q']);
  const waitFor = (ls: string[]) => deferred.every((r) => statLines(ls, r) >= 2) && (!bounced || statLines(ls, FROM) >= 1);
  await host.log.waitFor(waitFor, 60_000, `second attempt for ${deferred.join(', ')}${bounced ? ` and the DSN to ${FROM}` : ''}`);
}

const senderLog = (h: SendmailHost): SenderLog => ({ dir: h.dir, mcPath: h.mcPath, logPath: h.logFile, lines: h.log.lines() });

async function produce(): Promise<RoutedLogs> {
  const world = await MailWorld.start();
  try {
    const [mt, smart, mx] = [
      await world.addHost({ name: `sender-mt.${DOMAIN}`, mc: ["FEATURE(`mailertable')dnl"], files: { mailertable: MAILERTABLE }, maps: { mailertable: 'hash' } }),
      await world.addHost({ name: `sender-smart.${DOMAIN}`, mc: [`define(\`SMART_HOST', \`[accept.${DOMAIN}]')dnl`] }),
      await world.addHost({ name: `sender-mx.${DOMAIN}` }),
    ];
    await Promise.all([
      deliver(world, mt, RECIPIENTS.mailertable.to),
      deliver(world, smart, RECIPIENTS.smartHost.to),
      deliver(world, mx, RECIPIENTS.mx.to),
    ]);
    await Promise.all([queueRun(mt, RECIPIENTS.mailertable.deferred, true), queueRun(mx, RECIPIENTS.mx.deferred, true)]);
    const out = { mailertable: senderLog(mt), smartHost: senderLog(smart), mx: senderLog(mx), accept: senderLog(world.accept), addresses: world.addresses };
    await world.stop({ keepFiles: true });
    process.once('exit', () => fs.rmSync(world.dir, { recursive: true, force: true }));
    return out;
  } catch (e) {
    await world.stop();
    throw e;
  }
}

let produced: Promise<RoutedLogs> | undefined;

/** The logs, produced on first use (callers check missingForWorld() first). */
export function routedLogs(): Promise<RoutedLogs> {
  produced ??= produce();
  return produced;
}
