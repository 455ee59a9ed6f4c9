#!/bin/bash
# Ctrl-C during a run: newsflow stops promptly with status 130, the formatters commit what
# they accepted and put their outputs in place, and the tally and the message say exactly
# what the outputs hold.  With --atomic an interrupted run leaves no output at all.
. "$(dirname "$0")/common.sh"

cat > "$WORK/out.chain" <<CHAIN
fetch "files" { paths = { "$SAMPLES", "-" } }
parse "text" { }
format "json" { output = "$WORK/result.jsonl" }
format "sqlite" { output = "$WORK/result.db" }
CHAIN

# interrupt NAME ARGS...: runs the chain with standard input a FIFO held open by sleep, so
# the run blocks reading it until interrupted; then SIGINT.
interrupt() {
  name=$1; shift
  mkfifo "$WORK/fifo"
  sleep 30 > "$WORK/fifo" &
  holder=$!
  "$NEWSFLOW" -c "$WORK/out.chain" "$@" < "$WORK/fifo" > "$WORK/out" 2> "$WORK/err" &
  runner=$!
  # Once the formatters opened their outputs, the run is under way: then the 24 samples.
  for _ in $(seq 100); do ls -a "$WORK" | grep -q '^\.result\.jsonl\.partial' && break; sleep 0.1; done
  sleep 1
  kill -INT "$runner"
  for _ in $(seq 50); do kill -0 "$runner" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$runner" 2>/dev/null; then fail "$name: still running 5 s after SIGINT"; kill -9 "$runner"; fi
  wait "$runner"; status=$?
  kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null
  rm -f "$WORK/fifo"
  [ "$status" = 130 ] && pass "$name: exit status 130" || { fail "$name: exit status $status"; cat "$WORK/err"; }
  expect_grep "$WORK/err" "^read [0-9]+, written [0-9]+, dropped 0, failed [0-9]+$" "$name: tally printed"
}

interrupt "default"
expect_grep "$WORK/err" "^read 24, written 24, dropped 0, failed 0$" "default: the 24 samples are written"
expect_grep "$WORK/err" "^newsflow: interrupted: the outputs hold the 24 articles written \(committed\)" "default: says what the outputs hold"
lines=$(wc -l < "$WORK/result.jsonl" 2>/dev/null || echo none)
[ "$lines" = 24 ] && pass "default: the JSON Lines file holds the 24 articles" || fail "default: JSON Lines file: $lines lines"
rows=$(python3 -c "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT count(*) FROM articles').fetchone()[0])" "$WORK/result.db" 2>&1)
[ "$rows" = 24 ] && pass "default: the database holds the 24 articles" || fail "default: database: $rows"
ls -a "$WORK" | grep -q partial && fail "default: temporary file left" || pass "default: no temporary file left"

rm -f "$WORK/result.jsonl" "$WORK/result.db"
interrupt "--atomic" --atomic --errors "$WORK/errors.jsonl"
expect_grep "$WORK/err" "^read 24, written 0, dropped 0, failed 24$" "--atomic: nothing counted as written"
expect_grep "$WORK/err" "interrupted: no output was kept \(--atomic\); 24 articles processed before the stop counted as failed" "--atomic: says why"
[ -e "$WORK/result.jsonl" ] || [ -e "$WORK/result.db" ] && fail "--atomic: an output file was kept" || pass "--atomic: no output file"
ls -a "$WORK" | grep -q partial && fail "--atomic: temporary file left" || pass "--atomic: no temporary file left"
[ "$(wc -l < "$WORK/errors.jsonl")" = 24 ] && pass "--atomic: each article in the error file" || fail "--atomic: error file: $(wc -l < "$WORK/errors.jsonl") lines"
finish
