// Builds the RouteModel for the sendmail.mc in a directory from the workspace: class w from
// local-host-names (FEATURE(`use_cw_file'), confCW_FILE), the mailertable source named by
// FEATURE(`mailertable'), the virtusertable and its domains, SMART_HOST, confSMTP_MAILER and
// the local relays (MAIL_HUB, LOCAL_RELAY, LUSER_RELAY).
import type { WorkspaceView } from '../workspace';
import { loadMcConfig, type McConfig } from '../mc/config';
import { parseMailertable } from './mailertable';
import type { RouteModel } from './explain';
import { parseMapSpec, withoutDbExtension } from '../tables/mapSpec';
import { classFileWords, specFile, virtualDomains, whyVirtual } from '../tables/virtualDomains';

/** The path a map FEATURE names (`hash -o /etc/mail/mailertable` -> /etc/mail/mailertable). */
export function mapSourcePath(spec: string | undefined, fallback: string): string {
  return withoutDbExtension(parseMapSpec(spec).file ?? fallback);
}

export function routeModelFromConfig(ws: WorkspaceView, dir: string, cfg: McConfig | undefined): RouteModel {
  const settingsDir = cfg?.defines.get('MAIL_SETTINGS_DIR') || `${dir}/`;
  // sendmail also puts the addresses of the machine's interfaces in class w, in brackets: the
  // loopback's [127.0.0.1] is on every machine (the others depend on the machine, not the mc).
  const localNames = new Set<string>(['localhost', 'localhost.localdomain', '[127.0.0.1]']);
  const dj = cfg?.defines.get('confDOMAIN_NAME');
  if (dj) localNames.add(dj.toLowerCase());
  const useCw = cfg?.features.some((f) => f.name === 'use_cw_file');
  if (useCw) {
    // The same reading of the class file as the virtusertable check (flags, %[...] patterns, comments).
    const cw = specFile(cfg?.defines.get('confCW_FILE') ?? '', settingsDir) || `${settingsDir}local-host-names`;
    for (const n of classFileWords(ws.readFile(cw) ?? '')) localNames.add(n);
  }
  const mt = cfg?.features.find((f) => f.name === 'mailertable');
  let mailertable; let mailertablePath;
  if (mt) {
    mailertablePath = mapSourcePath(mt.args[0], `${settingsDir}mailertable`);
    mailertable = parseMailertable(ws.readFile(mailertablePath) ?? '');
  }
  const vt = cfg?.features.find((f) => f.name === 'virtusertable');
  let virtusertable: RouteModel['virtusertable'];
  if (vt && cfg) {
    const path = mapSourcePath(vt.args[0], `${settingsDir}virtusertable`);
    const entries = new Map<string, { value: string; line: number }>();
    for (const e of parseMailertable(ws.readFile(path) ?? '')) if (!entries.has(e.key)) entries.set(e.key, { value: e.value, line: e.line });
    // The same classes as the virtusertable checks; when they cannot be known, the local names above.
    const classes = virtualDomains(ws, cfg);
    const isVirtual = classes ? (h: string) => whyVirtual(classes, h) !== undefined : (h: string) => localNames.has(h.toLowerCase());
    virtusertable = { entries, path, isVirtual };
  }
  return {
    localNames, mailertable, mailertablePath, virtusertable,
    smartHost: cfg?.defines.get('SMART_HOST') || undefined,
    smtpMailer: cfg?.defines.get('confSMTP_MAILER') || 'esmtp',
    mailHub: cfg?.defines.get('MAIL_HUB') || undefined,
    localRelay: cfg?.defines.get('LOCAL_RELAY') || undefined,
    luserRelay: cfg?.defines.get('LUSER_RELAY') || undefined,
  };
}

export function loadRouteModel(ws: WorkspaceView, dir: string): RouteModel {
  return routeModelFromConfig(ws, dir, loadMcConfig(ws, dir));
}
