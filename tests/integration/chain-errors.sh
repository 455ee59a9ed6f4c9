#!/bin/bash
# Mistakes in chain files: FILE:LINE: and exit 1, nothing runs; --check validates only.
. "$(dirname "$0")/common.sh"

cat > "$WORK/typo.chain" <<'CHAIN'
fetch "files" { }
parse "text" { }
format "json" {
  outptu = "x.jsonl"
}
CHAIN
expect_status 1 "misspelled option" -- "$NEWSFLOW" -c "$WORK/typo.chain" "$SAMPLES"
expect_grep "$WORK/err" "^$WORK/typo.chain:4: format \"json\" has no option 'outptu' \(did you mean 'output'\?\)" "FILE:LINE and a suggestion"
[ -s "$WORK/out" ] && fail "something was written to stdout" || pass "nothing ran"

cat > "$WORK/unknown.chain" <<'CHAIN'
fetch "files" { }
extract "keywordz" { }
format "json" { }
CHAIN
expect_status 1 "unknown plugin" -- "$NEWSFLOW" -c "$WORK/unknown.chain"
expect_grep "$WORK/err" "unknown.chain:2: no extract plugin named 'keywordz'.*; available extract plugins: ([a-z0-9-]+, )*stats" "lists the available plugins"

expect_status 0 "--check on a good chain" -- "$NEWSFLOW" --check -c "$SOURCE/etc/newsflow/default.chain"
expect_grep "$WORK/out" "default.chain: OK \([0-9]+ stages\)" "--check reports OK"
expect_status 1 "--check on a bad chain" -- "$NEWSFLOW" --check -c "$WORK/typo.chain"

cat > "$WORK/unwritable.chain" <<'CHAIN'
fetch "files" { }
format "json" { output = "/nonexistent-dir/out.jsonl" }
CHAIN
expect_status 1 "unwritable output fails before any article" -- "$NEWSFLOW" -c "$WORK/unwritable.chain" "$SAMPLES"
expect_grep "$WORK/err" "unwritable.chain:2: format \"json\": /nonexistent-dir/out.jsonl: No such file or directory" "names the output and the reason"

expect_status 1 "missing chain file" -- "$NEWSFLOW" -c "$WORK/none.chain"
expect_grep "$WORK/err" "none.chain: cannot read chain file" "missing chain file is named"
finish
