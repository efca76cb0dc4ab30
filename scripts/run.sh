#!/usr/bin/env bash
# Installs what is missing, builds, and runs botterm on the bundled recorded Bybit stream.
# (The terminal window arrives with the terminal-window issue; until then the CLI replays the demo.)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
exec build/app/cli/botterm-cli replay --exchange bybit --depth 5 tests/fixtures/bybit/linear-orderbook50.jsonl
