// One sendmail host of the test mail world: its own folder (sendmail.mc and the world.m4 it
// includes, sendmail.cf built by the real m4, queue, pid and status files, map sources and
// databases), its own syslog file, and the real sendmail run as that host (namespace.ts): as a
// daemon (`-bD`) listening on one loopback address, or once (`-q`, `-bt`, ...). Its SMTP
// mailers connect to the world's port.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { asHost, prepareHostRoot, type HostRoot } from './namespace';
import { startSyslog, type SyslogListener } from './syslog';
import { track } from './reaper';
import { waitForGreeting } from './smtp';

export const SENDMAIL = '/usr/sbin/sendmail';
export const MAKEMAP = '/usr/sbin/makemap';
export const CF_DIR = '/usr/share/sendmail/cf';

export interface SendmailHostOptions {
  /** Fully-qualified name ($j); also the host's name in its log lines (first label). */
  name: string;
  /** Loopback address the daemon listens on. */
  address: string;
  /** The world's SMTP port: the daemon listens on it and its SMTP mailers connect to it. */
  port: number;
  /** sendmail.mc lines between include(world.m4) and MAILER(local), MAILER(smtp); DIR stands for the host's folder, ADDR (a word) for its address. */
  mc?: string[];
  /** Files written into the host's folder first (DIR replaced); those named in `maps` are built with makemap. */
  files?: Record<string, string>;
  maps?: Record<string, 'hash' | 'btree'>;
  /** syslog tag (default sm-mta, as Debian's init script sets). */
  tag?: string;
}

/**
 * world.m4, which the host's sendmail.mc includes: what every host of the world sets (private
 * files, its resolver, short timeouts, one daemon on its address, SMTP mailers to the world's port).
 */
export function worldM4(o: SendmailHostOptions, dir: string, etc: string): string {
  return [
    'divert(-1)',
    '# The test mail world\'s settings for this host (test/unit/world/sendmailHost.ts).',
    'divert(0)dnl',
    `define(\`confDOMAIN_NAME', \`${o.name}')dnl`,
    `define(\`MAIL_SETTINGS_DIR', \`${dir}/')dnl`,
    `define(\`QUEUE_DIR', \`${dir}/queue')dnl`,
    `define(\`confPID_FILE', \`${dir}/sendmail.pid')dnl`,
    `define(\`STATUS_FILE', \`${dir}/statistics')dnl`,
    `define(\`ALIAS_FILE', \`${dir}/aliases')dnl`,
    `define(\`confSERVICE_SWITCH_FILE', \`${dir}/service.switch')dnl`,
    `define(\`confHOSTS_FILE', \`${etc}/hosts')dnl`,
    "define(`confDONT_BLAME_SENDMAIL', `MapInUnsafeDirPath')dnl",
    "define(`confDONT_PROBE_INTERFACES', `True')dnl",
    "define(`confTO_CONNECT', `5s')dnl", "define(`confTO_ICONNECT', `5s')dnl", "define(`confTO_INITIAL', `4s')dnl",
    "define(`confTO_IDENT', `0')dnl",
    ...['SMTP', 'ESMTP', 'SMTP8', 'DSMTP', 'RELAY'].map((m) => `define(\`${m}_MAILER_ARGS', \`TCP $h ${o.port}')dnl`),
    "FEATURE(`no_default_msa')dnl",
    `DAEMON_OPTIONS(\`Port=${o.port}, Addr=${o.address}, Name=MTA')dnl`,
    '',
  ].join('\n');
}

/** The host's sendmail.mc: cf.m4, OSTYPE, world.m4, then the host's own lines and MAILER(local), MAILER(smtp). */
export function hostMc(o: SendmailHostOptions, dir: string): string {
  return [
    `include(\`${CF_DIR}/m4/cf.m4')dnl`,
    "OSTYPE(`linux')dnl",
    `include(\`${dir}/world.m4')dnl`,
    ...(o.mc ?? []).map((l) => l.replace(/DIR/g, dir).replace(/\bADDR\b/g, o.address)),
    "MAILER(`local')dnl",
    "MAILER(`smtp')dnl",
    '',
  ].join('\n');
}

export interface RunResult { status: number | null; stdout: string; stderr: string }

export class SendmailHost {
  readonly dir: string;
  readonly root: HostRoot;
  readonly mcPath: string;
  readonly cfPath: string;
  readonly tag: string;
  log!: SyslogListener;
  private daemon: ChildProcess | undefined;
  private daemonErr = '';

  constructor(readonly options: SendmailHostOptions, worldDir: string, etc: string) {
    this.dir = path.join(worldDir, 'hosts', options.name);
    this.root = { name: options.name, dev: path.join(this.dir, 'dev'), etc };
    this.mcPath = path.join(this.dir, 'sendmail.mc');
    this.cfPath = path.join(this.dir, 'sendmail.cf');
    this.tag = options.tag ?? 'sm-mta';
  }

  get address(): string { return this.options.address; }
  get name(): string { return this.options.name; }
  /** The syslog file of this host. */
  get logFile(): string { return path.join(this.dir, 'mail.log'); }

