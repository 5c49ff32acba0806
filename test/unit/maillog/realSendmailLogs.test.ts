// Mail logs written by the real sendmail (test/unit/world: real daemons, DNS and syslog on
// loopback), opened in the language service as `sendmail-maillog` with the sender's own
// configuration: every line parses, the deferred deliveries get the Information diagnostic,
// and the relay= hover names the configuration line that routed the mail: a mailertable entry,
// the SMART_HOST define of sendmail.mc, or no line at all for the MX route.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic, type Hover } from 'vscode-languageserver-types';
import { LanguageService, diskWorkspace } from '../../../server/src/service';
import { parseLogLine } from '../../../server/src/service/maillog/parse';
import { skipUnlessWorld, DOMAIN } from '../world';
import { routedLogs, RECIPIENTS, type SenderLog } from '../world/routedLogs';

const text = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : d.message.value);

function open(s: SenderLog) {
  const svc = new LanguageService(diskWorkspace(), { mailConfigDirectory: s.dir });
  const uri = pathToFileURL(s.logPath).toString();
  const text = fs.readFileSync(s.logPath, 'utf8');
  svc.open(uri, 'sendmail-maillog', 1, text);
  return { svc, uri, lines: text.split('\n') };
}

/** The hover on relay= of the (last) delivery line of `rcpt`. */
function relayHover(s: SenderLog, rcpt: string): string {
  const { svc, uri, lines } = open(s);
  const line = lines.map((l, i) => [l, i] as const).filter(([l]) => l.includes(`<${rcpt}>`) && / relay=/.test(l) && / stat=/.test(l)).pop();
  assert.ok(line, `a delivery line for ${rcpt}`);
  const h: Hover | null = svc.hover(uri, { line: line[1], character: line[0].indexOf(' relay=') + 2 });
  assert.ok(h, `a hover on relay= of line ${line[1] + 1}: ${line[0]}`);
  return (h.contents as { value: string }).value;
}

/** 1-based number of the line of `file` that starts with `start` (read from the file, not from the code under test). */
function lineStarting(file: string, start: string): number {
  const i = fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => l.startsWith(start));
  assert.ok(i >= 0, `${path.basename(file)} has a line starting with ${start}`);
  return i + 1;
}

