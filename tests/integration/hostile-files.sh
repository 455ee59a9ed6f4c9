#!/bin/bash
# fetch "files" on a hostile collection: symbolic link loops are read once and reported
# once, not followed without end; a file name that is not UTF-8 or holds an escape
# sequence gives valid UTF-8 JSON and reaches the terminal escaped.
. "$(dirname "$0")/common.sh"

mkdir -p "$WORK/c/sub/deeper"
printf 'Top article\n\nA paragraph.\n' > "$WORK/c/a.txt"
printf 'Sub article\n\nA paragraph.\n' > "$WORK/c/sub/b.txt"
printf 'Deeper article\n\nA paragraph.\n' > "$WORK/c/sub/deeper/c.txt"
ln -s .. "$WORK/c/sub/deeper/up"      # back to sub: a loop
ln -s ../.. "$WORK/c/sub/deeper/top"  # back to the top: a loop
ln -s . "$WORK/c/self"                # itself

cat > "$WORK/files.chain" <<'CHAIN'
fetch "files" { }
parse "text" { }
format "json" { output = "-" }
CHAIN
expect_status 2 "a collection with symlink loops ends" -- timeout 60 "$NEWSFLOW" -c "$WORK/files.chain" "$WORK/c"
expect_grep "$WORK/err" "^read 6, written 3, dropped 0, failed 3$" "3 articles once each, each of the 3 loops reported once"
[ "$(grep -c 'a directory already read' "$WORK/err")" = 3 ] && pass "one report per loop" || fail "loop reports: $(grep -c 'a directory already read' "$WORK/err")"
[ "$(wc -l < "$WORK/out")" = 3 ] && pass "no duplicate articles" || fail "$(wc -l < "$WORK/out") articles written"

# Names that are not UTF-8 (Latin-1 é) and that hold a terminal escape sequence.
mkdir -p "$WORK/names"
printf 'Cafe headline\n\nText.\n' > "$WORK/names/caf$(printf '\xe9').txt"
printf 'Escape headline\n\nText.\n' > "$WORK/names/red$(printf '\x1b')[31m.txt"
printf 'not text \x00\x01' > "$WORK/names/bin$(printf '\x1b')]0;pwned$(printf '\x07').txt"
expect_status 2 "odd file names are read" -- "$NEWSFLOW" -c "$WORK/files.chain" --errors "$WORK/errors.jsonl" "$WORK/names"
python3 - "$WORK/out" "$WORK/errors.jsonl" <<'PY' && pass "outputs are valid UTF-8 JSON with the names escaped" || fail "outputs with odd names"
import json, sys
raw = open(sys.argv[1], "rb").read()
raw.decode("utf-8")  # raises on invalid UTF-8
sources = sorted(json.loads(l)["source"] for l in raw.decode().splitlines())
assert any(s.endswith("caf\\xE9.txt") for s in sources), sources
assert any(s.endswith("red\\x1B[31m.txt") for s in sources), sources
assert not any("\x1b" in s for s in sources), sources
errors = open(sys.argv[2], "rb").read().decode("utf-8")
assert "\x1b" not in errors and "\\\\x1B]0;pwned\\\\x07" in errors, errors
PY
if LC_ALL=C grep -q "$(printf '\x1b')" "$WORK/err"; then fail "an escape sequence reached stderr"; else pass "stderr carries no escape character"; fi
expect_grep "$WORK/err" 'bin\\x1B\]0;pwned\\x07\.txt' "the failing name is shown escaped"
finish
