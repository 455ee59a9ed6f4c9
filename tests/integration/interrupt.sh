#!/bin/bash
# Ctrl-C during a run: newsflow stops promptly with status 130, prints the tally, and leaves
# neither the output file nor a temporary file behind.
. "$(dirname "$0")/common.sh"

cat > "$WORK/out.chain" <<CHAIN
fetch "files" { paths = { "$SAMPLES", "-" } }
parse "text" { }
format "json" { output = "$WORK/result.jsonl" }
CHAIN
# Standard input is a FIFO held open by sleep, so the run blocks reading it until interrupted.
mkfifo "$WORK/fifo"
sleep 30 > "$WORK/fifo" &
holder=$!
"$NEWSFLOW" -c "$WORK/out.chain" < "$WORK/fifo" > "$WORK/out" 2> "$WORK/err" &
runner=$!
sleep 1
kill -INT "$runner"
for _ in $(seq 50); do kill -0 "$runner" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$runner" 2>/dev/null; then fail "still running 5 s after SIGINT"; kill -9 "$runner"; fi
wait "$runner"; status=$?
kill "$holder" 2>/dev/null
[ "$status" = 130 ] && pass "exit status 130" || { fail "exit status $status"; cat "$WORK/err"; }
expect_grep "$WORK/err" "^read [0-9]+, written [0-9]+, dropped 0, failed [0-9]+$" "tally printed"
expect_grep "$WORK/err" "interrupted; no output was committed" "says why"
[ -e "$WORK/result.jsonl" ] && fail "an output file was committed" || pass "no output file"
ls -a "$WORK" | grep -q partial && fail "temporary file left" || pass "no temporary file left"
finish
