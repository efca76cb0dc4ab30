#!/usr/bin/env bash
# Installs what is missing, builds, and launches the botterm terminal on the built-in demo venue
# (a simulated exchange on 127.0.0.1 speaking Bybit V5: no keys, no internet needed).
# Extra arguments go to botterm, e.g. `scripts/run.sh --lang ja`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
exec build/app/gui/botterm --demo "$@"
