// Shared fixtures of the mail log tests: a configuration directory (sendmail.mc, mailertable)
// in an in-memory workspace, log line builders, and a service with a log open.
import { LanguageService, memoryWorkspace, type ServiceSettings } from '../../../server/src/service';

export const DIR = '/srv/mailcfg';
export const LOG = '/var/log/mail.log';
export const LOG_URI = `file://${LOG}`;

/** An mc whose line 12 (1-based) is the SMART_HOST define when `smartHost` is given. */
export function mc(opts: { mailertable?: boolean; smartHost?: string } = {}): string {
  return [
    'divert(-1)dnl',
    'dnl A test configuration.',
    'divert(0)dnl',
    "include(`/usr/share/sendmail/cf/m4/cf.m4')dnl",
    "VERSIONID(`maillog tests')dnl",
    "OSTYPE(`linux')dnl",
    "define(`confDOMAIN_NAME', `mail.example.test')dnl",
    opts.mailertable ? "FEATURE(`mailertable')dnl" : 'dnl no mailertable',
    "FEATURE(`use_cw_file')dnl",
    'dnl',
    'dnl the smart host:',
    opts.smartHost ? `define(\`SMART_HOST', \`${opts.smartHost}')dnl` : 'dnl no SMART_HOST',
    "MAILER(`local')dnl",
    "MAILER(`smtp')dnl",
    '',
  ].join('\n');
}

export const MAILERTABLE = '# routes\nexample.org\tesmtp:[mx.example.org]\n.isp.net\tesmtp:[mail.isp.net]\n';

export function configFiles(opts: { mailertable?: boolean; smartHost?: string } = {}, dir = DIR): Record<string, string> {
  return {
    [`${dir}/sendmail.mc`]: mc(opts),
    [`${dir}/local-host-names`]: 'mail.example.test\n',
    ...(opts.mailertable ? { [`${dir}/mailertable`]: MAILERTABLE } : {}),
  };
}

let second = 0;
/** A syslog line of sm-mta for a queue id. */
export function logLine(qid: string, rest: string, program = 'sm-mta[4242]'): string {
  const s = String(second++ % 60).padStart(2, '0');
  return `Jan  5 10:00:${s} mx.example.test ${program}: ${qid}: ${rest}`;
}

export const deferred = (qid: string, to: string, relay = 'pmx0.isp.net. [69.145.248.1]', reason = 'Connection timed out with pmx0.isp.net.') =>
  logLine(qid, `to=<${to}>, delay=00:05:00, xdelay=00:00:30, mailer=esmtp, pri=120000, relay=${relay}, dsn=4.0.0, stat=Deferred: ${reason}`);
export const sent = (qid: string, to: string, relay = 'pmx0.isp.net. [69.145.248.1]') =>
  logLine(qid, `to=<${to}>, delay=00:10:00, xdelay=00:00:01, mailer=esmtp, pri=240000, relay=${relay}, dsn=2.0.0, stat=Sent (ok 12345)`);
export const failed = (qid: string, to: string) =>
  logLine(qid, `to=<${to}>, delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=30000, relay=mx.example.org. [192.0.2.7], dsn=5.1.1, stat=User unknown`);
export const from = (qid: string, sender = 'alice@mail.example.test') =>
  logLine(qid, `from=<${sender}>, size=1234, class=0, nrcpts=1, msgid=<${qid}@mail.example.test>, proto=ESMTP, daemon=MTA, relay=localhost [127.0.0.1]`);

/** A service with `files` in memory and the log open (language sendmail-maillog). */
export function openLog(text: string, files: Record<string, string> = configFiles(), settings: ServiceSettings = { workspaceFolders: [DIR] }) {
  const svc = new LanguageService(memoryWorkspace({ ...files, [LOG]: text }), settings);
  svc.open(LOG_URI, 'sendmail-maillog', 1, text);
  return svc;
}

/** The position of the `nth` occurrence of `text` on line `line` of `doc`, plus `delta` characters. */
export function posOf(doc: string, line: number, text: string, delta = 1): { line: number; character: number } {
  const l = doc.split('\n')[line];
  const at = l.indexOf(text);
  if (at < 0) throw new Error(`"${text}" not on line ${line}: ${l}`);
  return { line, character: at + delta };
}
