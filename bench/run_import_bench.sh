#!/usr/bin/env bash
# The response importer's benchmark (issue 4), run by run_bench.sh after the loading benchmark:
#  1. the generator's N-response CSV imported with the real importer (detection, mapping, every
#     cell checked, rejected rows kept, one transaction) beside the anchor, the sqlite3 shell's
#     `.import --csv` of the same file into a plain table, in the same run; both figures and the
#     ratio (target: the importer takes no longer than the anchor);
#  2. the importer's peak memory at several file sizes (target: under 200 MiB and the same at
#     every size);
#  3. a 问卷星-style .xlsx of 100,000 responses imported into an empty project, the questionnaire
#     derived from the file (target: under 10 s).
# It prints figures and PASS or MISS for each target (CPU time, user + sys, beside wall time: on a
# loaded machine the wall times say little); it never fails on time.
#
# usage: bash bench/run_import_bench.sh BUILD_DIR [N]     (N defaults to 1000000)
# environment: MANYI_BENCH_SEED (default 2006); MANYI_BENCH_MEMORY_SIZES (default
# "250000 1000000 2000000"; empty skips part 2); MANYI_BENCH_WJX_N (default 100000; 0 skips part 3).
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 ]]; then
  echo "usage: bash bench/run_import_bench.sh BUILD_DIR [N]" >&2
  exit 1
fi
build=$(cd "$1" && pwd)
n=${2:-1000000}
seed=${MANYI_BENCH_SEED:-2006}
sizes=${MANYI_BENCH_MEMORY_SIZES-250000 1000000 2000000}
wjx_n=${MANYI_BENCH_WJX_N:-100000}
bin=$build/bin
for program in manyi-bench-generate manyi-bench-generate-wjx manyi-bench-import; do
  if [[ ! -x $bin/$program ]]; then
    echo "run_import_bench.sh: $bin/$program is missing; build it first: cmake --build $build --target $program" >&2
    exit 1
  fi
done
data=$build/bench-data
mkdir -p "$data"

# csv_of N: the generator's file of N responses, kept between runs unless the generator changed.
csv_of() {
  local count=$1 file=$data/responses-$1-seed$seed.csv
  if [[ ! -s $file || $bin/manyi-bench-generate -nt $file ]]; then
    "$bin/manyi-bench-generate" "$count" "$file.part" --seed "$seed" >/dev/null
    mv "$file.part" "$file"
  fi
  echo "$file"
}

# measure NAME CMD...: runs CMD; "wall user sys peak_kib" go to $data/NAME.time, its output to
# $data/NAME.log.
measure() {
  local name=$1
  shift
  if ! /usr/bin/time -f "%e %U %S %M" -o "$data/$name.time" "$@" >"$data/$name.log" 2>&1; then
    echo "run_import_bench.sh: $* failed:" >&2
    cat "$data/$name.log" >&2
    return 1
  fi
}
if [[ ! -x /usr/bin/time ]]; then
  echo "run_import_bench.sh: GNU time (Debian package time) is needed for the peak memory figures." >&2
  exit 1
fi
work=$data/import-work
echo
echo "== Response import (issue 4) =="

# 1. The importer beside sqlite3 .import --csv.
csv=$(csv_of "$n")
echo "input: $csv ($n responses, $(($(stat -c %s "$csv") / 1048576)) MiB); machine: $(nproc) cores, $(uptime | sed 's/.*load average/load average/')"
have_anchor=0
if command -v sqlite3 >/dev/null 2>&1; then
  rm -f "$data/import-anchor.db"
  measure import-anchor sqlite3 "$data/import-anchor.db" ".import --csv $csv responses" && have_anchor=1
  rm -f "$data/import-anchor.db"
else
  echo "anchor skipped: the sqlite3 command-line tool is not installed (Debian package sqlite3)."
