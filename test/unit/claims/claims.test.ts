// Runs every row of the claims table (claims.ts) against the real programs: our analysis of the
// fixture says what the row says (with that severity), the real m4 / Rebuild / sendmail /
// makemap shows what the row expects, and where a row has `fixed`, our first quick fix makes
// the program show that instead. Rows that run the extension's Rebuild also pin "severity
// matches the effect": Rebuild refuses the file exactly when we report an Error, and so does
// sendmail-lint's exit status.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import type { Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { LanguageService, diskWorkspace, type LanguageId } from '../../../server/src/service';
import { lint } from '../../../server/src/cli/main';
import { applyEdits } from '../helpers';
import { MAKEMAP, rmrf, tempDir } from '../commands/etcMail';
import { CLAIMS, HEAD, type Claim, type Expect, type Pattern } from './claims';
import { answers, canUnshare, certificate, deliver, haveTools, m4, makemap, newaliases, rebuild, sendmailBD, sendmailBs, sendmailBt, smtpSink, type Ran } from './run';

const has = (text: string, p: Pattern) => (typeof p === 'string' ? text.includes(p) : p.test(text));

/** One row's folder: the mc, its maps and queue, with @DIR@ and @PORT@ filled in. */
class Sandbox {
  constructor(readonly dir: string, readonly port: number) {}
  fill(s: string): string { return s.replace(/@DIR@/g, this.dir).replace(/@PORT@/g, String(this.port)); }
  get mcPath(): string { return path.join(this.dir, 'sendmail.mc'); }
  get cfPath(): string { return path.join(this.dir, 'sendmail.cf'); }
  /** The file our analysis looks at: the row's map, else the sendmail.mc. */
  target(c: Claim): { file: string; lang: LanguageId } {
    return c.fixture.map ? { file: path.join(this.dir, c.fixture.map.name), lang: c.fixture.map.lang } : { file: this.mcPath, lang: 'sendmail-mc' };
  }

  write(c: Claim, head: string): void {
    fs.mkdirSync(path.join(this.dir, 'queue'), { recursive: true });
    fs.writeFileSync(path.join(this.dir, 'aliases'), 'postmaster: root\n');
    // The "@" key is newaliases' "complete" mark: without it sendmail waits for a rebuild on every local recipient.
    execFileSync(MAKEMAP, ['hash', path.join(this.dir, 'aliases')], { input: 'postmaster root\n@ @\n', stdio: ['pipe', 'ignore', 'ignore'] });
    fs.writeFileSync(path.join(this.dir, 'statistics'), '');
    fs.writeFileSync(this.mcPath, this.fill(c.fixture.mcText ?? `${head}${(c.fixture.mc ?? []).join('\n')}\nMAILER(\`local')dnl\nMAILER(\`smtp')dnl\n`));
    for (const [name, text] of Object.entries(c.fixture.unbuilt ?? {})) fs.writeFileSync(path.join(this.dir, name), this.fill(text));
    for (const [name, text] of Object.entries(c.fixture.files ?? {})) this.writeMap(name, this.fill(text), true);
    if (c.fixture.map) this.writeMap(c.fixture.map.name, this.fill(c.fixture.map.text), c.fixture.map.build !== false);
    if (c.fixture.tlsKeyMode !== undefined) certificate(this.dir, c.fixture.tlsKeyMode);
    this.buildCf();
  }

  writeMap(name: string, text: string, build: boolean): void {
    const file = path.join(this.dir, name);
    fs.writeFileSync(file, text, 'latin1');
    fs.rmSync(`${file}.db`, { force: true });
    if (build) execFileSync(MAKEMAP, ['hash', file], { input: Buffer.from(text, 'latin1'), stdio: ['pipe', 'ignore', 'ignore'] });
  }

  /** sendmail.cf by plain m4 (whatever it prints: some rows are about a broken mc). */
  buildCf(): void {
    try { fs.writeFileSync(this.cfPath, execFileSync('m4', ['sendmail.mc'], { cwd: this.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })); } catch (e) {
      fs.writeFileSync(this.cfPath, (e as { stdout?: string }).stdout ?? '');
    }
  }