  /** Writes the folder, builds sendmail.cf and the maps, starts the syslog listener. */
  async prepare(): Promise<void> {
    fs.mkdirSync(path.join(this.dir, 'queue'), { recursive: true, mode: 0o700 });
    prepareHostRoot(this.root);
    for (const [name, text] of Object.entries(this.options.files ?? {})) fs.writeFileSync(path.join(this.dir, name), text.replace(/DIR/g, this.dir));
    for (const [name, type] of Object.entries(this.options.maps ?? {})) {
      const src = path.join(this.dir, name);
      execFileSync(MAKEMAP, [type, src], { input: fs.readFileSync(src), stdio: ['pipe', 'ignore', 'pipe'] });
    }
    fs.writeFileSync(path.join(this.dir, 'aliases'), 'postmaster: root\nMAILER-DAEMON: postmaster\n');
    execFileSync(MAKEMAP, ['hash', path.join(this.dir, 'aliases')], { input: 'postmaster root\nmailer-daemon postmaster\n', stdio: ['pipe', 'ignore', 'pipe'] });
    fs.writeFileSync(path.join(this.dir, 'service.switch'), 'hosts\tdns files\naliases\tfiles\n');
    fs.writeFileSync(path.join(this.dir, 'statistics'), '');
    fs.writeFileSync(path.join(this.dir, 'world.m4'), worldM4(this.options, this.dir, this.root.etc));
    fs.writeFileSync(this.mcPath, hostMc(this.options, this.dir));
    fs.writeFileSync(this.cfPath, execFileSync('m4', [this.mcPath], { cwd: this.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
    this.log = await startSyslog(path.join(this.root.dev, 'log'), this.logFile, this.name.split('.')[0]);
  }

  /** Starts `sendmail -bD` as this host and waits for its greeting. */
  async startDaemon(timeoutMs = 30_000): Promise<void> {
    const { cmd, args } = asHost(this.root, SENDMAIL, ['-bD', '-C', this.cfPath, '-L', this.tag]);
    const p = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    this.daemon = p;
    const untrack = track(-p.pid!);
    p.once('exit', untrack);
    p.stderr?.on('data', (d: Buffer) => { this.daemonErr += d.toString(); });
    const died = new Promise<never>((_, reject) => p.once('exit', (code, sig) => reject(new Error(`sendmail -bD on ${this.name} exited (${code ?? sig}): ${this.daemonErr.trim()}`))));
    died.catch(() => undefined);
    await Promise.race([waitForGreeting(this.address, this.options.port, timeoutMs), died]);
  }

  /** Runs sendmail once as this host (e.g. ['-q'] for a queue run); its log lines go to this host's log. */
  run(args: string[], input = '', timeoutMs = 120_000): Promise<RunResult> {
    const { cmd, args: argv } = asHost(this.root, SENDMAIL, ['-C', this.cfPath, '-L', this.tag, ...args]);
    return new Promise((resolve, reject) => {
      const p = spawn(cmd, argv, { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
      const untrack = track(-p.pid!);
      let stdout = '', stderr = '';
      p.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
      p.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
      const timer = setTimeout(() => { try { process.kill(-p.pid!, 'SIGKILL'); } catch { /* gone */ } reject(new Error(`sendmail ${args.join(' ')} on ${this.name} did not finish in ${timeoutMs} ms`)); }, timeoutMs);
      p.on('error', (e) => { clearTimeout(timer); reject(e); });
      p.on('close', (status) => { clearTimeout(timer); untrack(); resolve({ status, stdout, stderr }); });
      p.stdin.on('error', () => undefined);
      p.stdin.end(input);
    });
  }

  /** Waits until no message of the queue is locked (being delivered): `sendmail -bp` marks those with '*'. */
  async idle(timeoutMs = 60_000): Promise<void> {
    for (const until = Date.now() + timeoutMs; ;) {
      const { stdout } = await this.run(['-bp']);
      if (!/^\w+\*/m.test(stdout)) return;
      if (Date.now() > until) throw new Error(`${this.name}: messages still being delivered after ${timeoutMs} ms:\n${stdout}`);
      await new Promise((r) => setTimeout(r, 300));
    }
  }

  /** Queue files (qf*) still waiting in this host's queue. */
  queued(): string[] {
    return fs.readdirSync(path.join(this.dir, 'queue')).filter((f) => f.startsWith('qf'));
  }

  /** Stops the daemon (its whole process group: delivery children too) and the syslog listener. */
  async stop(): Promise<void> {
    const p = this.daemon;
    this.daemon = undefined;
    if (p && p.exitCode === null && p.signalCode === null) {
      const exited = new Promise<void>((resolve) => p.once('exit', () => resolve()));
      try { process.kill(-p.pid!, 'SIGTERM'); } catch { /* already gone */ }
      const late = setTimeout(() => { try { process.kill(-p.pid!, 'SIGKILL'); } catch { /* gone */ } }, 10_000);
      await exited;
      clearTimeout(late);
    }
    await this.log?.close();
  }
}
