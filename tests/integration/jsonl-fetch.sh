#!/bin/bash
# fetch "jsonl": valid, invalid and mixed lines (each bad line a failed item named FILE:LINE),
# blank lines, CRLF, invalid UTF-8, a last line without newline, gzip, an over-long line,
# and the field map set in the chain to read another tool's dump.
. "$(dirname "$0")/common.sh"
DATA="$SOURCE/tests/data/jsonl"

cat > "$WORK/jsonl.chain" <<CHAIN
fetch "jsonl" { paths = { "$DATA/mixed.jsonl" } }
format "json" { output = "-" }
CHAIN
expect_status 2 "mixed valid and invalid lines" -- "$NEWSFLOW" -c "$WORK/jsonl.chain" -j 2 --errors "$WORK/errors.jsonl"
cp "$WORK/out" "$WORK/mixed.out"
expect_grep "$WORK/err" "^read 8, written 3, dropped 0, failed 5$" "tally: 8 lines read (blank lines are not items), 3 written, 5 failed"
expect_grep "$WORK/err" "mixed.jsonl:3: fetch jsonl: not valid JSON: " "a line that is not JSON names its line"
expect_grep "$WORK/err" "mixed.jsonl:5: fetch jsonl: an array, not a JSON object" "an array line is refused"
expect_grep "$WORK/err" "mixed.jsonl:6: fetch jsonl: no text: the object has none of the text-field keys" "a line without text is refused"
expect_grep "$WORK/err" "mixed.jsonl:7: fetch jsonl: key \"date\": cannot read \"last Tuesday\" as a date" "an unreadable date names the key"
expect_grep "$WORK/err" "mixed.jsonl:10: fetch jsonl: not valid JSON" "a truncated object is refused"
python3 - "$WORK/mixed.out" "$WORK/errors.jsonl" <<'PY' && pass "articles mapped from the default keys" || fail "default field mapping"
import json, sys
arts = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert [a["source"].rsplit("/", 1)[1] for a in arts] == ["mixed.jsonl:1", "mixed.jsonl:2", "mixed.jsonl:9"], arts
a = arts[0]
assert a["id"] == "a1" and a["title"] == "Bridge reopens after repairs", a
assert a["text"] == "The old bridge reopened on Monday.\n\nTraffic returned to normal by noon.", a["text"]
assert a["paragraphs"] == [[0, 34], [36, 71]], a["paragraphs"]
assert a["url"] == "https://example.org/bridge" and a["published"] == "2024-03-04T09:00:00Z", a
assert a["authors"] == ["Ann Lee"] and a["language"] == "en" and a["section"] == "local", a
assert a["content_type"] == "application/json", a
b = arts[1]
assert b["published"] is None and b["published_local"] == "2024-03-05" and len(b["id"]) > 0, b  # a day, not midnight UTC
c = arts[2]
assert c["id"] == "7" and c["title"] == "Headline key" and c["text"] == "Para one.\n\nPara two.", c
assert c["authors"] == ["Bo Kim"] and c["language"] == "de", c
errors = [json.loads(l) for l in open(sys.argv[2])]
assert [e["source"].rsplit("/", 1)[1] for e in errors] == ["mixed.jsonl:%d" % n for n in (3, 5, 6, 7, 10)], errors
assert all(e["stage"] == "fetch jsonl" for e in errors), errors
PY

# Edge cases of lines, and the same file gzip-compressed through the command line.
expect_status 2 "CRLF, invalid UTF-8, no final newline" -- "$NEWSFLOW" -c "$WORK/jsonl.chain" "$DATA/edges.jsonl"
expect_grep "$WORK/err" "^read 3, written 2, dropped 0, failed 1$" "tally of the edge cases"
expect_grep "$WORK/err" "edges.jsonl:2: fetch jsonl: invalid UTF-8 at byte 21 of the line" "invalid UTF-8 is a failed item with its byte"
expect_grep "$WORK/out" '"title":"Last line without newline"' "a last line without newline is read"
gzip -c "$DATA/mixed.jsonl" > "$WORK/mixed.jsonl.gz"
expect_status 2 "gzip-compressed JSON Lines" -- "$NEWSFLOW" -c "$WORK/jsonl.chain" -q "$WORK/mixed.jsonl.gz"
cut -d, -f2- "$WORK/out" > "$WORK/gz.cut"; cut -d, -f2- "$WORK/mixed.out" > "$WORK/plain.cut"
sed -i 's|"source":"[^"]*:\([0-9]*\)"|"source":"L\1"|' "$WORK/gz.cut" "$WORK/plain.cut"
if cmp -s "$WORK/gz.cut" "$WORK/plain.cut"; then pass "gzip gives the same articles"; else fail "gzip output differs"; fi

# An over-long line is a failed item; the lines after it are still read.
python3 -c 'import json; print(json.dumps({"title": "big", "text": "x" * 5000})); print(json.dumps({"title": "after", "text": "y"}))' > "$WORK/long.jsonl"
cat > "$WORK/short.chain" <<CHAIN
fetch "jsonl" { max-line = 1000 }
format "json" { output = "-" }
CHAIN
expect_status 2 "over-long line" -- "$NEWSFLOW" -c "$WORK/short.chain" "$WORK/long.jsonl"
expect_grep "$WORK/err" "long.jsonl:1: fetch jsonl: line longer than max-line \(1000 bytes\)" "over-long line names its line"
expect_grep "$WORK/out" '"title":"after"' "reading goes on after an over-long line"

# Another tool's dump: the field map set in the chain (dotted paths, other date keys).
cat > "$WORK/map.chain" <<CHAIN
fetch "jsonl" {
  paths = { "$DATA/newsplease.jsonl" }
  text-field = { "maintext", "meta.body" }
  date-field = { "date_publish", "published_at" }
  keep-other = false
}
format "json" { output = "-" }
CHAIN
expect_status 0 "field map from the chain" -- "$NEWSFLOW" -c "$WORK/map.chain"
python3 - "$WORK/out" <<'PY' && pass "configured keys fill the article" || fail "configured field map"
import json, sys
a, b = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert a["text"] == "CITY (Agency) - First.\n\nSecond." and a["published"] == "2017-02-13T08:10:00Z", a
assert "source_domain" not in a and a["url"] == "https://news.example/1", a
assert b["title"] == "Other dump" and b["text"] == "Nested body." and b["published"] == "2023-11-14T22:13:20Z", b
assert b["authors"] == ["C. Writer"] and b["url"] == "https://other.example/2", b
PY

# A mistake in the map is a chain error, before anything is read.
printf 'fetch "jsonl" { text-field = {} }\nformat "json" { }\n' > "$WORK/bad.chain"
expect_status 1 "empty text-field" -- "$NEWSFLOW" -c "$WORK/bad.chain" "$DATA/mixed.jsonl"
expect_grep "$WORK/err" "text-field must name at least one key" "empty text-field is refused"
expect_status 2 "missing file" -- "$NEWSFLOW" -c "$WORK/jsonl.chain" "$WORK/nope.jsonl"
expect_grep "$WORK/err" "nope.jsonl: fetch jsonl: cannot open: No such file or directory" "missing file is a failed item"
finish
