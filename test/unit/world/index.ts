// A loopback mail world for tests: real sendmail daemons, a real DNS server, a syslog per host
// and the usual ways a delivery goes wrong, all on this machine, on addresses of one random
// 127.a.b.0/24 and one port, and stopped again by stop(). Every name resolves through the
// world's dnsmasq (dns.ts), which knows only the world's names; so no program of the world
// reaches an address outside 127.0.0.0/8.
//
//   ns.example.test       .1   dnsmasq
//   accept.example.test   .2   sendmail -bD that accepts mail for any domain and keeps it queued
//                              (mx.accept.example.test is its other name; route-mx.example.test
//                              has it as its MX)
//   refuse.example.test   .3   nothing listens: connection refused
//   silent.example.test   .4   accepts the TCP connection and never greets (a node net.Server)
//   refuse-mx, silent-mx  --   domains whose MX is refuse.example.test, silent.example.test
//   nowhere.example.test  --   does not resolve (NXDOMAIN, as every name the world does not know)
//   addName()                  more names (any domain) for addresses of the world
//   hosts added with addHost(): .10, .11, ... (senders, with their own mc, mailertable, ...),
//                              named host10.example.test, ... unless given a name
//
// Use (routedLogs.ts and e2eLog.ts are complete examples):
//   before(function () { skipUnlessWorld(this); });
//   const world = await MailWorld.start();
//   const host = await world.addHost({ mc: ["FEATURE(`mailertable')dnl"], files: { mailertable }, maps: { mailertable: 'hash' } });
//   await world.send(host, { from: 'a@route-mx.example.test', to: ['b@refuse-mx.example.test'] });
//   await host.log.waitFor((lines) => lines.some((l) => / stat=/.test(l)), 60_000); // its syslog (host.logFile)
//   await host.idle(); await host.run(['-q']);   // a queue run once the first attempt is over
//   await world.stop();                           // in after(), whatever happened
//
// Needs root (mount and UTS namespaces, dnsmasq on port 53 of a loopback address), sendmail,
// sendmail-cf, m4, makemap, unshare and dnsmasq: missingForWorld() says what is missing.
// Issue #13 (mail log) and #14 (delivery diagnosis) use it.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { DNSMASQ, startDns, type Dns } from './dns';
import { CF_DIR, MAKEMAP, SENDMAIL, SendmailHost, type SendmailHostOptions } from './sendmailHost';
import { sendMessage, type Message } from './smtp';

export { SendmailHost, type SendmailHostOptions } from './sendmailHost';
export { sendMessage, smtpConversation, type Message } from './smtp';
export type { SyslogListener } from './syslog';

export const DOMAIN = 'example.test';

/** Why the world cannot start here (undefined: it can). */
export function missingForWorld(): string | undefined {
  if (process.platform !== 'linux') return 'the mail world needs Linux namespaces';
  if (process.getuid?.() !== 0) return 'the mail world needs root (mount/UTS namespaces, dnsmasq on port 53 of a loopback address)';
  const runs = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
  for (const f of [SENDMAIL, MAKEMAP, DNSMASQ, `${CF_DIR}/m4/cf.m4`]) if (!fs.existsSync(f)) return `${f} is missing (scripts/ensure-system-deps.sh installs it)`;
  if (!runs('m4', ['--version'])) return 'GNU m4 is missing';
  if (!runs('unshare', ['--mount', '--uts', 'true'])) return 'unshare --mount --uts does not work here';
  return undefined;
}

/** Mocha: skips the block with the reason when the world cannot start. */
export function skipUnlessWorld(ctx: Mocha.Context): void {
  const why = missingForWorld();
  if (why) { console.log(`      (skipped: ${why})`); ctx.skip(); }
}

