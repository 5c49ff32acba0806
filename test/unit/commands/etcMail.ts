// Test helpers for the command modules: a private copy of test/fixtures/etc-mail in a temp
// dir (with __ETC_MAIL__ replaced by that dir), and the sendmail binary to use.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';

export const ROOT = path.resolve(__dirname, '../../../..');
export const ETC_MAIL_FIXTURE = path.join(ROOT, 'test/fixtures/etc-mail');
export const SENDMAIL = '/usr/sbin/sendmail';
export const MAKEMAP = '/usr/sbin/makemap';

export function tempDir(prefix = 'sendmail-cmd-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Copies the fixture into a fresh temp dir; returns the dir. */
export function copyEtcMail(dest = tempDir()): string {
  for (const name of fs.readdirSync(ETC_MAIL_FIXTURE)) {
    const text = fs.readFileSync(path.join(ETC_MAIL_FIXTURE, name), 'utf8');
    fs.writeFileSync(path.join(dest, name), text.replace(/__ETC_MAIL__/g, dest));
  }
  return dest;
}

export function rmrf(dir: string): void { fs.rmSync(dir, { recursive: true, force: true }); }

/**
 * The sendmail to run in tests. sendmail sleeps 60 s at start when the machine's host name is
 * not fully qualified (as on this build VM, hostname "vm"). When that is the case and we may
 * create a UTS namespace, a wrapper runs the same /usr/sbin/sendmail with a qualified host
 * name in its own namespace; nothing about sendmail's behaviour is changed otherwise.
 */
export function sendmailForTests(dir: string): string {
  if (os.hostname().includes('.')) return SENDMAIL;
  try { execFileSync('unshare', ['-u', 'true'], { stdio: 'ignore' }); } catch { return SENDMAIL; }
  const wrapper = path.join(dir, 'sendmail-fqdn.sh');
  fs.writeFileSync(wrapper, `#!/bin/sh\nexec unshare -u sh -c 'hostname mail.example.test && exec ${SENDMAIL} "$@"' sh "$@"\n`, { mode: 0o755 });
  return wrapper;
}

/** Builds the maps the fixture declares, with plain makemap (independent of the code under test). */
export function buildFixtureMaps(dir: string): void {
  execFileSync(MAKEMAP, ['hash', path.join(dir, 'mailertable')], { input: fs.readFileSync(path.join(dir, 'mailertable')) });
  execFileSync(MAKEMAP, ['btree', path.join(dir, 'access')], { input: fs.readFileSync(path.join(dir, 'access')) });
}

/** What plain `m4 sendmail.mc` in the mc's directory prints (the reference output). */
/** cf.m4 stamps the build time ("##### built by root@host on <date>"): compare without it. */
export function withoutBuildStamp(cf: string): string {
  return cf.replace(/^##### built by .*$/m, '##### built by (stamp removed)');
}

export function plainM4(dir: string, mc = 'sendmail.mc'): string {
  return execFileSync('m4', [mc], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export const CF_DIR = '/usr/share/sendmail/cf';

/**
 * Mocha hooks for a describe block that runs the real m4 and sendmail: a temp dir with a queue/
 * folder, and a sendmail that starts without the 60 s wait (sendmailForTests). The block is
 * skipped when the tools — or the extra commands in `alsoNeeds`, e.g. [['openssl', 'version']] —
 * are missing. The fields are filled in before the first test runs.
 */
export function realSendmailSandbox(prefix: string, alsoNeeds: string[][] = []): { dir: string; sendmail: string } {
  const box = { dir: '', sendmail: '' };
  before(function () {
    const runs = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
    if (!fs.existsSync(`${CF_DIR}/m4/cf.m4`) || !fs.existsSync(SENDMAIL) || !runs('m4', ['--version']) || alsoNeeds.some(([c, ...a]) => !runs(c, a))) this.skip();
    box.dir = tempDir(prefix);
    fs.mkdirSync(path.join(box.dir, 'queue'));
    box.sendmail = sendmailForTests(box.dir);
  });
  after(() => { if (box.dir) rmrf(box.dir); });
  return box;
}

/**
 * A sendmail.mc for tests in `dir`: cf.m4 from the installed tree, OSTYPE(linux), a qualified $j,
 * maps allowed in the temp dir, the queue in dir/queue, then `lines`, then MAILER(local) and (smtp).
 */
export function testMc(dir: string, lines: string[]): string {
  return [
    `include(\`${CF_DIR}/m4/cf.m4')dnl`, "OSTYPE(`linux')dnl", "define(`confDOMAIN_NAME', `mail.example.test')dnl",
    "define(`confDONT_BLAME_SENDMAIL', `MapInUnsafeDirPath')dnl", `define(\`QUEUE_DIR', \`${dir}/queue')dnl`,
    ...lines, "MAILER(`local')dnl", "MAILER(`smtp')dnl", '',
  ].join('\n');
}
