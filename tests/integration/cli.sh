#!/bin/bash
# The command line: --version, --help, --list-plugins, --describe, bad usage, the plugin
# search path, and an output file that appears only when the run completes.
. "$(dirname "$0")/common.sh"

expect_status 0 "--version" -- "$NEWSFLOW" --version
expect_grep "$WORK/out" "^newsflow [0-9.]+ \(plugin ABI [0-9]+\)$" "version line"
expect_status 0 "--help" -- "$NEWSFLOW" --help
expect_grep "$WORK/out" "--chain" "help lists --chain"
expect_status 1 "unknown option" -- "$NEWSFLOW" --no-such-option
expect_status 1 "bad -j" -- "$NEWSFLOW" -j -3

expect_status 0 "--list-plugins" -- "$NEWSFLOW" --list-plugins
for p in "fetch +files" "parse +text" "extract +stats" "format +json"; do
  expect_grep "$WORK/out" "^$p " "lists $p"
done

expect_status 0 "--describe stats" -- "$NEWSFLOW" --describe stats
expect_grep "$WORK/out" "words-per-minute \(integer, default 230\)" "describe prints type and default"
expect_status 0 "--describe format/json" -- "$NEWSFLOW" --describe format/json
expect_grep "$WORK/out" "output \(string, default \"-\"\)" "describe json output option"
expect_status 1 "--describe unknown" -- "$NEWSFLOW" --describe nothing-like-this

# A module built for another ABI is refused with its file named.
expect_status 1 "misversioned module" -- "$NEWSFLOW" --plugin-path "$TESTS_PLUGINS" --describe extract/misversioned
expect_grep "$WORK/err" "extract_misversioned.*built for plugin ABI" "ABI mismatch names the file"

# NEWSFLOW_PLUGIN_PATH adds test plugins; failures give exit status 2 and the tally.
cat > "$WORK/fail.chain" <<'CHAIN'
fetch "files" { }
parse "text" { }
extract "failevery3" { }
format "json" { output = "${OUT}" }
CHAIN
expect_status 2 "some articles fail" -- env OUT="$WORK/result.jsonl" NEWSFLOW_PLUGIN_PATH="$TESTS_PLUGINS" "$NEWSFLOW" -q -c "$WORK/fail.chain" "$SAMPLES"
expect_grep "$WORK/err" "^read 24, written 16, dropped 0, failed 8$" "tally with failures"
[ "$(wc -l < "$WORK/result.jsonl")" = 16 ] && pass "output file holds the written articles" || fail "output file"
ls -a "$WORK" | grep -q partial && fail "a temporary output file was left" || pass "no temporary file left"
# Sources on the command line replace the chain's: a fetcher that gets none of them is skipped.
cat > "$WORK/two-fetchers.chain" <<CHAIN
fetch "jsonl" { paths = { "$WORK/does-not-exist.jsonl" } }
fetch "files" { }
parse "text" { }
format "json" { }
CHAIN
expect_status 0 "other fetchers skipped when the command line names sources" -- "$NEWSFLOW" -c "$WORK/two-fetchers.chain" "$SAMPLES"
expect_grep "$WORK/err" "^read 24, written 24, dropped 0, failed 0$" "only the named sources were read"

expect_status 0 "--stats prints per-stage counts" -- "$NEWSFLOW" -q --stats "$SAMPLES"
expect_grep "$WORK/err" "^extract stats +24 +0 +0 " "stats table has the stats stage"
# Small things a newcomer trips on: -V, "did you mean" for long options and --describe, and
# the default command says it reads standard input when that is a terminal.
expect_status 0 "-V prints the version" -- "$NEWSFLOW" -V
expect_grep "$WORK/out" "^newsflow [0-9]" "-V output"
expect_status 1 "a misspelt long option" -- "$NEWSFLOW" --chian x.chain
expect_grep "$WORK/err" "Unknown option --chian; did you mean --chain\?" "suggests --chain"
expect_status 1 "a misspelt plugin name" -- "$NEWSFLOW" --describe entitites
expect_grep "$WORK/err" "no plugin named 'entitites' \(did you mean 'entities'\?\)" "suggests entities"
# --max-article-bytes: a larger article fails clearly before any stage builds structures on
# it; the rest of the run goes on.
mkdir -p "$WORK/sizes"
cp "$SAMPLES"/*.txt "$WORK/sizes/"
head -c 300000 /dev/zero | tr '\0' 'a' | fold -w 70 > "$WORK/sizes/zz-big.txt"
expect_status 2 "an article over --max-article-bytes fails" -- "$NEWSFLOW" --max-article-bytes 200k "$WORK/sizes"
expect_grep "$WORK/err" "zz-big.txt: fetch files: raw item of [0-9]+ bytes, larger than --max-article-bytes \(204800\)" "says which and the limit"
expect_grep "$WORK/err" "^read 25, written 24, dropped 0, failed 1$" "the others are written"
expect_status 0 "0 is no limit" -- "$NEWSFLOW" -q --max-article-bytes 0 "$WORK/sizes"
expect_status 1 "a bad size" -- "$NEWSFLOW" --max-article-bytes 2X "$SAMPLES"
expect_grep "$WORK/err" "--max-article-bytes 2X: a number of bytes" "says what it takes"
if command -v script >/dev/null; then
  # Under script(1) newsflow may sit in a background process group of the pseudo-terminal,
  # where reading the terminal stops it (SIGTTIN) and a SIGTERM never gets through: KILL it,
  # and bound script itself too, so this check can never hang the suite.
  timeout -k 2 15 script -qc "timeout -s KILL 3 $NEWSFLOW" /dev/null > "$WORK/tty" 2>&1 < /dev/null
  expect_grep "$WORK/tty" "reading articles from standard input" "on a terminal, says it reads standard input"
fi
finish
