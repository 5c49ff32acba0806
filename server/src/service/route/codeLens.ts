// "Test route" above each mailertable entry: runs the client command sendmail.testRoute with
// the file's uri and a sample address the entry's key matches.
import type { CodeLens } from 'vscode-languageserver-types';
import type { DocContext } from '../types';
import { parseMailertable, sampleAddressForKey } from './mailertable';

export const TEST_ROUTE_COMMAND = 'sendmail.testRoute';

export function mailertableRouteLenses(ctx: DocContext): CodeLens[] {
  const lenses: CodeLens[] = [];
  for (const e of parseMailertable(ctx.doc.getText())) {
    const address = sampleAddressForKey(e.key);
    if (!address) continue;
    lenses.push({
      range: { start: { line: e.line, character: e.keyStart }, end: { line: e.line, character: e.keyEnd } },
      command: { title: `Test route: ${address}`, command: TEST_ROUTE_COMMAND, arguments: [ctx.uri, address] },
    });
  }
  return lenses;
}
