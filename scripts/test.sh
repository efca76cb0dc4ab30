#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite. Keychain tests get a real
# gnome-keyring in a private D-Bus session with a throwaway HOME; nothing touches the user's keyring.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
scripts/run-tests.sh build
