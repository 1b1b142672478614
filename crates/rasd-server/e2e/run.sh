#!/usr/bin/env bash
# End-to-end tests of the rasd web UI in Debian's headless Chromium.
#
#   crates/rasd-server/e2e/run.sh            # uses target/debug/rasd
#   RASD_BIN=target/release/rasd crates/rasd-server/e2e/run.sh
#
# Needs: node >= 20 with npm, /usr/bin/chromium (apt-get install chromium),
# the rasd binary with the `serve` subcommand, and ../shared/corpus/seeds.
# Screenshots go to test-output/e2e/ (RASD_E2E_OUT to change). Never runs
# `npx playwright install`: playwright-core drives the system Chromium.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
cd "$here"
if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  echo "e2e: ${CHROMIUM_PATH:-/usr/bin/chromium} missing; install with: apt-get install -y chromium" >&2
  exit 1
fi
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
npm ci --no-audit --no-fund --loglevel=error
export RASD_BIN="${RASD_BIN:-$repo/target/debug/rasd}"
case "$RASD_BIN" in /*) ;; *) RASD_BIN="$repo/$RASD_BIN" ;; esac
node --test --test-reporter=spec ui.test.mjs
