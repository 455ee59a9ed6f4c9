#!/bin/bash
# parse "text" on the cases wire copy and users produce: byline, dateline, Related Sources,
# CRLF with a BOM, paragraphs without blank lines, invalid UTF-8, an empty file.
. "$(dirname "$0")/common.sh"

mkdir "$WORK/in"
printf 'Headline here\nBy Jane Doe and John Roe\n\nGENEVA, Switzerland (Reuters) — First paragraph.\nSecond paragraph.\n\nRelated Sources:\n• One source\n• Two source\n' > "$WORK/in/a.txt"
printf '\xef\xbb\xbfCRLF headline\r\n\r\nBody line one.\r\nBody line two.\r\n' > "$WORK/in/b.txt"
printf 'Bad bytes\n\nok \xff\xfe here\n' > "$WORK/in/c.txt"
: > "$WORK/in/d.txt"
printf 'Inline sources\nText.\nRelated Sources: A • B • C\n' > "$WORK/in/e.txt"
printf 'Gzipped headline\nGzipped body.\n' | gzip > "$WORK/in/f.txt.gz"

expect_status 2 "mixed good and bad files" -- "$NEWSFLOW" -j 2 --errors "$WORK/errors.jsonl" "$WORK/in"
expect_grep "$WORK/err" "^read 6, written 4, dropped 0, failed 2$" "tally counts the two bad files"
expect_grep "$WORK/err" "c.txt: parse text: invalid UTF-8 at byte 14" "invalid UTF-8 names the byte offset"
expect_grep "$WORK/err" "d.txt: parse text: empty article" "empty file is a failed item"
python3 - "$WORK/out" "$WORK/errors.jsonl" <<'PY' && pass "fields parsed as expected" || fail "parsed fields"
import json, sys
arts = {a["source"].rsplit("/", 1)[1]: a for a in map(json.loads, open(sys.argv[1], encoding="utf-8"))}
a = arts["a.txt"]
assert a["title"] == "Headline here", a["title"]
assert a["authors"] == ["Jane Doe", "John Roe"], a["authors"]
assert a["dateline"] == "GENEVA, Switzerland" and a["agency"] == "Reuters", a
assert a["sources"] == ["One source", "Two source"], a["sources"]
assert a["text"] == "GENEVA, Switzerland (Reuters) — First paragraph.\n\nSecond paragraph.", a["text"]
assert a["annotations"][0]["type"] == "dateline"
b = arts["b.txt"]
assert b["title"] == "CRLF headline", b["title"]
assert b["text"] == "Body line one.\n\nBody line two.", repr(b["text"])
assert arts["e.txt"]["sources"] == ["A", "B", "C"], arts["e.txt"]["sources"]
assert arts["f.txt.gz"]["title"] == "Gzipped headline"
errors = [json.loads(l) for l in open(sys.argv[2])]
assert [e["stage"] for e in errors] == ["parse text", "parse text"], errors
assert all(isinstance(e["index"], int) and e["source"] and e["message"] for e in errors)
PY
finish
