// Diagnose delivery, the pure parts: target and DNS server validation, SMTP reply parsing, the
// host list of a route, the verdict rules and the placement of the prepared edits; and the
// command line's refusals (before anything runs).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { parseTarget, dnsServerProblem, domainProblem } from '../../../client/src/diagnose/target';
import { parseEhlo, takeReplies } from '../../../client/src/diagnose/smtpProbe';
import { splitHosts, type RouteStep } from '../../../client/src/diagnose/route';
import { candidates, dnsFailureOf, type HostDns } from '../../../client/src/diagnose/dns';
import { verdict } from '../../../client/src/diagnose/verdict';
import { applyEdits, relayEdits } from '../../../client/src/diagnose/edits';
import type { Probe } from '../../../client/src/diagnose/smtpProbe';
import type { RouteReport } from '../../../client/src/commands/routeCommand';
import { ROOT } from '../helpers';

const MC = ['include(`/usr/share/sendmail/cf/m4/cf.m4\')dnl', "OSTYPE(`linux')dnl", "MAILER(`local')dnl", "MAILER(`smtp')dnl", ''].join('\n');

describe('diagnose delivery: pure parts', () => {
  it('validates targets and DNS servers before anything runs', () => {
    assert.deepEqual(parseTarget(' gmail.com. '), { input: 'gmail.com.', address: 'postmaster@gmail.com', domain: 'gmail.com' });
    assert.deepEqual(parseTarget('<Bob@Example.COM>'), { input: '<Bob@Example.COM>', address: 'Bob@Example.COM', domain: 'example.com' });
    for (const bad of ['', '-oQ/tmp', 'a b@x.com', 'x@-bad.com', 'x@a..b', 'x@exa_mple.com', '@x.com', 'x@', 'a\n@b.com', 'x;rm@b.com', 'x@' + 'a'.repeat(64) + '.com']) {
      assert.equal(typeof parseTarget(bad), 'string', bad);
    }
    assert.equal(domainProblem('mail.isp.net'), undefined);
    for (const ok of ['127.0.0.1', '127.0.0.1:5353', '::1', '[::1]:53']) assert.equal(dnsServerProblem(ok), undefined, ok);
    for (const bad of ['ns.example.com', '127.0.0.1:0', '127.0.0.1:70000', '300.1.1.1', '127.0.0.1;x', '[::1]', '']) assert.equal(typeof dnsServerProblem(bad), 'string', bad);
  });

  it('parses SMTP replies: multi-line EHLO, STARTTLS and AUTH mechanisms; a partial line waits', () => {
    const [replies, rest] = takeReplies('220 mx ESMTP\r\n250-mx Hello\r\n250-STARTTLS\r\n250-AUTH=LOGIN\r\n250-AUTH PLAIN LOGIN CRAM-MD5\r\n250 HELP\r\n221 2.0');
    assert.deepEqual(replies.map((r) => r.length), [1, 5]);
    assert.equal(rest, '221 2.0');
    assert.deepEqual(parseEhlo(replies[1].slice(1).map((l) => l.slice(4))), { starttls: true, auth: ['LOGIN', 'PLAIN', 'CRAM-MD5'] });
    assert.deepEqual(parseEhlo(['8BITMIME', 'SIZE']), { starttls: false, auth: [] });
    assert.deepEqual(takeReplies('250-a\n250-b'), [[], '250-a\n250-b']);
  });

  it('splits sendmail host lists and maps resolver errors', () => {
    assert.deepEqual(splitHosts('[a.example]:b.example'), [{ host: '[a.example]', bracketed: true }, { host: 'b.example', bracketed: false }]);
    assert.deepEqual(splitHosts('[IPv6:2001:db8::1]'), [{ host: '[IPv6:2001:db8::1]', bracketed: true }]);
    assert.deepEqual(splitHosts(undefined), []);
    assert.deepEqual(['ENOTFOUND', 'ESERVFAIL', 'ETIMEOUT', 'ENODATA', 'EWHAT'].map(dnsFailureOf), ['NXDOMAIN', 'SERVFAIL', 'TIMEOUT', 'NODATA', 'ERROR']);
    const dns: HostDns[] = [{ host: 'x', bracketed: false, ms: 1, mx: [
      { exchange: 'a', preference: 10, lookup: { name: 'a', addresses: ['192.0.2.1'], ms: 1 } },
      { exchange: 'b', preference: 20, lookup: { name: 'b', addresses: ['192.0.2.1', '192.0.2.2'], ms: 1 } }] }];
    assert.deepEqual(candidates(dns).map((c) => c.address), ['192.0.2.1', '192.0.2.2'], 'each address once, in MX order');
  });

  const route = (port: number | undefined, hosts: string[], v: RouteReport['verdict'] = 'relayed') =>
    ({ report: { verdict: v } as RouteReport, mailer: 'esmtp', hosts: splitHosts(hosts.join(':')), port, decidedBy: 'the MX records', ms: 1 }) as RouteStep;
  const probe = (name: string, state: Probe['state'], extra: Partial<Probe> = {}): Probe => ({ name, address: '192.0.2.9', port: 25, state, starttls: false, auth: [], ms: 10_000, transcript: [], ...extra });
  const target = { input: 'a@isp.net', address: 'a@isp.net', domain: 'isp.net' };
  const mxDns: HostDns[] = [{ host: 'isp.net', bracketed: false, ms: 1, mx: [{ exchange: 'mail.isp.net', preference: 10, lookup: { name: 'mail.isp.net', addresses: ['192.0.2.9'], ms: 1 } }] }];

  it('verdicts: a provider MX that refuses its own customers at the greeting gets the relay advice', () => {
    const v = verdict({ target, route: route(25, ['isp.net']), dns: mxDns, probes: [probe('mail.isp.net', 'rejected', { greeting: '554 5.7.1 mail.isp.net: no mail from dial-up addresses' })], mcText: MC });
    assert.equal(v.kind, 'rejected-greeting');
    assert.match(v.text, /^every MX host of isp\.net refused this client at the greeting \("554 5\.7\.1/);
    assert.equal(v.edits.length, 4);
  });

  it('verdicts: timeouts on another port are a firewall, not port 25 advice; local and error routes make no connection', () => {
    const v = verdict({ target, route: route(587, ['[smtp.isp.net]']), dns: [], probes: [probe('smtp.isp.net', 'connect-timeout')], mcText: MC });
    assert.equal(v.kind, 'connect-timeout');
    assert.deepEqual(v.edits, []);
    assert.equal(verdict({ target, route: route(undefined, [], 'local'), dns: [], probes: [], mcText: MC }).kind, 'local');
    assert.equal(verdict({ target, route: route(undefined, [], 'rejected'), dns: [], probes: [], mcText: MC }).kind, 'refused-by-config');
    const ok = verdict({ target, route: route(587, ['[smtp.isp.net]']), dns: [], probes: [probe('smtp.isp.net', 'ok', { auth: ['PLAIN'] })], mcText: MC });
    assert.equal(ok.kind, 'ok');
    assert.deepEqual(ok.edits.map((e) => e.text.trim().slice(0, 20)), ["FEATURE(`authinfo')d", 'AuthInfo:smtp.isp.ne'], 'a login is needed: authinfo prepared');
  });

  it('prepared edits: before MAILER(`smtp\'), an existing SMART_HOST replaced, nothing repeated', () => {
    const mc = MC.replace("MAILER(`local')", "define(`SMART_HOST', `old.example')dnl\nMAILER(`local')");
    const edits = relayEdits(mc, { host: 'smtp.isp.net', port: 587, auth: true });
    const out = applyEdits(mc, edits.filter((e) => e.file === 'mc'));
    assert.equal(out, ['include(`/usr/share/sendmail/cf/m4/cf.m4\')dnl', "OSTYPE(`linux')dnl", "define(`SMART_HOST', `[smtp.isp.net]')dnl",
      "FEATURE(`authinfo')dnl", "MAILER(`local')dnl", "define(`RELAY_MAILER_ARGS', `TCP $h 587')dnl", "MAILER(`smtp')dnl", ''].join('\n'));
    assert.deepEqual(relayEdits(out, { host: 'smtp.isp.net', port: 587, auth: true }).filter((e) => e.file === 'mc'), [], 'applied once: nothing more to do');
    assert.equal(applyEdits('', [{ file: 'mc', line: 5, replaces: 0, text: 'x\n', why: '' }]), 'x\n');
  });

  it('sendmail-lint diagnose refuses bad input before running anything (exit 2)', () => {
    const cli = (...a: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), 'diagnose', ...a], { encoding: 'utf8', timeout: 30_000 });
    for (const [args, re] of [[['-x@y.com'], /unknown option/], [['--dns-server', 'ns.example.com', 'a@b.com'], /not an IP address/], [['--timeout', '0', 'a@b.com'], /--timeout/],
      [['--config-dir', '/nonexistent', 'a@b.com'], /cannot read the folder/], [['a;b@c.com'], /metacharacters/], [[], /which address/]] as [string[], RegExp][]) {
      const r = cli(...args);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, re);
    }
    assert.match(cli('--help').stdout, /^Usage: sendmail-lint diagnose/);
  });
});
