// The check engine's readers of program output, as pure functions: m4 synclines and traces,
// sendmail -bC output, the cf line -> mc line mapping, and rules using undefined mailers.
// The texts are shaped like what GNU m4 1.4.19 and sendmail 8.17.1.9 print (see realMcCheck.test.ts).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseSynclines, unclosedCall } from '../../../client/src/check/m4Output';
import { parseProbeOutput, isWarningText, hostMayWait } from '../../../client/src/check/probe';
import { mcLineFor, cfValueWords, liveText, type OriginContext } from '../../../client/src/check/cfOrigin';
import { undefinedMailers } from '../../../client/src/check/cfMailers';

describe('check: m4 synclines', () => {
  it('drops the synclines and gives each remaining line its file and line', () => {
    const out = '#line 29 "sendmail.mc"\nfirst\nsecond\n#line 383 "/cf/m4/proto.m4"\nO PrivacyOptions=goawayy\n#line 12\nx\n';
    const s = parseSynclines(out);
    assert.equal(s.text, 'first\nsecond\nO PrivacyOptions=goawayy\nx\n');
    assert.deepEqual(s.origins.slice(0, 4), [
      { file: 'sendmail.mc', line: 29 }, { file: 'sendmail.mc', line: 30 }, { file: '/cf/m4/proto.m4', line: 383 }, { file: '/cf/m4/proto.m4', line: 12 },
    ]);
  });

  it('keeps lines that only look like synclines, and lines before any syncline have no origin', () => {
    const s = parseSynclines('plain\n#line x "a"\n# line 3 "a"\n');
    assert.equal(s.text, 'plain\n#line x "a"\n# line 3 "a"\n');
    assert.equal(s.origins[0], undefined);
  });
});

describe('check: m4 trace of an unclosed call', () => {
  const trace = [
    'm4trace:cutp.mc:5: -1- id 389: dnl ...',
    'm4trace:cutp.mc:5: -1- id 389: dnl -> ???',
    'm4trace:cutp.mc:5: -1- id 389: dnl',
    'm4trace:cutp.mc:6: -1- id 390: LOCAL_DOMAIN ...',
    'm4trace:cutp.mc:7: -2- id 391: MAILER ...',
    'm4trace:/cf/mailer/smtp.m4:123: -3- id 702: popdef ...',
    'm4trace:/cf/mailer/smtp.m4:123: -3- id 702: popdef(...)',
  ].join('\n');

  it('names the outermost call that started and never came back', () => {
    assert.deepEqual(unclosedCall(trace), { file: 'cutp.mc', line: 6, name: 'LOCAL_DOMAIN' });
  });

  it('finds nothing in a trace where every call ended, or in text that is no trace', () => {
    assert.equal(unclosedCall(trace.split('\n').slice(0, 3).join('\n')), undefined);
    assert.equal(unclosedCall('m4trace:x\n\0garbage -1- id : ...'), undefined);
  });
});

describe('check: sendmail -bC output', () => {
  const cf = '/tmp/sendmail-check-x/sendmail.cf';
  it('splits located complaints from the others and drops world-writable warnings about our own directory', () => {
    const out = [
      `${cf}: line 253: readcf: Op line: goawayy unrecognized`,
      'WARNING: World writable directory /tmp',
      'WARNING: World writable directory /tmp/sendmail-check-x/queue',
      'WARNING: World writable directory /var/spool/mail',
      'No local mailer defined',
      '/etc/mail/other.cf: line 3: something',
    ].join('\n');
    assert.deepEqual(parseProbeOutput(out, cf, '/tmp/sendmail-check-x'), [
      { cfLine: 253, message: 'readcf: Op line: goawayy unrecognized' },
      { message: 'WARNING: World writable directory /var/spool/mail' },
      { message: 'No local mailer defined' },
      { message: '/etc/mail/other.cf: line 3: something' },
    ]);
  });

  it('tells sendmail\'s warnings by their wording, and a host name without a dot', () => {
    assert.equal(isWarningText('Warning: .cf file is out of date: sendmail 8.17.1.9 supports version 10, .cf file is version 0'), true);
    assert.equal(isWarningText('readcf: Op line: goawayy unrecognized'), false);
    assert.equal(hostMayWait('vm'), true);
    assert.equal(hostMayWait('mail.example.org'), false);
  });
});

