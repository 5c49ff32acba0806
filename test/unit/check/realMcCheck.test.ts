// checkMc with the real GNU m4, sendmail-cf and sendmail 8.17: each broken mc gets its problem
// on the mc line that caused it, with the severity and source the engine promises; a valid mc
// gets none; nothing outside the engine's private temporary directory changes; a sendmail that
// hangs ends in a clear 'timed out' result. (sendmail runs through sendmailForTests, which gives
// it a qualified host name so it does not sleep 60 s at start on this VM.)
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkMc } from '../../../client/src/check/mcCheck';
import { parseSynclines } from '../../../client/src/check/m4Output';
import { generateCf } from '../../../client/src/commands/rebuildCf';
import { planM4, ERRPRINT_PRELUDE } from '../../../client/src/commands/m4Plan';
import { runProgram } from '../../../client/src/commands/run';
import type { CheckProblem, CheckResult } from '../../../client/src/check/types';
import { CF_DIR, realSendmailSandbox, withoutBuildStamp } from '../commands/etcMail';

/** A typical mc: cf.m4, OSTYPE(linux), DOMAIN(generic), FEATURE(mailertable), `middle`, the mailers, then `tail`. */
function typicalMc(middle: string[], tail: string[] = []): string {
  return [
    `include(\`${CF_DIR}/m4/cf.m4')dnl`, "OSTYPE(`linux')dnl", "DOMAIN(`generic')dnl", "FEATURE(`mailertable')dnl",
    ...middle, "MAILER(`local')dnl", "MAILER(`smtp')dnl", ...tail, '',
  ].join('\n');
}

/** Every file below `dir` with its size, mode, mtime and sha256 (a listing to compare before/after). */
function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of fs.readdirSync(d).sort()) {
      const p = path.join(d, name);
      const st = fs.lstatSync(p);
      if (st.isDirectory()) { out.push(`${p}/ ${st.mode.toString(8)} ${st.mtimeMs}`); walk(p); continue; }
      const hash = st.isFile() ? crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex') : fs.readlinkSync(p);
      out.push(`${p} ${st.size} ${st.mode.toString(8)} ${st.mtimeMs} ${hash}`);
    }
  };
  walk(dir);
  return out;
}

const ourTemps = () => fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('sendmail-check-')).sort();

