#!/bin/bash
# Crash isolation (isolate = true, --isolate): a plugin that crashes or hangs on one article
# fails that article and the run goes on; an isolated run gives the same output as one in
# process, obeys SIGTERM within 2 s and leaves no worker process behind.
. "$(dirname "$0")/common.sh"

mkdir "$WORK/in"
for i in $(seq 0 999); do
  printf 'Article %d\n\nThe council met on Monday in Springfield to talk about article %d and the budget.\n\nA second paragraph.\n' "$i" "$i" > "$WORK/in/a$i.txt"
done

# chain NAME EXTRACT-OPTIONS [EXTRA-STAGES]: a chain over the 1,000 articles with extract "crash".
chain() {
  cat > "$WORK/$1.chain" <<CHAIN
plugin-path = { "$TESTS_PLUGINS/.libs" }
fetch "files" { paths = { "$WORK/in" } }
parse "text" { }
extract "stats" { }
extract "crash" { $2 }
${3:-}
format "json" { output = "$WORK/$1.jsonl" }
CHAIN
}

# workers_of CHAIN: the worker processes serving that chain, if any.
workers_of() { pgrep -f -- "--isolated-stage-worker .*$1" || true; }

# --- one article crashes: 999 written, 1 failed, exit 2 ------------------------------------
chain crash 'isolate = true  crash-on = "/a500.txt"'
expect_status 2 "isolate = true: a crash fails one article" -- \
  "$NEWSFLOW" -j 2 -c "$WORK/crash.chain" --errors "$WORK/crash-errors.jsonl"
expect_grep "$WORK/err" "^read 1000, written 999, dropped 0, failed 1$" "isolate = true: read 1000, written 999, dropped 0, failed 1"
# Signal 11 normally; under the sanitizers the worker reports and aborts or exits.
expect_grep "$WORK/err" "a500\.txt: extract crash: plugin \"crash\" crashed \((signal (11|6), |its worker process exited with status)" \
  "isolate = true: the message names the plugin and the signal"
[ "$(wc -l < "$WORK/crash.jsonl")" = 999 ] && pass "isolate = true: 999 articles in the output" \
  || fail "isolate = true: $(wc -l < "$WORK/crash.jsonl") lines in the output"
grep -q 'a500\.txt' "$WORK/crash.jsonl" && fail "isolate = true: the crashing article was written" \
  || pass "isolate = true: the crashing article is not in the output"
expect_grep "$WORK/crash-errors.jsonl" '"stage":"extract crash".*crashed' "isolate = true: the error file records the crash"
[ -z "$(workers_of "$WORK/crash.chain")" ] && pass "isolate = true: no worker process left" \
  || fail "isolate = true: worker processes left: $(workers_of "$WORK/crash.chain")"
ls -a "$WORK" | grep -q partial && fail "isolate = true: temporary file left" || pass "isolate = true: no temporary file left"

# --isolate does the same for a chain that does not ask for it.
chain cli 'crash-on = "/a500.txt"'
expect_status 2 "--isolate: a crash fails one article" -- "$NEWSFLOW" -j 2 --isolate -c "$WORK/cli.chain"
expect_grep "$WORK/err" "^read 1000, written 999, dropped 0, failed 1$" "--isolate: read 1000, written 999, dropped 0, failed 1"

# Without isolation the crash takes the run down (killed by a signal).
"$NEWSFLOW" -c "$WORK/cli.chain" >"$WORK/out" 2>"$WORK/err"; status=$?
# (Under the sanitizers, UBSan or ASan reports the bad write and exits with status 1.)
if [ "$status" -gt 128 ] || { [ "$status" != 0 ] && grep -qE 'AddressSanitizer|runtime error: store to null pointer' "$WORK/err"; }; then
  pass "without isolation: the crash kills the run (exit $status)"; else
  fail "without isolation: exit $status, wanted death by a signal"; fi

# --- the same output as without isolation --------------------------------------------------
chain same 'crash-on = "nothing matches this"' 'extract "dates" { }
extract "keywords" { }'
"$NEWSFLOW" -c "$WORK/same.chain" 2>"$WORK/err" && mv "$WORK/same.jsonl" "$WORK/in-process.jsonl" \
  || fail "in process: $(cat "$WORK/err")"
