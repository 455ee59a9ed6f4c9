#!/bin/bash
# One chain over a folder of mixed .txt, .html and .json files (etc/newsflow/mixed.chain):
# each file goes to the parser for its content type, and a type no parser takes fails with
# the list of accepted types.  Runs without parse "json" where that plugin is not built.
. "$(dirname "$0")/common.sh"

mkdir "$WORK/in"
cp "$SAMPLES/01-kyiv-grain-corridor.txt" "$SAMPLES/02-nairobi-drought-appeal.txt" "$WORK/in/"
cp "$SOURCE/tests/data/html/news-article.html" "$WORK/in/"
cp "$SOURCE/tests/data/html/legacy-latin1.html" "$WORK/in/page.htm"
printf '{"title": "A JSON article", "text": "First paragraph of the JSON article."}\n' > "$WORK/in/c.json"
printf '\x89PNG\r\n\x1a\n\x00\x00binary' > "$WORK/in/picture.png"

chain="$WORK/mixed.chain"
if "$NEWSFLOW" --describe parse/json > /dev/null 2>&1; then
  cp "$SOURCE/etc/newsflow/mixed.chain" "$chain"; json=1
else
  grep -v '^parse "json"' "$SOURCE/etc/newsflow/mixed.chain" > "$chain"; json=0
fi
expect_status 0 "the mixed chain is valid" -- "$NEWSFLOW" --check -c "$chain"
expect_status 2 "a mixed folder in one run" -- "$NEWSFLOW" -j 2 -c "$chain" "$WORK/in"
expect_grep "$WORK/err" "^read 6, written $((4 + json)), dropped 0, failed $((2 - json))$" "every file accounted for"
expect_grep "$WORK/err" "picture.png: parse: no parser in the chain accepts content type 'application/octet-stream'" \
  "an unknown type names what the parsers accept"
python3 - "$WORK/out" "$json" <<'PY' && pass "each file went to the parser for its type" || fail "dispatch by content type"
import json, sys
arts = {a["source"].rsplit("/", 1)[1]: a for a in map(json.loads, open(sys.argv[1], encoding="utf-8"))}
assert arts["01-kyiv-grain-corridor.txt"]["content_type"] == "text/plain"
assert "dateline" in arts["01-kyiv-grain-corridor.txt"] or arts["01-kyiv-grain-corridor.txt"]["text"]
h = arts["news-article.html"]
assert h["content_type"] == "text/html" and h["site_name"] == "The Coastal Courier", h
assert arts["page.htm"]["title"] == "Fête de la musique à Montréal"
if sys.argv[2] == "1":
    assert arts["c.json"]["title"] == "A JSON article", arts["c.json"]
else:
    assert "c.json" not in arts
PY
finish
