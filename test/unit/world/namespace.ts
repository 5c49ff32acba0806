// Runs a program of the test mail world as one of its hosts: in a private mount namespace
// where /dev is a folder of the test (the real null, zero, random and urandom bound in, and
// a log socket of our own: syslog.ts), /etc/hosts, /etc/resolv.conf and /etc/nsswitch.conf
// are the world's (names resolve through its loopback DNS only: dns.ts), and in a private UTS
// namespace with a fully-qualified host name (sendmail does not sleep 60 s at start). Nothing
// of this is visible outside the namespace; the machine's own files are never written.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The private folders of one host of the world. */
export interface HostRoot {
  /** Fully-qualified host name. */
  name: string;
  /** Bound over /dev: holds `log` (the syslog socket) and the devices. */
  dev: string;
  /** Holds hosts, resolv.conf and nsswitch.conf (shared by the world's hosts). */
  etc: string;
}

const DEVICES = ['null', 'zero', 'random', 'urandom'];

/** Fixed script: $1 dev folder, $2 etc folder, $3 host name, then the program and its arguments. */
const SCRIPT = [
  'dev=$1 etc=$2 name=$3; shift 3',
  `for f in ${DEVICES.join(' ')}; do mount --bind "/dev/$f" "$dev/$f" || exit 97; done`,
  'mount --rbind "$dev" /dev || exit 97',
  'for f in hosts resolv.conf nsswitch.conf; do mount --bind "$etc/$f" "/etc/$f" || exit 97; done',
  'hostname "$name" || exit 97',
  'exec "$@"',
].join('\n');

/** Creates the host's dev folder (empty files the devices are bound onto). */
export function prepareHostRoot(root: HostRoot): void {
  fs.mkdirSync(root.dev, { recursive: true });
  for (const d of DEVICES) fs.writeFileSync(path.join(root.dev, d), '');
}

/** The command line that runs `program args` as this host (unshare, then the fixed script). */
export function asHost(root: HostRoot, program: string, args: string[]): { cmd: string; args: string[] } {
  return { cmd: 'unshare', args: ['--mount', '--uts', '--propagation', 'private', '--', 'sh', '-c', SCRIPT, 'sh', root.dev, root.etc, root.name, program, ...args] };
}
