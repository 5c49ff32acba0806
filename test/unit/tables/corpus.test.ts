// The real-world tables in the shared corpus: no Error/Warning except on their real
// mistakes, pinned here with the reason each one is a mistake.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CORPUS } from '../helpers';
import { LanguageService, memoryWorkspace, languageFromPath, type LanguageId } from '../../../server/src/service';

const EXPECTED: Record<string, string[]> = {
  // The FreeBSD-family samples copy cf/README's hypothetical `xnet` mailer; no MAILER() defines it.
  'mailertable/002-freebsd_freebsd-src-mailertable.sample': ['5 mailertable.unknown-mailer'],
  'mailertable/004-DragonFlyBSD_DragonFlyBSD-mailertable.sample': ['6 mailertable.unknown-mailer'],
  'mailertable/005-MidnightBSD_src-mailertable.sample': ['5 mailertable.unknown-mailer'],
  // IPv6 client addresses are looked up as IPv6:<addr>; the key lacks the prefix.
  'access/011-JogAmp_jogamp-scripting-access': ['106 access.ipv6-needs-prefix', '108 access.ipv6-needs-prefix'],
  // Key with no value: makemap fails ("no RHS for LHS").
  'access/013-RafaelOstertag_ansible-access': ['3 table.missing-value'],
  // Bare local-part keys: virtusertable is looked up as user@domain / @domain only.
  'virtusertable/001-santosha2003_freebsd-desktop-virtusertable': ['10 virtusertable.key-never-matched', '11 virtusertable.key-never-matched'],
  // `root` bare key and `.com`-style suffix keys are never looked up.
  'virtusertable/002-blackbaud-qa_watirmark-email-virtusertable': ['2 virtusertable.key-never-matched', '5 virtusertable.key-never-matched', '6 virtusertable.key-never-matched', '7 virtusertable.key-never-matched', '8 virtusertable.key-never-matched', '9 virtusertable.key-never-matched'],
  // Same key twice: makemap exits 65 ("duplicate key"), as recorded in makemap-results.tsv.
  'virtusertable/004-freebsd_freebsd-src-virtusertable.sample': ['9 table.duplicate-key'],
  'virtusertable/007-DragonFlyBSD_DragonFlyBSD-virtusertable.sample': ['10 table.duplicate-key'],
  // domaintable has no .suffix matching: `.com` never matches.
  'other/001-blackbaud-qa_watirmark-email-domaintable': ['1 domaintable.key-never-matched'],
  // A Salt/Jinja template: {{ ... }} placeholders are not authinfo fields.
  'other/006-phpdave11_salt-sendmail-smtp-authinfo': ['1 authinfo.bad-field', '1 authinfo.bad-field'],
};

function languageOf(file: string): LanguageId | undefined {
  const base = file.replace(/^\d+-/, '');
  for (let i = base.indexOf('-'); i >= 0; i = base.indexOf('-', i + 1)) {
    const lang = languageFromPath(base.slice(i + 1));
    if (lang) return lang;
  }
  return /auth/.test(file) ? 'sendmail-authinfo' : undefined;
}

describe('tables: real-world corpus', function () {
  const dirs = ['mailertable', 'access', 'virtusertable', 'other'];
  if (!fs.existsSync(CORPUS)) { it.skip('corpus not present'); return; }
  for (const dir of dirs) {
    for (const f of fs.readdirSync(path.join(CORPUS, dir))) {
      const rel = `${dir}/${f}`;
      it(rel, () => {
        const lang = languageOf(f);
        assert.ok(lang, `language of ${f}`);
        const text = fs.readFileSync(path.join(CORPUS, rel), 'utf8');
        const svc = new LanguageService(memoryWorkspace({ [`/corpus/${f}`]: text }));
        svc.open(`file:///corpus/${f}`, lang!, 1, text);
        const got = svc.diagnostics(`file:///corpus/${f}`).filter((d) => d.severity! <= 2).map((d) => `${d.range.start.line + 1} ${d.code}`);
        assert.deepStrictEqual(got.sort(), (EXPECTED[rel] ?? []).slice().sort());
      });
    }
  }
});
