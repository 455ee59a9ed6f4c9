#!/bin/bash
# Formatters and bad outputs: an unwritable path fails the chain with FILE:LINE and the path
# before any article; a full disk (/dev/full) fails the run with a clear message; a run error
# leaves no partial file; sqlite's append mode replaces articles instead of duplicating them;
# article text that looks like markup is escaped.
. "$(dirname "$0")/common.sh"

missing="$WORK/no/such/dir"
for stage in 'json { output = "OUT" }' 'csv { output = "OUT" }' 'markdown { output = "OUT" }' \
             'html { output = "OUT" }' 'sqlite { output = "OUT" }' 'elasticsearch { output = "OUT" }' \
             'markdown { output = "OUT" per-article = true }' 'sqlite { output = "OUT" mode = "append" }'; do
  name=${stage%% *}
  # (Not a read-only directory: the tests may run as root, who can write anywhere.)
  : > "$WORK/file"
  targets="$WORK/file/out"
  case $stage in *per-article*) ;; *) targets="$targets $missing/out $WORK" ;; esac
  for target in $targets; do
    printf 'fetch "files" { paths = { "%s" } }\nparse "text" { }\n\nformat "%s\n' "$SAMPLES" "${stage/OUT/$target}" \
      | sed 's/^format "\([a-z]*\) /format "\1" /' > "$WORK/bad.chain"
    expect_status 1 "$name to $target fails the chain" -- "$NEWSFLOW" -c "$WORK/bad.chain"
    expect_grep "$WORK/err" "^$WORK/bad.chain:4: format \"$name\": $target: (Not a directory|No such file or directory|Is a directory)$" \
      "$name: FILE:LINE, the path and why"
    grep -q '^read ' "$WORK/err" && fail "$name: articles were read before the chain failed" || pass "$name: no article processed"
  done
done

# A full disk: /dev/full is written in place, and every write fails with ENOSPC.
for stage in 'json { output = "/dev/full" }' 'csv { output = "/dev/full" }' 'markdown { output = "/dev/full" }' \
             'html { output = "/dev/full" }' 'elasticsearch { output = "/dev/full" }'; do
  name=${stage%% *}
  printf 'fetch "files" { paths = { "%s" } }\nparse "text" { }\nformat "%s\n' "$SAMPLES" "$stage" \
    | sed 's/^format "\([a-z]*\) /format "\1" /' > "$WORK/full.chain"
  expect_status 1 "$name to /dev/full is a run error" -- "$NEWSFLOW" -c "$WORK/full.chain"
  expect_grep "$WORK/err" "/dev/full: No space left on device" "$name: the disk-full error is reported"
  # Buffered articles were lost with the failing write: the output is refused as a whole.
  expect_grep "$WORK/err" "^newsflow: format $name: /dev/full: No space left on device(; its output is not complete, so the 24 articles committed are counted as failed)?$" \
    "$name: the output is not committed"
  expect_grep "$WORK/err" "^read 24, written 0, dropped 0, failed 24$" "$name: nothing is counted as written"
done

# A chain that fails after some formatters started leaves none of their files behind.
cat > "$WORK/partial.chain" <<CHAIN
fetch "files" { paths = { "$SAMPLES" } }
parse "text" { }
format "csv" { output = "$WORK/kept.csv" }
format "sqlite" { output = "$WORK/kept.db" }
format "html" { output = "$WORK/kept.html" }
format "json" { output = "$missing/out.jsonl" }
CHAIN
expect_status 1 "a chain whose last formatter cannot start" -- "$NEWSFLOW" -q -c "$WORK/partial.chain"
[ -z "$(ls -A "$WORK" | grep -E '^kept|\.partial-')" ] \
  && pass "no output and no temporary file left" || { fail "files left after a failed chain"; ls -A "$WORK"; }

