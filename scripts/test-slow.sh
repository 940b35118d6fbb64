#!/usr/bin/env bash
# `pnpm test:slow`: the tests `npm test` leaves out (vitest.config.ts, SLOW_TESTS: vendor-SDK differential tests,
# real servers and fleets, the browser, the built CLI, the README blocks, the benchmark smoke tests). Run it after
# `npm test` (which installs and typechecks); arguments go to vitest (`pnpm test:slow --project importers`).
# Ends with a line `N passed, N failed`.
set -uo pipefail
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
cd "$(dirname "$0")/.."
started=$SECONDS
echo "==> slow tests"
report=.vitest-report-slow.json
rm -f "$report"
status=0
ENSIGN_TESTS=slow bash scripts/pnpm.sh exec vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@" || status=1
echo "==> done ($((SECONDS - started)) s)"
node scripts/count-tests.mjs "$report" "$status"
