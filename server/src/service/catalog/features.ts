// FEATURE(`...') entries. Facts from cf.README and sendmail-cf's feature/ directory; docs are ours.
import type { FeatureInfo } from './types';

export const FEATURES: FeatureInfo[] = [
  {
    name: 'mailertable',
    summary: 'Route domains to specific mailers and hosts with a map.',
    doc: 'Enables the mailertable map: for each recipient domain, sendmail looks up the host, then each parent `.domain`, then `.`, and sends with the `mailer:host` found.',
    args: '`[map definition]` — default `hash /etc/mail/mailertable`',
    example: "FEATURE(`mailertable', `hash -o /etc/mail/mailertable.db')dnl",
    map: { file: 'mailertable', defaultSpec: 'hash /etc/mail/mailertable' },
  },
];
