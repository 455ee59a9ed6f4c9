#!/bin/bash
# Interrupt, then resume: a run of 3,000 generated articles is stopped with SIGINT halfway;
# the tally it prints equals the lines and rows on disk; --resume then finishes the rest
# with no duplicates, and the union equals a single uninterrupted run, byte for byte.
. "$(dirname "$0")/common.sh"

mkdir "$WORK/in"
python3 - "$WORK/all.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w") as out:
    for i in range(3000):
        out.write(json.dumps({"id": f"gen-{i:05d}", "title": f"Article {i}",
                              "text": f"Body of generated article {i}.\n\nA second paragraph."}) + "\n")
PY
chain() { # chain OUTPUT-STEM
  cat <<CHAIN
fetch "jsonl" { paths = { "$WORK/in/articles.jsonl" } }
format "json" { output = "$1.jsonl" }
format "sqlite" { output = "$1.db" }
CHAIN
}
chain "$WORK/out" > "$WORK/out.chain"
chain "$WORK/ref" > "$WORK/ref.chain"
rows() { python3 -c "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT count(*), count(DISTINCT id) FROM articles').fetchone()[0])" "$1"; }

# The interrupted run reads a FIFO fed half at once, then slowly, so SIGINT lands in the
# middle of the stream.
mkfifo "$WORK/in/articles.jsonl"
python3 - "$WORK/all.jsonl" "$WORK/in/articles.jsonl" <<'PY' &
import sys, time
lines = open(sys.argv[1]).readlines()
try:
    with open(sys.argv[2], "w") as fifo:
        # Half at once (the reader takes its input in large blocks), then a trickle.
        fifo.write("".join(lines[:1500]))
        for line in lines[1500:]:
            fifo.write(line)
            fifo.flush()
            time.sleep(0.005)
except (BrokenPipeError, OSError):
    pass
PY
feeder=$!
"$NEWSFLOW" -c "$WORK/out.chain" --commit-interval 100 > "$WORK/out" 2> "$WORK/err" &
runner=$!
# Interrupt once the first articles are committed (whatever the machine's load), while the
# feeder is still trickling the second half.
for _ in $(seq 200); do
  [ -n "$(find "$WORK" -maxdepth 1 -name '.out.jsonl.partial-*' -size +0 2>/dev/null)" ] && break
  sleep 0.1
done
sleep 0.5
kill -INT "$runner"
wait "$runner"; status=$?
kill "$feeder" 2>/dev/null; wait "$feeder" 2>/dev/null
[ "$status" = 130 ] && pass "interrupted: exit status 130" || { fail "interrupted: exit status $status"; cat "$WORK/err"; }
written=$(sed -nE 's/^read [0-9]+, written ([0-9]+), dropped 0, failed [0-9]+$/\1/p' "$WORK/err")
expect_grep "$WORK/err" "^newsflow: interrupted: the outputs hold the $written articles? written \(committed\)" "interrupted: the message gives the same count"
lines=$(wc -l < "$WORK/out.jsonl")
if [ -n "$written" ] && [ "$written" -gt 0 ] && [ "$written" -lt 3000 ]; then
  pass "interrupted halfway: $written of 3000 written"
else
  fail "interrupted: written '$written' (wanted between 0 and 3000 exclusive)"; cat "$WORK/err"
fi
[ "$lines" = "$written" ] && pass "the JSON Lines file holds the $written lines the tally says" || fail "tally $written, $lines lines"
[ "$(rows "$WORK/out.db")" = "$written" ] && pass "the database holds the $written rows the tally says" || fail "tally $written, $(rows "$WORK/out.db") rows"

# The same chain over the same (now complete) source, resumed.
rm "$WORK/in/articles.jsonl"
cp "$WORK/all.jsonl" "$WORK/in/articles.jsonl"
expect_status 0 "--resume" -- "$NEWSFLOW" -q --resume -c "$WORK/out.chain"
expect_grep "$WORK/err" "^read 3000, written $((3000 - written)), dropped $written, failed 0$" "--resume: writes the rest, drops what is there"
[ "$(wc -l < "$WORK/out.jsonl")" = 3000 ] && pass "--resume: 3000 lines" || fail "--resume: $(wc -l < "$WORK/out.jsonl") lines"
[ "$(rows "$WORK/out.db")" = 3000 ] && pass "--resume: 3000 rows" || fail "--resume: $(rows "$WORK/out.db") rows"

# A single uninterrupted run gives the same outputs.
expect_status 0 "an uninterrupted run" -- "$NEWSFLOW" -q -c "$WORK/ref.chain"
cmp -s "$WORK/out.jsonl" "$WORK/ref.jsonl" && pass "interrupted + resumed JSON Lines = one run, byte for byte" \
  || { fail "the JSON Lines differ"; diff "$WORK/out.jsonl" "$WORK/ref.jsonl" | head -5; }
python3 - "$WORK/out.db" "$WORK/ref.db" <<'PY' && pass "interrupted + resumed database = one run" || fail "the databases differ"
import sqlite3, sys
query = "SELECT id, source, title, text, fields FROM articles ORDER BY id"
a, b = (sqlite3.connect(p).execute(query).fetchall() for p in sys.argv[1:])
assert a == b and len(a) == 3000, (len(a), len(b))
fts = "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'generated'"
assert sqlite3.connect(sys.argv[1]).execute(fts).fetchone() == (3000,)
PY

# Resuming again finds nothing to do; a chain that cannot resume says so.
expect_status 0 "--resume of a complete run" -- "$NEWSFLOW" -q --resume -c "$WORK/out.chain"
expect_grep "$WORK/err" "^read 3000, written 0, dropped 3000, failed 0$" "--resume twice: everything dropped"
printf 'fetch "files" { }\nparse "text" { }\nformat "csv" { }\n' > "$WORK/csv.chain"
expect_status 1 "--resume without a formatter that can" -- "$NEWSFLOW" --resume -c "$WORK/csv.chain" "$SAMPLES"
expect_grep "$WORK/err" "--resume: no formatter of the chain can tell which articles its output holds" "--resume: says why"
finish
