#!/bin/bash
# parse "json": one object per item through the field map it shares with fetch "jsonl" —
# JSON-LD-like keys set in the chain, an array, broken JSON, no text key, and newsflow's own
# JSON output read back to the same articles.
. "$(dirname "$0")/common.sh"
DATA="$SOURCE/tests/data/json"

cat > "$WORK/json.chain" <<CHAIN
fetch "files" { paths = { "$DATA" } }
parse "json" {
  title-field = { "headline", "title" }
  text-field = { "articleBody", "text" }
  date-field = { "datePublished" }
  language-field = { "inLanguage" }
}
format "json" { output = "-" }
CHAIN
expect_status 2 "a folder of JSON files" -- "$NEWSFLOW" -c "$WORK/json.chain" -j 2
expect_grep "$WORK/err" "^read 5, written 2, dropped 0, failed 3$" "tally: 5 files, 2 articles, 3 failed"
expect_grep "$WORK/err" "array.json: parse json: an array, not a JSON object: parse \"json\" reads one object per item; read collections with fetch \"jsonl\"" "an array points to fetch jsonl"
expect_grep "$WORK/err" "broken.json: parse json: not valid JSON: <data>:3" "broken JSON names where"
expect_grep "$WORK/err" "no-text.json: parse json: no text: the object has none of the text-field keys \(\"articleBody\", \"text\"\)" "no text key names the keys tried"
python3 - "$WORK/out" <<'PY' && pass "JSON-LD keys mapped" || fail "JSON-LD mapping"
import json, sys
arts = {a["source"].rsplit("/", 1)[1]: a for a in map(json.loads, open(sys.argv[1], encoding="utf-8"))}
a = arts["article.json"]
assert a["title"] == "Council approves budget" and a["authors"] == ["Dana Roe"], a
assert a["text"] == "The council approved the budget on Tuesday.\n\nThe vote was 7 to 2.", a
assert a["published"] == "2024-06-11T17:00:00Z" and a["published_local"] == "2024-06-11T18:00:00+01:00" and a["language"] == "en", a
assert a["url"] == "https://example.org/budget" and a["keywords"] == ["budget", "council"], a
assert a["content_type"] == "application/json", a
assert arts["plain.json"]["id"] == "plain-1", arts["plain.json"]
PY

# newsflow's own output, one article per file, read back by parse "json" with the default map.
"$NEWSFLOW" -q "$SAMPLES" > "$WORK/first.jsonl" 2>/dev/null || fail "default chain over the samples"
mkdir "$WORK/round"
split -l 1 -d -a 3 --additional-suffix=.json "$WORK/first.jsonl" "$WORK/round/a"
cat > "$WORK/round.chain" <<CHAIN
fetch "files" { paths = { "$WORK/round" } }
parse "json" { keep-other = false }
format "json" { output = "-" }
CHAIN
expect_status 0 "newsflow output read back" -- "$NEWSFLOW" -c "$WORK/round.chain"
python3 - "$WORK/first.jsonl" "$WORK/out" <<'PY' && pass "round trip keeps id, title, text, paragraphs, authors, date" || fail "round trip"
import json, sys
first = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
again = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
assert len(first) == len(again) == 24, (len(first), len(again))
for a, b in zip(first, again):
    for key in ("id", "title", "text", "paragraphs", "authors", "published", "language"):
        assert a[key] == b[key], (key, a[key], b[key])
PY
# One field map, not two copies: both plugins describe the same options, word for word.
"$NEWSFLOW" --describe json > "$WORK/json.describe" 2>&1
"$NEWSFLOW" --describe jsonl > "$WORK/jsonl.describe" 2>&1
python3 - "$WORK/json.describe" "$WORK/jsonl.describe" <<'PY' && pass "parse json and fetch jsonl describe the same field map" || fail "field map options differ"
import re, sys
def options(path):
    found, name = {}, None
    for line in open(path):
        m = re.match(r"^    ([a-z-]+) \(", line)
        if m:
            name = m.group(1); found[name] = line
        elif name and line.startswith("        "):
            found[name] += line
    return found
a, b = options(sys.argv[1]), options(sys.argv[2])
keys = [k for k in a if k.endswith("-field") or k == "keep-other"]
assert len(keys) == 8, keys
assert all(a[k] == b[k] for k in keys), [k for k in keys if a[k] != b[k]]
PY
# JSON nested 200,000 levels deep: json-glib parses recursively and overflowed the worker's
# stack (the whole run died).  Now that article fails with one message, and the next is
# written.
mkdir -p "$WORK/deep"
python3 -c 'import sys; sys.stdout.write("{\"title\": \"Deep\", \"text\": \"x\", \"extra\": " + "[" * 200000 + "]" * 200000 + "}")' \
  > "$WORK/deep/a-deep.json"
printf '{"title": "Fine", "text": "A normal article."}' > "$WORK/deep/b-fine.json"
cat > "$WORK/deep.chain" <<CHAIN
fetch "files" { paths = { "$WORK/deep" } pattern = { "*.json" } }
parse "json" { }
format "json" { output = "$WORK/deep.jsonl" }
CHAIN
expect_status 2 "an article nested 200,000 levels deep fails alone" -- "$NEWSFLOW" -j 1 -c "$WORK/deep.chain"
expect_grep "$WORK/err" 'a-deep.json: parse json: JSON nested deeper than 512 levels' "its error names the file and the depth"
expect_grep "$WORK/deep.jsonl" '"title":"Fine"' "the next article is written"
finish
