#!/bin/bash
# format "markdown" { file-names = "id" }: ids from a JSON Lines file ("../", absolute paths,
# very long, "." and "..") each name one file inside the output directory, nothing outside
# it, and every article is written; an id with a NUL (\u0000) is failed, never truncated.
. "$(dirname "$0")/common.sh"

long=$(printf 'x%.0s' $(seq 1 600))
mkdir -p "$WORK/in" "$WORK/result/md"
{
  printf '{"id": "../../escaped", "title": "Up", "text": "One."}\n'
  printf '{"id": "%s/abs-escaped", "title": "Absolute", "text": "Two."}\n' "$WORK"
  printf '{"id": "/etc/newsflow-escaped", "title": "Root", "text": "Three."}\n'
  printf '{"id": "nul\\u0000../../nul-escaped", "title": "Nul", "text": "Four."}\n'
  printf '{"id": "%s", "title": "Long", "text": "Five."}\n' "$long"
  printf '{"id": ".", "title": "Dot", "text": "Six."}\n'
  printf '{"id": "..", "title": "Dot dot", "text": "Seven."}\n'
  printf '{"id": "/", "title": "Slash", "text": "Eight."}\n'
  printf '{"id": "..\\\\..\\\\win", "title": "Backslash", "text": "Nine."}\n'
} > "$WORK/in/hostile.jsonl"

for by in id title source; do
  rm -rf "$WORK/result/md"
  cat > "$WORK/names.chain" <<CHAIN
fetch "jsonl" { paths = { "$WORK/in/hostile.jsonl" } }
format "markdown" { output = "$WORK/result/md" per-article = true file-names = "$by" }
CHAIN
  expect_status 2 "file-names = $by: the run ends" -- "$NEWSFLOW" -c "$WORK/names.chain"
  expect_grep "$WORK/err" "^read 9, written 8, dropped 0, failed 1" "file-names = $by: 8 written, the NUL id failed"
  outside=$(find "$WORK" /etc -maxdepth 3 -name '*escaped*' 2>/dev/null | grep -v -e "^$WORK/in/" -e "^$WORK/result/" | head -5)
  [ -z "$outside" ] && pass "file-names = $by: no file outside the directory" \
    || fail "file-names = $by: files outside the output directory: $outside"
  n=$(find "$WORK/result/md" -mindepth 1 -maxdepth 1 -type f -name '*.md' | wc -l)
  [ "$n" = 8 ] && pass "file-names = $by: 8 files in the directory" || fail "file-names = $by: $n files, wanted 8"
  [ -z "$(find "$WORK/result/md" -mindepth 1 ! -type f)" ] && pass "file-names = $by: no subdirectory" \
    || fail "file-names = $by: something other than files: $(find "$WORK/result/md" -mindepth 1 ! -type f)"
  longest=$(ls "$WORK/result/md" | awk '{ if (length($0) > n) n = length($0) } END { print n }')
  [ "$longest" -le 110 ] && pass "file-names = $by: names stay short ($longest)" || fail "file-names = $by: a name of $longest bytes"
done
finish
