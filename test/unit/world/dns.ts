// The loopback DNS of the test mail world: dnsmasq (Debian dnsmasq-base) on one 127.x address,
// port 53, answering from its command line only (--no-resolv, --no-hosts, no configuration
// file): A and PTR records from a hosts file of the world (--addn-hosts, read again on
// addHost), MX records (--mx-host), and NXDOMAIN for every other name (--local=/#/, as the
// root servers would answer: a TRY_AGAIN would make sendmail defer instead of trying the next
// address family). It forwards nothing, so no query leaves the machine.
import * as fs from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import { Resolver } from 'node:dns/promises';
import { track } from './reaper';

export const DNSMASQ = '/usr/sbin/dnsmasq';

export interface DnsRecords {
  /** A hosts file (address name...) dnsmasq answers A and PTR queries from. */
  hostsFile: string;
  /** Domain -> [MX host, preference] list. */
  mx: Record<string, [string, number][]>;
  /** Zones answered with NXDOMAIN for names not listed (example.test; '#' for all). */
  zones: string[];
}

export interface Dns {
  address: string;
  pid: number;
  /** Adds a name to the hosts file and waits until dnsmasq answers it. */
  addHost(name: string, ip: string): Promise<void>;
  stop(): Promise<void>;
}

export function dnsmasqArgs(address: string, r: DnsRecords): string[] {
  return [
    '--keep-in-foreground', '--conf-file=/dev/null', '--no-resolv', '--no-hosts', '--no-poll', '--no-negcache',
    '--bind-interfaces', `--listen-address=${address}`, '--port=53', '--pid-file=', '--user=root', '--log-facility=-',
    ...r.zones.map((z) => `--local=/${z}/`),
    `--addn-hosts=${r.hostsFile}`,
    ...Object.entries(r.mx).flatMap(([domain, list]) => list.map(([host, pref]) => `--mx-host=${domain},${host},${pref}`)),
  ];
}

/** Starts dnsmasq and waits until it answers for the first name of the hosts file. */
export async function startDns(address: string, records: DnsRecords, timeoutMs = 20_000): Promise<Dns> {
  const p: ChildProcess = spawn(DNSMASQ, dnsmasqArgs(address, records), { stdio: ['ignore', 'ignore', 'pipe'] });
  p.once('exit', track(p.pid!));
  let err = '';
  p.stderr?.on('data', (d: Buffer) => { err += d.toString(); });
  const exited = new Promise<void>((resolve) => p.once('exit', () => resolve()));
  const stop = async () => { if (p.exitCode === null && p.signalCode === null) { p.kill('SIGTERM'); await exited; } };
  const resolver = new Resolver({ timeout: 500, tries: 1 });
  resolver.setServers([address]);
  const answers = async (name: string, ip: string) => {
    for (const until = Date.now() + timeoutMs; ;) {
      if (p.exitCode !== null) throw new Error(`dnsmasq exited: ${err.trim()}`);
      try { if ((await resolver.resolve4(name)).includes(ip)) return; } catch { /* not (yet) known */ }
      if (Date.now() > until) throw new Error(`dnsmasq on ${address}:53 does not answer ${name}: ${err.trim()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const addHost = async (name: string, ip: string) => {
    fs.appendFileSync(records.hostsFile, `${ip}\t${name}\n`);
    p.kill('SIGHUP'); // dnsmasq reads its --addn-hosts files again
    await answers(name, ip);
  };
  const first = /^(\S+)\s+(\S+)/m.exec(fs.readFileSync(records.hostsFile, 'utf8'));
  try { if (first) await answers(first[2], first[1]); } catch (e) { await stop(); throw e; }
  return { address, pid: p.pid!, addHost, stop };
}
