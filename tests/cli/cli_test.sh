#!/usr/bin/env bash
# One command-line test case: cli_test.sh CASE PATH/TO/manyi-cli
set -euo pipefail
case_name=$1
cli=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
expect_exit() {  # expect_exit CODE command...
  local want=$1; shift
  set +e
  "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  set -e
  [[ $got == "$want" ]] || { cat "$tmp/out" "$tmp/err" >&2; fail "exit $got, expected $want: $*"; }
}
has() { grep -qF -- "$2" "$1" || { cat "$1" >&2; fail "'$2' not in $1"; }; }

case $case_name in
  version)
    expect_exit 0 "$cli" --version
    has "$tmp/out" "manyi-cli 0.1.0"
    ;;
  help_en)
    LANG=en_US.UTF-8 LC_ALL= LANGUAGE= expect_exit 0 env LANG=en_US.UTF-8 "$cli" --help
    has "$tmp/out" "Usage:"
    has "$tmp/out" "check"
    has "$tmp/out" "Check a project file's integrity without changing it"
    ;;
  help_zh)
    expect_exit 0 env -u LC_ALL -u LANGUAGE LANG=zh_CN.UTF-8 "$cli" --help
    has "$tmp/out" "用法"
    has "$tmp/out" "检查项目文件的完整性"
    expect_exit 0 env -u LC_ALL -u LANGUAGE LANG=zh_CN.UTF-8 "$cli" check --help
    has "$tmp/out" "要检查的 .manyi 项目文件"
    ;;
  usage_errors)
    expect_exit 1 "$cli" frobnicate
    has "$tmp/err" "manyi-cli --help"
    expect_exit 1 "$cli" check
    has "$tmp/err" "FILE"
    expect_exit 1 "$cli"
    expect_exit 1 env -u LC_ALL -u LANGUAGE LANG=zh_CN.UTF-8 "$cli" check "$tmp/missing.manyi"
    has "$tmp/err" "不存在"
    ;;
  check_files)
    expect_exit 0 "$cli" demo --out "$tmp/demo"
    good="$tmp/demo/demo.manyi"
    expect_exit 0 "$cli" check "$good"
    has "$tmp/out" "no problems found"
    # Truncated: cut to half its size.
    size=$(stat -c %s "$good")
    head -c $((size / 2)) "$good" >"$tmp/truncated.manyi"
    sum=$(sha256sum <"$tmp/truncated.manyi")
    expect_exit 1 "$cli" check "$tmp/truncated.manyi"
    has "$tmp/err" "truncated"
    [[ $(sha256sum <"$tmp/truncated.manyi") == "$sum" ]] || fail "check changed the truncated file"
    # Corrupt: overwrite 4 KiB in the middle with random bytes.
    cp "$good" "$tmp/corrupt.manyi"
    dd if=/dev/urandom of="$tmp/corrupt.manyi" bs=4096 seek=$((size / 4096 / 2)) count=1 conv=notrunc status=none
    sum=$(sha256sum <"$tmp/corrupt.manyi")
    expect_exit 1 "$cli" check "$tmp/corrupt.manyi"
    [[ -s $tmp/err ]] || fail "no message for a corrupt file"
    [[ $(sha256sum <"$tmp/corrupt.manyi") == "$sum" ]] || fail "check changed the corrupt file"
    # Not SQLite at all.
    cp "$MANYI_SOURCE_DIR/data/demo/customers.csv" "$tmp/text.manyi"
    expect_exit 1 "$cli" check "$tmp/text.manyi"
    has "$tmp/err" "not an SQLite database"
    ;;
  demo)
    expect_exit 0 "$cli" demo --out "$tmp/d"
    has "$tmp/out" "Demo project written to"
    has "$tmp/out" "1483"
    has "$tmp/out" "Qingdao"
    [[ -f $tmp/d/demo.manyi ]] || fail "no demo.manyi"
    expect_exit 0 env -u LC_ALL -u LANGUAGE LANG=zh_CN.UTF-8 "$cli" demo --out "$tmp/d"
    has "$tmp/out" "青岛"
    has "$tmp/out" "邮寄"
    ;;
  new_project)
    expect_exit 0 "$cli" new "$tmp/p.manyi"
    expect_exit 0 "$cli" check "$tmp/p.manyi"
    expect_exit 1 "$cli" new "$tmp/p.manyi"
    has "$tmp/err" "already exists"
    ;;
  analyze)
    expect_exit 0 "$cli" demo --out "$tmp/d"
    expect_exit 0 "$cli" analyze "$tmp/d/demo.manyi" --spec "$MANYI_SOURCE_DIR/data/specs/demo-overview.json"
    has "$tmp/out" "Net Promoter Score"
    has "$tmp/out" "Unsigned (region unknown)"
    expect_exit 0 "$cli" analyze "$tmp/d/demo.manyi" --spec "$MANYI_SOURCE_DIR/data/specs/demo-overview.json" -o "$tmp/t.csv"
    grep -q "Reliability" "$tmp/t.csv" || fail "no reliability table in the CSV"
    printf 'g,x\na,1\na,2\nb,3\nb,5\n' >"$tmp/plain.csv"
    printf '{"suppress_below": 0, "analyses": [{"type": "descriptives", "variables": ["x"], "by": "g"}]}' >"$tmp/spec.json"
    expect_exit 0 "$cli" analyze --data "$tmp/plain.csv" --spec "$tmp/spec.json"
    grep -E "^b +x +2 +4\.00" "$tmp/out" >/dev/null || { cat "$tmp/out"; fail "mean of b is not 4.00"; }
    printf '{"analyses": [{"type": "descriptives", "variables": ["y"]}]}' >"$tmp/bad.json"
    expect_exit 1 "$cli" analyze --data "$tmp/plain.csv" --spec "$tmp/bad.json"
    has "$tmp/err" "there is no variable \"y\""
    expect_exit 1 "$cli" analyze "$tmp/d/demo.manyi" --data "$tmp/plain.csv" --spec "$tmp/spec.json"
    ;;
  weight)
    expect_exit 0 "$cli" demo --out "$tmp/d"
    p="$tmp/d/demo.manyi"
    spec="$MANYI_SOURCE_DIR/data/specs/demo-overview.json"
    expect_exit 0 "$cli" weight list "$p"
    has "$tmp/out" "no weighting schemes"
    # Post-stratification to the frame's regions, stored and made active.
    expect_exit 0 "$cli" weight poststratify "$p" --name ps --by region --keep-unmatched
    has "$tmp/out" "Stored the weighting scheme \"ps\""
    has "$tmp/out" "Kish design effect"
    has "$tmp/out" "the sample frame (customers)"
    expect_exit 0 "$cli" analyze "$p" --spec "$spec"
    has "$tmp/out" "Unweighted."
    expect_exit 0 "$cli" weight activate "$p" ps
    expect_exit 0 "$cli" analyze "$p" --spec "$spec"
    has "$tmp/out" "Weighted by scheme \"ps\" (post-stratification to region"
    expect_exit 0 "$cli" analyze "$p" --spec "$spec" --unweighted
    has "$tmp/out" "Unweighted."
    # Region × industry leaves cells of the frame without responses: a clear error, nothing stored.
    expect_exit 1 "$cli" weight poststratify "$p" --name cells --by region,industry
    has "$tmp/err" "but no responses"
    has "$tmp/err" "rake on the margins"
    # Raking to both margins of the frame, trimmed.
    expect_exit 0 "$cli" weight rake "$p" --name rk --margin region --margin industry --trim 0.3,3 --keep-unmatched
    has "$tmp/out" "converged: yes"
    has "$tmp/out" "Trimming"
    expect_exit 0 "$cli" weight show "$p" rk
    has "$tmp/out" "raking to the margins region, industry, trimmed to 0.3–3 × the mean weight"
    expect_exit 0 "$cli" weight list "$p"
    has "$tmp/out" "* scheme \"ps\""
    expect_exit 0 "$cli" weight delete "$p" ps
    expect_exit 0 "$cli" weight list "$p"
    has "$tmp/out" "No scheme is active"
    expect_exit 1 "$cli" weight show "$p" ps
    has "$tmp/err" "Its schemes: rk"
    # Population counts from a file: a bad count names file, row and column.
    printf 'region,count\n青岛,400\n烟台,abc\n' >"$tmp/targets.csv"
    expect_exit 1 "$cli" weight poststratify "$p" --name f --by region --targets "$tmp/targets.csv"
    has "$tmp/err" "targets.csv, row 3, column count: \"abc\""
    expect_exit 1 "$cli" weight rake "$p" --name r2 --margin region --margin industry --trim 2,1
    has "$tmp/err" "not an interval"
    expect_exit 0 "$cli" check "$p"
  index)
    sat="$MANYI_SOURCE_DIR/tests/data/reference/plspm/satisfaction.csv"
    model="$MANYI_SOURCE_DIR/models/plspm-satisfaction.json"
    # plspm 0.5 on satisfaction (reference README): GoF 0.609741624338411, R² SAT 0.707320949544597,
    # path VAL→SAT 0.589330650016017, SAT index 68.5979 (rescale()).
    expect_exit 0 "$cli" index --data "$sat" --model "$model"
    has "$tmp/out" "GoF = 0.609742"
    has "$tmp/out" "0.5893"
    has "$tmp/out" "0.7073"
    has "$tmp/out" "68.6"
    has "$tmp/out" "Importance–performance map"
    # Bootstrap: seeded, so two runs give the same file.
    expect_exit 0 "$cli" index --data "$sat" --model "$model" --bootstrap 40 --seed 3 -o "$tmp/b1.csv"
    expect_exit 0 "$cli" index --data "$sat" --model "$model" --bootstrap 40 --seed 3 --threads 1 -o "$tmp/b2.csv"
    cmp -s "$tmp/b1.csv" "$tmp/b2.csv" || fail "bootstrap with the same seed differs"
    grep -q "97.5% percentile" "$tmp/b1.csv" || fail "no bootstrap intervals in the CSV"
    grep -q "^index SAT," "$tmp/b1.csv" || fail "no bootstrap interval of the SAT index"
    # Groups: both genders, a ranking and the permutation comparison.
    expect_exit 0 "$cli" index --data "$sat" --model "$model" --by gender --compare gender --groups female,male --permutations 30 --seed 2
    has "$tmp/out" "Indices by group"
    has "$tmp/out" "female"
    has "$tmp/out" "Ranking of the groups by the SAT"
    has "$tmp/out" "Multi-group comparison: female vs male"
    has "$tmp/out" "p (permutation)"
    # Waves: the first 125 rows as wave 1, the rest as wave 2.
    awk -F, 'NR == 1 { print $0 ",wave"; next } { print $0 "," (NR <= 126 ? 1 : 2) }' "$sat" >"$tmp/waves.csv"
    expect_exit 0 "$cli" index --data "$tmp/waves.csv" --model "$model" --trend wave
    has "$tmp/out" "SAT — Satisfaction index over wave"
    has "$tmp/out" "Change"
    # Non-convergence is reported, with no numbers.
    sed 's/"max_iterations": 100/"max_iterations": 2/' "$model" >"$tmp/short.json"
    expect_exit 1 "$cli" index --data "$sat" --model "$tmp/short.json"
    has "$tmp/err" "did not converge in 2 iterations"
    # A role-based model on a CSV without a questionnaire: says what is missing.
    expect_exit 1 "$cli" index --data "$sat" --model "$MANYI_SOURCE_DIR/models/ecsi.json"
    has "$tmp/err" "does not fit the data"
    expect_exit 1 "$cli" index --data "$sat" --model "$model" --by nothing
    has "$tmp/err" "there is no variable \"nothing\""
    ;;
  *) fail "unknown case $case_name" ;;
esac
echo "ok: $case_name"
