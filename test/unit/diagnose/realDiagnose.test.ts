// Diagnose delivery against real components of the loopback mail world (world.ts): dnsmasq as
// the diagnosis's DNS server (MX and A records, NXDOMAIN, a lookup that times out), the real
// sendmail daemons (one accepts; one plays the provider's submission server: AUTH on 587), a port that
// refuses, a listener that never greets, and port 25 blocked (connects time out). The route
// step asks the model here (sendmail -bt would resolve the names through this machine's DNS),
// except where the prepared edits are checked: those are applied to the mc, m4 builds the cf,
// and the real sendmail -bt must then route through the relay on port 587.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { diagnose, diagnosisMarkdown, diagnosisText } from '../../../client/src/diagnose';
import { applyEdits } from '../../../client/src/diagnose/edits';
import { routeAddress } from '../../../client/src/commands/routeCommand';
import { skipUnlessWorld, DOMAIN, type SendmailHost } from '../world';
import { addSubmissionServer, missingForSubmission, startDiagnoseWorld, SUBMISSION_MECHANISMS, type DiagnoseWorld } from './world';
import { sendmailForTests, testMc } from '../commands/etcMail';
import { spawn } from 'node:child_process';
import { ROOT } from '../helpers';

/** dist/cli.js in a real process (asynchronous: the world's DNS and listeners live in this one). */
export function cli(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [path.join(ROOT, 'dist/cli.js'), ...args]);
    let stdout = '', stderr = '';
    p.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    p.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    p.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('diagnose delivery: real DNS, sendmail daemons and blocked ports on loopback', function () {
  this.timeout(300_000);
  let w: DiagnoseWorld;
  let port25: string; // config folder: the mailers connect to port 25
  let worldPort: string; // config folder: the mailers connect to the world's port
  let relay587: string; // config folder: SMART_HOST [submit.example.test], port 587, no authinfo
  let submit: SendmailHost | undefined; // the provider's submission server (AUTH on 587)
  let noSubmit: string | undefined; // why it could not be had
  const log: string[] = [];
  before(async function () {
    skipUnlessWorld(this);
    w = await startDiagnoseWorld(async (world) => {
      noSubmit = missingForSubmission();
      if (noSubmit) return [];
      submit = await addSubmissionServer(world);
      return [[submit.name, submit.address]];
    });
    const mkdir = (name: string, lines: string[]) => {
      const d = path.join(w.world.dir, name);
      fs.mkdirSync(path.join(d, 'queue'), { recursive: true });
      fs.writeFileSync(path.join(d, 'sendmail.mc'), testMc(d, lines));
      return d;
    };
    port25 = mkdir('cfg25', []);
    worldPort = mkdir('cfgworld', ['SMTP', 'ESMTP', 'RELAY'].map((m) => `define(\`${m}_MAILER_ARGS', \`TCP $h ${w.world.port}')dnl`));
    relay587 = mkdir('cfgrelay', [`define(\`SMART_HOST', \`[submit.${DOMAIN}]')dnl`, "define(`RELAY_MAILER_ARGS', `TCP $h 587')dnl"]);
  });
  const skipUnlessSubmission = (ctx: Mocha.Context) => { if (noSubmit) { console.log(`      (skipped: ${noSubmit})`); ctx.skip(); } };
  /** The MSA's "did not issue MAIL" lines: one per connection that ended without mail. */
  const msaIdle = () => submit!.log.lines().filter((l) => /did not issue MAIL\/EXPN\/VRFY\/ETRN during connection to MSA/.test(l)).length;
  after(async () => { await w?.stop(); });
  const run = (dir: string, target: string, timeoutMs = 2000) =>
    diagnose(dir, target, { modelOnly: true, dnsServer: w.dnsServer, timeoutMs, log: (l) => log.push(l) });

  it('an accepting MX host: the route, the MX record and its address, greeting and EHLO, verdict OK', async () => {
    const d = await run(worldPort, `bob@accept.${DOMAIN}`);
    assert.equal(d.route.mailer, 'esmtp');
    assert.deepEqual(d.route.hosts, [{ host: `accept.${DOMAIN}`, bracketed: false }]);
    assert.equal(d.route.port, w.world.port, 'the port from ESMTP_MAILER_ARGS');
    assert.deepEqual(d.dns[0].mx?.map((m) => [m.preference, m.exchange, m.lookup.addresses]), [[10, `mx.accept.${DOMAIN}`, [w.world.addresses.accept]]]);
    assert.equal(d.probes.length, 1);
    assert.equal(d.probes[0].state, 'ok', d.probes[0].transcript.join('\n'));
    assert.match(d.probes[0].greeting!, new RegExp(`^220 accept\\.${DOMAIN.replace('.', '\\.')} ESMTP Sendmail`));
    assert.ok(d.probes[0].transcript.includes('> QUIT'));
    assert.ok(!d.probes[0].transcript.some((l) => /^> (MAIL|RCPT|AUTH|DATA)/i.test(l)), 'never sends mail or authenticates');
    assert.equal(d.verdict.kind, 'ok', d.verdict.text);
    assert.ok(log.some((l) => l.startsWith(`smtp: connecting to mx.accept.${DOMAIN}`)), 'connections are logged');
  });

  it('port 25 blocked: every MX host times out, the verdict says so and prepares the relay edits', async () => {
    const d = await run(port25, `alice@blocked.${DOMAIN}`);
    assert.equal(d.route.port, 25);
    assert.deepEqual(d.probes.map((p) => [p.name, p.address, p.state]), [[`mx1.blocked.${DOMAIN}`, w.blocked[0], 'connect-timeout'], [`mx2.blocked.${DOMAIN}`, w.blocked[1], 'connect-timeout']]);
    assert.equal(d.verdict.kind, 'blocked-port');
    assert.equal(d.verdict.text, `port 25 timed out on every MX host of blocked.${DOMAIN}; your provider probably blocks outbound port 25.`);
    assert.match(d.verdict.next, /SMART_HOST `\[smtp\.provider\.example\]`, port 587, with AUTH/);
    assert.deepEqual(d.verdict.edits.map((e) => e.text.trim()), [
      "define(`SMART_HOST', `[smtp.provider.example]')dnl", "define(`RELAY_MAILER_ARGS', `TCP $h 587')dnl", "FEATURE(`authinfo')dnl",
      'AuthInfo:smtp.provider.example "U:USERNAME" "P:PASSWORD" "M:PLAIN LOGIN"',
    ]);
    assert.match(diagnosisText(d), /4\. Verdict\n {3}port 25 timed out/);
    assert.match(diagnosisMarkdown(d), /## Prepared edits/);
  });

  it('the prepared edits, applied and built by m4, make the real sendmail -bt relay to [smtp.provider.example]:587', async () => {
    const d = await run(port25, `alice@blocked.${DOMAIN}`);
    const mc = path.join(port25, 'sendmail.mc');
    const before = fs.readFileSync(mc, 'utf8');
    const edited = path.join(w.world.dir, 'cfg25-edited');
    fs.mkdirSync(path.join(edited, 'queue'), { recursive: true });
    fs.writeFileSync(path.join(edited, 'sendmail.mc'), applyEdits(before, d.verdict.edits.filter((e) => e.file === 'mc')).replaceAll(port25, edited));
    assert.equal(fs.readFileSync(mc, 'utf8'), before, 'the diagnosis wrote nothing');
    const r = await routeAddress(edited, `alice@blocked.${DOMAIN}`, { sendmail: sendmailForTests(edited) });
    assert.equal(r.answeredBy, 'sendmail', r.summary);
    assert.deepEqual([r.route.mailer, r.route.host, r.route.port], ['relay', '[smtp.provider.example]', 587], r.details.join('\n'));
  });

  it('connection refused, a server that never greets, a host without MX records', async () => {
    const refused = await run(worldPort, `kim@refuse-mx.${DOMAIN}`);
    assert.equal(refused.probes[0].state, 'refused');
    assert.equal(refused.verdict.kind, 'refused');
    const silent = await run(worldPort, `leo@silent-mx.${DOMAIN}`);
    assert.equal(silent.probes[0].state, 'no-greeting');
    assert.ok(silent.probes[0].connectMs !== undefined && silent.probes[0].ms >= 1900, 'waited for the greeting');
    assert.equal(silent.verdict.kind, 'no-greeting');
    const nomx = await run(worldPort, `nomx.${DOMAIN}`);
    assert.equal(nomx.target.address, `postmaster@nomx.${DOMAIN}`);
    assert.equal(nomx.dns[0].implicit, true, 'no MX: the host itself');
    assert.deepEqual(nomx.probes.map((p) => [p.address, p.state]), [[w.world.addresses.refuse, 'refused']]);
  });

  it('DNS: NXDOMAIN and a lookup that times out are told apart', async () => {
    const nx = await run(worldPort, `mia@nowhere.${DOMAIN}`);
    assert.equal(nx.dns[0].mxFailure, 'NXDOMAIN');
    assert.equal(nx.verdict.kind, 'nxdomain');
    assert.deepEqual(nx.probes, []);
    const slow = await run(worldPort, `ned@slow.${DOMAIN}`, 1500);
    assert.equal(slow.dns[0].mxFailure, 'TIMEOUT', JSON.stringify(slow.dns));
    assert.equal(slow.verdict.kind, 'dns-failure');
    assert.match(slow.verdict.text, /did not reply in time/);
  });

  it('sendmail-lint diagnose: the blocked-port verdict as text and JSON, exit 1; an accepting host exits 0', async () => {
    const common = ['--config-dir', port25, '--model', '--dns-server', w.dnsServer, '--timeout', '2'];
    const t = await cli(['diagnose', ...common, `alice@blocked.${DOMAIN}`]);
    assert.equal(t.status, 1, t.stdout + t.stderr);
    assert.match(t.stdout, new RegExp(`mx1\\.blocked\\.example\\.test \\[${w.blocked[0].replace(/\./g, '\\.')}\\]:25: connect-timeout`));
    assert.match(t.stdout, /4\. Verdict\n {3}port 25 timed out on every MX host of blocked\.example\.test; your provider probably blocks outbound port 25\./);
    assert.match(t.stdout, /define\(`SMART_HOST', `\[smtp\.provider\.example\]'\)dnl/);
    const j = await cli(['diagnose', ...common, '--format', 'json', '--relay-host', 'mail.isp.example', `blocked.${DOMAIN}`]);
    assert.equal(j.status, 1, j.stderr);
    const out = JSON.parse(j.stdout);
    assert.equal(out.target, `postmaster@blocked.${DOMAIN}`);
    assert.equal(out.verdict.kind, 'blocked-port');
    assert.deepEqual(out.probes.map((p: { state: string }) => p.state), ['connect-timeout', 'connect-timeout']);
    assert.equal(out.edits[0].text, "define(`SMART_HOST', `[mail.isp.example]')dnl\n");
    const ok = await cli(['diagnose', '--config-dir', worldPort, '--model', '--dns-server', w.dnsServer, '--timeout', '2', `bob@accept.${DOMAIN}`]);
    assert.equal(ok.status, 0, ok.stdout + ok.stderr);
    assert.match(ok.stdout, /greeted, EHLO/);
  });

  it('the provider\'s submission server on 587: AUTH as sendmail offered it, never authenticates, and the login is prepared', async function () {
    skipUnlessSubmission(this);
    const idleBefore = msaIdle();
    const d = await run(relay587, `bob@accept.${DOMAIN}`);
    assert.deepEqual([d.route.mailer, d.route.port], ['relay', 587]);
    assert.deepEqual(d.probes.map((p) => [p.name, p.address, p.port, p.state]), [[`submit.${DOMAIN}`, submit!.address, 587, 'ok']], d.probes[0]?.transcript.join('\n'));
    const p = d.probes[0];
    assert.match(p.greeting!, new RegExp(`^220 submit\\.${DOMAIN.replace('.', '\\.')} ESMTP Sendmail`));
    assert.deepEqual(p.transcript.filter((l) => /^< 250[- ]AUTH /.test(l)), [`< 250-AUTH ${SUBMISSION_MECHANISMS.join(' ')}`], 'sendmail\'s own EHLO line');
    assert.deepEqual(p.auth, SUBMISSION_MECHANISMS);
    assert.ok(p.transcript.includes('< 250-STARTTLS'), 'sendmail offered STARTTLS');
    assert.equal(p.starttls, true);
    assert.deepEqual(p.transcript.filter((l) => l.startsWith('> ')).map((l) => l.split(' ')[1]), ['EHLO', 'QUIT'], 'never sends mail or authenticates');
    // The server's side: the connection ended without MAIL, and no AUTH was ever tried.
    const lines = await submit!.log.waitFor(() => msaIdle() > idleBefore, 10_000, 'the MSA\'s "did not issue MAIL" line');
    assert.ok(!lines.some((l) => /AUTH/.test(l)), lines.join('\n'));
    assert.equal(d.verdict.kind, 'ok', d.verdict.text);
    assert.equal(d.verdict.text, `submit.${DOMAIN} [${submit!.address}] accepts connections on port 587 (STARTTLS offered, AUTH PLAIN LOGIN).`);
    assert.match(d.verdict.next, /wants a login/);
    assert.deepEqual(d.verdict.edits.map((e) => e.text.trim()), ["FEATURE(`authinfo')dnl", `AuthInfo:submit.${DOMAIN} "U:USERNAME" "P:PASSWORD" "M:PLAIN LOGIN"`]);
  });

  it('port 25 blocked: the suggested relay host, when it is the submission server, is reachable with AUTH once the edits are applied', async function () {
    skipUnlessSubmission(this);
    const blocked = await diagnose(port25, `alice@blocked.${DOMAIN}`, { modelOnly: true, dnsServer: w.dnsServer, timeoutMs: 2000, relayHost: `submit.${DOMAIN}` });
    assert.equal(blocked.verdict.kind, 'blocked-port');
    assert.ok(blocked.verdict.next.includes(`SMART_HOST \`[submit.${DOMAIN}]\`, port 587, with AUTH`), blocked.verdict.next);
    const edited = path.join(w.world.dir, 'cfg25-relay');
    fs.mkdirSync(path.join(edited, 'queue'), { recursive: true });
    const mc = fs.readFileSync(path.join(port25, 'sendmail.mc'), 'utf8');
    fs.writeFileSync(path.join(edited, 'sendmail.mc'), applyEdits(mc, blocked.verdict.edits.filter((e) => e.file === 'mc')).replaceAll(port25, edited));
    const idleBefore = msaIdle();
    const d = await run(edited, `alice@blocked.${DOMAIN}`);
    assert.deepEqual([d.route.mailer, d.route.hosts, d.route.port], ['relay', [{ host: `[submit.${DOMAIN}]`, bracketed: true }], 587]);
    assert.deepEqual(d.probes.map((p) => [p.address, p.port, p.state, p.starttls, p.auth]), [[submit!.address, 587, 'ok', true, SUBMISSION_MECHANISMS]], d.probes[0]?.transcript.join('\n'));
    assert.equal(d.verdict.kind, 'ok', d.verdict.text);
    assert.match(d.verdict.text, /accepts connections on port 587 \(STARTTLS offered, AUTH PLAIN LOGIN\)/);
    assert.match(d.verdict.next, /The path works/, 'FEATURE(authinfo) is already there: nothing more to prepare');
    assert.deepEqual(d.verdict.edits, []);
    const lines = await submit!.log.waitFor(() => msaIdle() > idleBefore, 10_000, 'the MSA\'s "did not issue MAIL" line');
    assert.ok(!lines.some((l) => /AUTH/.test(l)), lines.join('\n'));
  });
});