fi
measure import-$n "$bin/manyi-bench-import" "$csv" "$work"
grep -v '^RESULT' "$data/import-$n.log"
printf "\n%-40s %9s %9s %10s\n" "what ($n responses)" "seconds" "CPU s" "peak MiB"
line() {
  read -r wall user sys peak <"$data/$2.time"
  awk -v what="$1" -v wall="$wall" -v cpu="$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" -v peak="$peak" \
    'BEGIN { printf "%-40s %9.2f %9.2f %10.1f\n", what, wall, cpu, peak / 1024 }'
}
((have_anchor)) && line "sqlite3 .import --csv (anchor)" import-anchor
line "manyi import, every cell checked" "import-$n"
if ((have_anchor)); then
  read -r aw au as _ <"$data/import-anchor.time"
  read -r mw mu ms _ <"$data/import-$n.time"
  awk -v aw="$aw" -v au="$au" -v as="$as" -v mw="$mw" -v mu="$mu" -v ms="$ms" 'BEGIN {
    r = (aw > 0 ? mw / aw : 0)
    c = (au + as > 0 ? (mu + ms) / (au + as) : 0)
    printf "importer / anchor: %.2f × the wall time, %.2f × the CPU time\n", r, c
    printf "%s  import wall time ≤ 1.00 × sqlite3 .import (%.2f ×)\n", (r <= 1.0 ? "PASS" : "MISS"), r
    printf "%s  import CPU time ≤ 1.00 × sqlite3 .import (%.2f ×)\n", (c <= 1.0 ? "PASS" : "MISS"), c }'
fi

# 2. Peak memory at several sizes.
if [[ -n $sizes ]]; then
  echo
  printf "%-40s %9s %9s %10s\n" "peak memory of the importer" "seconds" "CPU s" "peak MiB"
  peaks=()
  for size in $sizes; do
    if [[ $size != "$n" ]]; then
      measure "import-$size" "$bin/manyi-bench-import" "$(csv_of "$size")" "$work"
    fi
    read -r wall user sys peak <"$data/import-$size.time"
    peaks+=("$peak")
    awk -v what="$size responses" -v wall="$wall" -v cpu="$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" -v peak="$peak" \
      'BEGIN { printf "%-40s %9.2f %9.2f %10.1f\n", what, wall, cpu, peak / 1024 }'
  done
  # "Independent of the size": the caches (SQLite's pages, the duplicate check's keys) have fixed
  # budgets that a small file does not fill, so the last two sizes are compared: memory that grew
  # with the file would grow with it there (the default sizes double), a full cache does not.
  printf "%s\n" "${peaks[@]}" | awk 'NR == 1 { hi = $1 } { if ($1 > hi) hi = $1; prev = last; last = $1 } END {
    printf "%s  peak memory under 200 MiB at every size (largest %.1f MiB)\n", (hi < 200 * 1024 ? "PASS" : "MISS"), hi / 1024
    if (NR >= 2) {
      grow = last - prev
      printf "%s  peak memory independent of the size (%+.1f MiB between the last two sizes; allowed: 10 %% + 2 MiB)\n",
             (grow <= prev / 10 + 2048 ? "PASS" : "MISS"), grow / 1024
    } }'
fi

# 3. A 问卷星-style workbook, questionnaire derived from the file.
if ((wjx_n > 0)); then
  xlsx=$data/wjx-$wjx_n-seed$seed.xlsx
  if [[ ! -s $xlsx || $bin/manyi-bench-generate-wjx -nt $xlsx ]]; then
    "$bin/manyi-bench-generate-wjx" "$wjx_n" "$xlsx.part.xlsx" --seed "$seed" >/dev/null
    mv "$xlsx.part.xlsx" "$xlsx"
  fi
  measure "import-wjx-$wjx_n" "$bin/manyi-bench-import" "$xlsx" "$work" --derive
  echo
  grep -v '^RESULT' "$data/import-wjx-$wjx_n.log"
  read -r wall user sys peak <"$data/import-wjx-$wjx_n.time"
  awk -v n="$wjx_n" -v wall="$wall" -v cpu="$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" -v peak="$peak" 'BEGIN {
    printf "问卷星-style .xlsx, %d responses: %.2f s (CPU %.2f s), peak %.1f MiB\n", n, wall, cpu, peak / 1024
    printf "%s  问卷星-style .xlsx of %d responses in under 10 s (%.2f s wall, %.2f s CPU)\n", (wall < 10 ? "PASS" : "MISS"), n, wall, cpu }'
fi
rm -rf "$work"
