// An untrusted workspace (settings.restrictedRoots) cannot use the service as an oracle on
// other files of the machine: a confCW_FILE or map path outside its folders is not read, so no
// finding depends on what such a file contains. The installed sendmail-cf tree stays readable.
// And without clientCommands no CodeLens or code action carries a command (they run programs).
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LanguageService, diskWorkspace, memoryWorkspace, type ServiceSettings, type WorkspaceView } from '../../../server/src/service';
import { codes } from '../helpers';

const HEAD = "include(`/usr/share/sendmail/cf/m4/cf.m4')dnl\nOSTYPE(`linux')dnl\n";
/** An mc whose class {w} comes from `cw`: a mailertable entry for a name listed there is never used. */
const cwMc = (cw: string) => `${HEAD}define(\`confCW_FILE', \`${cw}')dnl\nFEATURE(\`use_cw_file')dnl\nFEATURE(\`mailertable')dnl\nMAILER(\`local')dnl\nMAILER(\`smtp')dnl\n`;
const GUESS = 'guessed.example\tesmtp:[mx.example.net]\n';

function mailertableCodes(ws: WorkspaceView, file: string, settings: ServiceSettings): string[] {
  const svc = new LanguageService(ws, settings);
  svc.open('file://' + file, 'sendmail-mailertable', 1, GUESS);
  return codes(svc.diagnostics('file://' + file));
}

describe('robustness: an untrusted workspace reads nothing outside its folders', () => {
  it('memory workspace: the word in a confCW_FILE outside the roots makes no difference', () => {
    for (const words of ['guessed.example\n', 'other.example\n']) {
      const ws = memoryWorkspace({ '/ws/sendmail.mc': cwMc('/secret/words'), '/secret/words': words, '/ws/mailertable': GUESS });
      const open = mailertableCodes(ws, '/ws/mailertable', {});
      assert.strictEqual(open.includes('mailertable.local-name'), words.startsWith('guessed'), 'without restriction the file is read');
      assert.ok(!mailertableCodes(ws, '/ws/mailertable', { restrictedRoots: ['/ws'] }).includes('mailertable.local-name'));
    }
    // Inside the roots it is still read.
    const inside = memoryWorkspace({ '/ws/sendmail.mc': cwMc('/ws/words'), '/ws/words': 'guessed.example\n', '/ws/mailertable': GUESS });
    assert.ok(mailertableCodes(inside, '/ws/mailertable', { restrictedRoots: ['/ws'] }).includes('mailertable.local-name'));
  });

  describe('on disk', () => {
    let root: string;
    before(() => {
      root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sendmail-restricted-')));
      fs.mkdirSync(path.join(root, 'ws'));
      fs.mkdirSync(path.join(root, 'secret'));
      fs.writeFileSync(path.join(root, 'secret', 'words'), 'guessed.example\n');
      fs.writeFileSync(path.join(root, 'ws', 'sendmail.mc'), cwMc(path.join(root, 'secret', 'words')));
      fs.writeFileSync(path.join(root, 'ws', 'mailertable'), GUESS);
      // A symlink inside the folder that points out of it is outside too.
      fs.symlinkSync(path.join(root, 'secret', 'words'), path.join(root, 'ws', 'link'));
    });
    after(() => fs.rmSync(root, { recursive: true, force: true }));

    it('a confCW_FILE outside the folder, or a symlink out of it, is not read; the installed sendmail-cf tree is', () => {
      const file = path.join(root, 'ws', 'mailertable');
      const roots = [path.join(root, 'ws')];
      assert.ok(mailertableCodes(diskWorkspace(), file, {}).includes('mailertable.local-name'));
      assert.ok(!mailertableCodes(diskWorkspace(), file, { restrictedRoots: roots }).includes('mailertable.local-name'));
      fs.writeFileSync(path.join(root, 'ws', 'sendmail.mc'), cwMc(path.join(root, 'ws', 'link')));
      assert.ok(mailertableCodes(diskWorkspace(), file, {}).includes('mailertable.local-name'));
      assert.ok(!mailertableCodes(diskWorkspace(), file, { restrictedRoots: roots }).includes('mailertable.local-name'));
      // ostype/unknown.m4 of the installed tree is read (it prints an ERROR when m4 reads it).
      const mc = path.join(root, 'ws', 'sendmail.mc');
      const text = "include(`/usr/share/sendmail/cf/m4/cf.m4')dnl\nOSTYPE(`unknown')dnl\n";
      const svc = new LanguageService(diskWorkspace(), { restrictedRoots: roots });
      svc.open('file://' + mc, 'sendmail-mc', 1, text);
      assert.ok(codes(svc.diagnostics('file://' + mc)).includes('mc.included-file-message'));
    });

    it('no roots (a single file opened without a folder): the file itself is analysed, nothing beside it is read', () => {
      fs.mkdirSync(path.join(root, 'single'));
      fs.writeFileSync(path.join(root, 'single', 'sendmail.mc'), `${HEAD}MAILER(\`smtp')dnl\n`); // no FEATURE(`mailertable')
      const file = path.join(root, 'single', 'mailertable');
      const check = (settings: ServiceSettings) => {
        const svc = new LanguageService(diskWorkspace(), settings);
        svc.open('file://' + file, 'sendmail-mailertable', 1, 'a.example\tnosuch:[x]\n');
        return codes(svc.diagnostics('file://' + file));
      };
      assert.ok(check({}).includes('table.feature-missing'), 'unrestricted, the sendmail.mc beside it is read');
      const ds = check({ restrictedRoots: [] });
      assert.ok(!ds.includes('table.feature-missing'), 'restricted, it is not');
      assert.ok(ds.includes('mailertable.unknown-mailer'), JSON.stringify(ds));
    });
  });
});

describe('robustness: without clientCommands nothing carries a command', () => {
  const mc = "FEATURE(`mailertable')dnl\nMAILER(`smtp')dnl\n";
  const ws = memoryWorkspace({ '/etc/mail/sendmail.mc': mc, '/etc/mail/mailertable.db': '' }, { '/etc/mail/mailertable': 2000, '/etc/mail/mailertable.db': 1000 });
  const text = 'example.com\tesmtp:[mx.example.com]\n';

  for (const clientCommands of [false, true]) {
    it(`clientCommands ${clientCommands}: CodeLenses and code actions ${clientCommands ? 'may run' : 'run no'} commands`, () => {
      const svc = new LanguageService(ws, { clientCommands });
      const uri = 'file:///etc/mail/mailertable';
      svc.open(uri, 'sendmail-mailertable', 1, text);
      const ds = svc.diagnostics(uri);
      assert.ok(codes(ds).includes('table.db-stale'));
      const lenses = svc.codeLenses(uri);
      const actions = ds.flatMap((d) => svc.codeActions(uri, d.range, [d]));
      if (clientCommands) {
        assert.ok(lenses.some((l) => l.command?.command === 'sendmail.testRoute'));
        assert.ok(actions.some((a) => a.command?.command === 'sendmail.rebuildMap'));
      } else {
        assert.deepStrictEqual(lenses.filter((l) => l.command), []);
        assert.deepStrictEqual(actions.filter((a) => a.command), []);
      }
    });
  }
});
