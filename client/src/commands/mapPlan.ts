// Which database each map source becomes, as sendmail.mc declares it:
//   FEATURE(`mailertable', `btree -o /etc/mail/mailertable')  -> makemap btree /etc/mail/mailertable
//   FEATURE(`access_db')                                       -> hash, <MAIL_SETTINGS_DIR>access(.db)
// The default type is DATABASE_MAP_TYPE (hash unless defined) and the default directory
// MAIL_SETTINGS_DIR (/etc/mail/). Map flags that change the keys (-N, -f) are passed to makemap.
// The spec itself is read by the service's parseMapSpec (tables/mapSpec.ts), as the map checks read it.
import * as path from 'node:path';
import { diskWorkspace } from '../../../server/src/service/workspace';
import { loadMcConfig, type McConfig } from '../../../server/src/service/mc/config';
import { MAP_FEATURE } from '../../../server/src/service/tables/env';
import { LOCAL_DB_TYPES, databaseFor, parseMapSpec, withoutDbExtension } from '../../../server/src/service/tables/mapSpec';

/** FEATUREs whose map is built by makemap, with the file name they use by default (the map languages' table). */
export const MAP_FEATURES: Record<string, string> = Object.fromEntries(
  Object.values(MAP_FEATURE).flatMap((m) => (m ? [[m.feature, m.file]] : [])),
);

export interface MapPlan {
  feature: string;
  /** makemap database type: hash, btree, cdb, ... */
  type: string;
  /** Source text file (what the user edits). */
  source: string;
  /** The database file sendmail opens (source + .db / .cdb). */
  database: string;
  /** Flags for makemap derived from the map definition. */
  makemapFlags: string[];
  /** Set when the declared map is not something makemap builds (ldap, nis, ...). */
  unsupported?: string;
}

function planOne(cfg: McConfig | undefined, feature: string, spec: string | undefined, dir: string): MapPlan {
  const defaultType = cfg?.defines.get('DATABASE_MAP_TYPE') || 'hash';
  const settingsDir = cfg?.defines.get('MAIL_SETTINGS_DIR') || (dir.endsWith('/') ? dir : dir + '/');
  const { type, file, keyFlags } = parseMapSpec(spec, defaultType);
  const source = withoutDbExtension(file ? path.resolve(dir, file) : settingsDir + MAP_FEATURES[feature]);
  const plan: MapPlan = { feature, type, source, database: databaseFor(type, source), makemapFlags: keyFlags };
  if (!LOCAL_DB_TYPES.includes(type)) plan.unsupported = `${feature} is declared as a ${type} map; makemap builds only local database files`;
  return plan;
}

/** All makemap-built maps the mc in `dir` declares. */
export function planMaps(dir: string, cfg: McConfig | undefined = loadMcConfig(diskWorkspace(), dir)): MapPlan[] {
  const plans: MapPlan[] = [];
  for (const f of cfg?.features ?? []) {
    if (!(f.name in MAP_FEATURES) || plans.some((p) => p.feature === f.name)) continue;
    plans.push(planOne(cfg, f.name, f.args[0], dir));
  }
  return plans;
}

/** The plan for one source file: the map whose source is this file, else by file name, else hash beside it. */
export function planForSource(file: string, cfg: McConfig | undefined = loadMcConfig(diskWorkspace(), path.dirname(file))): MapPlan {
  const plans = planMaps(path.dirname(file), cfg);
  const abs = path.resolve(file);
  const bySource = plans.find((p) => path.resolve(p.source) === abs);
  if (bySource) return bySource;
  const feature = Object.keys(MAP_FEATURES).find((k) => MAP_FEATURES[k] === path.basename(file));
  const defaultType = cfg?.defines.get('DATABASE_MAP_TYPE') || 'hash';
  return { feature: feature ?? path.basename(file), type: defaultType, source: abs, database: databaseFor(defaultType, abs), makemapFlags: [] };
}