describe('check: checkMc with the real m4 and sendmail', function () {
  this.timeout(120_000);
  const box = realSendmailSandbox('sendmail-checktest-');
  let n = 0;
  let tempsBefore: string[] = [];
  before(() => { tempsBefore = ourTemps(); });

  /** Writes `text` as sendmail.mc in a fresh folder and checks it; returns the result and the mc's lines. */
  async function check(text: string, extra: { makefile?: boolean } = {}): Promise<{ r: CheckResult; lines: string[]; mc: string }> {
    const dir = path.join(box.dir, `mc${++n}`);
    fs.mkdirSync(dir);
    const mc = path.join(dir, 'sendmail.mc');
    fs.writeFileSync(mc, text);
    if (extra.makefile) fs.writeFileSync(path.join(dir, 'Makefile'), 'all:\n');
    const r = await checkMc(mc, { programs: { sendmail: box.sendmail } });
    return { r, lines: text.split('\n'), mc };
  }
  const lineOf = (lines: string[], needle: string) => { const i = lines.findIndex((l) => l.includes(needle)); assert.ok(i >= 0, needle); return i; };
  const only = (r: CheckResult, code: string): CheckProblem => {
    const found = r.problems.filter((p) => p.code === code);
    assert.equal(found.length, 1, JSON.stringify(r, null, 1));
    return found[0];
  };

  it('a valid typical mc gives no problems, and both programs ran', async () => {
    const { r } = await check(typicalMc(["define(`confPRIVACY_FLAGS', `authwarnings,noexpn')dnl"]));
    assert.deepEqual(r.problems, []);
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.equal(r.steps.m4?.code, 0);
    assert.equal(r.steps.sendmail?.code, 0);
    const args = r.steps.sendmail?.args ?? [];
    assert.deepEqual(args.slice(0, 2), ['-bC', '-C']);
    assert.match(args.join(' '), /^-bC -C \S+\/sendmail-check-\w+\/sendmail\.cf -O QueueDirectory=\S+\/sendmail-check-\w+\/queue$/, 'the queue is a private one');
  });

  it('m4 -s without its synclines is exactly what Rebuild writes', async () => {
    const dir = path.join(box.dir, 'same');
    fs.mkdirSync(dir);
    const mc = path.join(dir, 'sendmail.mc');
    fs.writeFileSync(mc, typicalMc(['LOCAL_RULESETS', 'SLocal_check_mail', 'R$*\t$@ OK', "define(`confPRIVACY_FLAGS',dnl", "`goaway')dnl"]));
    const plan = planM4(mc, fs.readFileSync(mc, 'utf8'));
    const synced = parseSynclines((await runProgram('m4', ['-s', ...plan.args], { cwd: plan.cwd, input: ERRPRINT_PRELUDE })).stdout);
    const rebuild = await generateCf(mc);
    assert.ok(rebuild.ok, rebuild.reason);
    assert.equal(withoutBuildStamp(synced.text), withoutBuildStamp(rebuild.cfText));
    assert.equal(synced.origins.length, synced.text.split('\n').length);
    assert.ok(synced.origins.every(Boolean), 'every line has an origin');
  });

  it('an unknown confPRIVACY_FLAGS word: error on its define line, sendmail would not start', async () => {
    const { r, lines } = await check(typicalMc(["define(`confPRIVACY_FLAGS', `goawayy')dnl"]));
    const p = only(r, 'check.sendmail-refuses');
    assert.equal(p.line, lineOf(lines, 'confPRIVACY_FLAGS'));
    assert.equal(p.severity, 'error');
    assert.equal(p.source, 'sendmail (readcf)');
    assert.match(p.message, /^readcf: Op line: goawayy unrecognized \(line \d+ of the generated sendmail\.cf\)\. sendmail would stop at start \(exit status 70\)\.$/);
    assert.equal(r.steps.sendmail?.code, 70);
    assert.equal(r.ok, false);
  });

  it('a bad time value that sendmail ignores: a warning on its define line', async () => {
    const { r, lines } = await check(typicalMc(["define(`confMCI_CACHE_TIMEOUT', `5q')dnl"]));
    const p = only(r, 'check.sendmail-warning');
    assert.equal(p.line, lineOf(lines, 'confMCI_CACHE_TIMEOUT'));
    assert.equal(p.severity, 'warning');
    assert.match(p.message, /^Invalid time unit `q' \(line \d+ of the generated sendmail\.cf\)\. sendmail starts anyway\.$/);
    assert.equal(r.ok, true);
  });

  it('an unknown delivery mode: error on its define line (sendmail stops reading there, status 64)', async () => {
    const { r, lines } = await check(typicalMc(["define(`confDELIVERY_MODE', `x')dnl"]));
    const p = only(r, 'check.sendmail-refuses');
    assert.equal(p.line, lineOf(lines, 'confDELIVERY_MODE'));
    assert.match(p.message, /^Unknown delivery mode x .*exit status 64/);
  });

  it('a bad DAEMON_OPTIONS parameter lands on that DAEMON_OPTIONS line, not the other one', async () => {
    const { r, lines } = await check(typicalMc([
      "DAEMON_OPTIONS(`Family=inet, Name=MSA-v4, Port=submission, M=Ea, Bogus=1, Addr=127.0.0.1')dnl",
      "DAEMON_OPTIONS(`Family=inet, Name=MTA-v4, Port=smtp, Addr=127.0.0.1')dnl",
    ]));
    const p = only(r, 'check.sendmail-refuses');
    assert.equal(p.line, lineOf(lines, 'Bogus=1'));
    assert.match(p.message, /^PortOptions parameter "Bogus=1" unknown/);
  });

  it('a bad line in LOCAL_RULESETS: error on that very line', async () => {
    const { r, lines } = await check(typicalMc([], ['LOCAL_RULESETS', 'SLocal_check_mail', 'R$*\t$@ OK', 'Rfoo']));
    const p = only(r, 'check.sendmail-refuses');
    assert.equal(p.line, lines.indexOf('Rfoo'));
    assert.match(p.message, /^invalid rewrite line "Rfoo" \(tab expected\)/);
  });

  it('a complaint from a cf line no mc line explains goes on line 1, naming the cf line and its source', async () => {
    // The define hides behind a macro of the mc's own, so no mc line says define(`confPRIVACY_FLAGS'.
    const { r } = await check(typicalMc(["define(`SET', `define($@)')dnl", "SET(`confPRIVACY_FLAGS', `goawayy')dnl"]));
    const p = only(r, 'check.sendmail-refuses');
    assert.equal(p.line, 0);
    assert.match(p.message, /\(line \d+ of the generated sendmail\.cf, written by \/usr\/share\/sendmail\/cf\/m4\/proto\.m4:\d+\)/);
  });

  it('MAILER()s inside an unquoted ifdef argument: "No local mailer defined" and the unknown esmtp on that line', async () => {
    const text = [`include(\`${CF_DIR}/m4/cf.m4')dnl`, "OSTYPE(`linux')dnl", "ifdef(`NOPE', `', MAILER(`local')MAILER(`smtp'))dnl", ''].join('\n');
    const { r } = await check(text);
    const refuses = only(r, 'check.sendmail-refuses');
    assert.equal(refuses.line, 2);
    assert.match(refuses.message, /^No local mailer defined\. sendmail would stop at start \(exit status 70\)\.$/);
    const mailer = only(r, 'check.unknown-mailer');
    assert.equal(mailer.line, 2);
    assert.equal(mailer.severity, 'warning');
    assert.match(mailer.message, /mailers esmtp \(line \d+\), relay \(line \d+\), which it never defines: mail routed there fails with "554 5\.3\.5 buildaddr: unknown mailer esmtp"/);
    const m4 = r.problems.find((p) => p.source === 'sendmail (m4)');
    assert.match(m4?.message ?? '', /excess arguments to builtin `ifdef' ignored/);
  });

  it('an unclosed LOCAL_DOMAIN( call: the cf is cut short, error on that line, sendmail not run', async () => {
    const { r, lines } = await check(typicalMc(["LOCAL_DOMAIN(`x'dnl", "define(`confPRIVACY_FLAGS', `goaway')dnl"]), { makefile: true });
    const p = only(r, 'check.cf-cut-short');
    assert.equal(p.line, lineOf(lines, 'LOCAL_DOMAIN'));
    assert.equal(p.character, 0);
    assert.equal(p.severity, 'error');
    assert.equal(p.source, 'sendmail (m4)');
    assert.match(p.message, /inside this LOCAL_DOMAIN\( call, never closed.*cut short\. Rebuild refuses this mc; make \(the Makefile beside it\) would install the cf anyway\.$/);
    assert.equal(r.problems.length, 1, 'm4\'s own message about smtp.m4 is replaced, not repeated');
    assert.equal(r.steps.sendmail, undefined);
    assert.match(r.skipped ?? '', /sendmail was not run: the generated sendmail\.cf is cut short/);
  });

  it('an unclosed quote: cut short at the line m4 names; without a Makefile nothing is said about make', async () => {
    const { r, lines } = await check(typicalMc(["LOCAL_DOMAIN(`x)dnl"]));
    const p = only(r, 'check.cf-cut-short');
    assert.equal(p.line, lineOf(lines, 'LOCAL_DOMAIN'));
    assert.match(p.message, /quoted string opened here.*Rebuild refuses this mc\.$/);
  });

  it('m4exit in the middle: no V line, cut short, and Rebuild would install it', async () => {
    const { r } = await check(typicalMc(['m4exit(0)']));
    const p = only(r, 'check.cf-cut-short');
    assert.equal(p.line, 0);
    assert.match(p.message, /no V \(version\) line.*Rebuild would install this cf as it is\.$/);
  });

  it('a cf.m4 *** ERROR and a missing include: m4 errors on their lines, Rebuild refuses', async () => {
    const { r, lines } = await check(typicalMc([], ["FEATURE(`virtusertable')dnl", "include(`/nonexistent/site.m4')dnl"]));
    const errors = r.problems.filter((p) => p.code === 'check.m4-error');
    const feature = errors.find((p) => /FEATURE\(\) should be before MAILER\(\)/.test(p.message));
    assert.equal(feature?.line, lineOf(lines, 'virtusertable'));
    assert.match(feature?.message ?? '', /Rebuild refuses this mc\.$/);
    assert.equal(errors.find((p) => /cannot open/.test(p.message))?.line, lineOf(lines, 'nonexistent'));
    assert.ok(errors.every((p) => p.severity === 'error' && p.source === 'sendmail (m4)'));
  });

  it('a sendmail that hangs ends in a clear timed-out result, and its temp dir is gone', async () => {
    const sleeper = path.join(box.dir, 'sleeping-sendmail.sh');
    fs.writeFileSync(sleeper, '#!/bin/sh\nsleep 60\n', { mode: 0o755 });
    const dir = path.join(box.dir, 'hang');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'sendmail.mc'), typicalMc([]));
    const t0 = Date.now();
    const r = await checkMc(path.join(dir, 'sendmail.mc'), { programs: { sendmail: sleeper }, timeoutMs: 2000 });
    assert.ok(Date.now() - t0 < 10_000);
    assert.equal(r.ok, false);
    assert.equal(r.timedOut, true);
    assert.equal(r.steps.sendmail?.timedOut, true);
    assert.match(r.skipped ?? '', /^sendmail -bC did not finish: timed out after 2 s$/);
    assert.deepEqual(r.problems, []);
    assert.deepEqual(ourTemps(), tempsBefore);
  });

  it('a cancelled check says so and leaves no temp dir', async () => {
    const sleeper = path.join(box.dir, 'sleeping-sendmail.sh');
    const dir = path.join(box.dir, 'cancel');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'sendmail.mc'), typicalMc([]));
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 500);
    const r = await checkMc(path.join(dir, 'sendmail.mc'), { programs: { sendmail: sleeper }, signal: ac.signal });
    assert.equal(r.cancelled, true);
    assert.equal(r.ok, false);
    assert.match(r.skipped ?? '', /cancelled/);
    assert.deepEqual(ourTemps(), tempsBefore);
  });

  it('checking /etc/mail/sendmail.mc and submit.mc (RunAsUser smmsp): no problems, /etc/mail and the queues byte for byte unchanged', async function () {
    if (!fs.existsSync('/etc/mail/sendmail.mc')) this.skip();
    const watched = ['/etc/mail', '/var/spool/mqueue', '/var/spool/mqueue-client'].filter((d) => fs.existsSync(d));
    const before = watched.flatMap(snapshot);
    for (const mc of ['/etc/mail/sendmail.mc', '/etc/mail/submit.mc'].filter((f) => fs.existsSync(f))) {
      const r = await checkMc(mc, { programs: { sendmail: box.sendmail } });
      assert.deepEqual(r.problems, [], mc);
      assert.equal(r.ok, true, JSON.stringify(r));
    }
    assert.deepEqual(watched.flatMap(snapshot), before);
  });

  it('the checked mc\'s directory is unchanged, and every check removed its temp dir', async () => {
    const dir = path.join(box.dir, 'untouched');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'sendmail.mc'), typicalMc(["define(`confPRIVACY_FLAGS', `goawayy')dnl"]));
    fs.writeFileSync(path.join(dir, 'cut.mc'), typicalMc(["LOCAL_DOMAIN(`x'dnl"]));
    fs.writeFileSync(path.join(dir, 'sendmail.cf'), '# the installed one\n');
    const before = snapshot(dir);
    const full = await checkMc(path.join(dir, 'sendmail.mc'), { programs: { sendmail: box.sendmail } });
    const cut = await checkMc(path.join(dir, 'cut.mc'), { programs: { sendmail: box.sendmail } });
    assert.equal(full.steps.sendmail?.code, 70, 'sendmail ran');
    assert.ok(cut.steps.m4Trace, 'the traced m4 ran');
    assert.deepEqual(snapshot(dir), before);
    assert.deepEqual(ourTemps(), tempsBefore);
  });
});
