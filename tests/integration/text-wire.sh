#!/bin/bash
# parse "text" on wire copy: agency bylines ("By JANE DOE, Associated Press", "By Jane Doe |
# Reuters"), datelines with a date or with the agency alone ("LONDON, Nov 27 (Reuters) -",
# "(AP) —"), and credit footers moved out of the body into fields.
. "$(dirname "$0")/common.sh"

mkdir "$WORK/in"
printf "Fed holds rates\nBy JANE DOE and JOHN O'NEIL, Associated Press\n\nWASHINGTON (AP) — The Federal Reserve held rates.\nMore text.\nAssociated Press writer Ann Lee in New York contributed to this report.\n" > "$WORK/in/ap.txt"
printf 'Oil rises\nBy Jane Doe | Reuters\n\nLONDON, Nov 27 (Reuters) - Oil prices rose.\nMore.\n(Reporting by Jane Doe in London; Additional reporting by Bo Li in Beijing; Editing by Mark Potter)\n\nRelated Sources:\n• Opec\n' > "$WORK/in/reuters.txt"
printf 'Quake strikes\n\n(AP) — A quake struck.\nReporting by Ann Lee; Writing by Tim Cook; Editing by Sam Holmes\n' > "$WORK/in/agency-only.txt"
printf 'Comma credits\n\nTOKYO (Reuters) - Shares rose.\nReporting by Ann Lee and Bo Li, editing by Sam Holmes\n' > "$WORK/in/comma.txt"
printf 'Writer role\nBy Jane Doe, AP Business Writer\n\nNEW YORK (AP) — Stocks fell.\nThe reporting by analysts was wrong; editing by nobody helped.\n' > "$WORK/in/role.txt"

expect_status 0 "wire copy parses" -- "$NEWSFLOW" -j 2 "$WORK/in"
python3 - "$WORK/out" <<'PY' && pass "bylines, datelines and credit footers become fields" || fail "wire-copy fields"
import json, sys
arts = {a["source"].rsplit("/", 1)[1]: a for a in map(json.loads, open(sys.argv[1], encoding="utf-8"))}
a = arts["ap.txt"]
assert a["authors"] == ["Jane Doe", "John O'Neil"], a["authors"]
assert a["dateline"] == "WASHINGTON" and a["agency"] == "AP", a
assert a["contributors"] == ["Ann Lee"], a
assert a["text"] == "WASHINGTON (AP) — The Federal Reserve held rates.\n\nMore text.", repr(a["text"])
r = arts["reuters.txt"]
assert r["authors"] == ["Jane Doe"] and r["agency"] == "Reuters", r
assert r["dateline"] == "LONDON" and r["dateline_date"] == "Nov 27", r
assert r["reporting"] == ["Jane Doe", "Bo Li"] and r["editing"] == ["Mark Potter"], r
assert r["sources"] == ["Opec"], r
assert r["text"] == "LONDON, Nov 27 (Reuters) - Oil prices rose.\n\nMore.", repr(r["text"])
assert r["annotations"][0]["text"] == "LONDON, Nov 27 (Reuters) - ", r["annotations"]
q = arts["agency-only.txt"]
assert q["agency"] == "AP" and "dateline" not in q, q
assert q["annotations"][0]["text"] == "(AP) — ", q["annotations"]
assert q["authors"] == ["Ann Lee"], q["authors"]  # no byline: the reporters are the authors
assert q["writing"] == ["Tim Cook"] and q["editing"] == ["Sam Holmes"], q
assert q["text"] == "(AP) — A quake struck.", repr(q["text"])
c = arts["comma.txt"]
assert c["reporting"] == ["Ann Lee", "Bo Li"] and c["editing"] == ["Sam Holmes"], c
assert c["text"] == "TOKYO (Reuters) - Shares rose.", repr(c["text"])
w = arts["role.txt"]
assert w["authors"] == ["Jane Doe"], w["authors"]
# A body sentence that merely mentions reporting and editing stays in the body.
assert w["text"].endswith("editing by nobody helped."), repr(w["text"])
assert "reporting" not in w and "editing" not in w, w
PY
finish
