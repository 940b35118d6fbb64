#!/usr/bin/env bash
# The test command of the README: install (frozen lockfile), typecheck every package, check the layering, run every test.
# Ends with a line `N passed, N failed` counted from vitest's JSON report.
set -uo pipefail
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
cd "$(dirname "$0")/.."
PNPM="bash scripts/pnpm.sh"
$PNPM install --frozen-lockfile --reporter=append-only >/dev/null || { echo "pnpm install failed"; echo "0 passed, 1 failed"; exit 1; }
status=0
echo "== typecheck"
$PNPM exec turbo run typecheck --output-logs=errors-only || status=1
echo "== layering"
node tools/layering/src/cli.mjs || status=1
echo "== tests"
report=.vitest-report.json
rm -f "$report"
$PNPM exec vitest run --reporter=default --reporter=json --outputFile.json="$report" || status=1
node scripts/count-tests.mjs "$report" "$status"
