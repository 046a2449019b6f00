#!/usr/bin/env bash
# SIGKILLs `manyi-cli import` at random moments of a large import, again and again: afterwards
# the project must pass `manyi-cli check` and hold either all or none of that import.
# Usage: kill_test.sh MANYI_CLI [ROUNDS]   (needs the sqlite3 command-line shell)
set -u
cli=$(realpath "$1")
rounds=${2:-20}
command -v sqlite3 >/dev/null || { echo "sqlite3 not installed: skipped"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

rows=60000
awk -v n=$rows 'BEGIN {
  srand(4);
  print "respondent_id,region,q01,q02,q03,q04,q05,q06,q07,q08,overall,comment";
  for (i = 1; i <= n; i++) {
    line = sprintf("R%07d,r%d", i, int(rand() * 5) + 1);
    for (k = 0; k < 9; k++) line = line "," (int(rand() * 5) + 1);
    print line ",\"comment, number " i "\"";
  }
}' > big.csv

"$cli" new p.manyi >/dev/null || { echo "FAIL: cannot create the project"; exit 1; }
count() { sqlite3 -readonly p.manyi "$1"; }

# One complete import to learn how long it takes (and to store the derived questionnaire).
start=$(date +%s%N)
"$cli" import p.manyi big.csv >/dev/null || { echo "FAIL: the reference import failed"; exit 1; }
full_ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$(count 'SELECT count(*) FROM response')" = "$rows" ] || { echo "FAIL: reference import incomplete"; exit 1; }
first=$(count 'SELECT max(id) FROM import')
"$cli" import p.manyi --undo "$first" >/dev/null || { echo "FAIL: undo failed"; exit 1; }
echo "a full import of $rows rows takes ${full_ms} ms"

completed=0
for round in $(seq 1 "$rounds"); do
  "$cli" import p.manyi big.csv >/dev/null 2>&1 &
  pid=$!
  delay_ms=$(( RANDOM % (full_ms + 50) ))
  sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  if ! "$cli" check p.manyi >check.out 2>&1; then
    echo "FAIL round $round (killed after ${delay_ms} ms): manyi-cli check failed"; cat check.out; exit 1
  fi
  live=$(count 'SELECT count(*) FROM import WHERE undone_at IS NULL')
  responses=$(count 'SELECT count(*) FROM response')
  rejected=$(count 'SELECT count(*) FROM rejected_row')
  if [ "$live" = 0 ] && [ "$responses" = 0 ] && [ "$rejected" = 0 ]; then
    :
  elif [ "$live" = 1 ] && [ "$responses" = "$rows" ]; then
    completed=$((completed + 1))
    id=$(count 'SELECT id FROM import WHERE undone_at IS NULL')
    "$cli" import p.manyi --undo "$id" >/dev/null || { echo "FAIL: undo failed"; exit 1; }
  else
    echo "FAIL round $round (killed after ${delay_ms} ms): $live live imports, $responses responses (expected 0 or $rows)"; exit 1
  fi
done
echo "ok: $rounds rounds, $((rounds - completed)) killed mid-import, $completed completed before the kill; the project always held all or none"
