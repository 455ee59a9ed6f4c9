#!/bin/bash
# fetch "http" against the loopback server: every failure mode is a failed item whose message
# names the URL and says what went wrong, the tally adds up, redirects report the final URL,
# a 500 succeeds on retry, and the output is the same for -j 1 and -j 2.
. "$(dirname "$0")/common.sh"
. "$(dirname "$0")/http-server.sh"

urls=(
  "$BASE/page/1"                  # written
  "$BASE/redirect/3"              # written, url = /redirect/0
  "$BASE/status/404"              # failed: HTTP 404 Not Found
  "$BASE/flaky/a/1"               # written on the second attempt
  "$BASE/slow/5"                  # failed: timed out (2 attempts)
  "$BASE/big/200000"              # failed: larger than max-size (Content-Length)
  "$BASE/big-stream/300000"       # failed: larger than max-size (read until stopped)
  "$BASE/gzip-bomb/5000000"       # failed: larger than max-size after decoding
  "$BASE/latin1"                  # written: the text parser converts the declared ISO-8859-1
  "$BASE/loop"                    # failed: more than 4 redirects
  "$BASE/redirect/6"              # failed: more than 4 redirects
  "ftp://127.0.0.1/file"          # failed: not http
  "$BASE/status/503"              # failed after retries: HTTP 503
  "$BASE/page/2"                  # written
)
list=
for url in "${urls[@]}"; do list+="${list:+, }$(chain_string "$url")"; done
cat > "$WORK/http.chain" <<CHAIN
fetch "http" {
  urls = { $list }
  concurrency = 4
  timeout = 1
  retries = 1
  retry-delay = 0.05
  max-size = 100000
  max-redirects = 4
  user-agent = "newsflow-test/1"
}
parse "text" { }
format "json" { output = "-" }
CHAIN

expect_status 2 "http chain with failures, -j 1" -- "$NEWSFLOW" -c "$WORK/http.chain" -j 1 --errors "$WORK/errors1.jsonl"
cp "$WORK/out" "$WORK/out1"; cp "$WORK/err" "$WORK/err1"
expect_grep "$WORK/err1" "^read 14, written 5, dropped 0, failed 9$" "tally adds up: 14 = 5 written + 9 failed"
expect_grep "$WORK/err1" "$BASE/status/404: fetch http: $BASE/status/404: HTTP 404 Not Found$" "404 is a failed item with its status"
expect_grep "$WORK/err1" "$BASE/slow/5: timed out after 1 s \(2 attempts\)$" "slow endpoint times out, retried once"
expect_grep "$WORK/err1" "$BASE/big/200000: body larger than max-size \(100000 bytes\)$" "oversize body with Content-Length"
expect_grep "$WORK/err1" "$BASE/big-stream/300000: body larger than max-size \(100000 bytes\)$" "oversize body without Content-Length"
expect_grep "$WORK/err1" "$BASE/gzip-bomb/5000000: body larger than max-size \(100000 bytes\)$" "gzip bomb stopped after decoding max-size"
expect_grep "$WORK/err1" "$BASE/loop: more than 4 redirects$" "redirect loop"
expect_grep "$WORK/err1" "$BASE/redirect/6: more than 4 redirects \(redirected to $BASE/redirect/2\)$" "too long a redirect chain"
expect_grep "$WORK/err1" "ftp://127.0.0.1/file: fetch http: ftp://127.0.0.1/file: only http and https URLs are fetched" "other schemes refused"
expect_grep "$WORK/err1" "$BASE/status/503: HTTP 503 Service Unavailable \(2 attempts\)$" "5xx retried, then failed with its status"

# The same run on two workers, against a server whose flaky endpoint now always succeeds:
# the failures and the written articles must come out identically.
expect_status 2 "http chain with failures, -j 2" -- "$NEWSFLOW" -c "$WORK/http.chain" -j 2 --errors "$WORK/errors2.jsonl"
if cmp -s "$WORK/out1" "$WORK/out"; then pass "output identical for -j 1 and -j 2"; else
  fail "output differs between -j 1 and -j 2"; diff "$WORK/out1" "$WORK/out" | head; fi
if cmp -s "$WORK/errors1.jsonl" "$WORK/errors2.jsonl"; then pass "errors identical for -j 1 and -j 2"; else
  fail "errors differ between -j 1 and -j 2"; diff "$WORK/errors1.jsonl" "$WORK/errors2.jsonl" | head; fi

python3 - "$WORK/out1" "$WORK/errors1.jsonl" "$BASE" <<'PY' && pass "articles and failures as expected, in input order" || fail "articles or failures"
import json, sys
base = sys.argv[3]
arts = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert [a["source"] for a in arts] == [base + p for p in ("/page/1", "/redirect/3", "/flaky/a/1", "/latin1", "/page/2")], [a["source"] for a in arts]
latin1 = arts[3]
assert latin1["title"] == "Café headline" and latin1["text"] == "Crème brûlée à Genève.", latin1
assert latin1["charset"] == "iso-8859-1", latin1["charset"]
first, redirected, flaky = arts[0], arts[1], arts[2]
assert first["title"] == "Page 1 headline", first
assert first["content_type"] == "text/plain; charset=utf-8", first["content_type"]
assert first["url"] == base + "/page/1" and first["status"] == 200, first
assert first["charset"] == "utf-8", first
assert first["last_modified"] == "2015-10-21T07:28:00Z", first["last_modified"]
assert redirected["url"] == base + "/redirect/0", redirected["url"]
assert redirected["title"] == "Page redirected headline"
assert flaky["title"] == "Page flaky a headline", flaky
errors = [json.loads(l) for l in open(sys.argv[2])]
assert len(errors) == 9, errors
indexes = [e["index"] for e in errors]
assert indexes == sorted(indexes) == [2, 4, 5, 6, 7, 9, 10, 11, 12], indexes
for e in errors:
    assert e["source"] in e["message"] or e["stage"] == "parse text", e
    assert e["stage"] in ("fetch http", "parse text"), e
PY
finish
