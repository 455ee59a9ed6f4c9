#!/bin/bash
# A run that dies (a plugin crashing without isolate = true, kill -9) leaves its formatters'
# temporaries (".NAME.partial-PID-XXXXXX") behind; the next run removes those whose process
# is gone and says so, leaves alone those of a live process, and says how to remove an older
# temporary whose name carries no PID.
. "$(dirname "$0")/common.sh"

mkdir "$WORK/in"
for i in $(seq 0 9); do printf 'Article %d\n\nSome text about article %d.\n' "$i" "$i" > "$WORK/in/a$i.txt"; done
cat > "$WORK/crash.chain" <<CHAIN
plugin-path = { "$TESTS_PLUGINS/.libs" }
fetch "files" { paths = { "$WORK/in" } }
parse "text" { }
extract "crash" { crash-on = "/a5.txt" }
format "json" { output = "$WORK/out.jsonl" }
format "sqlite" { output = "$WORK/out.db" }
CHAIN
cat > "$WORK/fine.chain" <<CHAIN
fetch "files" { paths = { "$WORK/in" } }
parse "text" { }
format "json" { output = "$WORK/out.jsonl" }
format "sqlite" { output = "$WORK/out.db" }
CHAIN
partials() { ls -A "$WORK" | grep '\.partial-' || true; }

# A crash without isolation kills the run and leaves both temporaries.
"$NEWSFLOW" -c "$WORK/crash.chain" >"$WORK/out" 2>"$WORK/err"; status=$?
# (Under the sanitizers, UBSan or ASan reports the bad write and exits with status 1.)
if [ "$status" -gt 128 ] || { [ "$status" != 0 ] && grep -qE 'AddressSanitizer|runtime error: store to null pointer' "$WORK/err"; }; then
  pass "the crash killed the run (exit $status)"; else fail "crash: exit $status"; fi
left=$(partials)
echo "$left" | grep -qE '^\.out\.jsonl\.partial-[0-9]+-' && echo "$left" | grep -qE '^\.out\.db\.partial-[0-9]+-' \
  && pass "the dead run left its temporaries, named with its PID" || fail "temporaries left: $left"

# The next run removes them and says so.
expect_status 0 "the next run" -- "$NEWSFLOW" -c "$WORK/fine.chain"
expect_grep "$WORK/err" "^newsflow: removed $WORK/\.out\.jsonl\.partial-[0-9]+-[A-Za-z0-9]+, left by an earlier run \(process [0-9]+\) that did not finish$" \
  "the next run says it removed the JSON Lines temporary"
expect_grep "$WORK/err" "^newsflow: removed $WORK/\.out\.db\.partial-" "the next run says it removed the database temporary"
[ -z "$(partials)" ] && pass "no temporary left after the next run" || fail "temporaries still there: $(partials)"
[ "$(wc -l < "$WORK/out.jsonl")" = 10 ] && pass "the next run wrote its output" || fail "output: $(wc -l < "$WORK/out.jsonl") lines"

# kill -9 in the middle of a run (blocked reading a FIFO after its formatters opened).
sed 's|paths = { "'"$WORK"'/in" }|paths = { "'"$WORK"'/in", "-" }|' "$WORK/fine.chain" > "$WORK/stdin.chain"
mkfifo "$WORK/fifo"
sleep 30 > "$WORK/fifo" &
holder=$!
"$NEWSFLOW" -c "$WORK/stdin.chain" < "$WORK/fifo" >"$WORK/out" 2>"$WORK/err" &
runner=$!
for _ in $(seq 100); do [ -n "$(partials)" ] && break; sleep 0.1; done
kill -9 "$runner"; wait "$runner" 2>/dev/null
kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null
[ -n "$(partials)" ] && pass "kill -9 left temporaries" || fail "kill -9 left no temporary (test did not catch the run)"
expect_status 0 "the run after kill -9" -- "$NEWSFLOW" -c "$WORK/fine.chain"
expect_grep "$WORK/err" "removed .*\.out\.jsonl\.partial-$runner-" "the run after kill -9 removes the temporary of process $runner"
[ -z "$(partials)" ] && pass "no temporary left after kill -9 and a new run" || fail "temporaries still there: $(partials)"

# A temporary of a live process is another run's: left alone, no message.
sleep 30 &
alive=$!
touch "$WORK/.out.jsonl.partial-$alive-AbC123"
# An older name without a PID: who wrote it cannot be told, so the message says how to remove it.
touch "$WORK/.out.jsonl.partial-XyZ789"
expect_status 0 "a run beside another run's temporary" -- "$NEWSFLOW" -c "$WORK/fine.chain"
[ -e "$WORK/.out.jsonl.partial-$alive-AbC123" ] && pass "the live process's temporary is left alone" \
  || fail "the live process's temporary was removed"
grep -q "partial-$alive-" "$WORK/err" && fail "a message about the live process's temporary" || pass "no message about it"
expect_grep "$WORK/err" "^newsflow: $WORK/\.out\.jsonl\.partial-XyZ789 may be left by an earlier run .*: rm -- '$WORK/\.out\.jsonl\.partial-XyZ789'$" \
  "an older temporary: says how to remove it"
[ -e "$WORK/.out.jsonl.partial-XyZ789" ] && pass "the older temporary is not removed" || fail "the older temporary was removed"
kill "$alive"; wait "$alive" 2>/dev/null
finish
