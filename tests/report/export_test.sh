#!/usr/bin/env bash
# One export test case: export_test.sh CASE PATH/TO/manyi-cli.
#   csv         response CSV: codes, labels in zh and en, one 0/1 column per option, formulas
#               neutralised, personal data only with --include-personal
#   sav         SPSS .sav read back by GNU PSPP (an implementation nobody here wrote): names,
#               Chinese variable and value labels, measurement levels, missing values, UTF-8,
#               and every value equal to the CSV export of the same project
#   report_csv  `report --format csv`: one CSV per table, equal to `analyze` of the same spec
# PSPP missing is a failure, not a skip: the .sav check cannot be done without it.
set -euo pipefail
case_name=$1
cli=$2
here=$(cd "$(dirname "$0")" && pwd)
src=${MANYI_SOURCE_DIR:-$(cd "$here/../.." && pwd)}
src_customers=$src/data/demo/customers.csv
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
py=/usr/bin/python3
export MANYI_FIXED_TIME=2026-01-01T00:00:00Z MANYI_LANG=en

demo() {
  "$cli" demo --out "$tmp/demo" >/dev/null || fail "manyi-cli demo failed"
  project="$tmp/demo/demo.manyi"
}
# A small project whose questionnaire is derived from a Google Forms export with Chinese headings:
# a rating, a single choice, a multi-select (joined with ", "; the options 邮件, 网站, 电话 in the
# order first seen alone) and a free text starting with "=".
small() {
  small="$tmp/small.manyi"
  "$cli" new "$small" >/dev/null || fail "manyi-cli new"
  printf '%s\n' '时间戳记,总体满意度,所在地区,使用的渠道,意见' \
    '2026/01/05 10:00:00,5,青岛,"网站, 电话",=HYPERLINK("x")' \
    '2026/01/06 11:00:00,3,烟台,邮件,"很好,谢谢"' \
    '2026/01/07 12:00:00,4,青岛,网站,' \
    '2026/01/08 12:00:00,2,烟台,电话,' >"$tmp/small.csv"
  "$cli" import "$small" "$tmp/small.csv" >"$tmp/out" 2>&1 || { cat "$tmp/out"; fail "import of the small project"; }
}
export_ok() {  # export_ok ARGS...: runs export and fails with its output when it fails
  "$cli" export "$@" >"$tmp/out" 2>"$tmp/err" || { cat "$tmp/out" "$tmp/err" >&2; fail "export $*"; }
}

case $case_name in
  csv)
    demo
    export_ok "$project" --responses -o "$tmp/codes.csv"
    export_ok "$project" --responses --labels zh -o "$tmp/zh.csv"
    export_ok "$project" --responses --labels en -o "$tmp/en.csv"
    export_ok "$project" --responses --include-personal -o "$tmp/personal.csv"
    grep -qF "personal data" "$tmp/out" || fail "--include-personal gives no warning"
    small
    export_ok "$small" --responses -o "$tmp/small.csv.out" --format csv
    "$py" - "$tmp" "$src_customers" <<'PY' || fail "response CSV"
import csv, sys
tmp, customers = sys.argv[1], sys.argv[2]
def read(name):
    raw = open(f"{tmp}/{name}", "rb").read()
    assert raw.startswith(b"\xef\xbb\xbf"), f"{name}: no UTF-8 BOM"
    return list(csv.DictReader(raw[3:].decode("utf-8").splitlines()))
