#!/bin/bash
# fetch "feed" with follow = true: each item's link is fetched through the HTTP client and
# parsed by the chain's parser; the feed's fields stay as metadata; items without a link and
# links that fail are failed items in their place; the order holds for -j 1 and -j 2.
. "$(dirname "$0")/common.sh"
. "$(dirname "$0")/http-server.sh"

cat > "$WORK/follow.chain" <<CHAIN
fetch "feed" { sources = { "$BASE/files/follow.rss" } follow = true allow-private = true concurrency = 3 retries = 0 }
parse "text" { }
format "json" { output = "-" }
CHAIN
expect_status 2 "follow links, -j 1" -- "$NEWSFLOW" -c "$WORK/follow.chain" -j 1 --errors "$WORK/errors.jsonl"
cp "$WORK/out" "$WORK/out1"
expect_grep "$WORK/err" "^read 6, written 3, dropped 0, failed 3$" "tally adds up: 6 items"
expect_grep "$WORK/err" "follow.rss#item-2: fetch feed: item 2 has no link to follow$" "item without a link"
expect_grep "$WORK/err" "$BASE/status/404: fetch feed: $BASE/status/404: HTTP 404 Not Found$" "followed link not found"
expect_status 2 "follow links, -j 2" -- "$NEWSFLOW" -c "$WORK/follow.chain" -j 2
if cmp -s "$WORK/out1" "$WORK/out"; then pass "output identical for -j 1 and -j 2"; else fail "output differs for -j 2"; fi

python3 - "$WORK/out1" "$WORK/errors.jsonl" "$BASE" <<'PY' && pass "followed pages parsed, feed fields kept" || fail "followed articles"
import json, sys
base = sys.argv[3]
arts = [json.loads(l) for l in open(sys.argv[1])]
assert [a["source"] for a in arts] == [base + "/page/1", base + "/redirect/2", base + "/delay/300/2"], arts
first = arts[0]
assert first["title"] == "Page 1 headline" and first["item_title"] == "First linked", first
assert first["content_type"] == "text/plain; charset=utf-8" and first["status"] == 200, first
assert first["published"] == "2026-11-25T10:00:00Z" and first["item_authors"] == ["Ann Author"], first
assert first["feed_title"] == "Followed Feed" and first["guid"] == "g1" and first["summary"] == "Summary one.", first
assert first["id"] == "g1"
assert arts[1]["url"] == base + "/redirect/0" and arts[1]["link"] == base + "/redirect/2", arts[1]
assert arts[2]["title"] == "Page 2 headline"
errors = [json.loads(l) for l in open(sys.argv[2])]
assert [e["index"] for e in errors] == [1, 2, 5], errors
PY
# Without allow-private, links to loopback are refused on the address connected to: the feed
# itself (named by the operator) is read from 127.0.0.1, its links to 127.0.0.1 fail, and
# the connection the feed came over is not reused for them. "localhost" resolves to loopback
# too, and a redirect from it to 127.0.0.1 is refused likewise.
cat > "$WORK/private.chain" <<CHAIN
fetch "feed" { sources = { "$BASE/files/follow.rss" } follow = true concurrency = 1 retries = 0 }
parse "text" { }
format "json" { output = "-" }
CHAIN
expect_status 2 "follow without allow-private" -- "$NEWSFLOW" -c "$WORK/private.chain" -j 1
expect_grep "$WORK/err" "^read 6, written 0, dropped 0, failed 6$" "no loopback page fetched"
expect_grep "$WORK/err" "$BASE/page/1: fetch feed: $BASE/page/1: refused to connect to 127.0.0.1, a loopback address \\(allow-private = true allows it\\)$" \
  "the refusal names the address and the option"
[ -s "$WORK/out" ] && fail "articles written from loopback links" || pass "nothing written"
localhost_base=$(printf '%s' "$BASE" | sed 's/127\.0\.0\.1/localhost/')
printf '<rss version="2.0"><channel><title>L</title><item><title>a</title><link>%s/redirect/1</link></item></channel></rss>\n' \
  "$localhost_base" > "$WORK/local.rss"
cat > "$WORK/local.chain" <<CHAIN
fetch "feed" { sources = { "$WORK/local.rss" } follow = true retries = 0 }
parse "text" { }
format "json" { output = "-" }
CHAIN
expect_status 2 "a link by name to loopback" -- "$NEWSFLOW" -c "$WORK/local.chain"
expect_grep "$WORK/err" "refused to connect to (127\.0\.0\.1|::1), a loopback address" "checked on the resolved address"
finish
