// The Explain-route model on its own: lookup order, %1, SMART_HOST forms, local names,
// the mailertable CodeLenses, and robustness on junk input.
import * as assert from 'node:assert/strict';
import { explainRoute, mailertableKeys, parseMailertable, sampleAddressForKey, usesMx, loadRouteModel, type RouteModel } from '../../../server/src/service/route';
import { errorParts, virtuserKeys } from '../../../server/src/service/route/explain';
import { MAX_ROUTE_LENSES } from '../../../server/src/service/route';
import { memoryWorkspace } from '../../../server/src/service/workspace';
import { openDoc } from '../helpers';

const model = (over: Partial<RouteModel> = {}): RouteModel => ({ localNames: new Set(['localhost', 'mail.example.test']), smtpMailer: 'esmtp', ...over });

describe('route: Explain-route model', () => {
  it('looks keys up as sendmail does: host, each parent .domain, then "."', () => {
    assert.deepEqual(mailertableKeys('A.b.Example.org.'), ['a.b.example.org', '.b.example.org', '.example.org', '.org', '.']);
  });

  it('prefers the exact host over a .domain entry, and .domain over "."', () => {
    const mt = parseMailertable('.example.com smtp:[gw1]\nhost.example.com esmtp:[gw2]\n. relay:[catchall]\n');
    assert.equal(explainRoute('u@host.example.com', model({ mailertable: mt })).host, '[gw2]');
    assert.equal(explainRoute('u@other.example.com', model({ mailertable: mt })).matched?.key, '.example.com');
    assert.equal(explainRoute('u@example.net', model({ mailertable: mt })).host, '[catchall]');
  });

  it('substitutes %1 with the part in front of a matched .domain', () => {
    const mt = parseMailertable('.example.com esmtp:%1.relay.example.net\n');
    assert.equal(explainRoute('u@a.b.example.com', model({ mailertable: mt })).host, 'a.b.relay.example.net');
  });

  it('a value without mailer: is searched for again as a domain, as `sendmail -bt` shows (not sent to)', () => {
    // 8.17 trace: "Mailertable input: < relay . example . net >" matched `.example.net`.
    const mt = parseMailertable('nocolon.example relay.example.net\n.example.net esmtp:[net.example]\nbad.example esmtp\n.sub.example other.example\n. relay:[smart.example]\n');
    const a = explainRoute('u@nocolon.example', model({ mailertable: mt }));
    assert.equal(a.host, '[net.example]');
    assert.equal(a.matched?.key, '.example.net');
    // A .domain entry without mailer goes on to "."; a bare mailer name with nothing else to match: normal delivery.
    assert.equal(explainRoute('u@a.sub.example', model({ mailertable: mt })).host, '[smart.example]');
    const plain = parseMailertable('bad.example esmtp\n');
    const b = explainRoute('u@bad.example', model({ mailertable: plain }));
    assert.deepEqual([b.mailer, b.host, b.matched], ['esmtp', 'bad.example', undefined]);
  });

  it('local names win before the mailertable; local: and error: entries', () => {
    const mt = parseMailertable('mail.example.test esmtp:[x]\nold.example local:bob\nbad.example error:5.1.1:550 gone\n');
    assert.deepEqual(explainRoute('joe@mail.example.test', model({ mailertable: mt })).mailer, 'local');
    const l = explainRoute('joe@old.example', model({ mailertable: mt }));
    assert.deepEqual([l.mailer, l.user, l.mx], ['local', 'bob', false]);
    assert.equal(explainRoute('joe@bad.example', model({ mailertable: mt })).mailer, 'error');
  });

  it('SMART_HOST: relay by default, mailer:host form, MX only without brackets', () => {
    assert.deepEqual(['mailer', 'host', 'mx'].map((k) => (explainRoute('u@x.example', model({ smartHost: 'smart.example.net' })) as never)[k]), ['relay', 'smart.example.net', true]);
    const s = explainRoute('u@x.example', model({ smartHost: 'esmtp:[10.0.0.1]' }));
    assert.deepEqual([s.mailer, s.host, s.mx], ['esmtp', '[10.0.0.1]', false]);
    const d = explainRoute('u@x.example', model());
    assert.deepEqual([d.mailer, d.host, d.mx], ['esmtp', 'x.example', true]);
    assert.equal(usesMx('local', 'x'), false);
  });

  it('loads class w, mailertable and SMART_HOST from the mc directory', () => {
    const ws = memoryWorkspace({
      '/etc/mail/sendmail.mc': "define(`SMART_HOST', `relay.example.net')dnl\nFEATURE(`use_cw_file')dnl\nFEATURE(`mailertable')dnl\n",
      '/etc/mail/local-host-names': '# names\nexample.org\n',
      '/etc/mail/mailertable': 'example.com smtp:[in.example.com]\n',
    });
    const m = loadRouteModel(ws, '/etc/mail');
    assert.ok(m.localNames.has('example.org'));
    assert.equal(m.smartHost, 'relay.example.net');
    assert.equal(explainRoute('a@example.com', m).host, '[in.example.com]');
  });

  it('reads confCW_FILE the way sendmail does (flags and a %[...] pattern around the path, several names a line)', () => {
    const ws = memoryWorkspace({
      '/etc/mail/sendmail.mc': "define(`confCW_FILE', `-o /etc/mail/lhn %[^\\#]')dnl\nFEATURE(`use_cw_file')dnl\n",
      '/etc/mail/lhn': 'Example.org. mail.example.org # gateways\n',
    });
    const m = loadRouteModel(ws, '/etc/mail');
    assert.ok(m.localNames.has('example.org'), [...m.localNames].join(','));
    assert.ok(m.localNames.has('mail.example.org'));
    assert.ok(!m.localNames.has('#'));
  });

  it('virtusertable entries get a Test route CodeLens too; a huge map gets a bounded number', () => {
    const { svc, uri } = openDoc('sendmail-virtusertable', 'info@virt.example\tbob\n@virt.example\tjoe\njoe+*@virt.example\t%2\nnot-an-address\tx\n', '/etc/mail/virtusertable');
    svc.settings = { clientCommands: true }; // the lens runs the client's command
    const lenses = svc.codeLenses(uri).filter((l) => l.command?.command === 'sendmail.testRoute');
    assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command?.arguments?.[1]]), [[0, 'info@virt.example'], [1, 'no-such-user@virt.example'], [2, 'joe+test@virt.example']]);
    const big = Array.from({ length: MAX_ROUTE_LENSES + 500 }, (_, i) => `host${i}.example\tesmtp:[mx.example]`).join('\n');
    const b = openDoc('sendmail-mailertable', big, '/etc/mail/mailertable');
    b.svc.settings = { clientCommands: true };
    assert.equal(b.svc.codeLenses(b.uri).length, MAX_ROUTE_LENSES);
  });

  it('offers a Test route CodeLens with a sample address on each mailertable entry', () => {
    const { svc, uri } = openDoc('sendmail-mailertable', '# c\nexample.com esmtp:[x]\n.example.org relay:y\n', '/etc/mail/mailertable');
    svc.settings = { clientCommands: true };
    const lenses = svc.codeLenses(uri).filter((l) => l.command?.command === 'sendmail.testRoute');
    assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command?.arguments?.[1]]), [[1, 'postmaster@example.com'], [2, 'postmaster@host.example.org']]);
    assert.equal(lenses[0].command?.arguments?.[0], uri);
    assert.equal(sampleAddressForKey('.'), 'postmaster@example.net');
    assert.equal(sampleAddressForKey('weird key%'), undefined);
  });

  it('virtusertable: lookup order with +detail, %1 %2 %3, error values, and a loop that ends', () => {
    assert.deepEqual(virtuserKeys('Joe+News', 'Virt.Example').map((k) => k.key),
      ['joe+news@virt.example', 'joe++@virt.example', 'joe+*@virt.example', 'joe@virt.example', '++@virt.example', '+*@virt.example', '@virt.example']);
    assert.deepEqual(virtuserKeys('joe+', 'v.example').map((k) => k.key), ['joe+@v.example', 'joe+*@v.example', 'joe@v.example', '+*@v.example', '@v.example']);
    assert.deepEqual(errorParts('5.7.1:550 Go away'), { host: '5.7.1', user: '550 Go away' });
    assert.deepEqual(errorParts('nouser No such user'), { host: 'nouser', user: 'No such user' });
    assert.deepEqual(errorParts('5.7.1 no colon'), { host: '5', user: '.7.1 no colon' });
    const entries = new Map(Object.entries({
      'joe+*@virt.example': { value: '%2-%1%3@elsewhere.example', line: 0 },
      '@virt.example': { value: '%1@loop.example', line: 1 },
      '@loop.example': { value: '%1@virt.example', line: 2 },
    }));
    const vt = { entries, path: '/etc/mail/virtusertable', isVirtual: (h: string) => /virt|loop/.test(h) };
    const a = explainRoute('joe+news@virt.example', model({ virtusertable: vt }));
    assert.deepEqual([a.host, a.user, a.virtuser?.key], ['elsewhere.example', 'news-joe+news@elsewhere.example', 'joe+*@virt.example']);
    const loop = explainRoute('x@virt.example', model({ virtusertable: vt }));
    assert.equal(loop.mailer, 'esmtp', 'a rewrite loop stops after a bounded number of rounds');
  });

  it('never throws on junk: binary, a 10 MB line, unbalanced brackets', () => {
    const junk = [Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1'), 'x'.repeat(10 * 1024 * 1024), '[[[ <<< @@@ :::\n\0\r\n'];
    for (const text of junk) {
      const mt = parseMailertable(text);
      for (const a of ['a@[', '@', '<>', 'a@b@c', text.slice(0, 300)]) explainRoute(a, model({ mailertable: mt, smartHost: ':' }));
    }
  });
});
