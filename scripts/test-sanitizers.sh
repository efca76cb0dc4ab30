#!/usr/bin/env bash
# Builds everything with AddressSanitizer + UndefinedBehaviorSanitizer (+ LeakSanitizer) into
# build-asan/ and runs the whole test suite under them, as scripts/test.sh does for build/.
# Fails on any failing test and on any sanitizer report, including one from a child process
# (botterm-cli run by a test) whose exit status a test might not look at.
#
#   scripts/test-sanitizers.sh               build, then run the suite
#   scripts/test-sanitizers.sh --build-only  only build (CI builds it beside the plain test run)
#   scripts/test-sanitizers.sh --no-build    only run an already built build-asan/
# Other arguments go to ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=1 run=1
case "${1:-}" in
--build-only) run=0; shift ;;
--no-build) build=0; shift ;;
esac
if [ "$build" = 1 ]; then
scripts/install-deps.sh
# -O1 with line tables only: sanitizer reports keep their file:line stacks, and the build takes about
# half the time of RelWithDebInfo on two cores (the suite is mostly waiting on sockets, not computing).
cmake -S . -B build-asan -G Ninja -DBOTTERM_SANITIZE=ON -DBOTTERM_BUILD_BENCH=OFF \
    -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_FLAGS="-O1 -g1" -DCMAKE_C_FLAGS="-O1 -g1" >/dev/null
cmake --build build-asan -j"$(nproc)"
fi
[ "$run" = 1 ] || exit 0

reports=$(mktemp -d)
trap 'rm -rf "$reports"' EXIT
# Every report also goes to a file ($reports/asan.PID, $reports/ubsan.PID) so none can go unnoticed.
export ASAN_OPTIONS="halt_on_error=1:abort_on_error=0:detect_leaks=1:print_stacktrace=1:\
check_initialization_order=1:strict_init_order=1:detect_stack_use_after_return=0:log_path=$reports/asan"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:log_path=$reports/ubsan"
# Leaks inside third-party libraries only; each entry says why (never a frame of ours).
export LSAN_OPTIONS="suppressions=$root/tests/sanitizers/lsan.supp:print_suppressions=0"

status=0
scripts/run-tests.sh build-asan "$@" || status=$?

if compgen -G "$reports/*" >/dev/null; then
    echo "sanitizer reports:" >&2
    for f in "$reports"/*; do
        echo "==== $f" >&2
        cat "$f" >&2
    done
    status=1
fi
exit "$status"
