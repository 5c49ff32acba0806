// A map FEATURE whose database is missing. sendmail only ever opens the database (never the
// source), so it behaves the same whether the source was never built or never created: it
// prints `hash map "access": missing map file /etc/mail/access.db` and every lookup in the map
// fails temporarily. Checked with sendmail 8.17 over SMTP (-bs) and -bt, with and without a
// source (test/unit/mc/realSendmailMapDatabases.test.ts):
//  - access_db: every MAIL FROM but the empty one (<>) gets "451 4.3.0 Temporary system failure";
//  - mailertable: recipients on other hosts get "Recipient ok (will queue)" (local ones are not
//    looked up in it; -bt: "Ruleset 0 (0) status 75");
//  - virtusertable: recipients on this machine and its VIRTUSER_DOMAINs are only queued;
//  - domaintable: every recipient is only queued (each address is looked up in canonify);
//  - bitdomain / uucpdomain: recipients in .BITNET / .UUCP are only queued.
// With -o (optional) sendmail runs without the map: mail flows, but none of its entries apply.
// Reported only for the live configuration (isLivePath): a never-built source always; a FEATURE
// with neither source nor database only when not optional (-o: nothing was meant and nothing
// breaks), when the folder listing shows both absent (an untrusted workspace may not see them),
// and for the FEATUREs whose effect above was checked.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { feature as featureInfo } from '../../catalog';
import { LOCAL_DB_TYPES, databaseFor, parseMapSpec, withoutDbExtension } from '../../tables/mapSpec';
import { diag, isLivePath, type McContext } from '../context';
import { certain, firstArg, lastDefine } from '../model';

const WHAT_HAPPENS: Record<string, string> = {
  access_db: 'answers every MAIL FROM but <> (bounces) with "451 4.3.0 Temporary system failure"',
  mailertable: 'accepts mail for other hosts but only queues it ("Recipient ok (will queue)") instead of delivering it',
  virtusertable: 'accepts mail for local and virtual domains but only queues it ("Recipient ok (will queue)")',
  domaintable: 'accepts all mail but only queues it ("Recipient ok (will queue)"): every address is looked up in it',
  bitdomain: 'accepts mail for .BITNET hosts but only queues it ("Recipient ok (will queue)")',
  uucpdomain: 'accepts mail for .UUCP hosts but only queues it ("Recipient ok (will queue)")',
};

const dirOf = (file: string) => file.replace(/\/[^/]*$/, '') || '/';
const baseOf = (file: string) => file.slice(file.lastIndexOf('/') + 1);

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
    if (!isLivePath(mc, db) || mc.ws.mtime(db) !== undefined) continue;
    // -o (optional): sendmail runs without the map — checked: MAIL FROM is accepted — so the entries simply do not apply.
    const optional = /(^|\s)-o(\s|$)/.test(spec);
    const range = [f.call.start, f.call.close !== undefined ? f.call.close + 1 : f.call.nameEnd] as const;
    const missingMapFile = `sendmail prints "missing map file" and ${WHAT_HAPPENS[name] ?? 'fails every lookup in it temporarily, so the mail that needs it is only queued'}`;
    if (mc.ws.mtime(source) !== undefined) {
      // The source is there but was never built (the common case).
      const happens = optional
        ? `${db} does not exist. The map is optional (-o), so sendmail runs without it: none of its entries are in effect`
        : `${db} does not exist, so ${missingMapFile}`;
      out.push(diag(mc, range[0], range[1], DiagnosticSeverity.Warning, 'mc.map-database-missing',
        `${source} was never built: ${happens}. Build it: makemap ${type} ${source} < ${source} (or "Sendmail: Rebuild All Map Databases").`));
      continue;
    }
    // Neither source nor database: the same outage. Only where the folder can be listed and
    // shows neither (mtime is also undefined for a file an untrusted workspace may not read).
    if (optional || !WHAT_HAPPENS[name]) continue;
    const names = mc.ws.listDir(dirOf(source)); // the database is beside its source
    if (!names || names.includes(baseOf(source)) || names.includes(baseOf(db))) continue;
    const mcDir = dirOf(mc.path);
    const make = mc.ws.mtime(`${mcDir}/Makefile`) !== undefined ? ` (or make -C ${mcDir})` : '';
    out.push(diag(mc, range[0], range[1], DiagnosticSeverity.Warning, 'mc.map-database-missing',
      `Neither ${source} nor ${db} exists, so ${missingMapFile}. Create the source (even empty) and build it: makemap ${type} ${source} < ${source}${make}; or add -o if the map is optional; or remove this FEATURE.`));
  }
  return out;
}
