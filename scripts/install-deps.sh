#!/usr/bin/env bash
# Installs the Debian 12 packages botterm builds and tests with (only those missing).
set -euo pipefail
packages=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-websockets-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-httpserver-dev
    qtkeychain-qt6-dev libssl-dev libsimdjson-dev libbenchmark-dev libgl-dev
    dbus gnome-keyring libsecret-1-0
    fonts-noto-cjk
    clang libclang-rt-14-dev lld
)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing: ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