codes, zh, en, personal = read("codes.csv"), read("zh.csv"), read("en.csv"), read("personal.csv")
# The demo project holds 1483 responses (docs/cli.md); the first is R00001 of customer C1002
# (data/demo/responses.csv: mail, wave 2006, region 青岛 = code 1, sat1 6, overall 7, recommend 7).
assert len(codes) == len(zh) == len(en) == len(personal) == 1483, len(codes)
first = codes[0]
assert first["respondent_key"] == "R00001" and first["wave"] == "2006" and first["channel"] == "mail", first
assert (first["region"], first["sat1"], first["overall"], first["recommend"]) == ("1", "6", "7", "7"), first
assert (zh[0]["region"], en[0]["region"], zh[0]["channel"], en[0]["channel"]) == ("青岛", "Qingdao", "邮寄", "mail"), (zh[0], en[0])
# Row 2 (R00002) answered sat8 with the missing code 99 and commented "服务态度好,沟通顺畅".
assert codes[1]["sat8"] == "99" and zh[1]["sat8"] == "不知道/不适用" and en[1]["sat8"] == "don't know / not applicable", (codes[1], zh[1])
assert codes[1]["comment"] == "服务态度好,沟通顺畅", codes[1]
assert zh[0]["sat1"] == "6", "a rating point stays a number"
# No personal data unless asked: none of the frame's names, phones or e-mails appear.
frame = list(csv.DictReader(open(customers, encoding="utf-8")))
secrets = {c[k] for c in frame for k in ("name", "contact_person", "phone", "email") if c[k]}
for name in ("codes.csv", "zh.csv", "en.csv"):
    text = open(f"{tmp}/{name}", encoding="utf-8-sig").read()
    leaked = [s for s in secrets if s in text]
    assert not leaked, f"{name} holds personal data: {leaked[:3]}"
    assert "name" not in read(name)[0] and "email" not in read(name)[0]
p = personal[0]
by_id = {c["customer_id"]: c for c in frame}
c = by_id["C1002"]
assert (p["name"], p["contact_person"], p["phone"], p["email"]) == (c["name"], c["contact_person"], c["phone"], c["email"]), (p, c)
# The small project: one 0/1 column per option, formulas neutralised.
small = read("small.csv.out")
assert len(small) == 4
cols = list(small[0])
multi = [k for k in cols if k not in ("response_id", "respondent_key", "wave", "channel", "submitted_at", "import_id")]
print("small columns:", multi)
texts = [r[multi[-1]] for r in small]
assert texts[0] == "'=HYPERLINK(\"x\")" and texts[1] == "很好,谢谢", texts
options = multi[2:-1]
assert len(options) == 3, options
assert [[r[o] for o in options] for r in small] == [["0", "1", "1"], ["1", "0", "0"], ["0", "1", "0"], ["0", "0", "1"]], [[r[o] for o in options] for r in small]
print("response CSV: ok")
PY
    ;;
  sav)
    command -v pspp >/dev/null && command -v pspp-convert >/dev/null \
      || fail "GNU PSPP is not installed (scripts/deps.sh test): the .sav file cannot be checked"
    demo
    export_ok "$project" --responses -o "$tmp/codes.csv"
    export_ok "$project" --responses --labels zh -o "$tmp/demo.sav"
    grep -qF "1483 responses" "$tmp/out" || fail "export did not count 1483 responses"
    small
    export_ok "$small" --responses --format sav --labels zh -o "$tmp/small.sav.out"
    export_ok "$small" --responses -o "$tmp/small.csv"
    for f in demo.sav small.sav.out; do
      pspp-convert "$tmp/$f" "$tmp/$f.csv" 2>"$tmp/err" || { cat "$tmp/err" >&2; fail "pspp-convert $f"; }
      cat >"$tmp/$f.sps" <<SPS
SYSFILE INFO FILE='$tmp/$f'.
GET FILE='$tmp/$f'.
DISPLAY DICTIONARY.
SPS
      pspp -o "$tmp/$f.txt" -O format=txt -O width=400 "$tmp/$f.sps" >"$tmp/err" 2>&1 || { cat "$tmp/err" >&2; fail "pspp on $f"; }
    done
    "$py" - "$tmp" <<'PY' || fail "the .sav as PSPP reads it"
import csv, math, re, sys
tmp = sys.argv[1]
def rows(path, bom=False):
    return list(csv.DictReader(open(path, encoding="utf-8-sig" if bom else "utf-8")))
