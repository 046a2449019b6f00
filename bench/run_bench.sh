#!/usr/bin/env bash
# The benchmark run behind `make bench`: loads N synthetic responses into a Manyi project and, on
# the same file in the same run, into a plain table with the sqlite3 CLI's `.import --csv` (the
# anchor), then compares the storage layouts. It prints figures; it never fails on time.
#
# usage: bash bench/run_bench.sh BUILD_DIR [N]        (N defaults to 1000000)
# environment: MANYI_BENCH_SEED (default 2006), MANYI_BENCH_LAYOUT_N (default 200000; 0 skips the
# layout comparison), MANYI_BENCH_KEEP=1 keeps the databases in BUILD_DIR/bench-data.
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 ]]; then
  echo "usage: bash bench/run_bench.sh BUILD_DIR [N]" >&2
  exit 1
fi
build=$(cd "$1" && pwd)
n=${2:-1000000}
seed=${MANYI_BENCH_SEED:-2006}
layout_n=${MANYI_BENCH_LAYOUT_N:-200000}
if ! [[ $n =~ ^[1-9][0-9]*$ ]]; then
  echo "run_bench.sh: N must be a positive whole number, not \"$n\"" >&2
  exit 1
fi

# `make bench` has built the programs; this script only runs them.
bin=$build/bin
for program in manyi-bench-generate manyi-bench-load manyi-bench-layout; do
  if [[ ! -x $bin/$program ]]; then
    echo "run_bench.sh: $bin/$program is missing; build it first: cmake --build $build --target $program" >&2
    exit 1
  fi
done
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$build/CMakeCache.txt" 2>/dev/null || true)
if [[ $build_type != Release && $build_type != RelWithDebInfo ]]; then
  echo "note: $build is a '${build_type:-unknown}' build; timings of an unoptimised build mean little." >&2
fi

data=$build/bench-data
mkdir -p "$data"
csv=$data/responses-$n-seed$seed.csv
# The CSV is kept between runs; it is made again when the generator was rebuilt since.
if [[ ! -s $csv || $bin/manyi-bench-generate -nt $csv ]]; then
  "$bin/manyi-bench-generate" "$n" "$csv.part" --seed "$seed"
  mv "$csv.part" "$csv"
else
  echo "using $csv (kept from an earlier run)"
fi

# measure NAME OUTFILE CMD...: runs CMD and writes "wall user sys peak_kib" to $data/NAME.time.
# GNU time gives the peak resident set; without it bash's `time` gives the times only.
measure() {
  local name=$1 log=$2
  shift 2
  if command -v /usr/bin/time >/dev/null 2>&1; then
    /usr/bin/time -f "%e %U %S %M" -o "$data/$name.time" "$@" >"$log" 2>&1
  else
    local TIMEFORMAT='%R %U %S -'
    { time "$@" >"$log" 2>&1; } 2>"$data/$name.time"
  fi
}

echo
echo "machine: $(nproc) cores, $(uptime | sed 's/.*load average/load average/')"
echo "input:   $csv ($n responses, $(($(stat -c %s "$csv") / 1048576)) MiB)"
echo

anchor_db=$data/anchor.db
have_anchor=0
if command -v sqlite3 >/dev/null 2>&1; then
  rm -f "$anchor_db" "$anchor_db-journal"
  if measure anchor "$data/anchor.log" sqlite3 "$anchor_db" ".import --csv $csv responses"; then
    have_anchor=1
  else
    echo "anchor: sqlite3 .import failed:" >&2
    cat "$data/anchor.log" >&2
  fi
else
  echo "anchor skipped: the sqlite3 command-line tool is not installed (Debian package sqlite3)."
fi

project=$data/bench.manyi
rm -f "$project" "$project-wal" "$project-shm"
if ! measure manyi "$data/manyi.log" "$bin/manyi-bench-load" "$csv" "$project"; then
  echo "manyi-bench-load failed:" >&2
  cat "$data/manyi.log" >&2
  exit 2
fi
grep -v '^RESULT' "$data/manyi.log"
echo

