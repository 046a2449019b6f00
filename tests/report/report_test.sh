#!/usr/bin/env bash
# One report test case: report_test.sh CASE PATH/TO/manyi-cli. Exit 77 = skipped (a tool is missing).
set -euo pipefail
case_name=$1
cli=$2
here=$(cd "$(dirname "$0")" && pwd)
src=${MANYI_SOURCE_DIR:-$(cd "$here/../.." && pwd)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
skip() { echo "SKIP: $*" >&2; exit 77; }
export MANYI_FIXED_TIME=2026-01-01T00:00:00Z
templates=(management-review regional-comparison client-report statistical-appendix satisfaction-index)
py=/usr/bin/python3
need_openpyxl() { "$py" -c 'import openpyxl' 2>/dev/null || skip "python3-openpyxl is not installed (scripts/deps.sh test)"; }

demo() {
  "$cli" demo --out "$tmp/demo" >/dev/null || fail "manyi-cli demo failed"
  project="$tmp/demo/demo.manyi"
}
# report TEMPLATE LANG [extra args]: writes $tmp/TEMPLATE-LANG.xlsx
report() {
  local t=$1 lang=$2; shift 2
  local extra=()
  [[ $t == client-report ]] && extra=(--client "青岛示例咨询有限公司 Example Consulting")
  "$cli" report "$project" --template "$t" --lang "$lang" "${extra[@]}" "$@" -o "$tmp/$t-$lang.xlsx" >"$tmp/out" 2>"$tmp/err" \
    || { cat "$tmp/err" >&2; fail "report $t --lang $lang"; }
  grep -qF "$tmp/$t-$lang.xlsx" "$tmp/out" || { cat "$tmp/out" >&2; fail "report $t did not say where it wrote"; }
}

case $case_name in
  schema)
    "$py" -c 'import jsonschema' 2>/dev/null || skip "python3-jsonschema is not installed"
    "$py" - "$src/reports" <<'PY' || fail "a template does not match reports/schema/report.schema.json"
import glob, json, os, sys
import jsonschema
d = sys.argv[1]
schema = json.load(open(os.path.join(d, "schema/report.schema.json"), encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(schema)
files = sorted(glob.glob(os.path.join(d, "*.json")))
assert len(files) >= 4, files
for f in files:
    jsonschema.Draft202012Validator(schema).validate(json.load(open(f, encoding="utf-8")))
    print("valid:", os.path.basename(f))
PY
    ;;
  templates)
    need_openpyxl
    demo
    for t in "${templates[@]}"; do
      for lang in en zh both; do
        report "$t" "$lang"
        "$py" "$here/check_workbook.py" "$tmp/$t-$lang.xlsx" "$src/reports/$t.json" "$lang" --cli "$cli" --project "$project" \
          || fail "check_workbook $t $lang"
      done
    done
    # Byte-stable with a fixed creation time.
    cp "$tmp/management-review-en.xlsx" "$tmp/first.xlsx"
    report management-review en
    cmp -s "$tmp/first.xlsx" "$tmp/management-review-en.xlsx" || fail "two runs gave different bytes"
    # The optional data sheet (constant_memory) without personal data.
    report statistical-appendix en --data-sheet
    "$py" "$here/check_workbook.py" "$tmp/statistical-appendix-en.xlsx" "$src/reports/statistical-appendix.json" en --data-sheet \
      || fail "data sheet"
    ;;
  errors)
    demo
    expect() {  # expect CODE TEXT args...
      local code=$1 text=$2; shift 2
      set +e; "$cli" report "$@" >"$tmp/out" 2>"$tmp/err"; local got=$?; set -e
      [[ $got == "$code" ]] || { cat "$tmp/out" "$tmp/err" >&2; fail "exit $got, expected $code: $*"; }
      grep -qF -- "$text" "$tmp/err" || { cat "$tmp/err" >&2; fail "'$text' not in the error for: $*"; }
    }
    expect 1 "management-review" "$project" --template no-such-template -o "$tmp/x.xlsx"
    expect 1 "--client" "$project" --template client-report -o "$tmp/x.xlsx"
    expect 1 "does not exist" "$project" --template management-review -o "$tmp/missing/x.xlsx"
    expect 1 "logo" "$project" --template client-report --client X --logo "$tmp/none.png" -o "$tmp/x.xlsx"
    echo '{"title": "t", "sections": [{"id": "a", "sheet": "A", "analyses": [{"type": "csi", "satisfaction": ["nope"]}]}]}' >"$tmp/bad.json"
    expect 1 "nope" "$project" --template "$tmp/bad.json" -o "$tmp/x.xlsx"
    echo '{"title": "t", "sections": [{"id": "a", "sheet": "A", "analyses": [{"type": "nps", "variable": "recommend"}], "charts": [{"type": "quadrant"}]}]}' >"$tmp/bad2.json"
    expect 1 "quadrant" "$project" --template "$tmp/bad2.json" -o "$tmp/x.xlsx"
    [[ ! -e "$tmp/x.xlsx" && ! -e "$tmp/x.xlsx.part" ]] || fail "a failed report left a file behind"
    # A client report with a logo on its cover.
    "$py" -c 'import base64,sys; open(sys.argv[1],"wb").write(base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGNgYPgPAAEDAQAIicLsAAAAAElFTkSuQmCC"))' "$tmp/logo.png"
    "$cli" report "$project" --template client-report --client "ACME" --logo "$tmp/logo.png" -o "$tmp/logo.xlsx" >/dev/null || fail "report with a logo"
    unzip -Z1 "$tmp/logo.xlsx" >"$tmp/members"
    grep -qx "xl/media/image1.png" "$tmp/members" || fail "the logo is not in the workbook"
    # The failed runs recorded nothing; the written report is in the project's report_history.
    "$py" - "$project" "$tmp/logo.xlsx" <<'PY' || fail "report_history does not hold exactly the written report"
