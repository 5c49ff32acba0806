// define(`conf...') options: the sendmail.cf option each sets and its default. Facts from cf.README.
import type { OptionInfo } from './types';

export const OPTIONS: OptionInfo[] = [
  {
    name: 'confMAX_DAEMON_CHILDREN',
    cfOption: 'O MaxDaemonChildren',
    default: '0 (no limit)',
    summary: 'Maximum number of child processes the daemon forks to accept mail.',
    doc: 'When this many children are running, new SMTP connections are refused until some finish. Protects the host from overload.',
    example: "define(`confMAX_DAEMON_CHILDREN', `50')dnl",
    valueType: 'number',
  },
];