# sqlite mode = append: a second run over the same articles replaces them.
cat > "$WORK/append.chain" <<CHAIN
plugin-path = { "$TESTS_PLUGINS" }
fetch "files" { paths = { "$SAMPLES" } }
parse "text" { }
extract "annotate" { }
format "sqlite" { output = "$WORK/append.db" mode = "append" batch = 7 }
CHAIN
expect_status 0 "sqlite append, first run" -- "$NEWSFLOW" -q -c "$WORK/append.chain"
counts() { python3 -c "
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print(*[db.execute(f'SELECT count(*) FROM {t}').fetchone()[0] for t in ('articles', 'mentions', 'quotes', 'keywords', 'sources', 'entities')],
      db.execute(\"SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'grain'\").fetchone()[0])" "$1"; }
first=$(counts "$WORK/append.db")
expect_status 0 "sqlite append, second run" -- "$NEWSFLOW" -q -c "$WORK/append.chain"
second=$(counts "$WORK/append.db")
[ "$first" = "$second" ] && pass "append upserts by id: same counts ($second)" || fail "append duplicated rows: $first then $second"
expect_status 0 "sqlite append, a third run on one more article" -- "$NEWSFLOW" -q -c "$WORK/append.chain" "$SAMPLES" "$SOURCE/tests/data/format/markup.txt"
[ "$(counts "$WORK/append.db" | cut -d' ' -f1)" = 25 ] && pass "append adds the new article" || fail "append: $(counts "$WORK/append.db")"
echo "not a database" > "$WORK/other.db"
sed "s|$WORK/append.db|$WORK/other.db|" "$WORK/append.chain" > "$WORK/other.chain"
expect_status 1 "sqlite append to a file that is not a database" -- "$NEWSFLOW" -q -c "$WORK/other.chain"
expect_grep "$WORK/err" "other.db: file is not a database" "the reason is SQLite's"

# Bad options are chain errors, before any article.
printf 'fetch "files" { }\nparse "text" { }\nformat "csv" {\n  delimiter = "ab"\n}\n' > "$WORK/opt.chain"
expect_status 1 "csv delimiter of two characters" -- "$NEWSFLOW" -c "$WORK/opt.chain"
expect_grep "$WORK/err" "opt.chain:3: format \"csv\": delimiter must be one character" "delimiter error says what is allowed"
printf 'fetch "files" { }\nparse "text" { }\nformat "json" {\n  fields = { "title", "x=annotations[entity.text" }\n}\n' > "$WORK/opt.chain"
expect_status 1 "malformed field path" -- "$NEWSFLOW" -c "$WORK/opt.chain"
expect_grep "$WORK/err" "field \"x=annotations\[entity.text\"" "field error names the field"
printf 'fetch "files" { }\nparse "text" { }\nformat "sqlite" {\n  output = "-"\n}\n' > "$WORK/opt.chain"
expect_status 1 "sqlite to standard output" -- "$NEWSFLOW" -c "$WORK/opt.chain"

# Text that looks like markup stays text.
cat > "$WORK/markup.chain" <<CHAIN
fetch "files" { paths = { "$SOURCE/tests/data/format/markup.txt" } }
parse "text" { }
format "html" { output = "$WORK/markup.html" }
format "markdown" { output = "$WORK/markup.md" }
format "csv" { output = "$WORK/markup.csv" fields = { "title", "text" } }
CHAIN
expect_status 0 "an article full of markup characters" -- "$NEWSFLOW" -q -c "$WORK/markup.chain"
python3 - "$WORK" <<'PY' && pass "html escapes, markdown escapes, csv round-trips markup-like text" || fail "escaping"
import csv, sys
work = sys.argv[1]
page = open(f"{work}/markup.html", encoding="utf-8").read()
assert "<script>" not in page and "<b>bold</b>" not in page
assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page or "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page, page[-3000:]
md = open(f"{work}/markup.md", encoding="utf-8").read()
assert "\\<script\\>" in md and "\\*not emphasis\\*" in md and "\n\\# not a heading" in md, md
rows = list(csv.reader(open(f"{work}/markup.csv", newline="", encoding="utf-8")))
source = open(sys.argv[1] + "/../" if False else f"{work}/markup.md").read()
assert rows[1][0].startswith("Title with <script>"), rows[1][0]
assert '"quoted", and, commas' in rows[1][1], rows[1][1]
PY
finish
