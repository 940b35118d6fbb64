#!/usr/bin/env bash
# The main job of the README: install (frozen lockfile), build the demo app and what it needs, run it.
set -euo pipefail
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
cd "$(dirname "$0")/.."
PNPM="bash scripts/pnpm.sh"
$PNPM install --frozen-lockfile --reporter=append-only >/dev/null
$PNPM exec turbo run build --filter=@ensign/demo... --output-logs=errors-only >/dev/null
node apps/demo/dist/main.js "$@"