import sqlite3, sys
rows = sqlite3.connect(sys.argv[1]).execute(
    "SELECT template, output, length(fingerprint), created_at FROM report_history").fetchall()
assert rows == [("client-report", sys.argv[2], 64, "2026-01-01T00:00:00Z")], rows
PY
    ;;
  pdf)
    command -v soffice >/dev/null || skip "LibreOffice is not installed (libreoffice-calc)"
    command -v pdftoppm >/dev/null || skip "pdftoppm is not installed (poppler-utils)"
    demo
    files=()
    for t in "${templates[@]}"; do
      for lang in zh en; do report "$t" "$lang"; files+=("$tmp/$t-$lang.xlsx"); done
    done
    mkdir -p "$tmp/pdf"
    timeout 500 soffice -env:UserInstallation=file://"$tmp/lo-profile" --headless --norestore --convert-to pdf --outdir "$tmp/pdf" "${files[@]}" \
      >"$tmp/lo.log" 2>&1 || { cat "$tmp/lo.log" >&2; fail "LibreOffice failed"; }
    keep=${MANYI_REPORT_PNG_DIR:-}
    for f in "${files[@]}"; do
      base=$(basename "$f" .xlsx)
      pdf="$tmp/pdf/$base.pdf"
      [[ -s $pdf ]] || { cat "$tmp/lo.log" >&2; fail "no PDF for $base"; }
      pdftoppm -gray -r 30 "$pdf" "$tmp/pdf/$base" || fail "pdftoppm $base"
      if [[ -n $keep ]]; then mkdir -p "$keep"; pdftoppm -png -r 60 "$pdf" "$keep/$base"; fi
      "$py" "$here/check_pages.py" "$tmp/pdf/$base"-*.pgm || fail "blank page in $base"
    done
    ;;
  comma_locale)
    need_openpyxl
    loc=""
    for l in de_DE.UTF-8 de_DE.utf8; do locale -a 2>/dev/null | grep -qix "$l" && loc=$l; done
    if [[ -z $loc ]] && command -v localedef >/dev/null && [[ -w /usr/lib/locale || -w /usr/lib/locale/locale-archive ]]; then
      localedef -i de_DE -f UTF-8 de_DE.UTF-8 2>/dev/null && loc=de_DE.UTF-8
    fi
    [[ -n $loc ]] || skip "no comma-decimal locale: apt-get install locales; localedef -i de_DE -f UTF-8 de_DE.UTF-8"
    [[ $(env LC_ALL=$loc /usr/bin/printf '%.1f' 0.5 2>/dev/null) == "0,5" ]] || skip "$loc does not use a decimal comma here"
    demo
    LC_ALL=$loc LANG=$loc report management-review en
    LC_ALL=$loc LANG=$loc "$py" "$here/check_workbook.py" "$tmp/management-review-en.xlsx" "$src/reports/management-review.json" en \
      || fail "workbook written under $loc"
    # No number in any XML part uses a decimal comma.
    mkdir "$tmp/x" && (cd "$tmp/x" && unzip -q "$tmp/management-review-en.xlsx")
    if grep -rEl '<(c:)?v>-?[0-9]+,[0-9]+</(c:)?v>' "$tmp/x"; then fail "decimal comma in the XML"; fi
    ;;
  *) fail "unknown case $case_name" ;;
esac
echo "ok: $case_name"
