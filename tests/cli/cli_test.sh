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
    # Only the columns a spec names are loaded, but a pls model binds its items by their roles
    # (sat1…sat8 are named nowhere in the spec): they must still be loaded.
    printf '{"analyses": [{"type": "pls", "model": "certification-service"}]}' >"$tmp/pls.json"
    expect_exit 0 "$cli" analyze "$tmp/d/demo.manyi" --spec "$tmp/pls.json"
    grep -E "^SERV +sat8 +0\.[0-9]+ +0\.[0-9]+" "$tmp/out" >/dev/null || { cat "$tmp/out"; fail "no loading of sat8 in the pls tables"; }
    # analyze opens read-only and checks the header and schema only; a damaged page of the response
    # table is met while reading and must give the "damaged" message, not an internal error.
    # The page: the right-most child of the table's root (fileformat.html §1.6), cells set to 0xFF.
    cp "$tmp/d/demo.manyi" "$tmp/damaged.manyi"
    page_size=$(sqlite3 -readonly "$tmp/damaged.manyi" "PRAGMA page_size")
    root=$(sqlite3 -readonly "$tmp/damaged.manyi" "SELECT rootpage FROM sqlite_schema WHERE name = 'response'")
    [[ $(od -An -tx1 -j $(((root - 1) * page_size)) -N1 "$tmp/damaged.manyi" | tr -d ' ') == 05 ]] || fail "the response table's root is not an interior page"
    leaf=$((16#$(od -An -tx1 -j $(((root - 1) * page_size + 8)) -N4 "$tmp/damaged.manyi" | tr -d ' \n')))
    head -c $((page_size - 12)) /dev/zero | tr '\0' '\377' |
      dd of="$tmp/damaged.manyi" bs=1 seek=$(((leaf - 1) * page_size + 12)) conv=notrunc status=none
    sum=$(sha256sum <"$tmp/damaged.manyi")
    expect_exit 1 "$cli" analyze "$tmp/damaged.manyi" --spec "$MANYI_SOURCE_DIR/data/specs/demo-overview.json"
    has "$tmp/err" "damaged.manyi is damaged"
    has "$tmp/err" "manyi-cli check"
    grep -q "Internal error" "$tmp/err" && fail "a damaged page gave an internal error"
    [[ $(sha256sum <"$tmp/damaged.manyi") == "$sum" ]] || fail "analyze changed the damaged file"
    expect_exit 1 "$cli" check "$tmp/damaged.manyi"
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
    has "$tmp/out" "Weighted by scheme \"ps\" (post-stratification to Region"
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
    has "$tmp/out" "raking to the margins Region, Industry, trimmed to 0.3–3 × the mean weight"
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
    ;;
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
    # The pls kind of the analysis specs is the same code: identical tables from analyze.
    expect_exit 0 "$cli" index --data "$sat" --model "$model" --by gender --bootstrap 30 --seed 4 -o "$tmp/i.csv"
    echo '{"analyses": [{"type": "pls", "model": "plspm-satisfaction", "by": "gender", "bootstrap": 30, "seed": 4}]}' >"$tmp/pls.json"
    expect_exit 0 "$cli" analyze --data "$sat" --spec "$tmp/pls.json" -o "$tmp/a.csv"
    # Only the footnote naming the model differs (the file path given to index, the name in the spec).
    diff <(grep -v "^Model plspm-satisfaction" "$tmp/i.csv") <(grep -v "^Model plspm-satisfaction" "$tmp/a.csv") \
      || fail "index and analyze (pls) differ"
    # A model by name on a project, bound through its questionnaire.
    expect_exit 0 "$cli" demo --out "$tmp/demo"
    expect_exit 0 "$cli" index "$tmp/demo/demo.manyi" --model certification-service --by region
    has "$tmp/out" "SERV → SAT"
    has "$tmp/out" "Importance–performance map of SAT — Overall satisfaction"
    expect_exit 1 "$cli" index "$tmp/demo/demo.manyi" --model no-such-model
    has "$tmp/err" "certification-service"
    ;;
  sample_979)
    # The source survey's rule (DOMAIN.md) on the frame of tests/data/fieldwork/frame_979_strata.csv:
    # 80 % per industry, rounded half up, accumulated by region = 979 and the published regions.
    awk -F, 'NR > 1 { for (i = 0; i < $3; i++) printf "C%05d,%s,%s\n", ++n, $1, $2 }
             BEGIN { print "customer_id,region,industry" }' \
      "$MANYI_SOURCE_DIR/tests/data/fieldwork/frame_979_strata.csv" >"$tmp/frame.csv"
    expect_exit 0 "$cli" new "$tmp/p.manyi"
    expect_exit 0 "$cli" frame import "$tmp/p.manyi" "$tmp/frame.csv"
    expect_exit 0 "$cli" sample plan "$tmp/p.manyi" --fraction 0.8 --rounding half-up --strata region,industry --accumulate region
    sed -n '/Sample by [Rr]egion/,$p' "$tmp/out" >"$tmp/by_region"
    while IFS="|" read -r region n; do
      grep -E "^ *$region +$n *\$" "$tmp/by_region" >/dev/null || { cat "$tmp/by_region"; fail "$region is not $n"; }
    done <<'PUBLISHED'
青岛|443
烟台|78
潍坊|103
济南|74
济宁|41
威海|36
东营|48
江苏|10
枣庄|11
临沂|24
淄博|23
日照|29
荷泽|4
德州|6
安徽|7
聊城|7
泰安|5
滨州|9
莱芜|2
上海|4
北京|2
新疆|4
贵州|2
\(not recorded\)|7
Total|979
PUBLISHED
    # Rounding 80 % of each region instead misses the published counts (Weifang 130 → 104).
    expect_exit 0 "$cli" sample plan "$tmp/p.manyi" --fraction 0.8 --strata region --accumulate region
    grep -E "^ *潍坊 +104 *\$" "$tmp/out" >/dev/null || { cat "$tmp/out"; fail "region-level rounding does not give Weifang 104"; }
    # Sample sizes (PracTools 1.7.5 values in ../shared/reference/README.md).
    for pair in "0.01 9604" "0.03 1068" "0.05 385" "0.08 151"; do
      set -- $pair
      expect_exit 0 "$cli" sample size --moe "$1"
      has "$tmp/out" "Sample size: $2"
    done
    expect_exit 0 "$cli" sample size --moe 0.05 --population 500
    has "$tmp/out" "Sample size: 218"
    expect_exit 0 "$cli" sample size --moe 0.05 --population 5000
    has "$tmp/out" "Sample size: 357"
    ;;
  sample_allocation)
    # Neyman and proportional allocation of n = 100 over N_h = (215, 65, 252, 50, 149, 144) with
    # S_h = (26787207, …): PracTools 1.7.5, ../shared/reference/README.md. Each stratum's values are
    # m ± d (one value m when N_h is odd) with d chosen so that the SD (n−1) is exactly S_h.
    awk 'BEGIN {
      split("215 65 252 50 149 144", N, " "); split("26787207 10645109 6909676 11085034 9817762 44553355", S, " ")
      print "customer_id,industry,value"
      for (h = 1; h <= 6; h++) {
        k = N[h] - N[h] % 2; d = S[h] * sqrt((N[h] - 1) / k)
        for (i = 1; i <= N[h]; i++) {
          v = 100000000; if (i <= k) v += (i % 2 ? d : -d)
          printf "C%d%03d,%c,%.6f\n", h, i, 64 + h, v
        }
      }
    }' >"$tmp/frame.csv"
    expect_exit 0 "$cli" new "$tmp/p.manyi"
    expect_exit 0 "$cli" frame import "$tmp/p.manyi" "$tmp/frame.csv"
    expect_exit 0 "$cli" sample plan "$tmp/p.manyi" --total 100 --allocation neyman --strata industry
    for row in "A 215 34.64 35" "B 65 4.16 4" "C 252 10.47 10" "D 50 3.33 3" "E 149 8.80 9" "F 144 38.59 39"; do
      set -- $row
      grep -E "^ *$1 +$2 +$3 +$4 *\$" "$tmp/out" >/dev/null || { cat "$tmp/out"; fail "Neyman: $row"; }
    done
    expect_exit 0 "$cli" sample plan "$tmp/p.manyi" --total 100 --strata industry
    for row in "A 25" "B 7" "C 29" "D 6" "E 17" "F 16"; do
      set -- $row
      grep -E "^ *$1 +[0-9]+ +[0-9.]+ +$2 *\$" "$tmp/out" >/dev/null || { cat "$tmp/out"; fail "proportional: $row"; }
    done
    ;;
  mail_round)
    # A mail round as a user runs it: draw, returns, two keyings with a planted difference, the
    # discrepancy list, a resolution, operator statistics and the response rates.
    p="$tmp/m.manyi"
    expect_exit 0 "$cli" new "$p"
    expect_exit 0 "$cli" form add "$p" "$MANYI_SOURCE_DIR/tests/data/fieldwork/fieldwork_form.json"
    printf 'customer_id,region\nK01,青岛\nK02,青岛\nK03,济南\nK04,济南\n' >"$tmp/frame.csv"
    expect_exit 0 "$cli" frame import "$p" "$tmp/frame.csv"
    expect_exit 0 "$cli" sample plan "$p" --strata region --fraction 1 --draw --seed 9 --sent-on 2026-11-01 --form-lang en
    has "$tmp/out" "Drew 4 customers (seed 9) into mailing batch 1."
    expect_exit 0 "$cli" mail undeliverable "$p" K04 --on 2026-11-05
    expect_exit 1 "$cli" mail return "$p" K01 K99
    has "$tmp/err" "K99"
    h='respondent_id,used,service,channels_1,channels_2,overall,orders,comment,keying_seconds'
    printf '%s\nK01,1,4,1,0,8,12,,30\nK02,2,,,,5,3,too slow,40\n' "$h" >"$tmp/pass1.csv"
    printf '%s\nK01,1,4,1,0,6,12,,25\nK02,2,,,,5,3,too slow,35\n' "$h" >"$tmp/pass2.csv"
    printf '%s\nK03,1,4,1,0,8,12,,30\nK04,2,5,,,8,,,10\n' "$h" >"$tmp/bad.csv"
    expect_exit 1 "$cli" entry "$p" "$tmp/bad.csv" --operator Li
    has "$tmp/err" "bad.csv, row 3, column 3, respondent K04, question 2 (service): 5 is answered, but the form skips it unless used = 1"
    expect_exit 0 "$cli" entry "$p" "$tmp/pass1.csv" --operator Li --pass 1
    has "$tmp/out" "Pass 1: 2 questionnaires, 10 fields keyed by Li."
    expect_exit 1 "$cli" entry "$p" "$tmp/pass2.csv" --operator Li --pass 2
    has "$tmp/err" "the other pass must be keyed by a different operator"
    expect_exit 0 "$cli" entry "$p" "$tmp/pass2.csv" --operator Wang --pass 2
    has "$tmp/out" "2 questionnaires, 1 discrepancies, 1 verified"
    expect_exit 0 "$cli" entry "$p" --discrepancies
    grep -E "^ *K01 +1 +Q4 +overall +8 +6 +Li / Wang *\$" "$tmp/out" >/dev/null || { cat "$tmp/out"; fail "discrepancy row"; }
    expect_exit 1 "$cli" entry "$p" --resolve K01 overall 12 --operator Chen
    has "$tmp/err" "out of range"
    expect_exit 0 "$cli" entry "$p" --resolve K01 overall 8 --operator Chen
    has "$tmp/out" "Respondent K01 is verified and stored as a mail response."
    expect_exit 0 "$cli" entry "$p" --operators
    # Li: 10 fields in 70 s = 7.00 s per field, 0 errors; Wang: 60 s / 10 = 6.00, 1 error in 14 fields compared.
    grep -E "^ *Li +2 +10 +7\.00 +14 +0 +0\.00 ?% +0 *\$" "$tmp/out" >/dev/null || { cat "$tmp/out"; fail "Li's statistics"; }
    grep -E "^ *Wang +2 +10 +6\.00 +14 +1 +7\.14 ?% +0 *\$" "$tmp/out" >/dev/null || { cat "$tmp/out"; fail "Wang's statistics"; }
    expect_exit 0 "$cli" rates "$p"
    # Mail: K01, K02 keyed (I = 2); K03 nothing back, K04 undeliverable (UO = 2): RR1 = 50 %.
    grep -iE "^ *mail +1\.000 +50\.0 ?% +50\.0 ?% +50\.0 ?%" "$tmp/out" >/dev/null || { cat "$tmp/out"; fail "mail RR1-RR3"; }
    ;;
  phone_list)
    # A call list drawn from the frame, shown with its cases and the next one to call.
    p="$tmp/c.manyi"
    expect_exit 0 "$cli" new "$p"
    expect_exit 0 "$cli" form add "$p" "$MANYI_SOURCE_DIR/tests/data/fieldwork/fieldwork_form.json"
    printf 'customer_id,region,phone\nK01,青岛,0532-1\nK02,青岛,0532-2\nK03,济南,0531-3\n' >"$tmp/frame.csv"
    expect_exit 0 "$cli" frame import "$p" "$tmp/frame.csv"
    expect_exit 1 "$cli" calls "$p"
    has "$tmp/err" "has no call list"
    expect_exit 0 "$cli" sample plan "$p" --strata region --fraction 1 --draw --mode phone --max-attempts 3 --seed 4
    has "$tmp/out" "Drew 3 customers (seed 4) into call list 1."
    expect_exit 0 "$cli" calls "$p"
    has "$tmp/out" "Call list 1"
    has "$tmp/out" "Held by"
    for k in K01 K02 K03; do has "$tmp/out" "$k"; done
    expect_exit 0 "$cli" calls "$p" --next
    [[ $(grep -cE "^ *K0[123] " "$tmp/out") == 1 ]] || { cat "$tmp/out"; fail "--next shows one case"; }
    expect_exit 0 env -u LC_ALL -u LANGUAGE LANG=zh_CN.UTF-8 "$cli" calls "$p"
    has "$tmp/out" "拨打名单 1"
    ;;
  form_export_lss)
    # LimeSurvey export of a template and back: the notes name what LimeSurvey cannot hold.
    form="$MANYI_SOURCE_DIR/forms/certification-customer.json"
    expect_exit 0 "$cli" form export "$form" -o "$tmp/cc.lss" --format lss
    has "$tmp/err" "customer_class"
    has "$tmp/err" "index definitions (csi)"
    has "$tmp/cc.lss" "<DBVersion>630</DBVersion>"
    has "$tmp/cc.lss" "<language>zh-Hans</language>"
    has "$tmp/cc.lss" "<relevance><![CDATA[overall.NAOK <= 6]]></relevance>"
    expect_exit 0 "$cli" form import "$tmp/cc.lss" -o "$tmp/back.json"
    has "$tmp/out" "4 section(s), 9 item(s)"
    expect_exit 0 "$cli" form validate "$tmp/back.json"
    # --format xlsx with another extension is refused with what to do.
    expect_exit 1 "$cli" form export "$form" -o "$tmp/cc.lss" --format xlsx
    has "$tmp/err" "cc.xlsx"
    ;;
  *) fail "unknown case $case_name" ;;
esac
echo "ok: $case_name"
