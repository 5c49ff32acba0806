// installed.ts against the real tree (diskWorkspace) and a fake tree (memoryWorkspace).
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import { diskWorkspace, memoryWorkspace } from '../../../server/src/service';
import { findCfDirectory, installedCfTree, FEATURES } from '../../../server/src/service/catalog';

const REAL = '/usr/share/sendmail/cf';

function fakeTree(root: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    [`${root}/m4/cf.m4`]: 'divert(-1)\n',
    [`${root}/m4/version.m4`]: "VERSIONID(`x')\ndivert(0)\nDZ8.18.1`'ifdef(`confCF_VERSION', `/confCF_VERSION')\n",
    [`${root}/feature/access_db.m4`]: 'divert(-1)\n',
    [`${root}/feature/my_site_feature.m4`]: 'divert(-1)\n',
    [`${root}/mailer/smtp.m4`]: 'Msmtp,\t\tP=[IPC], F=mDFMuX,\nMesmtp,\t\tP=[IPC]\nMrelay,  P=[IPC]\n# Mnotamailer comment\n',
    [`${root}/mailer/local.m4`]: 'Mlocal,\t\tP=/bin/mail\nMprog,\t\tP=/bin/sh\n',
    [`${root}/ostype/linux.m4`]: '',
    [`${root}/domain/generic.m4`]: '',
    [`${root}/hack/nodns.m4`]: '',
    [`${root}/README`]: 'not an m4 file',
    ...extra,
  };
}

describe('installed sendmail-cf', () => {
  describe('on the real tree', function () {
    before(function () { if (!fs.existsSync(`${REAL}/m4/cf.m4`)) this.skip(); });
    const ws = diskWorkspace();

    it('finds it at the usual location', () => {
      assert.strictEqual(findCfDirectory(ws, {}), REAL);
    });
    it('reads version, features, mailers, ostypes, domains and hacks', () => {
      const t = installedCfTree(ws, REAL)!;
      assert.ok(t);
      const dz = /^DZ([0-9.]+)/m.exec(fs.readFileSync(`${REAL}/m4/version.m4`, 'utf8'))![1];
      assert.strictEqual(t.version, dz);
      assert.ok(t.features.has('access_db') && t.features.has('mailertable'));
      assert.strictEqual(t.features.size, fs.readdirSync(`${REAL}/feature`).filter((f) => f.endsWith('.m4')).length);
      assert.deepStrictEqual(t.mailers.get('smtp'), ['smtp', 'esmtp', 'smtp8', 'dsmtp', 'relay']);
      assert.deepStrictEqual(t.mailers.get('local'), ['local', 'prog']);
      assert.ok(t.ostypes.has('linux'));
      assert.ok(t.domains.has('generic'));
      assert.ok(t.hacks.size > 0);
      if (fs.existsSync(`${REAL}/debian/autoconf.m4`)) assert.match(t.packageVersion ?? '', /^8\.\d+/);
    });
    it('returns the cached object while nothing changed', () => {
      assert.strictEqual(installedCfTree(ws, REAL), installedCfTree(ws, REAL));
    });
    it('every installed feature has catalog docs', () => {
      const t = installedCfTree(ws, REAL)!;
      const known = new Set(FEATURES.map((f) => f.name));
      assert.deepStrictEqual([...t.features].filter((f) => !known.has(f)), []);
    });
  });

  describe('on a fake tree in memory', () => {
    const files = fakeTree('/opt/sm/cf');

    it('lists an extra site feature the catalog does not know', () => {
      const t = installedCfTree(memoryWorkspace(files), '/opt/sm/cf')!;
      assert.deepStrictEqual([...t.features].sort(), ['access_db', 'my_site_feature']);
      assert.strictEqual(t.version, '8.18.1');
      assert.deepStrictEqual(t.mailers.get('smtp'), ['smtp', 'esmtp', 'relay']);
      assert.deepStrictEqual([...t.ostypes], ['linux']);
      assert.deepStrictEqual([...t.hacks], ['nodns']);
    });

    it('is undefined for a directory without m4/cf.m4', () => {
      assert.strictEqual(installedCfTree(memoryWorkspace(files), '/opt/sm'), undefined);
    });

    it('re-reads the tree when a stamp changes', () => {
      const mt: Record<string, number> = { '/opt/sm/cf/feature': 1 };
      const f = { ...files };
      const ws = memoryWorkspace(f, mt);
      assert.ok(!installedCfTree(ws, '/opt/sm/cf')!.features.has('new_one'));
      f['/opt/sm/cf/feature/new_one.m4'] = '';
      mt['/opt/sm/cf/feature'] = 2;
      assert.ok(installedCfTree(ws, '/opt/sm/cf')!.features.has('new_one'));
    });

    it('finds the root from the setting, in any of its accepted forms', () => {
      const ws = memoryWorkspace(files);
      assert.strictEqual(findCfDirectory(ws, { configured: '/opt/sm/cf' }), '/opt/sm/cf');
      assert.strictEqual(findCfDirectory(ws, { configured: '/opt/sm/cf/' }), '/opt/sm/cf');
      assert.strictEqual(findCfDirectory(ws, { configured: '/opt/sm/cf/m4/cf.m4' }), '/opt/sm/cf');
    });

    it('finds the root from an absolute or relative include(cf.m4) path', () => {
      const ws = memoryWorkspace(files);
      assert.strictEqual(findCfDirectory(ws, { includeArg: '/opt/sm/cf/m4/cf.m4' }), '/opt/sm/cf');
      assert.strictEqual(findCfDirectory(ws, { includeArg: "`/opt/sm/cf/m4/cf.m4'" }), '/opt/sm/cf');
      assert.strictEqual(findCfDirectory(ws, { includeArg: '../m4/cf.m4', mcDir: '/opt/sm/cf/cf' }), '/opt/sm/cf');
    });

    it('prefers a valid setting, skips an invalid one, falls back to usual places', () => {
      const both = memoryWorkspace({ ...files, ...fakeTree('/usr/share/sendmail/cf') });
      assert.strictEqual(findCfDirectory(both, { configured: '/opt/sm/cf', includeArg: '/usr/share/sendmail/cf/m4/cf.m4' }), '/opt/sm/cf');
      assert.strictEqual(findCfDirectory(both, { configured: '/nope', includeArg: '/opt/sm/cf/m4/cf.m4' }), '/opt/sm/cf');
      assert.strictEqual(findCfDirectory(both, { includeArg: '/nope/m4/cf.m4' }), '/usr/share/sendmail/cf');
      assert.strictEqual(findCfDirectory(memoryWorkspace(files), {}), undefined);
    });

    it('never throws on junk', () => {
      const junk = memoryWorkspace({ '/j/m4/cf.m4': '\u0000\uffff', '/j/mailer/x.m4': 'M'.repeat(1_000_000) + ',\n\u0000M,' });
      const t = installedCfTree(junk, '/j')!;
      assert.ok(t.mailers.has('x'));
      assert.strictEqual(findCfDirectory(junk, { includeArg: '\u0000'.repeat(10), mcDir: '' }), undefined);
      assert.strictEqual(findCfDirectory(junk, { configured: '' }), undefined);
    });
  });
});