describe('maillog: logs of the real sendmail, explained with its configuration', function () {
  this.timeout(300_000);
  before(function () { skipUnlessWorld(this); });

  it('every line of each log parses as a sendmail line', async () => {
    const logs = await routedLogs();
    for (const s of [logs.mailertable, logs.smartHost, logs.mx, logs.accept]) {
      assert.ok(s.lines.length >= 4, `${s.logPath} has lines`);
      for (const l of s.lines) {
        const p = parseLogLine(l);
        assert.ok(p, `parses: ${l}`);
        assert.strictEqual(p.program.name, 'sm-mta', l);
        if (/ to=/.test(l)) assert.ok(p.fields.some((f) => f.key === 'stat'), `stat= found in ${l}`);
      }
    }
  });

  it('deferred deliveries get an Information diagnostic on their latest deferral, naming the deferred recipients', async () => {
    const logs = await routedLogs();
    for (const [s, deferred] of [[logs.mailertable, RECIPIENTS.mailertable.deferred], [logs.mx, RECIPIENTS.mx.deferred]] as const) {
      const { svc, uri, lines } = open(s);
      const ds = svc.diagnostics(uri);
      const deferrals = ds.filter((d) => d.code === 'maillog.deferred');
      assert.strictEqual(deferrals.length, 1, `one message deferred in ${s.logPath}: ${JSON.stringify(ds.map(text))}`);
      const d = deferrals[0];
      assert.strictEqual(d.severity, DiagnosticSeverity.Information);
      const lastDeferral = Math.max(...lines.map((l, i) => (/stat=Deferred/.test(l) ? i : -1)));
      assert.strictEqual(d.range.start.line, lastDeferral);
      for (const r of deferred) assert.ok(text(d).includes(r), `${r} named in: ${d.message}`);
      // Nothing about the messages that went through (their recipients are named nowhere).
      for (const r of [`grace@route-mx.${DOMAIN}`, `bob@partner.${DOMAIN}`, `judy@route-mx.${DOMAIN}`]) assert.ok(!ds.some((x) => text(x).includes(r)), `${r}: ${JSON.stringify(ds.map(text))}`);
    }
  });

  it('a message with deferred and bounced recipients: the bounce is not called deferred, the route is that of the line', async () => {
    // One message, three troubled recipients (real sendmail): dave (refused), erin (no greeting)
    // deferred; frank (host unknown) returned to the sender. The deferral diagnostic sits on erin's
    // line; frank's bounce gets its own, on his line.
    const { mailertable: s } = await routedLogs();
    const { svc, uri, lines } = open(s);
    const ds = svc.diagnostics(uri);
    const all = ds.map((d) => `[${String(d.code)}] ${text(d)}`).join('\n');
    assert.doesNotMatch(all, /configuration has probably changed/, `the configuration did not change while the log was written:\n${all}`);
    const onLine = ds.find((d) => d.code === 'maillog.deferred')!;
    const rcptOfLine = /to=<([^>]+)>/.exec(lines[onLine.range.start.line])![1];
    const entry = lineStarting(path.join(s.dir, 'mailertable'), `${rcptOfLine.split('@')[1]}\t`);
    assert.match(text(onLine), new RegExp(`mailertable line ${entry}\\b`), `the route of ${rcptOfLine}, whose line this is:\n${all}`);
    assert.match(text(onLine), new RegExp(`Route: mailertable line ${entry}\\b`), `the line's own route comes first:\n${all}`);
    const frank = `frank@lost.${DOMAIN}`;
    assert.ok(ds.some((d) => text(d).includes(frank) && (d.code === 'maillog.failed' || d.code === 'maillog.returned')), `${frank} bounced (stat=Host unknown, dsn=5.1.2):\n${all}`);
    assert.ok(!ds.some((d) => d.code === 'maillog.deferred' && text(d).includes(frank)), `${frank} is not retried:\n${all}`);
    // relay=[nowhere.example.test] never resolved: the hover does not say sendmail connected to it.
    const md = relayHover(s, frank);
    assert.match(md, new RegExp(`could not resolve nowhere\\.${DOMAIN.replace('.', '\\.')}`), md);
    assert.doesNotMatch(md, /connected to|changed since/, md);
  });

  it('mailertable route: the hover names the mailertable entry that matched', async () => {
    const { mailertable: s } = await routedLogs();
    const mt = path.join(s.dir, 'mailertable');
    for (const [rcpt, key] of [[`dave@down.${DOMAIN}`, `down.${DOMAIN}\t`], [`carol@sales.partner.${DOMAIN}`, `.partner.${DOMAIN}\t`], [`erin@slow.${DOMAIN}`, `slow.${DOMAIN}\t`]]) {
      const md = relayHover(s, rcpt);
      const n = lineStarting(mt, key);
      assert.match(md, new RegExp(`mailertable line ${n}\\b`), `${rcpt}: ${md}`);
      assert.ok(md.includes(`${pathToFileURL(mt).toString()}#L${n}`), `${rcpt}: a link to the line: ${md}`);
      assert.doesNotMatch(md, /configuration has probably changed/, md);
    }
  });

  it('mailertable route, one line for two recipients routed by different entries: the hover names both', async () => {
    // sendmail sent carol@sales.partner (entry .partner) and bob@partner (entry partner) to the same host in one line.
    const { mailertable: s } = await routedLogs();
    const mt = path.join(s.dir, 'mailertable');
    const md = relayHover(s, `bob@partner.${DOMAIN}`);
    for (const key of [`partner.${DOMAIN}\t`, `.partner.${DOMAIN}\t`]) assert.match(md, new RegExp(`mailertable line ${lineStarting(mt, key)}\\b`), md);
  });

  it('SMART_HOST route: the hover names the SMART_HOST line of sendmail.mc', async () => {
    const { smartHost: s } = await routedLogs();
    const n = lineStarting(s.mcPath, "define(`SMART_HOST'");
    for (const rcpt of RECIPIENTS.smartHost.to) {
      const md = relayHover(s, rcpt);
      assert.match(md, new RegExp(`SMART_HOST \\(sendmail\\.mc line ${n}\\)`), `${rcpt}: ${md}`);
      assert.ok(md.includes(`${pathToFileURL(s.mcPath).toString()}#L${n}`), md);
    }
  });

  it('MX route: neither mailertable nor SMART_HOST; the hover says MX lookup and the host used', async () => {
    const logs = await routedLogs();
    const md = relayHover(logs.mx, `judy@route-mx.${DOMAIN}`);
    assert.match(md, /SMART_HOST is not set/);
    assert.match(md, new RegExp(`MX records of route-mx\\.${DOMAIN.replace('.', '\\.')}`));
    assert.match(md, new RegExp(`connected to mx\\.accept\\.${DOMAIN.replace('.', '\\.')}`));
    assert.doesNotMatch(md, /\[Open /, 'no configuration line decided this route');
    // In the mailertable sender's log, a domain without an entry also went the MX way.
    const other = relayHover(logs.mailertable, `grace@route-mx.${DOMAIN}`);
    assert.match(other, new RegExp(`no mailertable entry matches route-mx\\.${DOMAIN.replace('.', '\\.')}`));
  });
});
