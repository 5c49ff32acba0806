// Builds everything with esbuild:
//  dist/  bundles that ship in the .vsix (client, server, cli);
//  out/   per-file transpiled sources and tests, for mocha (unit, grammar, protocol, e2e suite).
import { build } from 'esbuild';
import { readdirSync, statSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const production = process.argv.includes('--production');
const root = new URL('..', import.meta.url).pathname;

function tsFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...tsFiles(p));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const common = { platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };
const shebang = { js: '#!/usr/bin/env node' };

// --clean empties dist/ and out/ first (CI and packaging); without it, builds only overwrite,
// so parallel builds never delete files another process is reading.
const clean = process.argv.includes('--clean');
if (clean || production) rmSync(join(root, 'dist'), { recursive: true, force: true });
await Promise.all([
  build({ ...common, bundle: true, minify: production, entryPoints: [join(root, 'client/src/extension.ts')], outfile: join(root, 'dist/client.js'), external: ['vscode'] }),
  build({ ...common, bundle: true, minify: production, entryPoints: [join(root, 'server/src/server.ts')], outfile: join(root, 'dist/server.js'), banner: shebang }),
  build({ ...common, bundle: true, minify: production, entryPoints: [join(root, 'server/src/cli.ts')], outfile: join(root, 'dist/cli.js'), banner: shebang }),
]);
if (!production) {
  if (clean) rmSync(join(root, 'out'), { recursive: true, force: true });
  const entries = [...tsFiles(join(root, 'server/src')), ...tsFiles(join(root, 'client/src')), ...tsFiles(join(root, 'test'))];
  await build({ ...common, bundle: false, entryPoints: entries, outdir: join(root, 'out'), outbase: root });
}
