#!/bin/bash
# extract "lua" against hostile scripts: a backtracking pattern inside one C call is stopped
# by timeout-ms and fails only its article; SIGTERM ends such a run within 2 s even with no
# timeout; a __gc finalizer that never returns is refused and cannot hang the shutdown.
. "$(dirname "$0")/common.sh"
DATA="$SOURCE/tests/data/lua"
cp "$DATA/backtrack.lua" "$DATA/finalizer.lua" "$WORK/"

cat > "$WORK/backtrack.chain" <<'CHAIN'
fetch "files" { }
parse "text" { }
extract "lua" { script = "backtrack.lua" timeout-ms = ${TIMEOUT} }
format "json" { output = "-" }
CHAIN
for jobs in 1 2; do
  expect_status 2 "pathological pattern stopped by timeout-ms (-j$jobs)" -- \
    env TIMEOUT=300 timeout 60 "$NEWSFLOW" -j $jobs -c "$WORK/backtrack.chain" "$SAMPLES"
  expect_grep "$WORK/err" "^read 24, written 23, dropped 0, failed 1$" "only that article fails (-j$jobs)"
  expect_grep "$WORK/err" "16-iceland-glacier-study.txt: extract lua: .*stopped after 300 ms \(timeout-ms" \
    "the message names the limit (-j$jobs)"
  [ "$(grep -c '"pattern_check"' "$WORK/out")" = 23 ] && pass "find, match, gmatch, gsub still work (-j$jobs)" \
    || fail "guarded string functions broke the other articles (-j$jobs)"
done
python3 - "$WORK/out" <<'PY' && pass "gsub with a function and a table, gmatch and match give Lua's results" || fail "string results"
import json, re, sys
for line in open(sys.argv[1]):
    a = json.loads(line)
    t = a["title"]
    words = len(re.findall(r"[A-Za-z]+", t))
    first = bool(re.match(r"\S+", t))
    want = f"{words} {'true' if first else 'false'} {len(t.encode())} {len(t.encode())}"
    assert a["pattern_check"] == want, (a["pattern_check"], want, t)
PY

# No time limit: SIGTERM must still end the run within 2 s.
env TIMEOUT=0 "$NEWSFLOW" -j 2 -c "$WORK/backtrack.chain" "$SAMPLES" > "$WORK/term.out" 2> "$WORK/term.err" &
pid=$!
sleep 1.5
start=$(date +%s%N)
kill -TERM $pid
for _ in $(seq 1 40); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
if kill -0 $pid 2>/dev/null; then
  fail "SIGTERM ignored for 4 s while a pattern runs"; kill -KILL $pid
else
  elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
  [ "$elapsed" -le 2000 ] && pass "SIGTERM obeyed in ${elapsed} ms" || fail "SIGTERM took ${elapsed} ms"
fi
wait $pid 2>/dev/null

cat > "$WORK/finalizer.chain" <<'CHAIN'
fetch "files" { }
parse "text" { }
extract "lua" { script = "finalizer.lua" }
format "json" { output = "-" }
CHAIN
expect_status 2 "a __gc metamethod is refused, the run ends" -- timeout 60 "$NEWSFLOW" -c "$WORK/finalizer.chain" "$SAMPLES"
expect_grep "$WORK/err" "^read 24, written 23, dropped 0, failed 1$" "only the article that tried fails"
expect_grep "$WORK/err" "finalizer\.lua:9: __gc metamethods are not allowed" "the message says why, with the line"
finish
