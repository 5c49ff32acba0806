#!/usr/bin/env bash
# npm run demo: builds the .vsix, starts code-server with it installed and an /etc/mail-like
# example workspace, and prints the local URL. Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-system-deps.sh
[ -d node_modules ] || npm ci --no-audit --no-fund
npm run package
exec node scripts/demo.mjs "$@"
