#!/bin/bash
# Compiles the Manyi MIME package into a scratch shared-mime-info database and checks that it
# maps *.manyi to application/x-manyi-project as a kind of SQLite database.
# Usage: check_mime.sh UPDATE_MIME_DATABASE MIME_XML
set -euo pipefail
update_mime_database=$1 xml=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=$tmp/mime
mkdir -p "$db/packages"
cp "$xml" "$db/packages/"
# update-mime-database reports problems in the XML on stderr but still exits 0, so any output
# there fails the test (the scratch folder is put on the search path to silence the one notice).
XDG_DATA_HOME=$tmp XDG_DATA_DIRS=$tmp "$update_mime_database" "$db" 2>"$tmp/stderr"
if [[ -s $tmp/stderr ]]; then
  cat "$tmp/stderr" >&2
  echo "update-mime-database complained about $xml" >&2
  exit 1
fi
fail=0
grep -qx '60:application/x-manyi-project:\*\.manyi' "$db/globs2" || { echo "globs2 lacks *.manyi" >&2; fail=1; }
grep -qx 'application/x-manyi-project application/vnd.sqlite3' "$db/subclasses" \
  || { echo "subclasses lacks application/vnd.sqlite3" >&2; fail=1; }
[[ $fail == 0 ]] && echo "application/x-manyi-project: *.manyi, a kind of application/vnd.sqlite3"
exit $fail
