#!/usr/bin/env bash
# Builds and runs the benchmarks (never part of the test run): the replay speed of botterm-cli on a
# 200,000-frame Bybit orderbook.50 stream, then the Google Benchmark suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
stream=build/bench-orderbook50-200k.jsonl
[ -f "$stream" ] || build/bench/botterm-make-book-stream --frames 200000 "$stream"
for i in 1 2 3; do
    build/app/cli/botterm-cli replay --exchange bybit "$stream" >/dev/null
done
build/bench/botterm-bench --benchmark_min_time=1
