// Daemons that cannot all listen: two DAEMON_OPTIONS on one port and address, or a submission
// daemon of one's own beside the default MSA cf.m4 adds on port 587 unless
// FEATURE(`no_default_msa') is there. sendmail 8.17 then prints "daemon MSA: cannot bind:
// Address already in use", retries for about 50 seconds and exits: no daemon runs at all
// (checked with -bD in a private network namespace, test/unit/claims).
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { diag, lineNo, type McContext, type McFix } from '../context';
import { certain, firstArg, possible } from '../model';
import { daemonOf, daemonsClash, type Daemon } from '../daemonOptions';
import { featureInsertEdit } from '../featureInsert';

/** The daemons sendmail.cf will have, in its order; undefined when ifdef branches leave that open. */
export function mcDaemons(mc: McContext): Daemon[] | undefined {
  const calls = mc.model.items.filter((i) => i.name === 'DAEMON_OPTIONS' && possible(i));
  if (calls.some((c) => !certain(c))) return undefined;
  const features = (n: string) => mc.model.features.filter((f) => firstArg(f) === n);
  if ([...features('no_default_msa'), ...features('msp')].some((f) => possible(f) && !certain(f))) return undefined;
  if (features('msp').length || features('nullclient').length) return undefined; // a submit.cf or null client: not a daemon of ours
  const out = calls.map((c, i) => daemonOf(c.args[0] ?? '', c.call.start, `#${i + 1}`));
  if (!out.length) out.push(daemonOf('Name=MTA', undefined, 'MTA'));
  if (!features('no_default_msa').length) out.push(daemonOf('Port=587, Name=MSA, M=E', undefined, 'MSA'));
  return out;
}

/** For each daemon that cannot listen, the one before it that holds its port. */
export function daemonClashes(daemons: Daemon[]): [Daemon, Daemon][] {
  const out: [Daemon, Daemon][] = [];
  daemons.forEach((d, i) => { const first = daemons.slice(0, i).find((x) => daemonsClash(x, d)); if (first) out.push([d, first]); });
  return out;
}

export function daemonChecks(mc: McContext): Diagnostic[] {
  const daemons = mcDaemons(mc);
  if (!daemons) return [];
  const out: Diagnostic[] = [];
  const said = `sendmail prints "cannot bind: Address already in use", retries for about 50 seconds and exits, so no daemon runs at all`;
  for (const [late, first] of daemonClashes(daemons)) {
    const end = (at: number) => { const c = mc.model.items.find((i) => i.call.start === at)!.call; return c.close !== undefined ? c.close + 1 : c.nameEnd; };
    if (late.at === undefined) {
      // The default MSA (always last) against a daemon of the file's own.
      const fixes: McFix[] = [{ title: "Add FEATURE(`no_default_msa')", edits: [featureInsertEdit(mc.model.text, "FEATURE(`no_default_msa')dnl")] }];
      out.push(diag(mc, first.at!, end(first.at!), DiagnosticSeverity.Error, 'mc.daemon-clash',
        `cf.m4 also adds its default MSA daemon on port 587 (there is no FEATURE(\`no_default_msa')), and both cannot listen there: ${said}. Add FEATURE(\`no_default_msa').`,
        fixes));
      continue;
    }
    out.push(diag(mc, late.at, end(late.at), DiagnosticSeverity.Error, 'mc.daemon-clash',
      `This daemon wants port ${late.port}${late.addr ? ` on ${late.addr}` : ''}, which the daemon on line ${lineNo(mc, first.at!)} already listens on: ${said}. Give it another port or address.`));
  }
  return out;
}
