#!/usr/bin/env bash
# The main job of the README: install what the example shop needs (frozen lockfile), build it and the packages it
# needs, run it.
# The shop is a server: it prints its URL and keeps running until Ctrl-C. `npm run demo -- contexts` runs the older
# command-line demo (apps/demo) instead.
set -euo pipefail
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
cd "$(dirname "$0")/.."
PNPM="bash scripts/pnpm.sh"
app=example
if [[ "${1:-}" == "contexts" ]]; then app=demo; shift; fi

echo "==> installing what @ensign/$app needs (pnpm 10, frozen lockfile; not the vendor SDKs of bench/ and tests)"
# Only the app, the workspace packages it depends on and the root's tools (turbo, typescript): `npm test` installs
# the rest. The append-only reporter prints one line per step, so progress shows in any terminal or CI log.
$PNPM install --frozen-lockfile --filter "@ensign/$app..." --filter ensign-monorepo --reporter=append-only
echo "==> building @ensign/$app and the packages it uses (turbo; cached builds are replayed in one line)"
$PNPM exec turbo run build --filter="@ensign/$app..." --output-logs=new-only
if [[ "$app" == demo ]]; then
  exec node apps/demo/dist/main.js "$@"
fi
echo "==> starting the example shop (PORT=${PORT:-ephemeral}${ENSIGN_SERVER_URL:+, flag server $ENSIGN_SERVER_URL}); Ctrl-C stops it"
exec node apps/example/dist/main.js "$@"
