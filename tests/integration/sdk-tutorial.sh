#!/bin/bash
# docs/writing-plugins.md cannot rot: every C, Makefile, chain and Lua block is a piece of the
# real file its tag names, and the pieces, joined by one blank line, are that whole file (so
# the tutorial shows all of it); those files are built and run by make check (the plugin and
# its test as tests/sdk/, the Lua script by lua-examples.sh).  Then the tutorial's chain runs
# here on the built plugin.  The shell blocks are run by `make installcheck`.
. "$(dirname "$0")/common.sh"
DOC="$SOURCE/docs/writing-plugins.md"

bash "$SOURCE/tests/integration/sdk-blocks.sh" "$DOC" > "$WORK/blocks"
python3 - "$WORK/blocks" "$SOURCE" > "$WORK/check" <<'PY'
import os, sys
records, current = [], None
for line in open(sys.argv[1], encoding="utf-8").read().split("\n")[:-1]:
    if line.startswith("@@ "):
        lang, _, tag = line[3:].partition(" ")
        current = [lang, tag, []]
        records.append(current)
    else:
        current[2].append(line)
files, problems = {}, []
for lang, tag, lines in records:
    if lang in ("sh", ""):
        continue  # run by installcheck / prose
    if not tag.startswith("file="):
        problems.append("a %s block has no file= tag: %s" % (lang, (lines or [""])[0]))
        continue
    files.setdefault(tag[5:], []).append("\n".join(lines) + "\n")
for path, pieces in files.items():
    real = os.path.join(sys.argv[2], path)
    if not os.path.exists(real):
        problems.append("%s: named by the tutorial but does not exist" % path)
        continue
    shown = "\n".join(pieces)
    actual = open(real, encoding="utf-8").read()
    if shown != actual:
        import difflib
        diff = "".join(difflib.unified_diff(actual.splitlines(True), shown.splitlines(True),
                                            path, "writing-plugins.md", n=1))
        problems.append("%s differs from what the tutorial shows:\n%s" % (path, diff))
    else:
        print("same: %s (%d blocks)" % (path, len(pieces)))
for p in problems:
    print("PROBLEM: " + p)
PY
cat "$WORK/check"
grep -q '^PROBLEM' "$WORK/check" && fail "tutorial blocks and real files disagree" || pass "every code block is its real file"
for f in hello.c test-hello.c Makefile hello.chain sample.txt; do
  expect_grep "$WORK/check" "^same: docs/examples/plugin-hello/$f " "tutorial shows all of $f"
done
expect_grep "$WORK/check" "^same: tests/data/lua/tutorial.lua " "tutorial shows the Lua script"
[ "$(grep -c '^@@ sh' "$WORK/blocks")" -ge 4 ] && pass "shell blocks present (run by installcheck)" || fail "shell blocks missing"

# The plugin the tutorial builds, run as the tutorial runs it (built by make check as
# tests/sdk/extract_hello.la from the same hello.c).
HELLO="$BUILD/tests/sdk"
EXAMPLE="$SOURCE/docs/examples/plugin-hello"
expect_status 0 "--list-plugins shows hello" -- "$NEWSFLOW" --plugin-path "$HELLO" --list-plugins
expect_grep "$WORK/out" "^extract  hello +Greets the first author and marks the lede$" "hello listed"
expect_grep "$WORK/out" "from $HELLO/extract_hello\.(la|so)$" "with the file it came from"
expect_status 0 "--describe hello" -- "$NEWSFLOW" --plugin-path "$HELLO" --describe hello
expect_grep "$WORK/out" "untitled \(string, default \"fail\"\)" "options documented from the table"
cd "$EXAMPLE" || exit 1
expect_status 0 "hello.chain on sample.txt" -- "$NEWSFLOW" --plugin-path "$HELLO" -c hello.chain sample.txt
expect_grep "$WORK/out" '"greeting":"Good morning, Maren Lindqvist!"' "greeting field"
expect_grep "$WORK/out" '"type":"lede","start":[0-9]+,"end":[0-9]+,"text":"PORTVIK \(Reuters\) — The harbour ferry[^"]*refit\.","attrs":\{"characters":[0-9]+\}' \
  "lede annotation over the first sentence"
expect_status 0 "hello.chain on the samples, 4 threads" -- "$NEWSFLOW" -j4 --plugin-path "$HELLO" -c hello.chain "$SAMPLES"
[ "$(grep -c '"greeting":"Good morning, ' "$WORK/out")" = 24 ] && pass "every sample greeted" || fail "greetings missing"
# (Untitled articles are covered by test-hello: the text parser always finds a headline.)
# After an ordered extractor hello runs on the in-order thread, with its own worker data.
sed 's/^extract "hello"/extract "ordered" { }\nextract "hello"/' hello.chain > "$WORK/ordered.chain"
expect_status 0 "hello after an ordered extractor" -- env NEWSFLOW_PLUGIN_PATH="$TESTS_PLUGINS" \
  "$NEWSFLOW" -j4 --plugin-path "$HELLO" -c "$WORK/ordered.chain" "$SAMPLES"
[ "$(grep -c '"greeting":"Good morning, ' "$WORK/out")" = 24 ] && pass "greeted on the ordering thread" || fail "greetings missing after ordered"
sed 's/greeting = "Good morning"/greeting = ""/' hello.chain > "$WORK/empty.chain"
expect_status 1 "empty greeting refused at init" -- "$NEWSFLOW" --plugin-path "$HELLO" -c "$WORK/empty.chain" sample.txt
expect_grep "$WORK/err" "empty\.chain:4: extract \"hello\": greeting must not be empty" "init error at the chain line"
finish
