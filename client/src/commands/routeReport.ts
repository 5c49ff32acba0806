// What Test route tells the person: the route sendmail picked (or the model's, labelled as a
// model when sendmail could not be asked), and every point where the two disagree.
import type { RouteAnswer, MailertableEntry } from '../../../server/src/service/route';
import type { RouteTestResult } from './routeTest';

export function disagreements(real: RouteTestResult, model: RouteAnswer): string[] {
  if (!real.ok) return [];
  const out: string[] = [];
  // -bt names the error mailer *error*
  const norm = (s: string | undefined) => (s === '*error*' ? 'error' : (s ?? '').toLowerCase());
  if (norm(real.mailer) !== norm(model.mailer)) out.push(`mailer: sendmail says ${real.mailer}, the model says ${model.mailer}`);
  if (model.mailer !== 'local' && norm(real.host) !== norm(model.host)) out.push(`host: sendmail says ${real.host ?? '(none)'}, the model says ${model.host ?? '(none)'}`);
  if (norm(real.user) !== norm(model.user)) out.push(`user: sendmail says ${real.user}, the model says ${model.user}`);
  // After aliases: compared only when both forward (the model cannot see accounts or LOCAL_USER).
  const [ra, ma] = [real.afterAliases, model.afterAliases];
  if (ra && ma && (norm(ra.mailer) !== norm(ma.mailer) || norm(ra.host) !== norm(ma.host))) out.push(`after aliases: sendmail forwards to ${ra.mailer}:${ra.host ?? ''}, the model to ${ma.mailer}:${ma.host ?? ''}`);
  const realKey = real.mailertable?.key;
  if (realKey !== undefined && realKey !== model.matched?.key) out.push(`mailertable: sendmail matched "${realKey}", the model matched ${model.matched ? `"${model.matched.key}"` : 'nothing'}`);
  return out;
}

/** Line of the mailertable source that holds `key`. */
export function lineOfKey(entries: MailertableEntry[] | undefined, key: string | undefined): number | undefined {
  return key === undefined ? undefined : entries?.find((e) => e.key === key)?.line;
}

type Route = { mailer?: string; host?: string; user?: string; mx?: boolean };

export function summarize(address: string, r: Route & { afterAliases?: Route }, matched: string | undefined, label: string): string {
  const f = r.afterAliases;
  const where = r.mailer === 'local' && f ? `a local address, but after alias expansion sendmail forwards user ${r.user} to ${f.host} by mailer ${f.mailer} (${f.mx ? 'MX records of that host are looked up' : 'no MX lookup'}), as MAIL_HUB, LOCAL_RELAY or LUSER_RELAY in sendmail.mc say`
    : r.mailer === 'local' ? `delivered locally to user ${r.user}`
    : r.mailer === 'error' || r.mailer === '*error*' ? `rejected${r.host ? ` with status ${r.host}` : ''}: ${r.user}`
    : `sent by mailer ${r.mailer} to ${r.host} (${r.mx ? 'MX records of that host are looked up' : 'no MX lookup: the host is used as written'}), recipient ${r.user}`;
  return `${label}: ${address} is ${where}${matched ? `; decided by mailertable ${matched}` : ''}.`;
}
