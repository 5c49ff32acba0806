// DAEMON_OPTIONS that cannot all listen (issue #11): two daemons on one port and address, or an
// MSA of one's own beside the default MSA cf.m4 adds without FEATURE(`no_default_msa'). sendmail
// then exits (claims table: -bD in a private network namespace); the hover must not say
// "other hosts can connect" for such a daemon.
import * as assert from 'node:assert';
import { applyEdits, openDoc } from '../helpers';

const HEAD = "include(`/usr/share/sendmail/cf/m4/cf.m4')dnl\nOSTYPE(`linux')dnl\n";
const M = "MAILER(`local')dnl\nMAILER(`smtp')dnl\n";
const clashes = (text: string) => {
  const { svc, uri } = openDoc('sendmail-mc', text);
  return { svc, uri, ds: svc.diagnostics(uri).filter((d) => d.code === 'mc.daemon-clash') };
};
const hover = (text: string, line: number) => {
  const { svc, uri } = openDoc('sendmail-mc', text);
  return (svc.hover(uri, { line, character: 20 })?.contents as { value: string }).value;
};

describe('mc: daemons that cannot all listen', () => {
  it('an MSA of its own without no_default_msa: an Error whose fix adds the FEATURE', () => {
    const text = `${HEAD}DAEMON_OPTIONS(\`Port=smtp, Name=MTA')dnl\nDAEMON_OPTIONS(\`Port=submission, Name=MSA, M=Ea')dnl\n${M}`;
    const { svc, uri, ds } = clashes(text);
    assert.strictEqual(ds.length, 1);
    assert.strictEqual(ds[0].severity, 1);
    assert.strictEqual(ds[0].range.start.line, 3);
    assert.match(String(ds[0].message), /default MSA daemon on port 587.*"cannot bind: Address already in use".*exits/);
    const fixed = applyEdits(text, svc.codeActions(uri, ds[0].range, [ds[0]])[0].edit!.changes![uri]);
    assert.ok(fixed.includes("FEATURE(`no_default_msa')dnl\nMAILER(`local')"));
    assert.deepStrictEqual(clashes(fixed).ds, []);
  });

  it('two daemons on one port: the same address, or one on every address; not different addresses, ports or families', () => {
    const two = (a: string, b: string) => clashes(`${HEAD}FEATURE(\`no_default_msa')dnl\nDAEMON_OPTIONS(\`${a}')dnl\nDAEMON_OPTIONS(\`${b}')dnl\n${M}`).ds;
    assert.strictEqual(two('Port=25, Addr=127.0.0.1, Name=A', 'Port=smtp, Addr=127.0.0.1, Name=B').length, 1);
    assert.strictEqual(two('Port=25, Addr=127.0.0.1, Name=A', 'Port=25, Name=B').length, 1, 'every address includes 127.0.0.1');
    assert.match(String(two('Port=25, Name=A', 'Port=25, Name=B')[0].message), /port 25, which the daemon on line 4 already listens on/);
    assert.deepStrictEqual(two('Port=25, Addr=127.0.0.1, Name=A', 'Port=25, Addr=192.0.2.1, Name=B'), []);
    assert.deepStrictEqual(two('Port=25, Name=A', 'Port=587, Name=B'), []);
    assert.deepStrictEqual(two('Port=25, Name=A', 'Port=25, Family=inet6, Name=B'), []);
    assert.deepStrictEqual(two('Port=x1, Name=A', 'Port=x1, Name=B'), [], 'a service name we cannot resolve');
  });

  it('the defaults (MTA and MSA), Debian\'s layout, ifdef branches and quoted values: no clash', () => {
    assert.deepStrictEqual(clashes(`${HEAD}${M}`).ds, []);
    const debian = `${HEAD}FEATURE(\`no_default_msa')dnl\nDAEMON_OPTIONS(\`Family=inet,  Name=MTA-v4, Port=smtp, Addr=127.0.0.1')dnl\nDAEMON_OPTIONS(\`Family=inet,  Name=MSP-v4, Port=submission, M=Ea, Addr=127.0.0.1')dnl\n${M}`;
    assert.deepStrictEqual(clashes(debian).ds, []);
    assert.deepStrictEqual(clashes(`${HEAD}ifdef(\`X', \`DAEMON_OPTIONS(\`Port=587, Name=MSA2')')dnl\n${M}`).ds, []);
    assert.deepStrictEqual(clashes(`${HEAD}FEATURE(\`no_default_msa')dnl\nDAEMON_OPTIONS(\`\`Port=25,Addr=0.0.0.0,Name=MTA'')dnl\nDAEMON_OPTIONS(\`\`Port=587,Addr=0.0.0.0,Name=MSA,Modify=Ea'')dnl\n${M}`).ds, []);
  });

  it('the hover says the daemon cannot listen instead of "other hosts can connect"', () => {
    const text = `${HEAD}DAEMON_OPTIONS(\`Port=submission, Name=MSA, M=Ea')dnl\n${M}`;
    const h = hover(text, 2);
    assert.match(h, /Daemon `MSA` cannot listen/);
    assert.match(h, /default MSA daemon on the same port 587/);
    assert.doesNotMatch(h, /other hosts can connect/);
    const ok = hover(text.replace('DAEMON_OPTIONS', "FEATURE(`no_default_msa')dnl\nDAEMON_OPTIONS"), 3);
    assert.match(ok, /other hosts can connect/);
  });
});