  /** Our analysis of the target file, as the editor would do it. */
  analyse(c: Claim): { svc: LanguageService; uri: string; text: string; ds: Diagnostic[] } {
    const { file, lang } = this.target(c);
    const text = fs.readFileSync(file, 'latin1');
    const svc = new LanguageService(diskWorkspace());
    const uri = pathToFileURL(file).toString();
    svc.open(uri, lang, 1, text);
    return { svc, uri, text, ds: svc.diagnostics(uri).filter((d) => d.code === c.code) };
  }

  /** Applies our first quick fix for the row's code (to whichever files it edits), then rebuilds what depends on them. */
  applyFirstFix(c: Claim): string {
    const { svc, uri, ds } = this.analyse(c);
    assert.ok(ds.length, `no ${c.code} to fix`);
    const action = svc.codeActions(uri, ds[0].range, [ds[0]]).find((a) => a.edit?.changes);
    assert.ok(action, `a quick fix for ${c.code}`);
    for (const [u, edits] of Object.entries(action.edit!.changes!) as [string, TextEdit[]][]) {
      const file = fileURLToPath(u);
      const fixed = applyEdits(fs.readFileSync(file, 'latin1'), edits);
      if (file === this.mcPath) fs.writeFileSync(file, fixed);
      else this.writeMap(path.basename(file), fixed, c.fixture.map?.build !== false);
    }
    this.buildCf();
    return action.title;
  }
}

async function runCommand(c: Claim, box: Sandbox): Promise<Ran> {
  const cmd = c.command;
  switch (cmd.run) {
    case 'm4': return m4(box.dir);
    case 'rebuild': return rebuild(box.dir);
    case 'sendmail-bt': return sendmailBt(box.cfPath, cmd.input);
    case 'sendmail-bs': return sendmailBs(box.cfPath, cmd.smtp);
    case 'sendmail-bD': return sendmailBD(box.cfPath, { until: cmd.until, forMs: cmd.forMs });
    case 'makemap': return makemap(box.target(c).file);
    case 'newaliases': return newaliases(box.cfPath, box.target(c).file);
    case 'deliver': throw new Error('deliver rows run with their SMTP server (see below)');
  }
}

function check(what: string, ran: Ran, e: Expect): void {
  const show = `${what}:\n${ran.output}`;
  for (const p of e.output ?? []) assert.ok(has(ran.output, p), `expected ${p} in ${show}`);
  for (const p of e.notOutput ?? []) assert.ok(!has(ran.output, p), `did not expect ${p} in ${show}`);
  if (e.status !== undefined) assert.strictEqual(ran.status, e.status, `exit status, ${show}`);
  if (e.refused !== undefined) assert.strictEqual(ran.refused, e.refused, `Rebuild refused, ${show}`);
}

/** sendmail-lint's exit status for the mc (0: no errors). */
function lintStatus(file: string): number {
  return lint([file], { stdout: () => undefined, stderr: () => undefined });
}

