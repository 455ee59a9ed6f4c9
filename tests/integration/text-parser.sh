#!/bin/bash
# parse "text" on the cases wire copy and users produce: byline, dateline, Related Sources,
# CRLF with a BOM, paragraphs without blank lines, text that is not UTF-8 (converted from the
# charset detected; refused with its byte offset when charset = "UTF-8"), an empty file.
. "$(dirname "$0")/common.sh"

mkdir "$WORK/in"
printf 'Headline here\nBy Jane Doe and John Roe\n\nGENEVA, Switzerland (Reuters) — First paragraph.\nSecond paragraph.\n\nRelated Sources:\n• One source\n• Two source\n' > "$WORK/in/a.txt"
printf '\xef\xbb\xbfCRLF headline\r\n\r\nBody line one.\r\nBody line two.\r\n' > "$WORK/in/b.txt"
printf 'Bad bytes\n\nok \xff\xfe here\n' > "$WORK/in/c.txt"
: > "$WORK/in/d.txt"
printf 'Inline sources\nText.\nRelated Sources: A • B • C\n' > "$WORK/in/e.txt"
printf 'Gzipped headline\nGzipped body.\n' | gzip > "$WORK/in/f.txt.gz"

printf 'fetch "files" { }\nparse "text" { charset = "UTF-8" }\nformat "json" { }\n' > "$WORK/utf8.chain"
expect_status 2 "charset = UTF-8 refuses other bytes" -- "$NEWSFLOW" -c "$WORK/utf8.chain" "$WORK/in/c.txt"
expect_grep "$WORK/err" "c.txt: parse text: invalid UTF-8 at byte 14" "invalid UTF-8 names the byte offset"
printf 'fetch "files" { }\nparse "text" { charset = "no-such-charset" }\nformat "json" { }\n' > "$WORK/badcs.chain"
expect_status 1 "an unknown charset is a chain error" -- "$NEWSFLOW" -c "$WORK/badcs.chain" "$WORK/in/c.txt"
expect_grep "$WORK/err" "charset: unknown charset 'NO-SUCH-CHARSET'" "names the charset"
printf 'fetch "files" { }\nparse "text" { charset = "ISO-8859-2" }\nformat "json" { }\n' > "$WORK/latin2.chain"
printf 'Zg\xb3oszenie\n\nTre\xb6\xe6 po polsku.\n' > "$WORK/latin2.txt"
expect_status 0 "charset option" -- "$NEWSFLOW" -c "$WORK/latin2.chain" "$WORK/latin2.txt"
expect_grep "$WORK/out" '"title":"Zgłoszenie"' "text decoded from the charset option"

expect_status 2 "mixed good and bad files" -- "$NEWSFLOW" -j 2 --errors "$WORK/errors.jsonl" "$WORK/in"
expect_grep "$WORK/err" "^read 6, written 5, dropped 0, failed 1$" "tally counts the bad file"
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
c = arts["c.txt"]
assert c["text"] == "ok \u00ff\u00fe here" and c["charset"] == "WINDOWS-1252", c
errors = [json.loads(l) for l in open(sys.argv[2])]
assert [e["stage"] for e in errors] == ["parse text"], errors
assert all(isinstance(e["index"], int) and e["source"] and e["message"] for e in errors)
PY
finish