# row WHAT TIMEFILE FILE: one line of the table.
row() {
  local what=$1 times=$2 file=$3
  read -r wall user sys peak <"$times"
  awk -v what="$what" -v n="$n" -v wall="$wall" -v user="$user" -v sys="$sys" -v peak="$peak" \
      -v size="$(stat -c %s "$file")" 'BEGIN {
    cpu = user + sys
    printf "%-34s %9.2f %9.2f %11.0f %9s %10.1f\n", what, wall, cpu, (wall > 0 ? n / wall : 0),
           (peak == "-" ? "n/a" : sprintf("%.1f", peak / 1024)), size / 1048576 }'
}

printf "%-34s %9s %9s %11s %9s %10s\n" "what" "seconds" "CPU s" "rows/s" "peak MiB" "file MiB"
if ((have_anchor)); then row "sqlite3 .import --csv (anchor)" "$data/anchor.time" "$anchor_db"; fi
row "manyi-bench-load" "$data/manyi.time" "$project"
if ((have_anchor)); then
  read -r aw au as _ <"$data/anchor.time"
  read -r mw mu ms _ <"$data/manyi.time"
  awk -v aw="$aw" -v au="$au" -v as="$as" -v mw="$mw" -v mu="$mu" -v ms="$ms" 'BEGIN {
    printf "\nManyi / anchor: %.2f × the wall time, %.2f × the CPU time", (aw > 0 ? mw / aw : 0), (au + as > 0 ? (mu + ms) / (au + as) : 0) }'
  echo " (CPU time is the steadier figure when other work shares the machine)."
fi
echo "machine after the run: $(uptime | sed 's/.*load average/load average/')"

if ((layout_n > 0)); then
  echo
  "$bin/manyi-bench-layout" "$layout_n" --dir "$data/layouts"
fi

# PLS path modelling (issue 7 targets: ECSI bootstrap 500 × 10,000 < 10 s; 1M respondents < 5 s).
if [[ -x $bin/manyi-bench-pls ]]; then
  echo
  "$bin/manyi-bench-pls"
fi

# Issue 6 item 6: weighted grouped descriptives next to sqlite3 GROUP BY and R survey
# (MANYI_BENCH_GROUPED=0 skips it; its own environment is described in bench_grouped.sh).
if [[ ${MANYI_BENCH_GROUPED:-1} == 1 ]]; then
  echo
  bash "$(dirname "$0")/bench_grouped.sh" "$build" "$n"
fi

# The data browser opening the same project (GUI builds only; under Xvfb when there is no display).
if [[ -x $bin/manyi-bench-browser ]]; then
  echo
  echo "data browser over $project:"
  if [[ -n ${DISPLAY:-} ]]; then
    "$bin/manyi-bench-browser" "$project" 200 || echo "manyi-bench-browser failed" >&2
  elif command -v xvfb-run >/dev/null 2>&1; then
    xvfb-run -a -s "-screen 0 1600x1000x24" "$bin/manyi-bench-browser" "$project" 200 || echo "manyi-bench-browser failed" >&2
  else
    echo "skipped: no X display and no xvfb-run (Debian package xvfb)"
  fi
fi

if [[ ${MANYI_BENCH_KEEP:-0} != 1 ]]; then
  rm -rf "$anchor_db" "$project" "$project-wal" "$project-shm" "$data/layouts"
fi

# Excel reports over N responses: analysis and writing time per template, and the data sheet
# against a plain libxlsxwriter constant_memory loop writing the same cells (bench/bench_report.cpp).
if [[ -x $bin/manyi-bench-report ]]; then
  echo
  "$bin/manyi-bench-report" "$(cd "$(dirname "$0")/.." && pwd)" "$data/report" "$n"
  [[ ${MANYI_BENCH_KEEP:-0} == 1 ]] || rm -rf "$data/report"
else
  echo "manyi-bench-report skipped: build it first: cmake --build $build --target manyi-bench-report" >&2
fi

# The response importer beside the same anchor, its memory at several sizes, a 问卷星 workbook.
bash "$(dirname "${BASH_SOURCE[0]}")/run_import_bench.sh" "$build" "$n"
