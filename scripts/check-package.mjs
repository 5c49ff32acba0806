// Builds the .vsix and checks it ships only what runs: bundles, grammars, language
// configurations, manifest, docs, icon and the queue view's icon, walkthrough pages — no sources, tests, maps or node_modules.
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';

execFileSync('npm', ['run', '-s', 'package'], { stdio: ['ignore', 'ignore', 'inherit'] });
const files = execFileSync('npx', ['vsce', 'ls', '--no-dependencies'], { encoding: 'utf8' }).split('\n').map((f) => f.trim()).filter(Boolean);
const allowed = /^(dist\/(client|server|cli)\.js|syntaxes\/[\w.-]+\.json|language-configuration\/[\w.-]+\.json|images\/(icon\.png|queue\.svg)|walkthrough\/[\w-]+\.md|package\.json|readme\.md|changelog\.md|LICENSE\.txt|LICENSE)$/i;
const bad = files.filter((f) => !allowed.test(f));
const size = statSync('sendmail-config.vsix').size;
for (const need of ['dist/client.js', 'dist/server.js', 'dist/cli.js', 'package.json']) {
  if (!files.includes(need)) { console.error(`package: ${need} missing from the .vsix`); process.exit(1); }
}
if (bad.length) { console.error(`package: unexpected files in the .vsix: ${bad.join(', ')}`); process.exit(1); }
if (size > 2 * 1024 * 1024) { console.error(`package: .vsix is ${size} bytes (limit 2 MB)`); process.exit(1); }
console.log(`package: sendmail-config.vsix ok (${files.length} files, ${(size / 1024).toFixed(0)} KB)`);