def num(s):
    s = s.strip()
    return math.nan if s in ("", ".") else float(s)
def same(a, b):
    return (math.isnan(a) and math.isnan(b)) or a == b
for sav, ours in (("demo.sav", "codes.csv"), ("small.sav.out", "small.csv")):
    pspp, mine = rows(f"{tmp}/{sav}.csv"), rows(f"{tmp}/{ours}", bom=True)
    assert len(pspp) == len(mine), (sav, len(pspp), len(mine))
    assert list(pspp[0]) == list(mine[0]), (sav, list(pspp[0]), list(mine[0]))
    for i, (p, m) in enumerate(zip(pspp, mine)):
        for k in m:
            if k in ("respondent_key", "submitted_at") or k == list(m)[-1] and sav.startswith("small"):
                assert p[k].strip() == m[k].lstrip("'").strip() or p[k].strip() == m[k].strip(), (sav, i, k, p[k], m[k])
            elif k == "wave":
                continue  # the CSV writes the wave's name, the .sav its number with the name as label
            elif k == "channel":
                continue  # the CSV writes the key, the .sav a code with the channel's name as label
            elif k == "comment":
                assert p[k].rstrip() == m[k].rstrip(), (i, p[k], m[k])
            else:
                assert same(num(p[k]), num(m[k])), (sav, i, k, p[k], m[k])
    print(sav, ": values equal the CSV export,", len(mine), "rows")
d = open(f"{tmp}/demo.sav.txt", encoding="utf-8").read()
assert re.search(r"\|Encoding\s*\|UTF-8\s*\|", d), "no UTF-8 encoding record:\n" + d[:2000]
# The Variables table of DISPLAY DICTIONARY: Name|Position|Label|Measurement Level|Role|Width|
# Alignment|Print Format|Write Format|Missing Values.
def dictionary(text):
    out = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.split("|")[1:-1]]
        # No Missing Values column when no variable has one; PSPP may render a table twice, the
        # second time narrower: the first (full-width) rendering counts.
        if len(cells) in (9, 10) and cells[1].isdigit() and cells[0] not in out:
            out[cells[0]] = dict(zip(("position", "label", "level", "role", "width", "align", "print", "write", "missing"), cells[1:] + [""]))
    return out
dd = dictionary(d)
assert list(dd)[:6] == ["response_id", "respondent_key", "wave", "channel", "submitted_at", "import_id"], list(dd)
assert dd["sat1"]["label"] == "您对审核员的专业能力的满意程度" and dd["sat1"]["level"] == "Ordinal" and dd["sat1"]["missing"] == "99", dd["sat1"]
assert dd["sat1"]["print"] == "F10.0", dd["sat1"]
assert dd["region"]["label"] == "贵公司所在地区" and dd["region"]["level"] == "Nominal", dd["region"]
assert dd["comment"]["label"] == "您对我们的意见和建议" and dd["comment"]["print"].startswith("A"), dd["comment"]
assert dd["channel"]["label"] == "渠道" and dd["wave"]["label"] == "轮次", (dd["channel"], dd["wave"])
# Value labels (the Value Labels table lists the variable label, the value and its label).
def value_labels(text):
    out, var = {}, None
    for line in text.split("Value Labels", 1)[1].splitlines():
        cells = [c.strip() for c in line.split("|")[1:-1]]
        if len(cells) != 2 or not cells[0] or cells[1] == "Label":
            continue
        parts = cells[0].rsplit(None, 1)
        if len(parts) == 2 and not parts[0].replace(".", "").isdigit():
            var = parts[0]
        value = parts[-1].replace("[a]", "")
        out.setdefault(var, {}).setdefault(float(value), cells[1])
    return out
