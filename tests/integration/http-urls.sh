#!/bin/bash
# fetch "http": where URLs come from (a file with comments, the command line), the
# user-agent, retries = 0, option checks, and 200 URLs with concurrency 16 all delivered in order.
. "$(dirname "$0")/common.sh"
. "$(dirname "$0")/http-server.sh"

# A file of URLs: comments, blank lines and surrounding blanks are skipped.
{
  echo "# pages to fetch"
  echo "$BASE/page/10"
  echo
  echo "   $BASE/page/11   "
  echo "  # an indented comment"
  echo "$BASE/echo"
} > "$WORK/urls.txt"
cat > "$WORK/file.chain" <<CHAIN
fetch "http" { urls = { "$BASE/page/9" } urls-file = "$WORK/urls.txt" user-agent = "newsflow-test/2 (loopback)" }
parse "text" { }
format "json" { output = "-" }
CHAIN
expect_status 0 "urls then urls-file" -- "$NEWSFLOW" -c "$WORK/file.chain" -j 2
expect_grep "$WORK/err" "^read 4, written 4, dropped 0, failed 0$" "comments and blank lines skipped"
python3 - "$WORK/out" "$BASE" <<'PY' && pass "urls first, then the file, in order; user-agent sent" || fail "urls-file order or user-agent"
import json, sys
arts = [json.loads(l) for l in open(sys.argv[1])]
base = sys.argv[2]
assert [a["source"] for a in arts] == [base + "/page/9", base + "/page/10", base + "/page/11", base + "/echo"], arts
echo = arts[3]
assert echo["title"] == "GET", echo["title"]
assert "newsflow-test/2 (loopback)" in echo["text"], echo["text"]
PY

# URLs on the command line replace the chain's.
expect_status 0 "URLs on the command line" -- "$NEWSFLOW" -c "$WORK/file.chain" "$BASE/page/7" "$BASE/page/8"
expect_grep "$WORK/err" "^read 2, written 2, dropped 0, failed 0$" "command-line URLs replace urls and urls-file"
expect_grep "$WORK/out" "\"source\":\"$BASE/page/7\"" "command-line URL fetched"

# Without retries the flaky endpoint's first 500 is final.
cat > "$WORK/noretry.chain" <<CHAIN
fetch "http" { urls = { "$BASE/flaky/noretry/1" } retries = 0 }
parse "text" { }
format "json" { output = "-" }
CHAIN
expect_status 2 "retries = 0" -- "$NEWSFLOW" -c "$WORK/noretry.chain"
expect_grep "$WORK/err" "$BASE/flaky/noretry/1: HTTP 500 Internal Server Error$" "a 500 without retries is a failed item"

# Mistakes in the options stop the chain before anything is fetched.
printf 'fetch "http" { urls = { "%s/page/1" } concurrency = 0 }\nparse "text" { }\nformat "json" { }\n' "$BASE" > "$WORK/bad.chain"
expect_status 1 "concurrency = 0 refused" -- "$NEWSFLOW" -c "$WORK/bad.chain"
expect_grep "$WORK/err" "concurrency must be between 1 and 1024, not 0" "says which option is wrong"
printf 'fetch "http" { urls-file = "%s/no-such-file" }\nparse "text" { }\nformat "json" { }\n' "$WORK" > "$WORK/bad2.chain"
expect_status 1 "missing urls-file refused" -- "$NEWSFLOW" -c "$WORK/bad2.chain"
expect_grep "$WORK/err" "urls-file: $WORK/no-such-file: no such file" "names the missing file"

# 200 URLs (each answered after 20 ms) with concurrency 16: every one written, in order.
# (Speed is measured by tests/bench/http-concurrency.sh, not here.)
for i in $(seq 1 200); do echo "$BASE/delay/20/$i"; done > "$WORK/many.txt"
cat > "$WORK/many.chain" <<CHAIN
fetch "http" { urls-file = "$WORK/many.txt" concurrency = 16 }
parse "text" { }
format "json" { output = "-" }
CHAIN
expect_status 0 "200 URLs, concurrency 16" -- "$NEWSFLOW" -c "$WORK/many.chain" -j 2
expect_grep "$WORK/err" "^read 200, written 200, dropped 0, failed 0$" "all 200 written"
python3 - "$WORK/out" <<'PY' && pass "200 articles in input order" || fail "order of 200 articles"
import json, sys
titles = [json.loads(l)["title"] for l in open(sys.argv[1])]
assert titles == [f"Page {i} headline" for i in range(1, 201)], titles[:5]
PY

# --describe documents the options from the plugin itself.
expect_status 0 "--describe http" -- "$NEWSFLOW" --describe fetch/http
expect_grep "$WORK/out" "concurrency \(integer, default 8\)" "describe lists concurrency"
expect_grep "$WORK/out" "verify-tls \(boolean, default true\)" "TLS verification on by default"
finish
