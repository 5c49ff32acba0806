// How to restart sendmail on this machine: systemd when it is running (systemctl), else the
// SysV `service` wrapper, else the init script.
import * as fs from 'node:fs';
import { executable } from './programs';

export interface RestartPlan { command: string; args: string[] }


export function restartPlan(exists: (p: string) => boolean = executable, systemdRunning = fs.existsSync('/run/systemd/system')): RestartPlan | undefined {
  const systemctl = ['/usr/bin/systemctl', '/bin/systemctl'].find(exists);
  if (systemctl && systemdRunning) return { command: systemctl, args: ['restart', 'sendmail'] };
  const service = ['/usr/sbin/service', '/sbin/service'].find(exists);
  if (service) return { command: service, args: ['sendmail', 'restart'] };
  if (exists('/etc/init.d/sendmail')) return { command: '/etc/init.d/sendmail', args: ['restart'] };
  return undefined;
}
