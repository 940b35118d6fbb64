#!/usr/bin/env bash
# The test command of the README (`npm test`): install (frozen lockfile), typecheck every package, check the layering,
# run every test but the slow ones (`pnpm test:slow` runs those; CI runs both, see vitest.config.ts for the rule).
# Ends with a line `N passed, N failed` counted from vitest's JSON report.
set -uo pipefail
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
cd "$(dirname "$0")/.."
PNPM="bash scripts/pnpm.sh"
started=$SECONDS
step() { echo "==> $1 ($((SECONDS - started)) s)"; }
step "installing every dependency (pnpm 10, frozen lockfile; the vendor SDKs are test oracles)"
$PNPM install --frozen-lockfile --reporter=append-only || { echo "pnpm install failed"; echo "0 passed, 1 failed"; exit 1; }
status=0
step "typecheck (turbo, every package)"
$PNPM exec turbo run typecheck --output-logs=errors-only || status=1
step "layering lint"
node tools/layering/src/cli.mjs || status=1
step "tests (the slow ones run with pnpm test:slow)"
report=.vitest-report.json
rm -f "$report"
ENSIGN_TESTS=fast $PNPM exec vitest run --reporter=default --reporter=json --outputFile.json="$report" || status=1
step "done"
node scripts/count-tests.mjs "$report" "$status"
