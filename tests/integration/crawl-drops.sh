#!/bin/bash
# Crawl-friendly accounting: with non-2xx = "drop" on warc, http and feed, responses outside
# 2xx are dropped articles, counted by reason in the tally ("dropped 4 (http 404: 3, http 410:
# 1)"), and the run exits 0; without it they stay failed items (exit 2).
. "$(dirname "$0")/common.sh"
. "$(dirname "$0")/http-server.sh"
python3 "$SOURCE/tests/data/make-warc.py" fixtures "$WORK" || { fail "fixtures"; finish; }

# A WARC crawl with 404s and a 410.
printf 'fetch "warc" { non-2xx = "drop" }\nparse "text" { }\nformat "json" { }\n' > "$WORK/warc-drop.chain"
expect_status 0 "a crawl with 404s exits 0" -- "$NEWSFLOW" -c "$WORK/warc-drop.chain" -j 2 "$WORK/crawl.warc.gz"
expect_grep "$WORK/err" "^read 10, written 6, dropped 4 \(http 404: 3, http 410: 1\), failed 0$" "drops counted by reason"
[ "$(grep -c '^{' "$WORK/out")" = 6 ] && pass "6 pages written" || fail "$(grep -c '^{' "$WORK/out") pages written"
printf 'fetch "warc" { }\nparse "text" { }\nformat "json" { }\n' > "$WORK/warc-fail.chain"
expect_status 2 "by default a 404 is a failure" -- "$NEWSFLOW" -c "$WORK/warc-fail.chain" -j 2 "$WORK/crawl.warc.gz"
expect_grep "$WORK/err" "^read 10, written 6, dropped 0, failed 4$" "the default counts them failed"

# HTTP: dead URLs dropped, a connection that fails stays a failure.
printf 'fetch "http" { non-2xx = "drop" retries = 0 }\nparse "text" { }\nformat "json" { }\n' > "$WORK/http-drop.chain"
expect_status 0 "http 404 and 410 dropped" -- "$NEWSFLOW" -c "$WORK/http-drop.chain" "$BASE/page/1" "$BASE/status/404" "$BASE/status/410" "$BASE/status/404"
expect_grep "$WORK/err" "^read 4, written 1, dropped 3 \(http 404: 2, http 410: 1\), failed 0$" "http drops counted by reason"
expect_status 2 "a refused connection still fails" -- "$NEWSFLOW" -c "$WORK/http-drop.chain" "http://127.0.0.1:1/nothing"
expect_grep "$WORK/err" "failed 1$" "connection failure counted failed"

# A feed whose items link to dead pages.
printf 'fetch "feed" { follow = true allow-private = true non-2xx = "drop" retries = 0 }\nparse "text" { }\nformat "json" { }\n' > "$WORK/feed-drop.chain"
"$NEWSFLOW" -c "$WORK/feed-drop.chain" "$BASE/files/follow.rss" >"$WORK/out" 2>"$WORK/err"
expect_grep "$WORK/err" "dropped 1 \(http 404: 1\)" "a dead item link dropped with its reason"
finish