describe('claims table: what our messages say m4, cf.m4, makemap and sendmail do, run for real (issue #11)', function () {
  this.timeout(300_000);
  let root = '';
  const head = `${HEAD.join('\n')}\n`;
  let netns = false;
  before(function () {
    if (!haveTools()) { console.log('      (skipped: m4, sendmail-cf, sendmail, makemap or unshare -u missing)'); this.skip(); }
    root = tempDir('sendmail-claims-');
    fs.chmodSync(root, 0o755); // sendmail writes queue files as another user than root
    netns = canUnshare(true);
  });
  after(() => { if (root && !process.env.KEEP_CLAIMS) rmrf(root); }); // KEEP_CLAIMS=1: keep the folders to look into

  it('every row names a code our sources emit, or a hover', () => {
    const src = (dir: string): string => fs.readdirSync(dir, { withFileTypes: true }).map((f) => (f.isDirectory() ? src(path.join(dir, f.name)) : f.name.endsWith('.ts') ? fs.readFileSync(path.join(dir, f.name), 'utf8') : '')).join('\n');
    const all = src(path.resolve(__dirname, '../../../../server/src/service'));
    for (const c of CLAIMS) if (c.code !== 'hover' && !(c.absent && c.code === 'table.crlf')) assert.ok(all.includes(`'${c.code}'`) || all.includes(`\`mc.unknown-\${dir}\``), `${c.code} is emitted somewhere`);
  });

  CLAIMS.forEach((c, i) => {
    it(`${c.code}: ${c.title}`, async function () {
      if (c.command.run === 'sendmail-bD' && !netns) { console.log('      (skipped: unshare -n needed for a private loopback)'); this.skip(); }
      const deliverTo = c.command.run === 'deliver' ? c.command : undefined;
      if (deliverTo?.needsFreePort25 && await answers(deliverTo.sink, 25)) { console.log(`      (skipped: something answers on ${deliverTo.sink}:25)`); this.skip(); }
      const sink = deliverTo ? await smtpSink(deliverTo.sink, !!deliverTo.auth) : undefined;
      try {
        const box = new Sandbox(path.join(root, `row${i}`), sink?.port ?? 0);
        fs.mkdirSync(box.dir, { recursive: true });
        box.write(c, head);
        const run = async (): Promise<Ran> => {
          if (!deliverTo || !sink) return runCommand(c, box);
          sink.lines.length = 0;
          const r = await deliver(box.cfPath, deliverTo.to);
          return { output: `${r.output}\n--- the SMTP server received:\n${sink.lines.join('\n')}`, status: r.status };
        };

        // What we say.
        const ours = box.analyse(c);
        if (c.hover) {
          const at = ours.text.indexOf(c.hover);
          assert.ok(at >= 0, `${c.hover} in the fixture`);
          const before = ours.text.slice(0, at).split('\n');
          const h = ours.svc.hover(ours.uri, { line: before.length - 1, character: before[before.length - 1].length + 1 });
          const md = (h?.contents as { value?: string } | undefined)?.value ?? '';
          for (const p of c.says ?? []) assert.ok(has(md, typeof p === 'string' ? box.fill(p) : p), `hover says ${p}: ${md}`);
        } else if (c.absent) {
          assert.deepStrictEqual(ours.ds.map((d) => d.message), [], `${c.code} is not reported`);
        } else {
          assert.strictEqual(ours.ds.length, 1, `one ${c.code}; got ${JSON.stringify(ours.ds.map((d) => d.message))}`);
          const d = ours.ds[0];
          for (const p of c.says ?? []) assert.ok(has(String(d.message), typeof p === 'string' ? box.fill(p) : p), `message says ${p}: ${d.message}`);
          if (c.severity) assert.strictEqual(d.severity, c.severity, `severity of: ${d.message}`);
          assert.ok((d.message as string).length <= 400, `a short message (${(d.message as string).length} characters)`);
        }

        // What the program does.
        const ran = await run();
        check(c.command.run, ran, c.expect);
        if (c.command.run === 'rebuild' && !c.absent && !c.hover) {
          // Severity matches the effect: an Error exactly where Rebuild refuses, and sendmail-lint fails exactly then.
          assert.strictEqual(ours.ds[0].severity === 1, ran.refused, `Error iff Rebuild refuses (${ran.output})`);
          assert.strictEqual(lintStatus(box.mcPath), ran.refused ? 1 : 0, 'sendmail-lint exit status');
        }

        // Our fix, and what the program does then.
        if (c.fixed) {
          box.applyFirstFix(c);
          assert.deepStrictEqual(box.analyse(c).ds.map((d) => d.message), [], `${c.code} gone after the fix`);
          check(`${c.command.run} after the fix`, await run(), c.fixed);
        }
      } finally {
        await sink?.close();
      }
    });
  });
});
