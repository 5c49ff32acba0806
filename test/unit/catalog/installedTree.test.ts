// The catalog must match the sendmail-cf tree really installed on this machine: every
// feature/mailer/ostype/domain/hack file is described, nothing described is missing, and
// the mailer names each MAILER() file defines equal the file's `M` lines.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as zlib from 'node:zlib';
import {
  FEATURES, MAILERS, OPTIONS, OSTYPES, DOMAINS, HACKS, mailerNamesIn,
} from '../../../server/src/service/catalog';

const CF = '/usr/share/sendmail/cf';
const README = '/usr/share/doc/sendmail-doc/cf.README.gz';

function m4Files(sub: string): string[] {
  return fs.readdirSync(`${CF}/${sub}`).filter((f) => f.endsWith('.m4')).map((f) => f.slice(0, -3)).sort();
}
const sorted = (xs: Iterable<string>) => [...xs].sort();

describe('catalog vs installed sendmail-cf', function () {
  before(function () { if (!fs.existsSync(`${CF}/m4/cf.m4`)) this.skip(); });

  it('has exactly one feature entry per feature/*.m4', () => {
    const names = FEATURES.map((f) => f.name);
    assert.strictEqual(new Set(names).size, names.length, 'duplicate feature entries');
    assert.deepStrictEqual(sorted(names), m4Files('feature'));
  });

  it('has exactly one mailer entry per mailer/*.m4 with the names its M lines define', () => {
    assert.deepStrictEqual(sorted(MAILERS.map((m) => m.file)), m4Files('mailer'));
    for (const m of MAILERS) {
      const defined = mailerNamesIn(fs.readFileSync(`${CF}/mailer/${m.file}.m4`, 'utf8'));
      assert.deepStrictEqual(sorted(m.defines), sorted(defined), `MAILER(${m.file})`);
    }
  });

  it('lists every ostype, domain and hack file', () => {
    assert.deepStrictEqual(sorted(OSTYPES.map((o) => o.name)), m4Files('ostype'));
    assert.deepStrictEqual(sorted(DOMAINS.map((o) => o.name)), m4Files('domain'));
    assert.deepStrictEqual(sorted(HACKS.map((o) => o.name)), m4Files('hack'));
  });

  it('deprecated aliases point at a feature whose .m4 the alias really loads', () => {
    for (const f of FEATURES.filter((x) => x.replacedBy)) {
      const src = fs.readFileSync(`${CF}/feature/${f.name}.m4`, 'utf8');
      assert.match(src, new RegExp(`FEATURE\\(\`${f.replacedBy}'\\)`), f.name);
      assert.ok(FEATURES.some((x) => x.name === f.replacedBy));
    }
  });

  it('records the access_db requirement wherever the .m4 checks _ACCESS_TABLE_ with an error', () => {
    // bcc and greet_pause only need access_db for some arguments.
    const conditional = new Set(['bcc', 'greet_pause']);
    let checked = 0;
    for (const f of FEATURES) {
      const src = fs.readFileSync(`${CF}/feature/${f.name}.m4`, 'utf8');
      if (!/requires FEATURE\(`?access_db/.test(src) || conditional.has(f.name)) continue;
      checked++;
      assert.ok(f.requires?.includes('access_db'), `${f.name} should require access_db`);
    }
    assert.ok(checked >= 5, `only ${checked} features checked`);
  });

  it('records the MAILER(local) ordering that a feature file enforces', () => {
    for (const f of FEATURES) {
      const src = fs.readFileSync(`${CF}/feature/${f.name}.m4`, 'utf8');
      if (src.includes("ifdef(`_MAILER_local_'")) assert.ok(f.mustPrecedeMailers?.includes('local'), f.name);
    }
  });

  it('default map specs agree with the K lines of the feature files', () => {
    for (const f of FEATURES.filter((x) => x.map)) {
      const src = fs.readFileSync(`${CF}/feature/${f.name}.m4`, 'utf8');
      const file = f.map!.defaultSpec.split(' ').pop()!.replace('/etc/mail/', '');
      assert.ok(src.includes(`MAIL_SETTINGS_DIR\`${file}'`), `${f.name}: ${file}`);
    }
  });

  it('knows every conf* name in cf.README\'s option table', function () {
    if (!fs.existsSync(README)) this.skip();
    const text = zlib.gunzipSync(fs.readFileSync(README)).toString('utf8');
    const start = text.indexOf('M4 Variable Name\tConfiguration');
    const end = text.indexOf('See also the description of OSTYPE', start);
    assert.ok(start > 0 && end > start, 'option table not found');
    const table = [...text.slice(start, end).matchAll(/^(conf[A-Z0-9_]+)/gm)].map((m) => m[1]);
    assert.ok(table.length > 150, `only ${table.length} names parsed`);
    const known = new Set(OPTIONS.map((o) => o.name));
    assert.deepStrictEqual(table.filter((n) => !known.has(n)), []);
    // and marked obsolete exactly where the table says "*"
    for (const m of text.slice(start, end).matchAll(/^(conf[A-Z0-9_]+)\*/gm)) {
      assert.ok(OPTIONS.find((o) => o.name === m[1])?.deprecated, `${m[1]} should be deprecated`);
    }
  });
});
