#!/usr/bin/env bash
# Installs what is missing, builds, and runs botterm. Until the terminal window lands, this replays
# a synthetic Bybit orderbook.50 stream (the exact frame shape Bybit sends) through the real adapter
# and order books and prints the resulting books.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
stream=build/demo-orderbook50.jsonl
[ -f "$stream" ] || build/bench/botterm-make-book-stream --frames 20000 "$stream"
exec build/app/cli/botterm-cli replay --exchange bybit --depth 5 "$stream"
