// Writes the TextMate grammars of syntaxes/src/*.mjs as JSON into syntaxes/ (or the
// directory given as first argument). The JSON files are what VS Code loads; edit the
// sources here and rerun: node syntaxes/src/build.mjs
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cf } from './cf.mjs';
import { mc } from './mc.mjs';
import * as t from './tables.mjs';
import { maillog } from './maillog.mjs';

const out = process.argv[2] ?? fileURLToPath(new URL('..', import.meta.url));
const grammars = {
  mc, cf,
  mailertable: t.mailertable, access: t.access, virtusertable: t.virtusertable, genericstable: t.genericstable,
  domaintable: t.domaintable, authinfo: t.authinfo, aliases: t.aliases, class: t.klass, maillog,
};
for (const [name, grammar] of Object.entries(grammars)) {
  writeFileSync(`${out}/sendmail-${name}.tmLanguage.json`, JSON.stringify(grammar, null, 2) + '\n');
}