/** A free TCP port (on the wildcard address, so that nothing on the machine answers it on any loopback address). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '0.0.0.0', () => { const { port } = s.address() as net.AddressInfo; s.close(() => resolve(port)); });
  });
}

const refused = (address: string, port: number) => new Promise<boolean>((resolve) => {
  const c = net.connect(port, address);
  c.once('connect', () => { c.destroy(); resolve(false); });
  c.once('error', (e: NodeJS.ErrnoException) => resolve(e.code === 'ECONNREFUSED'));
});

export class MailWorld {
  readonly dir: string;
  readonly etc: string;
  readonly net: string;
  port = 0;
  dns: Dns | undefined;
  accept!: SendmailHost;
  private readonly hosts: SendmailHost[] = [];
  private silent: net.Server | undefined;
  private readonly silentSockets = new Set<net.Socket>();
  private nextHost = 10;

  private constructor() {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sendmail-world-'));
    this.etc = path.join(this.dir, 'etc');
    this.net = `127.${100 + Math.floor(Math.random() * 150)}.${1 + Math.floor(Math.random() * 250)}.`;
  }

  /** The world's addresses and names. */
  get addresses() { return { dns: this.net + '1', accept: this.net + '2', refuse: this.net + '3', silent: this.net + '4' }; }

  /** The hosts file of the world's DNS (A and PTR records), at start. */
  private hostsFile(): string {
    const a = this.addresses;
    return [`${a.dns}\tns.${DOMAIN}`, `${a.accept}\taccept.${DOMAIN} mx.accept.${DOMAIN}`, `${a.refuse}\trefuse.${DOMAIN}`, `${a.silent}\tsilent.${DOMAIN}`, ''].join('\n');
  }

  /** Starts DNS, the accepting daemon and the silent listener. Call stop() in any case. */
  static async start(): Promise<MailWorld> {
    const w = new MailWorld();
    try { await w.begin(); } catch (e) { await w.stop(); throw e; }
    return w;
  }

  private async begin(): Promise<void> {
    this.port = await freePort();
    const a = this.addresses;
    fs.mkdirSync(this.etc);
    // Programs of the world see these as /etc/hosts, /etc/resolv.conf and /etc/nsswitch.conf.
    fs.writeFileSync(path.join(this.etc, 'hosts'), `127.0.0.1\tlocalhost\n::1\tlocalhost\n`);
    fs.writeFileSync(path.join(this.etc, 'resolv.conf'), `nameserver ${a.dns}\noptions timeout:2 attempts:1\n`);
    fs.writeFileSync(path.join(this.etc, 'nsswitch.conf'), 'passwd: files\ngroup: files\nshadow: files\nhosts: files dns\n');
    const hostsFile = path.join(this.dir, 'dns-hosts');
    fs.writeFileSync(hostsFile, this.hostsFile());
    this.dns = await startDns(a.dns, {
      hostsFile,
      mx: {
        [`accept.${DOMAIN}`]: [[`mx.accept.${DOMAIN}`, 10]],
        [`route-mx.${DOMAIN}`]: [[`mx.accept.${DOMAIN}`, 10]],
        [`refuse-mx.${DOMAIN}`]: [[`refuse.${DOMAIN}`, 10]],
        [`silent-mx.${DOMAIN}`]: [[`silent.${DOMAIN}`, 10]],
      },
      zones: ['#'],
    });
    if (!(await refused(a.refuse, this.port))) throw new Error(`something answers on ${a.refuse}:${this.port}: the world cannot have a refusing host there`);
    this.silent = net.createServer((c) => { this.silentSockets.add(c); c.on('error', () => undefined); c.on('close', () => this.silentSockets.delete(c)); });
    await new Promise<void>((resolve, reject) => { this.silent!.once('error', reject); this.silent!.listen(this.port, a.silent, () => resolve()); });
    this.accept = await this.startHost({
      name: `accept.${DOMAIN}`, address: a.accept,
      // Accepts mail for any domain (it listens on a loopback address of the world only) and keeps
      // it in its queue (delivery mode queue-only): it never sends anything on.
      mc: ["FEATURE(`promiscuous_relay')dnl", "define(`confDELIVERY_MODE', `queueonly')dnl", "FEATURE(`accept_unresolvable_domains')dnl"],
    });
  }

  /** Adds a sendmail host (address host10, host11, ... of the world) and starts its daemon. */
  async addHost(o: Omit<SendmailHostOptions, 'address' | 'port' | 'name'> & { name?: string }): Promise<SendmailHost> {
    const n = this.nextHost++;
    const name = o.name ?? `host${n}.${DOMAIN}`;
    await this.dns!.addHost(name, this.net + n);
    return this.startHost({ ...o, name, address: this.net + n });
  }

  private async startHost(o: Omit<SendmailHostOptions, 'port'>): Promise<SendmailHost> {
    const h = new SendmailHost({ ...o, port: this.port }, this.dir, this.etc);
    this.hosts.push(h);
    await h.prepare();
    await h.startDaemon();
    return h;
  }

  /** Gives a name (any name, e.g. mx.example.com) an address of the world in its DNS: A and PTR records. */
  async addName(name: string, address: string): Promise<void> {
    if (!address.startsWith(this.net)) throw new Error(`${address} is not an address of the world (${this.net}0/24)`);
    await this.dns!.addHost(name, address);
  }

  /** Submits a message to a host of the world over SMTP. */
  send(host: SendmailHost, m: Message): Promise<string[]> {
    return sendMessage(host.address, this.port, m);
  }

  /** Stops everything the world started and removes its folder (unless keepFiles: the caller removes this.dir). */
  async stop(o: { keepFiles?: boolean } = {}): Promise<void> {
    for (const h of this.hosts.splice(0)) await h.stop().catch(() => undefined);
    for (const c of this.silentSockets) c.destroy();
    if (this.silent) await new Promise<void>((resolve) => this.silent!.close(() => resolve()));
    this.silent = undefined;
    await this.dns?.stop();
    this.dns = undefined;
    if (!o.keepFiles) fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