describe('check: cf line -> mc line', () => {
  const mc = [
    "include(`/cf/m4/cf.m4')dnl",                                              // 0
    "OSTYPE(`linux')dnl",                                                       // 1
    "dnl DAEMON_OPTIONS(`Family=inet, Name=MTA-v4, Port=smtp, Addr=10.0.0.1')", // 2
    "DAEMON_OPTIONS(`Family=inet, Name=MTA-v4, Port=smtp, Addr=127.0.0.1')dnl", // 3
    "DAEMON_OPTIONS(`Family=inet, Name=MSA, Port=587, Bogus=1')dnl",            // 4
    "define(`confPRIVACY_FLAGS',dnl",                                           // 5
    "`goawayy')dnl",                                                            // 6
    "FEATURE(`mailertable', `badclass /etc/mail/mailertable')dnl",              // 7
    "include(`/etc/mail/m4/site.m4')dnl",                                       // 8
    "MAILER(`smtp')dnl",                                                        // 9
  ];
  const sources: Record<string, string[]> = {
    '/cf/m4/proto.m4': Object.assign(Array(400).fill(''), {
      362: "ifelse(defn(`_DPO_'), `',",
      363: "`O DaemonPortOptions=Name=MTA')', `_DPO_')",
      382: "_OPTION(PrivacyOptions, `confPRIVACY_FLAGS', `authwarnings')",
      390: "_OPTION(SomethingElse, `confNOT_IN_MC', `')",
    }),
  };
  const ctx: OriginContext = { mcPath: '/etc/mail/sendmail.mc', mcLines: mc, readLines: (f) => sources[f] };

  it('a line m4 took from the mc itself is that line', () => {
    assert.equal(mcLineFor({ file: 'sendmail.mc', line: 5 }, 'R$*', ctx), 4);
    assert.equal(mcLineFor({ file: '/etc/mail/sendmail.mc', line: 99 }, 'R$*', ctx), mc.length - 1, 'clamped to the last line');
  });

  it('an O line from proto.m4 is the define of the conf name its statement uses', () => {
    assert.equal(mcLineFor({ file: '/cf/m4/proto.m4', line: 383 }, 'O PrivacyOptions=goawayy', ctx), 5);
  });

  it('DaemonPortOptions is the DAEMON_OPTIONS call holding that value, not a commented-out one', () => {
    assert.equal(mcLineFor({ file: '/cf/m4/proto.m4', line: 363 }, 'O DaemonPortOptions=Family=inet, Name=MSA, Port=587, Bogus=1', ctx), 4);
    assert.equal(mcLineFor({ file: '/cf/m4/proto.m4', line: 363 }, 'O DaemonPortOptions=Family=inet, Name=MTA-v4, Port=smtp, Addr=127.0.0.1', ctx), 3);
  });

  it('a line from a feature file is its FEATURE line; from an included file, the include line', () => {
    assert.equal(mcLineFor({ file: '/cf/feature/mailertable.m4', line: 23 }, 'Kmailertable badclass /etc/mail/mailertable', ctx), 7);
    assert.equal(mcLineFor({ file: '/etc/mail/m4/site.m4', line: 2 }, 'O Timeout.queuereturn=5q', ctx), 8);
  });

  it('nothing when no mc line is behind it', () => {
    assert.equal(mcLineFor({ file: '/cf/m4/proto.m4', line: 391 }, 'O SomethingElse=x', ctx), undefined);
    assert.equal(mcLineFor(undefined, 'x', ctx), undefined);
    assert.equal(mcLineFor({ file: '/nowhere.m4', line: 1 }, 'x', ctx), undefined);
  });

  it('reads the words of a cf line\'s value, and the mc without dnl comments', () => {
    assert.deepEqual(cfValueWords('O DaemonPortOptions=Port=587, Name=MSA'), ['Port=587', 'Name=MSA']);
    assert.deepEqual(cfValueWords('Fw/etc/mail/local-host-names'), ['/etc/mail/local-host-names']);
    assert.deepEqual(cfValueWords('Kmailertable hash /etc/mail/mailertable'), ['hash', '/etc/mail/mailertable']);
    assert.deepEqual(liveText(['dnl x', 'a dnl b', '# c', 'd']), ['', 'a ', '', 'd']);
  });
});

describe('check: rules using a mailer the cf never defines', () => {
  it('finds $#esmtp without an Mesmtp line, not builtins or check-ruleset markers', () => {
    const cf = ['Mlocal,\t\tP=/usr/bin/procmail', 'R$* < @$* > $*\t\t$#esmtp $@ $2 $: $1 < @ $2 > $3\tuser@host.domain',
      'R$*\t$#error $@ 5.1.3 $: "553 nope"', 'R$*\t$# OK', 'R$*\t$#TEMP $@ x', 'R$#$*\t$#local $: $1', 'R$*\t$#relay $@ x'].join('\n');
    assert.deepEqual(undefinedMailers(cf), [{ name: 'esmtp', cfLine: 2 }, { name: 'relay', cfLine: 7 }]);
    assert.deepEqual(undefinedMailers(`${cf}\nMesmtp,\tP=[IPC]\nMrelay,\tP=[IPC]`), []);
  });
});

describe('check: plain Node modules', () => {
  it('no module of the engine imports vscode (the server and the CLI will share it)', () => {
    const dir = path.resolve(__dirname, '../../../../client/src/check');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.ts'));
    assert.ok(files.length >= 6, files.join());
    for (const f of files) assert.doesNotMatch(fs.readFileSync(path.join(dir, f), 'utf8'), /from 'vscode'|require\('vscode'\)/, f);
  });
});

describe('check: the parsers never throw', () => {
  it('on arbitrary text', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = ['#line ', '"', '\n', ' ', '1', 'm4trace:', ':', '-1- ', 'id ', '...', 'R', '\t', '$#', 'esmtp', 'M', '(', ')', '`', "'", 'dnl', 'line 3: '];
    for (let i = 0; i < 300; i++) {
      const text = Array.from({ length: Math.floor(rnd() * 60) }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');
      parseSynclines(text);
      unclosedCall(text);
      parseProbeOutput(text, '/x.cf', '/x');
      undefinedMailers(text);
      cfValueWords(text);
      mcLineFor({ file: text, line: Math.floor(rnd() * 5) }, text, { mcPath: '/a/b.mc', mcLines: text.split('\n'), readLines: () => text.split('\n') });
    }
  });
});
