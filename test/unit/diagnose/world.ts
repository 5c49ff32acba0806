// The mail world of the Diagnose delivery tests (issue #14), on top of test/unit/world: a DNS
// server of our own for the diagnosis (dnsmasq on .6 of the world: MX and A records for the
// test domains, NXDOMAIN for every other name, and slow.example.test forwarded to a UDP socket
// that never answers, so its lookups time out), and a "blocked port": listeners on port 25 of
// .5 and .7 held by a stopped process whose accept queue is full, so that the kernel drops
// every further connection attempt and connects time out, as behind a provider's filter.
// addSubmissionServer() adds the provider's submission server: a sendmail daemon whose MSA on
// port 587 offers STARTTLS (a throwaway certificate) and AUTH PLAIN LOGIN (Cyrus SASL's plugins)
// in clear too, so that a probe which never starts TLS sees the mechanisms.
// Everything stays on the world's 127.a.b.0/24.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as dgram from 'node:dgram';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { Resolver } from 'node:dns/promises';
import { DNSMASQ, dnsmasqArgs } from '../world/dns';
import { track } from '../world/reaper';
import { DOMAIN, MailWorld, missingForWorld, type SendmailHost } from '../world';
import { SENDMAIL } from '../world/sendmailHost';

export interface DiagnoseWorld {
  world: MailWorld;
  /** "ip:port" of the diagnosis's DNS server. */
  dnsServer: string;
  /** Addresses that drop connection attempts to port 25. */
  blocked: string[];
  stop(): Promise<void>;
}

const until = async (what: string, ok: () => Promise<boolean>, ms = 20_000) => {
  for (const end = Date.now() + ms; !(await ok());) {
    if (Date.now() > end) throw new Error(`${what}: not ready after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

/** A process listening (backlog 1) on port 25 of `addresses`, stopped, its accept queue filled. */
async function blockedPort(addresses: string[]): Promise<{ stop(): Promise<void> }> {
  const script = `const net = require('net'); let n = 0; const a = ${JSON.stringify(addresses)};
    for (const h of a) net.createServer().listen({ port: 25, host: h, backlog: 1 }, () => { if (++n === a.length) console.log('ready'); }).on('error', (e) => { console.error(e.message); process.exit(3); });`;
  const p: ChildProcess = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  const untrack = track(p.pid!);
  let err = '';
  p.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
  await new Promise<void>((resolve, reject) => {
    p.stdout!.once('data', () => resolve());
    p.once('exit', (code) => reject(new Error(`blocked-port listener exited ${code}: ${err}`)));
  });
  p.kill('SIGSTOP'); // accepts nothing from now on
  const fillers: net.Socket[] = [];
  for (const host of addresses) {
    // Connections complete into the accept queue until it is full; the next attempt hangs.
    for (let i = 0; i < 8; i++) {
      const c = net.connect({ port: 25, host });
      c.on('error', () => undefined);
      fillers.push(c);
      const connected = await new Promise<boolean>((r) => { c.once('connect', () => r(true)); setTimeout(() => r(false), 500); });
      if (!connected) break;
    }
  }
  return {
    async stop() {
      for (const c of fillers) c.destroy();
      const gone = new Promise((r) => p.once('exit', r));
      p.kill('SIGKILL');
      await gone;
      untrack();
    },
  };
}

/** The SASL mechanisms the submission server is configured to offer. */
export const SUBMISSION_MECHANISMS = ['PLAIN', 'LOGIN'];

/** Why the submission server cannot run here (undefined: it can). */
export function missingForSubmission(): string | undefined {
  const world = missingForWorld();
  if (world) return world;
  // The "Compiled with:" options of `sendmail -d0.1` name SASLv2; reading the binary avoids
  // running sendmail outside the world (it would wait 60 s for this machine's unqualified name).
  if (!fs.readFileSync(fs.realpathSync(SENDMAIL)).includes('SASLv2')) return `${SENDMAIL} is built without SASLv2 (no SMTP AUTH)`;
  if (spawnSync('openssl', ['version'], { stdio: 'ignore' }).status !== 0) return 'openssl is missing (scripts/ensure-system-deps.sh installs it)';
  const dirs = ['/usr/lib/sasl2', ...fs.readdirSync('/usr/lib').map((d) => `/usr/lib/${d}/sasl2`)].filter((d) => fs.existsSync(d));
  const plugin = (m: string) => dirs.some((d) => fs.readdirSync(d).some((f) => f.startsWith(`lib${m}.so`)));
  const missing = SUBMISSION_MECHANISMS.filter((m) => !plugin(m.toLowerCase()));
  return missing.length ? `Cyrus SASL's ${missing.join(' and ')} plugins are missing (libsasl2-modules; scripts/ensure-system-deps.sh installs it)` : undefined;
}

/**
 * The provider's submission server: a host of the world whose sendmail also listens on port 587
 * of its address (MSA: AUTH required for relaying, no ETRN), offers STARTTLS with a self-signed
 * certificate made here, and AUTH PLAIN LOGIN before STARTTLS too (AuthOptions without `p`).
 * Nobody has an account (an AUTH attempt fails and is logged): the probe never authenticates.
 */
export function addSubmissionServer(world: MailWorld, name = `submit.${DOMAIN}`): Promise<SendmailHost> {
  const tls = fs.mkdtempSync(path.join(world.dir, 'tls-'));
  const [cert, key] = [path.join(tls, 'cert.pem'), path.join(tls, 'key.pem')];
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${name}`, '-days', '2', '-keyout', key, '-out', cert], { stdio: 'ignore' });
  fs.chmodSync(key, 0o600); // sendmail refuses a key others can read
  const mechs = SUBMISSION_MECHANISMS.join(' ');
  return world.addHost({
    name,
    mc: [
      `define(\`confAUTH_MECHANISMS', \`${mechs}')dnl`, `TRUST_AUTH_MECH(\`${mechs}')dnl`, "define(`confAUTH_OPTIONS', `y')dnl",
      `define(\`confSERVER_CERT', \`${cert}')dnl`, `define(\`confSERVER_KEY', \`${key}')dnl`,
      `define(\`confCACERT', \`${cert}')dnl`, `define(\`confCACERT_PATH', \`${tls}')dnl`,
      // The certificate's path starts in /tmp (world-writable, sticky): TrustStickyBit accepts it.
      "define(`confDONT_BLAME_SENDMAIL', `MapInUnsafeDirPath,TrustStickyBit')dnl",
      "DAEMON_OPTIONS(`Port=587, Addr=ADDR, Name=MSA, M=Ea')dnl",
    ],
  });
}

