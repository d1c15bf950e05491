#!/usr/bin/env bash
# Runs the Playwright suite against the real heard binary (HEARD_BIN) serving
# the built frontend from dist/. Exits non-zero when any test fails.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/heard-target}"
export HEARD_BIN="${HEARD_BIN:-$CARGO_TARGET_DIR/debug/heard}"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

if [ ! -x "$HEARD_BIN" ]; then
  echo "error: $HEARD_BIN not found; build it with: cargo build -p heard-api" >&2
  exit 1
fi
if [ ! -f "$root/dist/index.html" ]; then
  echo "error: dist/ is missing; build it with: bash frontend/build.sh" >&2
  exit 1
fi
if [ ! -x /usr/bin/chromium ] && [ -z "${CHROMIUM_PATH:-}" ]; then
  apt-get install -y -o DPkg::Lock::Timeout=600 chromium
fi

cd "$here"
if [ ! -d node_modules/@playwright/test ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
npx playwright test "$@"
