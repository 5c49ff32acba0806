// Whole-file checks: is the map used at all (FEATURE in the mc), and is its database current.
import type { TableEnv } from './env';
import { MAP_FEATURE, dbPathFor } from './env';
import { parseMapSpec } from './mapSpec';
import type { WorkspaceView } from '../workspace';
import type { LanguageId } from '../types';
import { issue, WARNING, type Issue } from './issues';

export function fileIssues(languageId: LanguageId, env: TableEnv, ws: WorkspaceView, firstLineLength: number): Issue[] {
  const out: Issue[] = [];
  const mf = MAP_FEATURE[languageId];
  if (mf && env.mc && !env.hasFeature(mf.feature)) {
    const line = `FEATURE(\`${mf.feature}')dnl`;
    out.push(issue('table.feature-missing', WARNING, 0, firstLineLength,
      `${env.mc.path} has no FEATURE(\`${mf.feature}'): sendmail never reads this ${mf.file} file${languageId === 'sendmail-authinfo' ? ' (AuthInfo: entries are then taken from the access map)' : ''}. Add ${line}`,
      { mcPath: env.mc.path, insert: line }));
  }
  if (env.path && (mf || languageId === 'sendmail-aliases')) {
    const defaultType = env.define('DATABASE_MAP_TYPE') || 'hash';
    const db = dbPathFor(env.path, mf ? env.mapSpec : undefined, defaultType);
    const dbTime = db ? ws.mtime(db) : undefined;
    const srcTime = ws.mtime(env.path);
    if (db && dbTime !== undefined && srcTime !== undefined && dbTime < srcTime) {
      const how = languageId === 'sendmail-aliases' ? 'newaliases' : `makemap ${parseMapSpec(mf ? env.mapSpec : undefined, defaultType).type} ${env.path} < ${env.path}`;
      out.push(issue('table.db-stale', WARNING, 0, firstLineLength, `Not rebuilt yet: ${db} is older than this file, so sendmail still uses the old entries. Run \`${how}\`.`, { db }));
    }
  }
  return out;
}
