#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite. Keychain tests get a real
# gnome-keyring in a private D-Bus session with a throwaway HOME; nothing touches the user's keyring.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_CONFIG_HOME="$home/.config" XDG_RUNTIME_DIR="$home/run"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
export QT_QPA_PLATFORM=offscreen
dbus-run-session -- sh -c '
    printf %s "botterm-test-keyring" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    exec ctest --test-dir build --output-on-failure -j2 --timeout 300
'
