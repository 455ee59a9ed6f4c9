#!/bin/bash
# nats-settings.sh: a stream or consumer that exists gets the settings the chain writes
# (max-age, duplicate-window; ack-wait, max-deliver, max-ack-pending), each change said on
# standard error, and keeps those the chain leaves out; what cannot change (storage, a
# stream that does not take the subject) is a clear error.
. "$(dirname "$0")/common.sh"
. "$(dirname "$0")/nats-server.sh"
command -v python3 >/dev/null || { echo "SKIP: python3 reads the server's monitoring endpoint"; exit 77; }

mkdir -p "$WORK/articles"
printf 'Talks resume\n\nOfficials said on Monday that the talks would resume.\n' >"$WORK/articles/1.txt"
MONITOR=$(free_port)
nats_start main -m "$MONITOR"

# jsz WHAT: a stream's or consumer's setting, from the server's monitoring endpoint.
jsz() {
  python3 - "$MONITOR" "$1" <<'PY'
import json, sys, urllib.request
direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))
with direct.open("http://127.0.0.1:%s/jsz?streams=true&consumers=true&config=true" % sys.argv[1], timeout=5) as r:
    data = json.load(r)
streams = [s for a in data.get("account_details", []) for s in a.get("stream_detail", [])]
stream = next(s for s in streams if s["name"] == "TALKS")
consumer = next((c for c in stream.get("consumer_detail", []) if c["name"] == "workers"), {"config": {}})
print({"max-age": stream["config"].get("max_age", 0) // 10**9,
       "duplicate-window": stream["config"].get("duplicate_window", 0) // 10**9,
       "ack-wait": consumer["config"].get("ack_wait", 0) // 10**9,
       "max-deliver": consumer["config"].get("max_deliver", 0)}[sys.argv[2]])
PY
}

# publish [OPTIONS]: the one article to subject talks, with OPTIONS in format "nats".
publish() {
  printf 'fetch "files" { paths = { "%s" } }\nformat "nats" { servers = { "%s" } subject = "talks" %s }\n' \
    "$WORK/articles" "$NATS_URL" "$*" >"$WORK/publish.chain"
  "$NEWSFLOW" -q -c "$WORK/publish.chain" >"$WORK/out" 2>"$WORK/err"
}
# take [OPTIONS]: a worker on consumer "workers" of that stream, with OPTIONS in fetch "nats".
take() {
  printf 'fetch "nats" { servers = { "%s" } subject = "talks" consumer = "workers" idle-exit = 1 stats-interval = 0 %s }\nformat "json" { output = "/dev/null" }\n' \
    "$NATS_URL" "$*" >"$WORK/take.chain"
  "$NEWSFLOW" -q -c "$WORK/take.chain" >"$WORK/out" 2>"$WORK/err"
}

publish; take
if [ "$(jsz max-age)/$(jsz duplicate-window)/$(jsz ack-wait)/$(jsz max-deliver)" = "0/120/30/6" ]; then
  pass "created with the defaults (max-age 0, duplicate-window 120 s, ack-wait 30 s, 5 deliveries + the one that gives up)"
else fail "created with $(jsz max-age)/$(jsz duplicate-window)/$(jsz ack-wait)/$(jsz max-deliver)"; fi

publish max-age = 3600 duplicate-window = 60
expect_grep "$WORK/err" "stream TALKS updated from the chain: max-age 0 -> 3600 s, duplicate-window 120 -> 60 s" \
  "the stream's changed settings are said"
if [ "$(jsz max-age)/$(jsz duplicate-window)" = "3600/60" ]; then pass "the server holds the stream's new settings"
else fail "the stream has max-age $(jsz max-age), duplicate-window $(jsz duplicate-window)"; fi

publish
if ! grep -q updated "$WORK/err" && [ "$(jsz max-age)" = 3600 ]; then pass "a chain without the options leaves the stream as it is"
else fail "a chain without the options changed the stream: $(cat "$WORK/err") max-age $(jsz max-age)"; fi

take ack-wait = 10 max-deliver = 3
expect_grep "$WORK/err" "consumer workers of stream TALKS updated from the chain: ack-wait 30 -> 10 s, max-deliver 5 -> 3" \
  "the consumer's changed settings are said"
if [ "$(jsz ack-wait)/$(jsz max-deliver)" = "10/4" ]; then pass "the server holds the consumer's new settings"
else fail "the consumer has ack-wait $(jsz ack-wait), max-deliver $(jsz max-deliver)"; fi
take ack-wait = 10 max-deliver = 3
if ! grep -q updated "$WORK/err"; then pass "the same settings again change nothing"; else fail "unexpected: $(cat "$WORK/err")"; fi

publish storage = "memory"
expect_grep "$WORK/err" "stream TALKS keeps its messages in files; storage cannot change" "storage cannot change: said"
printf 'fetch "files" { paths = { "%s" } }\nformat "nats" { servers = { "%s" } subject = "other.talks" stream = "TALKS" }\n' \
  "$WORK/articles" "$NATS_URL" >"$WORK/other.chain"
expect_status 1 "a stream that does not take the subject is refused" -- "$NEWSFLOW" -q -c "$WORK/other.chain"
expect_grep "$WORK/err" "other.chain:2: .*stream TALKS exists and does not take subject other.talks \(its subjects: talks\)" \
  "the error names the chain line, the stream and its subjects"
finish
