#!/bin/bash
# Checks a package built by make_packages.sh: what it contains, its Debian control fields, and
# that the programs run from the unpacked tree in a scratch folder (version, Chinese help from
# the packaged catalogue, the demo project from the packaged data).
# Usage: check_package.sh deb|tgz PACKAGE_DIR VERSION WITH_GUI(0|1)
set -euo pipefail
kind=$1 dir=$2 version=$3 with_gui=$4
app_id=io.github.manyi.Manyi
failures=0

Fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# The one file in $dir matching a glob, or a failure.
OnlyFile() {
  local matches=("$dir"/$1)
  if [[ ${#matches[@]} != 1 || ! -f ${matches[0]} ]]; then
    echo "FAIL: expected exactly one $1 in $dir, found: ${matches[*]}" >&2
    exit 1
  fi
  echo "${matches[0]}"
}

# ExpectFile LISTING PATH: the package listing (one path per line, no leading ./) has PATH.
ExpectFile() {
  grep -qxF "$2" <<<"$1" || Fail "the package lacks $2"
}

# CheckListing LISTING PREFIX: the files every package carries, under PREFIX (usr/ or nothing).
CheckListing() {
  local listing=$1 p=$2
  ExpectFile "$listing" "${p}bin/manyi-cli"
  ExpectFile "$listing" "${p}share/locale/zh_CN/LC_MESSAGES/manyi.mo"
  grep -q "^${p}share/manyi/demo/." <<<"$listing" || Fail "the package lacks the demo data in ${p}share/manyi/demo"
  if [[ $with_gui == 1 ]]; then
    ExpectFile "$listing" "${p}bin/manyi"
    ExpectFile "$listing" "${p}share/applications/$app_id.desktop"
    ExpectFile "$listing" "${p}share/metainfo/$app_id.metainfo.xml"
    ExpectFile "$listing" "${p}share/mime/packages/$app_id.xml"
    ExpectFile "$listing" "${p}share/icons/hicolor/scalable/apps/$app_id.svg"
    for size in 48 128 256; do
      ExpectFile "$listing" "${p}share/icons/hicolor/${size}x${size}/apps/$app_id.png"
    done
  else
    ! grep -qxF "${p}bin/manyi" <<<"$listing" || Fail "${p}bin/manyi is packaged although the GUI was not built"
  fi
  # Build by-products must not leak into a package.
  local stray
  stray=$(grep -E '(^|/)include/|\.a$|\.cmake$' <<<"$listing" || true)
  [[ -z $stray ]] || Fail "the package contains build by-products: $stray"
}

# CheckPrograms ROOT: run the unpacked programs under ROOT (the folder holding bin/ and share/).
CheckPrograms() {
  local root=$1 cli=$1/bin/manyi-cli out
  # Nothing from the environment may point the programs back at the build or source tree.
  local clean=(env -u MANYI_LOCALEDIR -u MANYI_DATADIR -u LANGUAGE -u LC_ALL -u LC_MESSAGES)

  out=$("${clean[@]}" LANG=C.UTF-8 "$cli" --version) || Fail "manyi-cli --version exited $?"
  [[ $(head -n1 <<<"$out") == "manyi-cli $version"* ]] \
    || Fail "manyi-cli --version printed '$out', expected 'manyi-cli $version'"

  out=$("${clean[@]}" LANG=zh_CN.UTF-8 "$cli" --help) || Fail "LANG=zh_CN.UTF-8 manyi-cli --help exited $?"
  grep -q '用法' <<<"$out" || Fail "LANG=zh_CN.UTF-8 manyi-cli --help is not in Chinese (no 用法):
$out"

  out=$("${clean[@]}" LANG=C.UTF-8 "$cli" demo --out "$tmp/demo" 2>&1) || Fail "manyi-cli demo exited $?: $out"
  [[ -n $(ls -A "$tmp/demo" 2>/dev/null) ]] || Fail "manyi-cli demo --out $tmp/demo wrote nothing"

  # Every shared library the programs need is present on this machine.
  local exe missing
  for exe in "$root"/bin/*; do
    missing=$(ldd "$exe" | grep 'not found' || true)
    [[ -z $missing ]] || Fail "$(basename "$exe") needs libraries that are not installed: $missing"
  done
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

case $kind in
  deb)
    deb=$(OnlyFile '*.deb')
    echo "checking $deb"
    # dpkg-deb -c prints "mode owner size date time ./path[ -> target]": keep the path.
    listing=$(dpkg-deb -c "$deb" | sed -E 's/^([^ ]+ +){5}\.\///; s/ -> .*//')
    CheckListing "$listing" usr/

    [[ $(dpkg-deb -f "$deb" Package) == manyi ]] || Fail "Package is not manyi"
    [[ $(dpkg-deb -f "$deb" Version) == "$version" ]] || Fail "Version is not $version"
    [[ $(dpkg-deb -f "$deb" Architecture) == "$(dpkg --print-architecture)" ]] || Fail "wrong Architecture"
    depends=$(dpkg-deb -f "$deb" Depends)
    echo "Depends: $depends"
    [[ -n $depends ]] || Fail "Depends is empty (dpkg-shlibdeps did not run?)"
    grep -q 'libsqlite3' <<<"$depends" || Fail "Depends does not mention libsqlite3"
    if [[ $with_gui == 1 ]]; then
      grep -q 'libwx' <<<"$depends" || Fail "Depends does not mention libwx (the GUI's wxWidgets)"
    fi

    dpkg -x "$deb" "$tmp/root"
    CheckPrograms "$tmp/root/usr"
    ;;
  tgz)
    tgz=$(OnlyFile '*.tar.gz')
    echo "checking $tgz"
    top=$(basename "$tgz" .tar.gz)
    listing=$(tar -tzf "$tgz" | grep -v '/$' | sed "s|^$top/||")
    CheckListing "$listing" ""
    tar -xzf "$tgz" -C "$tmp"
    CheckPrograms "$tmp/$top"
    ;;
  *)
    echo "usage: $0 deb|tgz PACKAGE_DIR VERSION WITH_GUI" >&2
    exit 2
    ;;
esac

if [[ $failures != 0 ]]; then
  echo "$failures check(s) failed for the $kind package" >&2
  exit 1
fi
echo "the $kind package is complete and runs from where it is unpacked"