export async function startDiagnoseWorld(extraHosts: (w: MailWorld) => Promise<[string, string][]> = async () => []): Promise<DiagnoseWorld> {
  const world = await MailWorld.start();
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => { for (const s of stops.splice(0).reverse()) await s().catch(() => undefined); await world.stop(); };
  try {
    const n = world.net;
    const blocked = [n + '5', n + '7'];
    const silentDns = dgram.createSocket('udp4');
    await new Promise<void>((r) => silentDns.bind(0, n + '8', () => r()));
    stops.push(async () => { silentDns.close(); });
    const more = await extraHosts(world);
    const hostsFile = path.join(world.dir, 'diagnose-dns-hosts');
    fs.writeFileSync(hostsFile, [
      `${n}2\tmx.accept.${DOMAIN}`, `${n}3\trefuse.${DOMAIN}`, `${n}4\tsilent.${DOMAIN}`,
      `${blocked[0]}\tmx1.blocked.${DOMAIN}`, `${blocked[1]}\tmx2.blocked.${DOMAIN}`, `${n}3\tnomx.${DOMAIN}`,
      ...more.map(([name, ip]) => `${ip}\t${name}`), '',
    ].join('\n'));
    const address = n + '6';
    const args = [...dnsmasqArgs(address, {
      hostsFile, zones: ['#'],
      mx: {
        [`accept.${DOMAIN}`]: [[`mx.accept.${DOMAIN}`, 10]],
        [`blocked.${DOMAIN}`]: [[`mx1.blocked.${DOMAIN}`, 10], [`mx2.blocked.${DOMAIN}`, 20]],
        [`refuse-mx.${DOMAIN}`]: [[`refuse.${DOMAIN}`, 10]],
        [`silent-mx.${DOMAIN}`]: [[`silent.${DOMAIN}`, 10]],
      },
    }), `--server=/slow.${DOMAIN}/${n}8#${(silentDns.address() as net.AddressInfo).port}`];
    const dns = spawn(DNSMASQ, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    const untrack = track(dns.pid!);
    stops.push(async () => { const gone = new Promise((r) => dns.once('exit', r)); dns.kill('SIGTERM'); await gone; untrack(); });
    const resolver = new Resolver({ timeout: 500, tries: 1 });
    resolver.setServers([address]);
    await until('the diagnosis DNS', async () => (await resolver.resolve4(`mx.accept.${DOMAIN}`).catch(() => [])).length > 0);
    const port = await blockedPort(blocked);
    stops.push(() => port.stop());
    return { world, dnsServer: `${address}:53`, blocked, stop };
  } catch (e) { await stop(); throw e; }
}
