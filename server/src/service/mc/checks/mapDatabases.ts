// A map FEATURE whose database was never built. sendmail then prints `hash map "access":
// missing map file /etc/mail/access.db` and every lookup fails temporarily — checked with
// sendmail 8.17 over SMTP (-bs): without access.db every MAIL FROM gets "451 4.3.0 Temporary
// system failure"; without mailertable.db or virtusertable.db recipients are accepted but the
// mail is only queued ("Recipient ok (will queue)"). With -o (optional) sendmail runs without
// the map: mail flows, but none of its entries apply.
// Reported when the source exists (never built), and only for the live configuration (isLivePath).
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { feature as featureInfo } from '../../catalog';
import { LOCAL_DB_TYPES, databaseFor, parseMapSpec, withoutDbExtension } from '../../tables/mapSpec';
import { diag, isLivePath, type McContext } from '../context';
import { certain, firstArg, lastDefine } from '../model';

const WHAT_HAPPENS: Record<string, string> = {
  access_db: 'answers every MAIL FROM with "451 4.3.0 Temporary system failure", so no mail gets in',
  mailertable: 'accepts mail but only queues it ("Recipient ok (will queue)") instead of delivering it',
  virtusertable: 'accepts mail for this machine and its virtual domains but only queues it ("Recipient ok (will queue)")',
};

export function mapDatabaseChecks(mc: McContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (!mc.path) return out;
  const define = (name: string) => lastDefine(mc.model, name, true)?.args[1]?.trim();
  const settingsDir = (define('MAIL_SETTINGS_DIR') || '/etc/mail/').replace(/\/?$/, '/');
  const defaultType = define('DATABASE_MAP_TYPE') || 'hash';
  for (const f of mc.model.features) {
    const name = firstArg(f);
    const map = featureInfo(name)?.map;
    if (!map || !certain(f)) continue;
    const spec = (f.args[1] ?? '').trim();
    if (/[`'$()]/.test(spec)) continue; // built with m4 macros: not a literal path
    const { type, file } = parseMapSpec(spec || undefined, defaultType);
    if (!LOCAL_DB_TYPES.includes(type)) continue;
    const source = withoutDbExtension(file ?? `${settingsDir}${map.file}`);
    if (!source.startsWith('/')) continue;
    const db = databaseFor(type, source);
    // The source is there but was never built (the common case; without a source nobody can tell what was meant).
    if (!isLivePath(mc, db) || mc.ws.mtime(db) !== undefined || mc.ws.mtime(source) === undefined) continue;
    // -o (optional): sendmail runs without the map — checked: MAIL FROM is accepted — so the entries simply do not apply.
    const optional = /(^|\s)-o(\s|$)/.test(spec);
    const happens = optional
      ? `${db} does not exist. The map is optional (-o), so sendmail runs without it: none of its entries are in effect`
      : `${db} does not exist, so sendmail prints "missing map file" and ${WHAT_HAPPENS[name] ?? 'fails every lookup in it temporarily, so the mail that needs it is only queued'}`;
    out.push(diag(mc, f.call.start, f.call.close !== undefined ? f.call.close + 1 : f.call.nameEnd, DiagnosticSeverity.Warning, 'mc.map-database-missing',
      `${source} was never built: ${happens}. Build it: makemap ${type} ${source} < ${source} (or "Sendmail: Rebuild All Map Databases").`));
  }
  return out;
}
