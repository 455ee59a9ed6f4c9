#!/bin/bash
# extract "lua" in real runs: a script's runtime error fails only the articles it errors on,
# with the script's file:line, for any -j; an endless loop is stopped; a broken script stops
# the chain before the run with its line.
. "$(dirname "$0")/common.sh"
DATA="$SOURCE/tests/data/lua"

cp "$DATA/fails-some.lua" "$DATA/endless.lua" "$WORK/"
cat > "$WORK/errors.chain" <<'CHAIN'
fetch "files" { }
parse "text" { }
extract "lua" { script = "fails-some.lua" }
format "json" { output = "${OUT}" }
CHAIN
for jobs in 1 4; do
  expect_status 2 "script error fails some articles (-j$jobs)" -- env OUT="$WORK/out-$jobs.jsonl" \
    "$NEWSFLOW" -j "$jobs" -c "$WORK/errors.chain" --errors "$WORK/failed-$jobs.jsonl" "$SAMPLES"
  expect_grep "$WORK/err" "^read 24, written 22, dropped 0, failed 2$" "only the two articles that error fail (-j$jobs)"
  expect_grep "$WORK/err" "extract lua.*fails-some\.lua:9: attempt to index a nil value \(local 'missing'\)" \
    "the message names the script line (-j$jobs)"
  [ "$(grep -c '"checked":true' "$WORK/out-$jobs.jsonl")" = 22 ] && pass "the others were processed (-j$jobs)" \
    || fail "written articles lack the field (-j$jobs)"
done
expect_grep "$WORK/failed-1.jsonl" "09-manila-typhoon-evacuation.*fails-some\.lua:9:" "error file names the article and the line"
expect_grep "$WORK/failed-1.jsonl" "21-mexico-city-marathon" "error file has the second article"

# An endless loop fails its article, not the run.
cat > "$WORK/endless.chain" <<'CHAIN'
fetch "files" { }
parse "text" { }
extract "lua" { script = "endless.lua"  max-instructions = 200000 }
format "json" { output = "-" }
CHAIN
expect_status 2 "endless loop is stopped" -- timeout 60 "$NEWSFLOW" -c "$WORK/endless.chain" "$SAMPLES"
expect_grep "$WORK/err" "^read 24, written 23, dropped 0, failed 1$" "only the looping article fails"
expect_grep "$WORK/err" "endless\.lua:4: stopped after 200000 instructions" "the message points into the loop"

# A syntax error or a missing script stops the chain before any article is read.
printf 'function process(a)\n  return a:title(\nend\n' > "$WORK/broken.lua"
sed 's/fails-some.lua/broken.lua/' "$WORK/errors.chain" > "$WORK/broken.chain"
expect_status 1 "syntax error stops the chain" -- env OUT=/dev/null "$NEWSFLOW" -c "$WORK/broken.chain" "$SAMPLES"
expect_grep "$WORK/err" "broken\.chain:3: extract \"lua\": broken\.lua:3: unexpected symbol near 'end'" \
  "syntax error names the chain line and the script line"
sed 's/fails-some.lua/nowhere.lua/' "$WORK/errors.chain" > "$WORK/missing.chain"
expect_status 1 "missing script" -- env OUT=/dev/null "$NEWSFLOW" -c "$WORK/missing.chain" "$SAMPLES"
expect_grep "$WORK/err" "missing\.chain:3: .*nowhere\.lua" "missing script is named"
sed 's/{ script = "fails-some.lua" }/{ }/' "$WORK/errors.chain" > "$WORK/noscript.chain"
expect_status 1 "script is required" -- env OUT=/dev/null "$NEWSFLOW" --check -c "$WORK/noscript.chain"
expect_grep "$WORK/err" "noscript\.chain:3: extract \"lua\" needs option 'script'" "required option reported at its line"
# print() writes to standard error: standard output stays the formatter's.
printf 'function process(a)\n  print("seen", a:title(), 42)\nend\n' > "$WORK/print.lua"
sed 's/fails-some.lua/print.lua/; s/"${OUT}"/"-"/' "$WORK/errors.chain" > "$WORK/print.chain"
expect_status 0 "print in a script" -- "$NEWSFLOW" -c "$WORK/print.chain" "$SAMPLES/01-kyiv-grain-corridor.txt"
expect_grep "$WORK/err" "^seen	Ukraine adds port berths.*	42$" "print goes to stderr, tab-separated"
python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' "$WORK/out" && pass "stdout is still JSON Lines" || fail "print polluted stdout"
finish