vl = value_labels(d)
assert vl["贵公司所在地区"][1] == "青岛" and vl["贵公司所在地区"][2] == "烟台", vl["贵公司所在地区"]
assert vl["您对审核员的专业能力的满意程度"] == {1: "非常不满意", 10: "非常满意", 99: "不知道/不适用"}, vl["您对审核员的专业能力的满意程度"]
assert vl["渠道"][1] == "邮寄" and vl["渠道"][2] == "电话", vl["渠道"]
assert vl["轮次"] == {1: "2006", 2: "2007"}, vl["轮次"]
s = open(f"{tmp}/small.sav.out.txt", encoding="utf-8").read()
sd, sl = dictionary(s), value_labels(s)
print("small project dictionary:", {k: (v["label"], v["level"]) for k, v in sd.items()})
options = [k for k, v in sd.items() if v["label"].startswith("使用的渠道")]
assert len(options) == 3, options
for o in options:
    assert sd[o]["level"] == "Nominal"
    assert sl[sd[o]["label"]] == {0: "未选", 1: "已选"}, sl.get(sd[o]["label"])
assert [sd[o]["label"].split(" — ")[1] for o in options] == ["邮件", "网站", "电话"], [sd[o]["label"] for o in options]
assert sd["q2"]["label"] == "总体满意度" and sd["q5"]["print"].startswith("A"), (sd["q2"], sd["q5"])
print("PSPP dictionary: ok")
PY
    ;;
  report_csv)
    demo
    "$cli" report "$project" --template regional-comparison --lang zh --format csv -o "$tmp/csv" >"$tmp/out" 2>"$tmp/err" \
      || { cat "$tmp/err" >&2; fail "report --format csv"; }
    grep -qF "$tmp/csv" "$tmp/out" || fail "report --format csv did not say where it wrote"
    ls "$tmp/csv" >"$tmp/list"
    [[ $(wc -l <"$tmp/list") -ge 4 ]] || { cat "$tmp/list"; fail "too few CSV files"; }
    grep -qx "01-index-1.csv" "$tmp/list" || { cat "$tmp/list"; fail "no 01-index-1.csv"; }
    # The table is the one `manyi-cli analyze` computes from the template's section and settings.
    "$py" - "$src/reports/regional-comparison.json" "$tmp/spec.json" <<'PY'
import json, sys
t = json.load(open(sys.argv[1], encoding="utf-8"))
section = next(s for s in t["sections"] if s["id"] == "index")
json.dump(dict(t["settings"], analyses=section["analyses"]), open(sys.argv[2], "w"))
PY
    MANYI_LANG=zh_CN "$cli" analyze "$project" --spec "$tmp/spec.json" -o "$tmp/analyze.csv" >/dev/null || fail "analyze"
    # The section's tables (CSI by region, then its ranking) are 01-index-1.csv, 01-index-2.csv, …;
    # together, in order, they are what analyze writes for the section's spec.
    "$py" - "$tmp/csv" "$tmp/analyze.csv" <<'PY' || fail "01-index-*.csv differ from analyze"
import pathlib, sys
files = sorted(pathlib.Path(sys.argv[1]).glob("01-index-*.csv"), key=lambda f: int(f.stem.split("-")[-1]))
tables = [f.read_text(encoding="utf-8-sig") for f in files]
ref = open(sys.argv[2], encoding="utf-8-sig").read()
assert tables[0].startswith("客户满意度指数"), tables[0][:200]
assert "贵公司所在地区,n,CSI,CI 下限,CI 上限" in tables[0], tables[0][:300]
assert len(tables) == 2 and tables[1].startswith("各组按指数排名"), [t[:40] for t in tables]
mine = "\n".join(tables)
assert mine == ref, (mine[:500], ref[:500])
print("01-index-1.csv and 01-index-2.csv equal analyze:", len(mine.splitlines()), "lines")
PY
    set +e; "$cli" report "$project" --template regional-comparison -o "$tmp/x.csv" >"$tmp/out" 2>"$tmp/err"; got=$?; set -e
    [[ $got == 1 ]] && grep -qF -- "--format csv" "$tmp/err" || { cat "$tmp/err"; fail "-o x.csv without --format csv"; }
    ;;
  *) fail "unknown case $case_name" ;;
esac
