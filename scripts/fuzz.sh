#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/, clang + ASan + UBSan) in build-fuzz and runs each one for a fixed
# budget on a fresh copy of its seed corpus, made here from tests/fixtures. Exits non-zero if any target
# crashes, hangs (> 5 s on one input), leaks, runs out of memory or trips a sanitizer, and says which
# target and where the reproducer is.
#
#   scripts/fuzz.sh            20 s per target (what CI runs)
#   scripts/fuzz.sh 600        10 minutes per target, for a longer hunt
#   FUZZ_TARGETS="fuzz_decimal fuzz_orderbook" scripts/fuzz.sh 60    only some targets
#   scripts/fuzz.sh --build-only  only build the targets (CI builds them beside the other suites)
#
# Reproduce a crash (prints the sanitizer report and the failed invariant, runs the input once):
#   build-fuzz/fuzz/fuzz_X build-fuzz/fuzz-out/fuzz_X/crash-<sha1>
# A fix comes with a regression test in the unit's own test under tests/ (the input, as a case).
set -euo pipefail
cd "$(dirname "$0")/.."

build_only=0
if [ "${1:-}" = --build-only ]; then
    build_only=1
    shift
fi
seconds=${1:-20}
build=build-fuzz
out=$build/fuzz-out
fixtures=tests/fixtures/bybit
all_targets="fuzz_decimal fuzz_orderbook fuzz_bybit_public fuzz_bybit_private fuzz_rest_error fuzz_bitmex"
targets=${FUZZ_TARGETS:-$all_targets}
jobs=$(nproc 2>/dev/null || echo 2)
started=$(date +%s)

command -v clang++ >/dev/null || { echo "fuzz.sh: clang++ not found (scripts/install-deps.sh)" >&2; exit 2; }
CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DBOTTERM_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    >/dev/null
# shellcheck disable=SC2086
ninja -C "$build" -j"$jobs" $targets
[ "$build_only" = 0 ] || exit 0

# ---- seed corpora, rebuilt every run from the fixtures (never committed) ----------------------------
rm -rf "$out"
seed() { mkdir -p "$out/$1/seeds"; }
for t in $targets; do seed "$t"; done

# One frame per file: the fixtures, and every line of the replay files (some are broken on purpose).
split_frames() {
    local dir=$1 n=0 f line
    for f in "$fixtures"/*.jsonl; do
        while IFS= read -r line || [ -n "$line" ]; do
            n=$((n + 1))
            printf '%s' "$line" >"$dir/$(basename "$f" .jsonl)-$n.json"
        done <"$f"
    done
}
if [ -d "$out/fuzz_bybit_public" ]; then
    cp "$fixtures"/*.json "$out/fuzz_bybit_public/seeds/"
    split_frames "$out/fuzz_bybit_public/seeds"
fi
if [ -d "$out/fuzz_bybit_private" ]; then
    cp "$fixtures"/private-*.json "$fixtures"/rest-*.json "$out/fuzz_bybit_private/seeds/"
fi
if [ -d "$out/fuzz_bitmex" ]; then
    cp tests/fixtures/bitmex/*.json "$out/fuzz_bitmex/seeds/"
fi
if [ -d "$out/fuzz_decimal" ]; then
    # Every quoted number in the fixtures, one per file.
    grep -ohE '"-?[0-9][0-9.eE+-]*"' "$fixtures"/* | tr -d '"' | sort -u | head -200 |
        while IFS= read -r number; do printf '%s' "$number" >"$out/fuzz_decimal/seeds/$number"; done
fi
if [ -d "$out/fuzz_rest_error" ]; then
    # fuzz_rest_error reads its parameters from the input's last bytes (FuzzedDataProvider): no extra
    # headers, status (little end last), and the venue policy; the body is what comes before.
    # policy 0 = bybit, 11 = BybitMarketData::replyError. Status 200, 403, 429, 503.
    for f in "$fixtures"/rest-*.json; do
        for policy in 00 0b; do
            for status in 'c8\x00' '93\x01' 'ad\x01' 'f7\x01'; do
                name="$out/fuzz_rest_error/seeds/$(basename "$f" .json)-$policy-${status:0:2}"
                { cat "$f"; printf "\\x00\\x00\\x00\\x$policy\\x$status"; } >"$name"
            done
        done
    done
fi

# ---- run ---------------------------------------------------------------------------------------------
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
failed=()
summary=()
for t in $targets; do
    dir=$out/$t
    mkdir -p "$dir/corpus"
    dict=()
    case $t in
    fuzz_decimal) dict=(-dict=fuzz/decimal.dict) ;;
    fuzz_bybit_* | fuzz_rest_error) dict=(-dict=fuzz/json.dict) ;;
    esac
    echo "== $t: ${seconds}s"
    set +e
    "$build/fuzz/$t" "$dir/corpus" "$dir/seeds" "${dict[@]}" -max_total_time="$seconds" -max_len=65536 \
        -timeout=5 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$dir/" >"$dir/log" 2>&1
    rc=$?
    set -e
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log")
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$dir/log")
    cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' "$dir/log" | tail -1)
    summary+=("$(printf '%-20s %10s runs %8s exec/s   %s' "$t" "${runs:-?}" "${speed:-?}" "${cov:-?}")")
    if [ $rc -ne 0 ]; then
        artifact=$(ls -t "$dir"/crash-* "$dir"/timeout-* "$dir"/leak-* "$dir"/oom-* 2>/dev/null |
            head -1 || true)
        failed+=("$t")
        echo "!! $t failed (exit $rc); reproducer: ${artifact:-none}; log: $dir/log" >&2
        grep -E 'ERROR:|runtime error|invariant failed|SUMMARY' -A1 "$dir/log" | head -20 >&2 || true
        echo "   reproduce: $build/fuzz/$t ${artifact:-<input>}" >&2
    fi
done

echo
printf '%s\n' "${summary[@]}"
echo "total $(($(date +%s) - started)) s"
if [ ${#failed[@]} -ne 0 ]; then
    echo "FAILED: ${failed[*]}" >&2
    exit 1
fi
echo "all fuzz targets clean"
