// Verify address: `sendmail -bv -C<cf> <address>` says whether sendmail can deliver to the
// address (resolves aliases, checks local users) without sending anything.
import { runProgram, type Log } from './run';
import { addressProblem } from './address';

export interface VerifyResult { ok: boolean; address: string; output: string; error?: string }

export async function verifyAddress(address: string, opts: { sendmail?: string; cfPath?: string; log?: Log; signal?: AbortSignal; timeoutMs?: number }): Promise<VerifyResult> {
  const refused = addressProblem(address);
  if (refused) return { ok: false, address, output: '', error: `Address refused: ${refused}` };
  const args = ['-bv', ...(opts.cfPath ? [`-C${opts.cfPath}`] : []), address];
  const run = await runProgram(opts.sendmail || '/usr/sbin/sendmail', args, { log: opts.log, signal: opts.signal, timeoutMs: opts.timeoutMs ?? 150_000 });
  const output = (run.stdout + run.stderr).trim();
  return { ok: run.code === 0, address, output, error: run.error ?? (run.code !== 0 ? `sendmail -bv exited with status ${run.code}` : undefined) };
}
