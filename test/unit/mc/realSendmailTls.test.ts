// STARTTLS left off, checked against the real sendmail: for each case, a certificate made
// with openssl, sendmail.cf from real m4, and an EHLO to `sendmail -bs` shows whether
// sendmail offers STARTTLS. Our mc.tls-* diagnostics must appear exactly when it does not.
import * as assert from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LanguageService, diskWorkspace } from '../../../server/src/service';
import { CF_DIR as CF, realSendmailSandbox } from '../commands/etcMail';
import { smtpSession } from '../smtpSession';


interface Case {
  what: string;
  /** Lines of defines (DIR stands for the test folder). */
  defines: string[];
  keyMode: number;
  ours: string[];
  starttls: boolean;
}

const ALL = [
  "define(`confCACERT_PATH', `DIR')dnl", "define(`confCACERT', `DIR/cert.pem')dnl",
  "define(`confSERVER_CERT', `DIR/cert.pem')dnl", "define(`confSERVER_KEY', `DIR/key.pem')dnl",
];
// TrustStickyBit: the test folder lives under /tmp, whose sticky bit sendmail must trust to read certificates there.
const DBS = (extra = '') => `define(\`confDONT_BLAME_SENDMAIL', \`TrustStickyBit${extra}')dnl`;

const CASES: Case[] = [
  { what: 'complete and private: STARTTLS offered, nothing reported', defines: [DBS(), ...ALL], keyMode: 0o600, ours: [], starttls: true },
  { what: 'a key everyone may read', defines: [DBS(), ...ALL], keyMode: 0o644, ours: ['mc.tls-key-readable'], starttls: false },
  { what: 'a key the group may read', defines: [DBS(), ...ALL], keyMode: 0o640, ours: ['mc.tls-key-readable'], starttls: false },
  { what: 'a group-readable key with GroupReadableKeyFile', defines: [DBS(',GroupReadableKeyFile'), ...ALL], keyMode: 0o640, ours: [], starttls: true },
  { what: 'a certificate file that does not exist', defines: [DBS(), ...ALL.map((l) => l.replace("`confSERVER_CERT', `DIR/cert.pem'", "`confSERVER_CERT', `DIR/missing.pem'"))], keyMode: 0o600, ours: ['mc.tls-file-missing'], starttls: false },
  { what: 'no CA certificate file', defines: [DBS(), ...ALL.filter((l) => !l.includes('confCACERT\''))], keyMode: 0o600, ours: ['mc.tls-incomplete'], starttls: false },
  { what: 'no CA directory', defines: [DBS(), ...ALL.filter((l) => !l.includes('confCACERT_PATH'))], keyMode: 0o600, ours: ['mc.tls-incomplete'], starttls: false },
];

describe('mc: STARTTLS that sendmail leaves off, checked with the real sendmail', function () {
  this.timeout(600_000); // sendmail may sleep 60 s at start on hosts without a qualified name
  const box = realSendmailSandbox('sendmail-tls-', [['openssl', 'version']]);
  let dir = '', sendmail = '';
  before(() => {
    ({ dir, sendmail } = box);
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'),
      '-days', '2', '-subj', '/CN=mail.example.test'], { stdio: 'ignore' });
  });

  for (const c of CASES) {
    it(c.what, async () => {
      const mc = [
        `include(\`${CF}/m4/cf.m4')dnl`, "OSTYPE(`linux')dnl", "define(`confDOMAIN_NAME', `mail.example.test')dnl",
        `define(\`QUEUE_DIR', \`${dir}/queue')dnl`, ...c.defines.map((l) => l.replace(/DIR/g, dir)), "MAILER(`local')dnl", "MAILER(`smtp')dnl", '',
      ].join('\n');
      const mcPath = path.join(dir, 'sendmail.mc');
      fs.writeFileSync(mcPath, mc);
      fs.chmodSync(path.join(dir, 'key.pem'), c.keyMode);
      const svc = new LanguageService(diskWorkspace());
      const uri = `file://${mcPath}`;
      svc.open(uri, 'sendmail-mc', 1, mc);
      const ours = svc.diagnostics(uri).map((d) => String(d.code)).filter((x) => x.startsWith('mc.tls-'));
      assert.deepStrictEqual(ours, c.ours);
      const cf = path.join(dir, 'sendmail.cf');
      fs.writeFileSync(cf, execFileSync('m4', [mcPath], { encoding: 'utf8' }));
      const [, ehlo] = await smtpSession(sendmail, cf, ['EHLO client.example', 'QUIT']);
      assert.strictEqual(/^250[- ]STARTTLS$/m.test(ehlo ?? ''), c.starttls, `EHLO answer:\n${ehlo}`);
    });
  }
});
