#!/usr/bin/env bash
# Installs the Debian 12 packages Manyi needs to build and test, and nothing when they are all
# present (no apt call at all then). Waits for another apt/dpkg to release its lock.
# Usage: scripts/deps.sh [build|test|bench]   (test includes build; bench includes build)
set -euo pipefail
what=${1:-test}

build_pkgs=(cmake ninja-build g++ pkg-config gettext
  libsqlite3-dev sqlite3 libwxgtk3.2-dev libxlsxwriter-dev libboost-math-dev libcli11-dev
  nlohmann-json3-dev libzip-dev libgtest-dev libgmock-dev dpkg-dev file
  libexpat1-dev libfreexl-dev clang libclang-rt-14-dev
  libcairo2-dev libpango1.0-dev libreadstat-dev)
# libcrypto: SHA-256 of imported files with the processor's SHA instructions (core/sha256.cpp).
build_pkgs+=(libssl-dev)
test_pkgs=(xvfb xauth desktop-file-utils appstream shared-mime-info fonts-wqy-microhei wx3.2-i18n
  poppler-utils python3-jsonschema python3-openpyxl libreoffice-calc locales pspp)
bench_pkgs=(time r-base-core r-cran-survey)

pkgs=("${build_pkgs[@]}")
case $what in
  build) ;;
  test) pkgs+=("${test_pkgs[@]}") ;;
  bench) pkgs+=("${bench_pkgs[@]}") ;;
  *) echo "usage: $0 [build|test|bench]" >&2; exit 1 ;;
esac

missing=()
for p in "${pkgs[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ $status == "install ok installed" ]] || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "Installing missing Debian packages: ${missing[*]}"
sudo=()
if [[ $(id -u) != 0 ]]; then
  command -v sudo >/dev/null || { echo "Run as root or install sudo: apt-get install ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi
apt_opts=(-o DPkg::Lock::Timeout=600 -o Acquire::Retries=3)
export DEBIAN_FRONTEND=noninteractive
# A fresh machine may have no package lists yet; refresh once, then install.
"${sudo[@]}" apt-get "${apt_opts[@]}" update -qq
"${sudo[@]}" apt-get "${apt_opts[@]}" install -y -qq --no-install-recommends "${missing[@]}"
