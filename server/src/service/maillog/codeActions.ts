// Code actions on a delivery diagnostic of a mail log: open the configuration line that routed
// the message (a mailertable entry, the SMART_HOST define of sendmail.mc), run Test route and
// (in VS Code) Diagnose delivery for the recipient. All are commands, offered only where someone
// runs them (the client's commands, or this server's: offersCommands); the location is also in the diagnostic's
// relatedInformation, which every editor can follow.
//
// Opening a location: VS Code's `vscode.open` refuses a plain string that is not http(s) when
// a command runs it from a code action (its arguments arrive as JSON, not as a Uri), so the
// server runs OPEN_CONFIG_LINE_COMMAND itself (workspace/executeCommand) and asks the editor
// to show the line (window/showDocument).
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { offersCommands, type DocContext } from '../types';
import { TEST_ROUTE_COMMAND } from '../route';
import type { LogState } from './messages';
import { parseLogLine } from './parse';
import { explainDelivery, routeContext, type ConfigLocation } from './explainRelay';
import type { DeliveryData } from './diagnostics';

/** Server command: arguments [file uri, 0-based line]; the server asks the editor to show that line. */
export const OPEN_CONFIG_LINE_COMMAND = 'sendmail.log.openConfigLine';

/** Client command (VS Code): arguments [configuration folder, address]. */
export const DIAGNOSE_DELIVERY_COMMAND = 'sendmail.diagnoseDelivery';

const isDeliveryCode = (code: unknown) => code === 'maillog.deferred' || code === 'maillog.failed' || code === 'maillog.returned';

export function logCodeActions(ctx: DocContext, st: LogState, diagnostics: Diagnostic[]): CodeAction[] {
  if (!offersCommands(ctx.settings)) return [];
  const out: CodeAction[] = [];
  let rc: ReturnType<typeof routeContext> | null = null;
  for (const d of diagnostics) {
    if (d.source !== 'sendmail' || !isDeliveryCode(d.code)) continue;
    const l = parseLogLine(st.line(d.range.start.line));
    if (!l) continue;
    // Computed again rather than trusted from d.data: the client may drop data, the configuration may have changed.
    rc = rc === null ? routeContext(ctx.ws, ctx.settings) : rc;
    const given = (d.data ?? {}) as DeliveryData;
    const why = explainDelivery(rc, l, given.address);
    const loc: ConfigLocation | undefined = why?.decidedBy;
    if (loc) {
      const title = `Open ${loc.label} ${loc.line + 1} (it routed this message)`;
      out.push({ title, kind: 'quickfix', diagnostics: [d], command: { title, command: OPEN_CONFIG_LINE_COMMAND, arguments: [pathToFileURL(loc.path).toString(), loc.line] } });
    }
    const address = why?.address;
    if (address && rc?.dir && /^[^\s@]+@[^\s@]+$/.test(address)) {
      const title = `Test route for ${address} (sendmail -bt)`;
      out.push({ title, kind: 'quickfix', diagnostics: [d], command: { title, command: TEST_ROUTE_COMMAND, arguments: [rc.dir, address] } });
      // VS Code's command only (client/src/commands/diagnose.ts): the server has none for other editors.
      const diagnoseTitle = `Diagnose delivery to ${address}`;
      if (offersCommands(ctx.settings)) out.push({ title: diagnoseTitle, kind: 'quickfix', diagnostics: [d], command: { title: diagnoseTitle, command: DIAGNOSE_DELIVERY_COMMAND, arguments: [rc.dir, address] } });
    }
  }
  return out;
}
