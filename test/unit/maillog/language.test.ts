// The mail log language through the language service: diagnostics (per message, its latest
// state: one for the recipients still tried, one for those bounced), the relay explanation for mailertable, SMART_HOST and MX routes, hovers,
// the outline, highlights, code actions, incremental appends, and which files are logs.
import * as assert from 'node:assert/strict';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { languageFromPath, LanguageService, memoryWorkspace } from '../../../server/src/service';
import { MAX_LOG_DIAGNOSTICS } from '../../../server/src/service/maillog/diagnostics';
import { OPEN_CONFIG_LINE_COMMAND } from '../../../server/src/service/maillog/codeActions';
import { logStateFor } from '../../../server/src/service/maillog';
import { DIR, LOG, LOG_URI, configFiles, deferred, failed, from, logLine, openLog, posOf, sent } from './fixtures';

const hoverText = (svc: LanguageService, pos: { line: number; character: number }) => {
  const h = svc.hover(LOG_URI, pos);
  return h ? (h.contents as { value: string }).value : '';
};
const lines = (...ls: string[]) => ls.join('\n') + '\n';
const byLine = (ds: Diagnostic[]) => ds.map((d) => [d.range.start.line, d.code]);

describe('maillog: language service', () => {
  describe('diagnostics', () => {
    it('one Information diagnostic per message, on its latest deferral or failure; a later Sent clears it', () => {
      const text = lines(
        from('aaaaaaaa000001'),
        deferred('aaaaaaaa000001', 'bob@shop.isp.net'), // 1: superseded by line 4
        deferred('bbbbbbbb000002', 'carol@shop.isp.net'), // 2: cleared by line 5
        failed('cccccccc000003', 'dave@example.org'), // 3
        deferred('aaaaaaaa000001', 'bob@shop.isp.net'), // 4
        sent('bbbbbbbb000002', 'carol@shop.isp.net'),
        'Jan  5 10:01:00 mx.example.test CRON[77]: (root) CMD (run-parts)',
      );
      const ds = openLog(text, configFiles({ mailertable: true })).diagnostics(LOG_URI);
      assert.deepEqual(byLine(ds), [[3, 'maillog.failed'], [4, 'maillog.deferred']]);
      for (const d of ds) assert.equal(d.severity, DiagnosticSeverity.Information);
      assert.match(String(ds[1].message), /^aaaaaaaa000001 to bob@shop\.isp\.net: delivery deferred.*\(Connection timed out with pmx0\.isp\.net\.\)\. Sendmail got no answer/);
      assert.match(String(ds[0].message), /delivery failed for good \(User unknown\)/);
      // The range is the stat= field.
      const l4 = text.split('\n')[4];
      assert.equal(l4.slice(ds[1].range.start.character, ds[1].range.end.character), 'stat=Deferred: Connection timed out with pmx0.isp.net.');
    });

    it('a message with two recipients stays troubled until both are delivered', () => {
      const two = logLine('dddddddd000004', 'to=<a@x.example>,<b@x.example>, delay=00:00:10, xdelay=00:00:10, mailer=esmtp, pri=1, relay=mx.x.example. [192.0.2.1], dsn=4.4.1, stat=Deferred: Connection refused by mx.x.example.');
      const svcA = openLog(lines(two, sent('dddddddd000004', 'a@x.example', 'mx.x.example. [192.0.2.1]')));
      const [d] = svcA.diagnostics(LOG_URI);
      assert.equal(d.range.start.line, 0);
      assert.match(String(d.message), /^dddddddd000004 to b@x\.example: /);
      const svcB = openLog(lines(two, logLine('dddddddd000004', 'to=<b@x.example>,<a@x.example>, delay=00:01:10, xdelay=00:00:10, mailer=esmtp, pri=1, relay=mx.x.example. [192.0.2.1], dsn=2.0.0, stat=Sent (ok)')));
      assert.deepEqual(svcB.diagnostics(LOG_URI), []);
    });

    it('"Cannot send message for 5 days" returns a deferred message: the diagnostic moves there', () => {
      const text = lines(deferred('mAO2tx04010773', 'user@example.com'), logLine('mAO2tx04010773', 'mB26PuEl004811: sender notify: Cannot send message for 5 days'));
      const ds = openLog(text).diagnostics(LOG_URI);
      assert.deepEqual(byLine(ds), [[1, 'maillog.returned']]);
      assert.match(String(ds[0].message), /gave up and returned the message to its sender \(Cannot send message for 5 days\)\. The message stayed in the queue for 5 days/);
    });

    it(`at most ${MAX_LOG_DIAGNOSTICS} (the latest) plus one line saying how many more`, () => {
      const n = MAX_LOG_DIAGNOSTICS + 5;
      const text = lines(...Array.from({ length: n }, (_, i) => deferred(`q${String(i).padStart(7, '0')}000001`.slice(0, 8) + String(100000 + i), `u${i}@x.example`)));
      const ds = openLog(text).diagnostics(LOG_URI);
      assert.equal(ds.length, MAX_LOG_DIAGNOSTICS + 1);
      assert.equal(ds[0].code, 'maillog.too-many');
      assert.match(String(ds[0].message), /^5 more messages with deferred or failed deliveries not shown/);
      assert.equal(ds[1].range.start.line, 5, 'the oldest five are left out');
    });

    it('follows a change of the configuration (the route is explained again, not taken from before)', () => {
      const svc = openLog(lines(deferred('aaaaaaaa000001', 'bob@shop.isp.net', 'mail.isp.net. [198.51.100.9]')), configFiles({ mailertable: true }));
      assert.match(String(svc.diagnostics(LOG_URI)[0].message), /mailertable line 3 \(`\.isp\.net esmtp:\[mail\.isp\.net\]`\)/);
      svc.open(`file://${DIR}/mailertable`, 'sendmail-mailertable', 1, '# moved\n\n\n.isp.net\tesmtp:[new.isp.net]\n');
      assert.match(String(svc.diagnostics(LOG_URI)[0].message), /mailertable line 4 \(`\.isp\.net esmtp:\[new\.isp\.net\]`\)/);
      svc.open(`file://${DIR}/sendmail.mc`, 'sendmail-mc', 1, configFiles({ smartHost: '[hub.example]' })[`${DIR}/sendmail.mc`]);
      assert.match(String(svc.diagnostics(LOG_URI)[0].message), /SMART_HOST \(sendmail\.mc line 12\) sends mail for other domains to \[hub\.example\]/);
    });

    it('without any sendmail.mc the diagnostic still comes, saying the route cannot be explained', () => {
      const svc = openLog(lines(deferred('aaaaaaaa000001', 'bob@shop.isp.net')), {}, {});
      const ds = svc.diagnostics(LOG_URI);
      assert.deepEqual(svc.failures(LOG_URI), []);
      assert.deepEqual(byLine(ds), [[0, 'maillog.deferred']]);
      assert.match(String(ds[0].message), /Route: No sendmail\.mc was found to explain this route: open the folder that holds it, or set sendmail\.logs\.configDirectory\.$/);
      assert.equal(ds[0].relatedInformation, undefined);
    });

    it('an edit of the open sendmail.mc that moves the SMART_HOST line re-checks the log (its messages name the line)', () => {
      const files = configFiles({ smartHost: '[hub.example]' });
      const svc = openLog(lines(deferred('aaaaaaaa000001', 'x@far.example', 'hub.example. [203.0.113.5]')), files);
      const mcUri = `file://${DIR}/sendmail.mc`;
      svc.open(mcUri, 'sendmail-mc', 1, files[`${DIR}/sendmail.mc`]);
      assert.match(String(svc.diagnostics(LOG_URI)[0].message), /sendmail\.mc line 12/);
      svc.dependents(mcUri);
      // A line right above the define: what the mc configures (and where its FEATUREs are) stays the same.
      svc.change(mcUri, 2, [{ range: { start: { line: 11, character: 0 }, end: { line: 11, character: 0 } }, text: 'dnl the hub of the building\n' }]);
      assert.deepEqual(svc.dependents(mcUri), [LOG_URI]);
      assert.match(String(svc.diagnostics(LOG_URI)[0].message), /sendmail\.mc line 13/);
    });

    describe('a message whose recipients end differently (issue #13)', () => {
      const q = 'eeeeeeee000005';
      const table = '# routes\ndown.example\tesmtp:[refuse.example]\nslow.example\tesmtp:[silent.example]\nlost.example\tesmtp:[nowhere.example]\n';
      const files = { ...configFiles({ mailertable: true }), [`${DIR}/mailertable`]: table };
      const lost = logLine(q, 'to=<frank@lost.example>, delay=00:00:00, xdelay=00:00:00, mailer=esmtp, pri=1, relay=[nowhere.example], dsn=5.1.2, stat=Host unknown (Name server: [nowhere.example]: host not found)');
      const down = deferred(q, 'dave@down.example', 'refuse.example. [192.0.2.3]', 'Connection refused by refuse.example.');
      const slow = deferred(q, 'erin@slow.example', 'silent.example. [192.0.2.4]', 'Connection timed out with silent.example.');
      const text = lines(from(q), lost, down, slow, down, slow);

      it('the deferred and the bounced recipients get one diagnostic each, each recipient with the route of its own line', () => {
        const ds = openLog(text, files).diagnostics(LOG_URI);
        assert.deepEqual(byLine(ds), [[1, 'maillog.failed'], [5, 'maillog.deferred']]);
        const [bounce, wait] = ds.map((d) => String(d.message));
        assert.match(wait, /^eeeeeeee000005 to erin@slow\.example: delivery deferred, sendmail will try again \(Connection timed out with silent\.example\.\)\. Sendmail got no answer[^.]*\. Route: mailertable line 3 \(`slow\.example esmtp:\[silent\.example\]`\) routes this domain: mailer esmtp to \[silent\.example\] \(tried to connect to silent\.example\)\. Also deferred on line 5: dave@down\.example \(Connection refused by refuse\.example\.\)\. Route: mailertable line 2 \(`down\.example esmtp:\[refuse\.example\]`\)/);
        assert.doesNotMatch(wait, /frank/);
        assert.match(bounce, /^eeeeeeee000005 to frank@lost\.example: delivery failed for good \(Host unknown .*Route: mailertable line 4 \(`lost\.example esmtp:\[nowhere\.example\]`\) routes this domain: mailer esmtp to \[nowhere\.example\] \(could not resolve nowhere\.example\)\.$/);
        assert.doesNotMatch(bounce, /dave|erin|deferred/);
        for (const m of [wait, bounce]) assert.doesNotMatch(m, /changed since/);
        assert.deepEqual(ds[1].relatedInformation?.map((r) => [r.location.range.start.line, r.message]),
          [[2, 'mailertable line 3 routed the mail for erin@slow.example'], [1, 'mailertable line 2 routed the mail for dave@down.example']]);
        assert.deepEqual(ds[1].data, { address: 'erin@slow.example', dir: DIR, decidedBy: { path: `${DIR}/mailertable`, line: 2, label: 'mailertable line' } });
      });

      it('the queue id hover tells the recipients still tried from those returned', () => {
        const h = hoverText(openLog(text, files), posOf(text, 5, q, 2));
        assert.match(h, /Deferred, sendmail tries again: (dave@down\.example, erin@slow\.example|erin@slow\.example, dave@down\.example)\./);
        assert.match(h, /Bounced, returned to the sender: frank@lost\.example\./);
      });

      it('"Cannot send message" returns the recipients still in the queue; an earlier failure keeps its own line', () => {
        const ds = openLog(lines(lost, slow, logLine(q, 'eeeeeeee000006: sender notify: Cannot send message for 5 days')), files).diagnostics(LOG_URI);
        assert.deepEqual(byLine(ds), [[2, 'maillog.returned']]);
        assert.match(String(ds[0].message), /^eeeeeeee000005 to erin@slow\.example: sendmail gave up and returned the message to its sender .* Also failed for good on line 1: frank@lost\.example \(Host unknown .*\(could not resolve nowhere\.example\)\.$/);
      });
    });

    it('names the configuration line in relatedInformation', () => {
      const ds = openLog(lines(deferred('aaaaaaaa000001', 'bob@shop.isp.net', 'mail.isp.net. [198.51.100.9]')), configFiles({ mailertable: true })).diagnostics(LOG_URI);
      assert.deepEqual(ds[0].relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line, r.location.range.end.character, r.message]),
        [[`file://${DIR}/mailertable`, 2, '.isp.net\tesmtp:[mail.isp.net]'.length, 'mailertable line 3 routed this message']]);
    });
  });

  describe('relay= explains how sendmail chose the host', () => {
    const relayHover = (files: Record<string, string>, line: string) => {
      const svc = openLog(lines(line), files);
      return hoverText(svc, posOf(line, 0, 'relay=', 2));
    };

    it('a mailertable route: names the entry and its line', () => {
      const h = relayHover(configFiles({ mailertable: true }), deferred('aaaaaaaa000001', 'bob@shop.isp.net', 'mail.isp.net. [198.51.100.9]'));
      assert.match(h, /mailertable line 3 \(`\.isp\.net esmtp:\[mail\.isp\.net\]`\) routes this domain: mailer esmtp to \[mail\.isp\.net\] \(tried to connect to mail\.isp\.net\)\./);
      assert.match(h, /\[Open mailertable line 3\]\(file:\/\/\/srv\/mailcfg\/mailertable#L3\)/);
      assert.doesNotMatch(h, /changed since/);
    });

    it('one line for recipients routed by different entries: the hover explains each', () => {
      const line = logLine('aaaaaaaa000001', 'to=<bob@shop.isp.net>,<eve@example.org>, delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=1, relay=mail.isp.net. [198.51.100.9], dsn=4.0.0, stat=Deferred: Connection refused by mail.isp.net.');
      const h = relayHover(configFiles({ mailertable: true }), line);
      assert.match(h, /- for bob@shop\.isp\.net: mailertable line 3 /);
      assert.match(h, /- for eve@example\.org: mailertable line 2 /);
      assert.match(h, /\[Open mailertable line 3\].*\n\n\[Open mailertable line 2\]/s);
    });

    it('a SMART_HOST route: names the define in sendmail.mc', () => {
      const h = relayHover(configFiles({ mailertable: true, smartHost: '[relay.example]' }), deferred('aaaaaaaa000001', 'someone@far.example', 'relay.example. [203.0.113.5]'));
      assert.match(h, /no mailertable entry matches far\.example, and SMART_HOST \(sendmail\.mc line 12\) sends mail for other domains to \[relay\.example\] \(tried to connect to relay\.example\)\./);
    });

    it('an MX route: no mailertable entry and no SMART_HOST', () => {
      const h = relayHover(configFiles({ mailertable: true }), deferred('oBMH9mVv001357', 'recipient@domain.com'));
      assert.match(h, /no mailertable entry matches domain\.com and SMART_HOST is not set, so sendmail looked up the MX records of domain\.com and tried to connect to pmx0\.isp\.net\./);
      const noTable = relayHover(configFiles(), deferred('oBMH9mVv001357', 'recipient@domain.com'));
      assert.match(noTable, /FEATURE\(`mailertable'\) is not used and SMART_HOST is not set, so sendmail looked up the MX records of domain\.com/);
    });

    it('says when the configuration now routes elsewhere than the logged relay', () => {
      const h = relayHover(configFiles({ smartHost: '[relay.example]' }), deferred('aaaaaaaa000001', 'x@far.example', 'old-relay.example. [203.0.113.6]'));
      assert.match(h, /the configuration today sends this mail to \[relay\.example\], but this line went to old-relay\.example/);
    });

    it('does not claim a change when the line gives only an address for a configured name', () => {
      const h = relayHover(configFiles({ smartHost: '[relay.example]' }), deferred('aaaaaaaa000001', 'x@far.example', '[203.0.113.6]'));
      assert.match(h, /SMART_HOST \(sendmail\.mc line 12\) sends mail for other domains to \[relay\.example\] \(tried to connect to \[203\.0\.113\.6\]\)\.$/m);
      assert.doesNotMatch(h, /changed since/);
    });

    it('a host that never resolved: "could not resolve", never "connected to"', () => {
      const unknown = (to: string, relay: string) => logLine('aaaaaaaa000001', `to=<${to}>, delay=00:00:00, xdelay=00:00:00, mailer=esmtp, pri=1, relay=${relay}, dsn=5.1.2, stat=Host unknown (Name server: ${relay}: host not found)`);
      const mt = relayHover(configFiles({ mailertable: true }), unknown('x@example.org', '[mx.example.org]'));
      assert.match(mt, /mailertable line 2 \(`example\.org esmtp:\[mx\.example\.org\]`\) routes this domain: mailer esmtp to \[mx\.example\.org\] \(could not resolve mx\.example\.org\)\./);
      const mx = relayHover(configFiles(), unknown('mia@nowhere.example', 'nowhere.example.'));
      assert.match(mx, /so sendmail looked up the MX records of nowhere\.example and could not resolve nowhere\.example\./);
      const literal = relayHover(configFiles(), unknown('root@[lost.example]', '[lost.example]'));
      assert.match(literal, /so sendmail could not resolve lost\.example \(no MX lookup for a \[bracketed\] host\)\./);
      for (const h of [mt, mx, literal]) assert.doesNotMatch(h, /connected to|changed since/);
    });

    it('a line without relay=: the route says sendmail tried to connect, not that it did', () => {
      const noRelay = (to: string) => logLine('aaaaaaaa000001', `to=<${to}>, delay=00:00:00, xdelay=00:00:00, mailer=esmtp, pri=1, dsn=4.0.0, stat=Deferred`);
      const mt = openLog(lines(noRelay('x@example.org')), configFiles({ mailertable: true })).diagnostics(LOG_URI);
      assert.match(String(mt[0].message), /routes this domain: mailer esmtp to \[mx\.example\.org\] \(tried to connect to \[mx\.example\.org\]\)\.$/);
      const literal = openLog(lines(noRelay('root@[192.0.2.1]'))).diagnostics(LOG_URI);
      assert.match(String(literal[0].message), /so sendmail tried to connect to \[192\.0\.2\.1\] directly \(no MX lookup for a \[bracketed\] host\)\.$/);
      for (const d of [...mt, ...literal]) assert.doesNotMatch(String(d.message), /connected to/);
    });

    it('the submission queue hands everything to [127.0.0.1]', () => {
      const line = 'Jan 29 15:40:01 host sm-msp-queue[7335]: o0T401sX008943: to=root, delay=11:40:00, xdelay=00:00:00, mailer=relay, pri=3271745, relay=[127.0.0.1] [127.0.0.1], dsn=4.0.0, stat=Deferred: Connection refused by [127.0.0.1]';
      assert.match(relayHover(configFiles(), line), /mail submission program \(submit\.cf, FEATURE\(`msp'\)\): it hands every message to the mail server at \[127\.0\.0\.1\]/);
    });

    it('the configuration directory: the machine setting wins, else a workspace folder with a sendmail.mc, else /etc/mail', () => {
      const line = deferred('aaaaaaaa000001', 'x@far.example', 'relay.example. [203.0.113.5]');
      const files = { ...configFiles({ smartHost: '[relay.example]' }), ...configFiles({ smartHost: '[other.example]' }, '/etc/mail'), ...configFiles({ smartHost: '[third.example]' }, '/opt/cfg') };
      const at = posOf(line, 0, 'relay=', 2);
      const h = (settings: object) => hoverText(openLog(lines(line), files, settings), at);
      assert.match(h({ workspaceFolders: [DIR] }), /to \[relay\.example\]/);
      assert.match(h({ workspaceFolders: ['/srv'] }), /to \[relay\.example\]/, 'a folder right below a workspace folder');
      assert.match(h({ workspaceFolders: [DIR], mailConfigDirectory: '/opt/cfg' }), /to \[third\.example\]/);
      assert.match(h({}), /to \[other\.example\]/);
      assert.match(hoverText(openLog(lines(line), configFiles(), {}), at), /No sendmail\.mc was found/);
    });
  });

  describe('hovers', () => {
    const text = lines(
      logLine('p94NL2H8017112', 'to=postmaster, delay=1+05:19:58, xdelay=00:00:15, mailer=relay, pri=7954984, relay=[127.0.0.1] [127.0.0.1], dsn=4.3.0, stat=Deferred: 421 4.3.0 collect: Cannot write ./dfp964f1qe026392'),
      logLine('s1P819mk027713', 'ruleset=check_rcpt, arg1=<x@y.example>, relay=client.example [192.0.2.9] (may be forged), reject=550 5.7.1 <x@y.example>... Relaying denied'),
      deferred('0397TlbO013757', 'a@b.example', 'b.example. [192.0.2.3]', '450 4.1.8 <s@d.example>: Sender address rejected: Domain not found'),
      logLine('mAO2tx04010773', 'to=<user@example.com>, delay=00:00:01, mailer=esmtp, pri=1, relay=example.com., dsn=5.1.2, stat=Host unknown (Name server: example.com.: host not found)'),
    );
    const svc = openLog(text);

    it('dsn=: class, subject and detail in plain words', () => {
      const h = hoverText(svc, posOf(text, 0, 'dsn=4.3.0', 5));
      assert.match(h, /4\.x\.x` persistent transient failure: sendmail keeps the message in its queue and tries again later/);
      assert.match(h, /x\.3\.x` mail system/);
      assert.match(h, /x\.3\.0` something is wrong with the receiving mail system/);
    });

    it('stat=: what the reason means and its usual causes', () => {
      assert.match(hoverText(svc, posOf(text, 0, 'stat=', 6)), /deferred: sendmail keeps the message.*\n\nSendmail could not write the message to its queue\.\n\nCommon causes: A full disk/s);
      const h = hoverText(svc, posOf(text, 2, 'stat=', 6));
      assert.match(h, /The remote server replied 450 4\.1\.8 \(a temporary refusal\): it asks to try again later; its reason: <s@d\.example>: Sender address rejected: Domain not found/);
      assert.match(hoverText(svc, posOf(text, 3, 'stat=', 6)), /failed for good.*DNS says example\.com\. does not exist/s);
    });

    it('delay= and xdelay= in words', () => {
      assert.match(hoverText(svc, posOf(text, 0, 'delay=1+', 7)), /\*\*delay=1\+05:19:58\*\*: 1 day, 5 hours, 19 minutes and 58 seconds\./);
      assert.match(hoverText(svc, posOf(text, 0, 'xdelay=', 8)), /: 15 seconds\./);
    });

    it('relay= of a received connection, (may be forged), other fields, the queue id', () => {
      const r = hoverText(svc, posOf(text, 1, 'relay=', 2));
      assert.match(r, /the client that connected to sendmail/);
      assert.match(r, /may be forged.*reverse DNS/s);
      assert.match(hoverText(svc, posOf(text, 1, 'ruleset=', 2)), /check_rcpt: recipient/);
      assert.match(hoverText(svc, posOf(text, 0, 'p94NL2H8017112', 3)), /the queue id of one message; 1 line in this log/);
      assert.equal(svc.hover(LOG_URI, { line: 0, character: 2 }), null, 'nothing on the timestamp');
    });
  });

  describe('navigation', () => {
    const text = lines(
      from('oBMH9mVv001357', 'a@mail.example.test'), // 0
      from('xA32R2PQ3529566', 'b@mail.example.test'), // 1
      deferred('oBMH9mVv001357', 'recipient@domain.com'), // 2
      sent('xA32R2PQ3529566', 'friend@else.example'), // 3
      logLine('NOQUEUE', 'connect from [192.0.2.1]'), // 4
    );
    const svc = openLog(text);

    it('outline: one entry per message with its final outcome', () => {
      const syms = svc.symbols(LOG_URI);
      assert.deepEqual(syms.map((s) => s.name), [
        'oBMH9mVv001357  to=recipient@domain.com  Deferred: Connection timed out with pmx0.isp.net.',
        'xA32R2PQ3529566  to=friend@else.example  Sent (ok 12345)',
      ]);
      assert.deepEqual(syms.map((s) => [s.range.start.line, s.range.end.line, s.selectionRange.start.line]), [[0, 2, 0], [1, 3, 1]]);
    });

    it('highlights: every line of the message under the cursor; none on NOQUEUE', () => {
      assert.deepEqual(svc.highlights(LOG_URI, { line: 2, character: 5 }).map((h) => h.range.start.line), [0, 2]);
      assert.deepEqual(svc.highlights(LOG_URI, { line: 1, character: 0 }).map((h) => h.range.start.line), [1, 3]);
      const h = svc.highlights(LOG_URI, { line: 3, character: 0 })[0];
      assert.equal(text.split('\n')[1].slice(h.range.start.character, h.range.end.character), 'xA32R2PQ3529566');
      assert.deepEqual(svc.highlights(LOG_URI, { line: 4, character: 0 }), []);
    });
  });

  describe('code actions', () => {
    const text = lines(deferred('aaaaaaaa000001', 'bob@shop.isp.net', 'mail.isp.net. [198.51.100.9]'));

    it('open the deciding configuration line and Test route for the recipient, only for clients with our commands', () => {
      const svc = openLog(text, configFiles({ mailertable: true }), { workspaceFolders: [DIR], clientCommands: true });
      const ds = svc.diagnostics(LOG_URI);
      const actions = svc.codeActions(LOG_URI, ds[0].range, ds);
      assert.deepEqual(actions.map((a) => [a.title, a.command?.command, a.command?.arguments]), [
        ['Open mailertable line 3 (it routed this message)', OPEN_CONFIG_LINE_COMMAND, [`file://${DIR}/mailertable`, 2]],
        ['Test route for bob@shop.isp.net (sendmail -bt)', 'sendmail.testRoute', [DIR, 'bob@shop.isp.net']],
        ['Diagnose delivery to bob@shop.isp.net', 'sendmail.diagnoseDelivery', [DIR, 'bob@shop.isp.net']],
      ]);
      // Other editors (allowPrograms): the server runs Test route and Diagnose delivery itself.
      const other = openLog(text, configFiles({ mailertable: true }), { workspaceFolders: [DIR], allowPrograms: true });
      assert.deepEqual(other.codeActions(LOG_URI, ds[0].range, other.diagnostics(LOG_URI)).map((a) => a.command?.command), [OPEN_CONFIG_LINE_COMMAND, 'sendmail.testRoute', 'sendmail.diagnoseDelivery']);
      const plain = openLog(text, configFiles({ mailertable: true }));
      assert.deepEqual(plain.codeActions(LOG_URI, ds[0].range, plain.diagnostics(LOG_URI)), []);
    });
  });

  describe('incremental appends', () => {
    const base = lines(from('aaaaaaaa000001'), deferred('aaaaaaaa000001', 'bob@shop.isp.net'));
    /** The end of the text, from the log's own state (the test that forbids getText() uses it too). */
    const end = (svc: LanguageService) => {
      const st = logStateFor({ doc: svc.document(LOG_URI)! });
      return { line: st.lineCount - 1, character: st.line(st.lineCount - 1).length };
    };
    const append = (svc: LanguageService, text: string, version: number) => {
      const at = end(svc);
      svc.change(LOG_URI, version, [{ range: { start: at, end: at }, text }]);
    };

    it('a line appended at the end updates the diagnostics without parsing the text again', () => {
      const svc = openLog(base);
      assert.equal(svc.diagnostics(LOG_URI).length, 1);
      const doc = svc.document(LOG_URI)!;
      const before = logStateFor({ doc });
      // From now on the document cannot give its whole text: the appends must not need it.
      doc.getText = () => { throw new Error('the whole text was read again'); };
      append(svc, sent('aaaaaaaa000001', 'bob@shop.isp.net') + '\n', 2);
      assert.equal(logStateFor({ doc }), before);
      assert.deepEqual(svc.diagnostics(LOG_URI), []);
      append(svc, failed('bbbbbbbb000002', 'x@example.org') + '\n', 3);
      assert.deepEqual(byLine(svc.diagnostics(LOG_URI)), [[3, 'maillog.failed']]);
      assert.deepEqual(svc.failures(LOG_URI), []);
    });

    it('a half-written last line, completed by later appends, ends as if read at once', () => {
      const svc = openLog(base);
      const full = deferred('cccccccc000003', 'z@q.example');
      const cuts = [10, 40, 61, 90, full.length];
      let v = 2, prev = 0;
      for (const c of cuts) { append(svc, full.slice(prev, c), v++); prev = c; assert.ok(Array.isArray(svc.diagnostics(LOG_URI))); }
      append(svc, '\n' + sent('aaaaaaaa000001', 'bob@shop.isp.net'), v++);
      const fresh = openLog(svc.document(LOG_URI)!.getText());
      assert.deepEqual(svc.diagnostics(LOG_URI), fresh.diagnostics(LOG_URI));
      assert.deepEqual(svc.symbols(LOG_URI), fresh.symbols(LOG_URI));
      assert.deepEqual(byLine(svc.diagnostics(LOG_URI)), [[2, 'maillog.deferred']]);
      assert.deepEqual(svc.highlights(LOG_URI, { line: 2, character: 40 }), fresh.highlights(LOG_URI, { line: 2, character: 40 }));
      assert.equal(svc.highlights(LOG_URI, { line: 2, character: 40 }).length, 1);
      // A queue id that first appeared on the half-written line is taken back when the rest shows it was none.
      append(svc, '\nJan  5 10:00:00 mx sm-mta[1]: dddddddd000004:', v++);
      assert.ok(svc.symbols(LOG_URI).some((s) => s.name.startsWith('dddddddd000004')));
      append(svc, '7: to=<k@l.example>, dsn=5.0.0, stat=Service unavailable', v++);
      assert.ok(!svc.symbols(LOG_URI).some((s) => s.name.startsWith('dddddddd000004')));
      const again = openLog(svc.document(LOG_URI)!.getText());
      assert.deepEqual(svc.symbols(LOG_URI), again.symbols(LOG_URI));
      const count = (x: LanguageService) => logStateFor({ doc: x.document(LOG_URI)! }).messageCount;
      assert.equal(count(svc), count(again));
    });

    it('an edit that is not an append rebuilds the state from the text', () => {
      const svc = openLog(base);
      svc.change(LOG_URI, 2, [{ range: { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } }, text: '' }]);
      assert.deepEqual(svc.diagnostics(LOG_URI), []);
      svc.change(LOG_URI, 3, [{ text: base + '\r\n' + failed('bbbbbbbb000002', 'x@example.org') }]);
      assert.deepEqual(byLine(svc.diagnostics(LOG_URI)), [[1, 'maillog.deferred'], [3, 'maillog.failed']]);
    });
  });

  describe('which files are mail logs', () => {
    it('by name: mail.log, maillog, mail.info/warn/err and rotations, not .gz', () => {
      for (const p of ['/var/log/mail.log', '/var/log/maillog', '/var/log/mail.info', '/var/log/mail.warn', '/var/log/mail.err', '/var/log/mail.log.1', '/var/log/maillog.12']) {
        assert.equal(languageFromPath(p), 'sendmail-maillog', p);
      }
      for (const p of ['/var/log/mail.log.2.gz', '/var/log/syslog', '/etc/mail/sendmail.mc']) assert.notEqual(languageFromPath(p), 'sendmail-maillog', p);
    });
    it('by content for other names: the first lines written by sendmail', () => {
      assert.equal(languageFromPath('/tmp/excerpt.txt', 'Jan  5 10:00:01 mx sm-mta[1]: x: to=a\n'), 'sendmail-maillog');
      assert.equal(languageFromPath('/tmp/syslog', 'Jan  5 10:00:01 mx kernel: x\nJan  5 10:00:02 mx sendmail[2]: y\n'), 'sendmail-maillog');
      assert.equal(languageFromPath('/tmp/notes.txt', 'nothing here\n'), undefined);
    });
  });

  it('opening junk never throws and gives no diagnostics', () => {
    const svc = new LanguageService(memoryWorkspace({}));
    const junk = '\u0000\u0001sm-mta[1]: \uffff'.repeat(1000) + '\r' + 'x'.repeat(100000) + '\r\r\n\n';
    svc.open(`file://${LOG}`, 'sendmail-maillog', 1, junk);
    assert.deepEqual(svc.diagnostics(`file://${LOG}`), []);
    svc.symbols(`file://${LOG}`);
    svc.hover(`file://${LOG}`, { line: 0, character: 5 });
  });
});