expect_status 0 "--isolate: every stage isolated, nothing crashes" -- "$NEWSFLOW" -j 3 --isolate -c "$WORK/same.chain"
cmp -s "$WORK/same.jsonl" "$WORK/in-process.jsonl" && pass "--isolate: output byte-identical to the in-process run" \
  || fail "--isolate: output differs from the in-process run: $(cmp "$WORK/same.jsonl" "$WORK/in-process.jsonl")"
# HTML and JSON parsers too, on the documentation's samples through the default chain.
"$NEWSFLOW" -c "$SOURCE/etc/newsflow/default.chain" "$SAMPLES" > "$WORK/default.jsonl" 2>"$WORK/err" \
  || fail "default chain: $(cat "$WORK/err")"
"$NEWSFLOW" --isolate -c "$SOURCE/etc/newsflow/default.chain" "$SAMPLES" > "$WORK/default-isolated.jsonl" 2>"$WORK/err" \
  || fail "default chain, --isolate: $(cat "$WORK/err")"
cmp -s "$WORK/default.jsonl" "$WORK/default-isolated.jsonl" && pass "default chain: --isolate output byte-identical" \
  || fail "default chain: --isolate output differs"

# --- a hang with isolate-timeout-ms: that article fails, the run ends ----------------------
chain hang 'isolate = true  isolate-timeout-ms = 300  hang-on = "/a7.txt"'
start=$(date +%s)
expect_status 2 "isolate-timeout-ms: a hang fails one article" -- "$NEWSFLOW" -j 2 -c "$WORK/hang.chain"
[ $(( $(date +%s) - start )) -lt 30 ] && pass "isolate-timeout-ms: the run ended" || fail "isolate-timeout-ms: the run took too long"
expect_grep "$WORK/err" "^read 1000, written 999, dropped 0, failed 1$" "isolate-timeout-ms: read 1000, written 999, failed 1"
expect_grep "$WORK/err" "a7\.txt: extract crash: plugin \"crash\" timed out after 300 ms" "isolate-timeout-ms: says it timed out"
[ -z "$(workers_of "$WORK/hang.chain")" ] && pass "isolate-timeout-ms: no worker process left" \
  || fail "isolate-timeout-ms: worker processes left"

# --- SIGTERM during an isolated run stuck in a plugin: the run ends within 2 s --------------
chain stuck 'isolate = true  hang-on = "/a7.txt"'
"$NEWSFLOW" -j 2 -c "$WORK/stuck.chain" >"$WORK/out" 2>"$WORK/err" &
runner=$!
for _ in $(seq 100); do [ -n "$(workers_of "$WORK/stuck.chain")" ] && break; sleep 0.1; done
sleep 1
children=$(workers_of "$WORK/stuck.chain")
[ -n "$children" ] && pass "SIGTERM: worker processes were running" || fail "SIGTERM: no worker process seen"
kill -TERM "$runner"
t0=$(date +%s%N)
for _ in $(seq 40); do kill -0 "$runner" 2>/dev/null || break; sleep 0.05; done
elapsed=$(( ($(date +%s%N) - t0) / 1000000 ))
if kill -0 "$runner" 2>/dev/null; then fail "SIGTERM: still running 2 s later"; kill -9 "$runner"; else
  pass "SIGTERM: the run ended in $elapsed ms"; fi
wait "$runner"; status=$?
[ "$status" = 130 ] && pass "SIGTERM: exit status 130" || fail "SIGTERM: exit status $status"
sleep 0.2
left=""
for pid in $children; do kill -0 "$pid" 2>/dev/null && left="$left $pid"; done
[ -z "$left" ] && pass "SIGTERM: no worker process left" || { fail "SIGTERM: worker processes left:$left"; kill -9 $left; }

# --- where the options may go ---------------------------------------------------------------
cat > "$WORK/bad.chain" <<CHAIN
fetch "files" { paths = { "$WORK/in" } }
parse "text" { }
format "json" { output = "$WORK/bad.jsonl"  isolate = true }
CHAIN
expect_status 1 "isolate on a formatter is refused" -- "$NEWSFLOW" -c "$WORK/bad.chain" --check
expect_grep "$WORK/err" "bad.chain:3: option 'isolate' is for parse and extract stages only" "isolate on a formatter: says why"
finish
