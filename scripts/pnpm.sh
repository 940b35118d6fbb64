#!/usr/bin/env bash
# Runs pnpm 10: the installed one when it is pnpm 10, otherwise through npx (a fresh machine has only Node and npm).
if command -v pnpm >/dev/null 2>&1 && [[ "$(pnpm --version 2>/dev/null)" == 10.* ]]; then
  exec pnpm "$@"
fi
echo "pnpm 10 is not installed: running it through npx (downloaded once, a few seconds)" >&2
exec npx -y pnpm@10 "$@"
