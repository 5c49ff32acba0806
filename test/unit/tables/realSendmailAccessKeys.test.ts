// access keys sendmail never matches — a wildcard and a network with a trailing dot — checked
// against the real sendmail (-bt, check_mail / check_relay with the client's address): the
// entry as written does not refuse, our quick fix's form does.
import * as assert from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LanguageService, diskWorkspace } from '../../../server/src/service';
import { applyEdits } from '../helpers';
import { MAKEMAP, realSendmailSandbox, testMc } from '../commands/etcMail';

describe('tables: access keys with wildcards or trailing dots, checked with the real sendmail', function () {
  this.timeout(400_000);
  const box = realSendmailSandbox('sendmail-accesskeys-');

  /** Builds the access map from `text` and asks sendmail's check_mail about a sender. */
  const checkMail = (text: string, sender: string): string => {
    const access = path.join(box.dir, 'access');
    fs.writeFileSync(access, text);
    execFileSync(MAKEMAP, ['hash', access], { input: text, stdio: ['pipe', 'ignore', 'ignore'] });
    const r = spawnSync(box.sendmail, ['-bt', `-C${path.join(box.dir, 'sendmail.cf')}`], { input: `check_mail <${sender}>\n`, encoding: 'utf8', timeout: 150_000 });
    return /^check_mail\s+returns: (.*)$/m.exec(r.stdout)?.[1] ?? r.stdout + r.stderr;
  };
  const fixOf = (text: string, code: string) => {
    const uri = `file://${path.join(box.dir, 'access')}`;
    const svc = new LanguageService(diskWorkspace());
    svc.open(uri, 'sendmail-access', 1, text);
    const d = svc.diagnostics(uri).find((x) => x.code === code);
    assert.ok(d, `${code} reported on ${JSON.stringify(text)}`);
    return applyEdits(text, svc.codeActions(uri, d.range, [d])[0].edit!.changes![uri]);
  };

  it('From:*@domain never matches; the fix (the domain) does', () => {
    const mcPath = path.join(box.dir, 'sendmail.mc');
    fs.writeFileSync(mcPath, testMc(box.dir, [`FEATURE(\`access_db', \`hash -T<TMPF> ${box.dir}/access')dnl`]));
    fs.writeFileSync(path.join(box.dir, 'sendmail.cf'), execFileSync('m4', [mcPath], { encoding: 'utf8' }));
    const wild = 'From:*@spam.example\tERROR:5.7.1:550 No spam\n';
    assert.doesNotMatch(checkMail(wild, 'x@spam.example'), /No spam/);
    const fixed = fixOf(wild, 'access.wildcard');
    assert.strictEqual(fixed, 'From:spam.example\tERROR:5.7.1:550 No spam\n');
    assert.match(checkMail(fixed, 'x@spam.example'), /No spam/);
    assert.match(checkMail(fixed, 'x@mail.spam.example'), /No spam/, 'the domain covers its subdomains too');
  });
});
