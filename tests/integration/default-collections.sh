#!/bin/bash
# The default command on whole collections, named or piped in, whatever their names: a WARC,
# a gzipped WARC on standard input, an RSS file without its extension, a JSON Lines dump
# (plain and gzip, named and piped), a list of URLs on standard input, a Latin-1 text file.
# Each goes to the right fetcher and parser: routed by its bytes, never silently mis-read.
. "$(dirname "$0")/common.sh"
. "$(dirname "$0")/http-server.sh"
FIX="$WORK/fix"
mkdir "$FIX"
python3 "$SOURCE/tests/data/make-warc.py" fixtures "$FIX" || { fail "fixtures"; finish; }

# count FILE: articles written (JSON lines).
count() { grep -c '^{' "$1"; }

# A WARC named on the command line: its records, not "no parser accepts application/warc".
expect_status 2 "default command over a WARC" -- "$NEWSFLOW" -q -j 2 "$FIX/all-types.warc"
expect_grep "$WORK/err" "^read 5, written 3, dropped 0, failed 2$" "WARC: 5 responses read by fetch warc"
[ "$(count "$WORK/out")" = 3 ] && pass "WARC: 3 articles" || fail "WARC: $(count "$WORK/out") articles"

# A gzipped WARC on standard input, plain WARC too: not one article titled "WARC/1.0".
for file in all-types.warc.gz all-types.warc; do
  "$NEWSFLOW" -q -j 2 < "$FIX/$file" >"$WORK/out" 2>"$WORK/err"
  expect_grep "$WORK/err" "^read 5, written 3, dropped 0, failed 2$" "$file redirected to stdin goes to fetch warc"
  cat "$FIX/$file" | "$NEWSFLOW" -q -j 2 >"$WORK/out" 2>"$WORK/err"
  expect_grep "$WORK/err" "^read 5, written 3, dropped 0, failed 2$" "$file piped to stdin goes to fetch warc"
  if grep -q '"title":"WARC/1.0"' "$WORK/out"; then fail "$file: a WARC read as one article"; else pass "$file: no WARC/1.0 article"; fi
done
gzip -c "$FIX/all-types.warc" > "$FIX/crawl-without-extension"
expect_status 2 "a gzipped WARC without its extension" -- "$NEWSFLOW" -q "$FIX/crawl-without-extension"
expect_grep "$WORK/err" "^read 5, written 3" "misnamed gzipped WARC read by its bytes"

# An RSS file, named .rss, without an extension, and piped in.
cp "$SOURCE/tests/data/feed/rss2.rss" "$FIX/headlines"
for how in named unnamed piped; do
  case $how in
    named) "$NEWSFLOW" -q "$SOURCE/tests/data/feed/rss2.rss" >"$WORK/out" 2>"$WORK/err" ;;
    unnamed) "$NEWSFLOW" -q "$FIX/headlines" >"$WORK/out" 2>"$WORK/err" ;;
    piped) cat "$FIX/headlines" | "$NEWSFLOW" -q >"$WORK/out" 2>"$WORK/err" ;;
  esac
  expect_grep "$WORK/err" "^read 3, written 3, dropped 0, failed 0$" "RSS $how: 3 items"
  expect_grep "$WORK/out" '"feed_title":"The Daily Sample"' "RSS $how: read by fetch feed"
done

# A JSON Lines dump: plain and gzip, named and piped.
cat > "$FIX/dump.jsonl" <<'JSONL'
{"id": "d1", "title": "Dam holds after storm", "text": "Engineers said the dam held overnight.\n\nResidents returned home.", "url": "https://example.org/dam", "date": "2024-03-04T09:00:00Z"}
{"id": "d2", "title": "Library reopens", "text": "The library reopened on Monday after repairs.", "url": "https://example.org/library"}
{"id": "d3", "title": "Market day moves", "text": "The market moves to Saturday from next week."}
JSONL
gzip -c "$FIX/dump.jsonl" > "$FIX/dump.jsonl.gz"
cp "$FIX/dump.jsonl.gz" "$FIX/dump-gz-misnamed.txt"
for source in "$FIX/dump.jsonl" "$FIX/dump.jsonl.gz" "$FIX/dump-gz-misnamed.txt"; do
  expect_status 0 "JSON Lines $(basename "$source")" -- "$NEWSFLOW" -q "$source"
  expect_grep "$WORK/err" "^read 3, written 3, dropped 0, failed 0$" "$(basename "$source"): 3 articles"
  expect_grep "$WORK/out" '"id":"d2"' "$(basename "$source"): ids from the dump"
