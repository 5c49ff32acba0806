#!/usr/bin/env bash
# npm test: every layer — type check, unit + grammar, protocol (real server over stdio),
# end-to-end in a real VS Code (code-server in headless Chromium). Installs what it needs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-system-deps.sh
[ -d node_modules ] || npm ci --no-audit --no-fund
node scripts/build.mjs --clean
echo "== type check"; npx tsc -p . --noEmit
echo "== unit + grammar"; npx mocha 'out/test/unit/**/*.test.js' 'out/test/grammar/**/*.test.js'
echo "== protocol"; npx mocha 'out/test/protocol/**/*.test.js'
echo "== editors (the README configurations in headless Neovim and Emacs)"; npx mocha 'out/test/editors/**/*.test.js'
echo "== packaging (npm pack, global install, npx; pre-commit hook and GitHub Action)"; npx mocha 'out/test/packaging/**/*.test.js'
echo "== e2e (code-server + Chromium)"; node test/e2e/run-code-server.mjs
echo "== package"; node scripts/check-package.mjs
