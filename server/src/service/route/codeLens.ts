// "Test route" above each mailertable and virtusertable entry: runs the client command
// sendmail.testRoute with the file's uri and a sample address the entry's key matches
// (offered only when someone runs its commands: offersCommands, and not when routeLenses is false).
// Capped: a lens per line of a 200,000-line map would be megabytes of JSON nobody scrolls to.
import type { CodeLens } from 'vscode-languageserver-types';
import { offersCommands, type DocContext } from '../types';
import { parseMailertable, sampleAddressForKey } from './mailertable';

export const TEST_ROUTE_COMMAND = 'sendmail.testRoute';

export const MAX_ROUTE_LENSES = 2000;

/** An address the virtusertable key matches: the key itself, or a made-up user for catch-alls and +detail keys. */
export function sampleAddressForVirtuserKey(key: string): string | undefined {
  const m = /^([^@\s]*)@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)$/.exec(key);
  if (!m) return undefined;
  const [, user, domain] = m;
  const detail = /^(.*)\+[+*]$/.exec(user);
  if (detail) return `${detail[1] || 'someone'}+test@${domain}`;
  if (!user) return `no-such-user@${domain}`;
  return /^[A-Za-z0-9._+-]+$/.test(user) ? key : undefined;
}

export function mailertableRouteLenses(ctx: DocContext): CodeLens[] {
  return routeLenses(ctx, sampleAddressForKey);
}

export function virtusertableRouteLenses(ctx: DocContext): CodeLens[] {
  return routeLenses(ctx, sampleAddressForVirtuserKey);
}

function routeLenses(ctx: DocContext, sample: (key: string) => string | undefined): CodeLens[] {
  // The lens runs sendmail: only where someone runs the command (the client in trusted workspaces,
  // or this server when the editor's configuration allows programs), and not when turned off.
  if (!offersCommands(ctx.settings) || ctx.settings.routeLenses === false) return [];
  const lenses: CodeLens[] = [];
  for (const e of parseMailertable(ctx.doc.getText())) {
    if (lenses.length >= MAX_ROUTE_LENSES) break;
    const address = sample(e.key);
    if (!address) continue;
    lenses.push({
      range: { start: { line: e.line, character: e.keyStart }, end: { line: e.line, character: e.keyEnd } },
      command: { title: `Test route: ${address}`, command: TEST_ROUTE_COMMAND, arguments: [ctx.uri, address] },
    });
  }
  return lenses;
}
