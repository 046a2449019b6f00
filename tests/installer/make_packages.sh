#!/bin/bash
# Builds the .deb and .tar.gz of this build tree into OUT_DIR, replacing what was there; the
# fixture of the installer.deb and installer.tgz tests.
# Usage: make_packages.sh CPACK BUILD_DIR OUT_DIR
set -euo pipefail
cpack=$1 build=$2 out=$3
rm -rf "$out"
mkdir -p "$out"
cd "$build"
"$cpack" --config "$build/CPackConfig.cmake" -G "DEB;TGZ" -B "$out"
ls -l "$out"/*.deb "$out"/*.tar.gz
