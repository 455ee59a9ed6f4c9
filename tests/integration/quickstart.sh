#!/bin/bash
# The quick start as a user runs it: the default chain over the sample collection prints one
# JSON line per article, the tally adds up, and -j 1 and -j 2 give byte-identical output.
. "$(dirname "$0")/common.sh"

n=$(ls "$SAMPLES"/*.txt | wc -l)
expect_status 0 "default chain over the samples" -- "$NEWSFLOW" -j 2 "$SAMPLES"
cp "$WORK/out" "$WORK/j2.jsonl"
lines=$(wc -l < "$WORK/j2.jsonl")
[ "$lines" = "$n" ] && pass "one JSON line per article ($n)" || fail "$lines lines for $n articles"
expect_grep "$WORK/err" "^read $n, written $n, dropped 0, failed 0$" "tally on stderr"
python3 - "$WORK/j2.jsonl" <<'PY' && pass "every line is a complete JSON article" || fail "JSON check"
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    a = json.loads(line)
    assert a["title"] and a["text"], a["source"]
    assert a["stats"]["words"] > 100, a["source"]
    for key in ("id", "source", "authors", "published", "language", "paragraphs", "annotations"):
        assert key in a, key
PY

expect_status 0 "same run with -j 1" -- "$NEWSFLOW" -j1 "$SAMPLES"
cmp -s "$WORK/out" "$WORK/j2.jsonl" && pass "-j 1 and -j 2 outputs are byte-identical" || fail "-j 1 and -j 2 differ"

# Standard input is the default source.
expect_status 0 "article on standard input" -- sh -c "\"$NEWSFLOW\" < \"$SAMPLES/01-kyiv-grain-corridor.txt\""
expect_grep "$WORK/out" '"source":"-"' "stdin article has source -"
finish
