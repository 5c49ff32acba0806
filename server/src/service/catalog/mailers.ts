// MAILER(`...') files and the mailer names each defines. Facts from sendmail-cf's mailer/ directory.
import type { MailerInfo } from './types';

export const MAILERS: MailerInfo[] = [
  {
    file: 'smtp',
    defines: ['smtp', 'esmtp', 'smtp8', 'dsmtp', 'relay'],
    summary: 'SMTP delivery over the network.',
    doc: 'Defines the SMTP mailers: `smtp` (plain SMTP), `esmtp` (extended SMTP, the usual choice), `smtp8` (8-bit without MIME conversion), `dsmtp` (on-demand delivery, ETRN) and `relay` (used for SMART_HOST, MAIL_HUB and LUSER_RELAY).',
    example: "MAILER(`smtp')dnl",
  },
];
