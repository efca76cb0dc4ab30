#!/usr/bin/env bash
# The performance harness (issue #7), never part of the test run. Builds botterm, then measures the
# terminal (offscreen) under the demo venue's firehose, the order path, cold start, memory over a soak,
# and the replay speed of every venue's book stream. Writes build/perf/results.jsonl, results.md (the
# README table) and perf.png (event-loop lag and CPU against the frame rate).
#   PERF_SECONDS       seconds measured per load run (default 15)
#   PERF_SOAK_SECONDS  length of the 20k frames/s memory soak (default 600; 0 skips it)
#   PERF_BUILD_DIR     an existing build to measure instead of building build/ first
set -euo pipefail
cd "$(dirname "$0")/.."
build=${PERF_BUILD_DIR:-}
if [ -z "$build" ]; then
    scripts/install-deps.sh
    scripts/build.sh
    build=build
fi
seconds=${PERF_SECONDS:-15}
soak=${PERF_SOAK_SECONDS:-600}
out=$build/perf
mkdir -p "$out"
results=$out/results.jsonl
: >"$results"
export QT_QPA_PLATFORM=offscreen
perf=$build/bench/perf/botterm-perf
cli=$build/app/cli/botterm-cli

for rate in 2000 20000 100000; do
    "$perf" load --rate "$rate" --seconds "$seconds" --warmup 3 >>"$results"
done
"$perf" order --orders 200 --rate 0 >>"$results"
"$perf" order --orders 200 --rate 20000 >>"$results"
"$perf" cold --runs 10 >>"$results"
if [ "$soak" -gt 0 ]; then
    "$perf" soak --rate 20000 --seconds "$soak" --sample 10 >>"$results"
fi

# Replay: 200,000 frames of each venue's book stream, three runs each.
replay() { # name generator generator-args replay-args [frames]
    local name=$1 generator=$2 genargs=$3 args=$4 frames=${5:-200000} file=$out/$1-book.jsonl rates=""
    [ -f "$file" ] || "$build/bench/$generator" --frames "$frames" $genargs "$file"
    for i in 1 2 3; do
        rate=$("$cli" replay $args "$file" 2>&1 >/dev/null | sed -n 's/.*frames\/s: \([0-9]*\).*/\1/p' | tail -1)
        rates="$rates${rates:+,}$rate"
    done
    echo "{\"scenario\":\"replay\",\"stream\":\"$name\",\"frames\":$frames,\"command\":\"botterm-cli replay $args\",\"framesPerSecond\":[$rates]}" >>"$results"
}
replay bybit-orderbook.50 botterm-make-book-stream "" "--exchange bybit"
replay binance-spot-depth botterm-make-binance-book-stream "--category spot" "--exchange binance --category spot"
replay binance-usdm-depth botterm-make-binance-book-stream "--category linear" "--exchange binance --category linear"
replay bitmex-orderBookL2 botterm-make-bitmex-book-stream "" "--exchange bitmex --category inverse"
replay phemex-orderbook_p botterm-make-phemex-book-stream "" "--exchange phemex"
replay okx-books botterm-make-okx-book-stream "" "--exchange okx --category linear"
replay bitflyer-board botterm-make-bitflyer-book-stream "" "--exchange bitflyer --category linear"
replay coincheck-orderbook botterm-make-coincheck-book-stream "" "--exchange coincheck --category spot"
replay bitbank-depth botterm-make-bitbank-book-stream "" "--exchange bitbank --category spot"
# GMO Coin sends whole books (100 levels a side) in every frame: fewer, larger frames.
replay gmocoin-orderbooks botterm-make-gmocoin-book-stream "--depth 100" "--exchange gmocoin --category linear" 50000

"$perf" plot "$results" "$out/perf.png"
"$perf" table "$results" >"$out/results.md"
cat "$out/results.md"