done
"$NEWSFLOW" -q < "$FIX/dump.jsonl.gz" >"$WORK/out" 2>"$WORK/err"
expect_grep "$WORK/err" "^read 3, written 3, dropped 0, failed 0$" "gzipped JSON Lines on stdin: 3 articles"

# URLs on standard input, one a line, go to fetch http.
printf '%s\n' "$BASE/page/1" "" "# a comment" "$BASE/page/2" | "$NEWSFLOW" -q >"$WORK/out" 2>"$WORK/err"
expect_grep "$WORK/err" "^read 2, written 2, dropped 0, failed 0$" "URLs on stdin fetched"
expect_grep "$WORK/out" '"title":"Page 2 headline"' "URL list: pages parsed"

# A Latin-1 text file: detected (uchardet) and converted, not failed as invalid UTF-8.
python3 - "$FIX/legacy.txt" <<'PY'
import sys
text = ("Café owners in Zürich protest new rules\n\n"
        "ZÜRICH - Owners of cafés across the city said on Tuesday that the new rules would force "
        "many of them to close. « Nous sommes très inquiets », said François Müller, who runs a "
        "café near the lake. The council said it would review the décision next month.\n")
open(sys.argv[1], "wb").write(text.encode("latin-1"))
PY
expect_status 0 "a Latin-1 text file" -- "$NEWSFLOW" -q "$FIX/legacy.txt"
expect_grep "$WORK/out" '"title":"Café owners in Zürich protest new rules"' "Latin-1 converted to UTF-8"
expect_grep "$WORK/out" '"charset":"(WINDOWS-1252|ISO-8859-1[5]?)"' "detected charset recorded"
"$NEWSFLOW" -q < "$FIX/legacy.txt" >"$WORK/out" 2>"$WORK/err"
expect_grep "$WORK/out" 'François Müller' "Latin-1 on stdin converted too"

# A container the chain has no fetcher for is named, with the fetcher that reads it.
printf 'fetch "files" { }\nparse "text" { }\nformat "json" { }\n' > "$WORK/files-only.chain"
expect_status 2 "a WARC through fetch files alone" -- "$NEWSFLOW" -q -c "$WORK/files-only.chain" "$FIX/all-types.warc"
expect_grep "$WORK/err" "^read 1, written 0, dropped 0, failed 1$" "one failed item, not garbage"
"$NEWSFLOW" -c "$WORK/files-only.chain" "$FIX/all-types.warc" >/dev/null 2>"$WORK/err"
expect_grep "$WORK/err" 'a WARC archive, not an article: add fetch "warc" to the chain' "names fetch warc"
mkdir "$FIX/dir" && cp "$FIX/all-types.warc.gz" "$FIX/dir/x.warc.gz" && cp "$SOURCE/docs/examples/articles/"*.txt "$FIX/dir/" 2>/dev/null
"$NEWSFLOW" -q "$FIX/dir" >"$WORK/out" 2>"$WORK/err"
expect_grep "$WORK/err" "failed 1$" "a WARC inside a directory is one precise failure"

# Plain articles still go to files and the parsers.
expect_status 0 "articles directory" -- "$NEWSFLOW" -q "$SAMPLES"
expect_grep "$WORK/err" "^read [1-9][0-9]*, written [1-9][0-9]*, dropped 0, failed 0$" "samples all written"
finish
