// What one DAEMON_OPTIONS(`Port=smtp, Addr=127.0.0.1, Name=MTA') line makes sendmail do, in
// words, for hover. sendmail (daemon.c) reads the key=value pairs by the key's first letter
// (A, F, M, N, P, ...), so `Addr`, `Address` and `A` are the same key. Facts from the
// Installation and Operation Guide (DaemonPortOptions); the Debian sendmail.mc listens on
// 127.0.0.1 only, which is the classic "why does nobody's mail reach me" question.

export interface DaemonSpec { name?: string; port?: string; addr?: string; family?: string; modifiers?: string }

export function parseDaemonOptions(value: string): DaemonSpec {
  const out: DaemonSpec = {};
  for (const part of value.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    // Quotes left in the value (DAEMON_OPTIONS(``Port=25,Name=MTA'')) are not part of a key or value.
    const key = part.slice(0, eq).trim().replace(/^[`']+/, '');
    const val = part.slice(eq + 1).trim().replace(/[`']+$/, '');
    switch (key[0]) {
      case 'N': out.name = val; break;
      case 'P': out.port = val; break;
      case 'A': out.addr = val; break;
      case 'F': out.family = val.toLowerCase(); break;
      case 'M': out.modifiers = val; break;
      default: break;
    }
  }
  return out;
}

const PORTS: Record<string, string> = { smtp: '25', submission: '587', smtps: '465' };

const MODIFIERS: Record<string, string> = {
  a: 'requires AUTH from every client (for a submission port, never for a public MTA)',
  b: 'sends onward mail from the interface the message came in on',
  c: 'canonifies host names',
  f: 'requires fully qualified host names',
  s: 'speaks SMTP over TLS from the first byte (SMTPS)',
  u: 'accepts unqualified addresses (no @domain)',
  A: 'offers no AUTH at all',
  C: 'does not canonify host names',
  E: 'refuses ETRN',
  O: 'is optional: if the socket cannot be opened, sendmail carries on without it',
  S: 'does not offer STARTTLS',
};

function isLoopback(addr: string): boolean {
  return /^127\./.test(addr) || addr === '::1' || /^(0{0,4}:){1,7}0{0,3}1$/.test(addr) || addr.toLowerCase() === 'localhost';
}
const isAny = (addr: string | undefined) => !addr || addr === '0.0.0.0' || addr === '::' || addr === 'INADDR_ANY';

/**
 * Markdown: where the daemon listens and what that means for who can send mail to it; with
 * `clash` (another daemon holds its port, see checks/daemons.ts) that it cannot listen at all.
 */
export function describeDaemon(value: string, clash?: string): string {
  const d = parseDaemonOptions(value);
  if (clash) {
    const label = d.name ? ` \`${d.name}\`` : '';
    return `**Daemon${label} cannot listen**: ${clash} sendmail prints "cannot bind: Address already in use", retries for about 50 seconds and exits, so no daemon runs and nobody can connect.`;
  }
  const family = d.family ?? 'inet';
  const label = d.name ? ` \`${d.name}\`` : '';
  if (family === 'local' || family === 'unix') {
    return `**Daemon${label}** listens on the local socket \`${d.addr ?? '(no Addr= path)'}\`: only programs on this machine can connect.`;
  }
  const port = d.port ?? 'smtp';
  const number = PORTS[port] ?? port;
  const where = `${number}${number !== port ? ` (${port})` : ''}`;
  const ip = family === 'inet6' ? 'IPv6' : 'IPv4';
  const lines: string[] = [];
  if (isAny(d.addr)) {
    lines.push(`**Daemon${label}** listens on port ${where} on every ${ip} address of this machine: other hosts can connect${family === 'inet6' ? '' : ' (add a `Family=inet6` daemon to accept IPv6 too)'}.`);
  } else if (isLoopback(d.addr!)) {
    lines.push(`**Daemon${label}** listens on port ${where} on ${d.addr} (loopback) only: programs on this machine can send through it, but **no other host can deliver mail here**. To receive mail from the network, remove \`Addr=${d.addr}\` (or write \`Addr=${family === 'inet6' ? '::' : '0.0.0.0'}\`) and rebuild sendmail.cf.`);
  } else {
    lines.push(`**Daemon${label}** listens on port ${where} on ${d.addr} only (the interface with that address), ${ip}.`);
  }
  const mods = [...(d.modifiers ?? '')].filter((c) => MODIFIERS[c]).map((c) => `\`${c}\` ${MODIFIERS[c]}`);
  if (mods.length) lines.push(`Modifiers: ${mods.join('; ')}.`);
  return lines.join('\n\n');
}

/** One daemon sendmail.cf will open: from a DAEMON_OPTIONS line, or one cf.m4 adds by itself. */
export interface Daemon {
  name: string;
  family: string;
  /** Port number (undefined: a service name we cannot resolve, or a local socket). */
  port: number | undefined;
  /** Listening address, '' for every address of the family. */
  addr: string;
  /** Offset of the DAEMON_OPTIONS call; undefined for cf.m4's own daemons. */
  at: number | undefined;
}

export function daemonOf(value: string, at: number | undefined, fallbackName: string): Daemon {
  const d = parseDaemonOptions(value);
  const family = (d.family ?? 'inet').toLowerCase();
  const p = d.port ?? 'smtp';
  const port = /^\d+$/.test(p) ? Number(p) : PORTS[p] ? Number(PORTS[p]) : undefined;
  return { name: d.name ?? fallbackName, family, port: family === 'local' || family === 'unix' ? undefined : port, addr: isAny(d.addr) ? '' : d.addr!.toLowerCase(), at };
}

/**
 * Can both daemons not listen at once? Same family and port, and the same address or one of them
 * on every address (Linux refuses a second listening socket then: sendmail 8.17 prints "daemon
 * MSA: cannot bind: Address already in use" and exits after about 50 s, test/unit/claims).
 */
export function daemonsClash(a: Daemon, b: Daemon): boolean {
  return a.port !== undefined && a.port === b.port && a.family === b.family && (a.addr === b.addr || a.addr === '' || b.addr === '');
}
