#!/usr/bin/env bash
# Runs the test suite of an already built tree: scripts/run-tests.sh BUILD_DIR [ctest arguments…].
# Keychain tests get a real gnome-keyring in a private D-Bus session with a throwaway HOME; nothing
# touches the user's keyring, settings or files. Extra arguments go to ctest (e.g. --timeout 600).
set -euo pipefail
build_dir=$(realpath "${1:?usage: scripts/run-tests.sh BUILD_DIR [ctest arguments…]}")
shift
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_CONFIG_HOME="$home/.config" XDG_RUNTIME_DIR="$home/run"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
export QT_QPA_PLATFORM=offscreen
dbus-run-session -- sh -c '
    printf %s "botterm-test-keyring" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    build_dir=$1
    shift
    exec ctest --test-dir "$build_dir" --output-on-failure -j2 --timeout 300 "$@"
' sh "$build_dir" "$@"
