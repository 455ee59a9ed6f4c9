#!/bin/bash
# nats-linger.sh: format "nats" gathers messages into bursts (linger-ms), and a commit sends
# what waits: with a linger far longer than the run, every article is still stored by the
# end of each commit, and the run does not wait for the linger to pass.  linger-ms = 0
# sends each message at once; a value out of range is a chain error naming the option.
. "$(dirname "$0")/common.sh"
. "$(dirname "$0")/nats-server.sh"

N=40
mkdir -p "$WORK/articles"
for i in $(seq "$N"); do
  printf 'Round %d of the talks\n\nOfficials said on Monday that round %d of the talks would resume.\n' "$i" "$i" \
    >"$WORK/articles/$i.txt"
done
nats_start main

# producer SUBJECT LINGER [ARGS...]: publishes the collection to SUBJECT.
producer() {
  local subject=$1 linger=$2; shift 2
  printf 'fetch "files" { paths = { "%s" } }\nparse "text" { }\nformat "nats" { servers = { "%s" } subject = "%s" linger-ms = %s }\n' \
    "$WORK/articles" "$NATS_URL" "$subject" "$linger" >"$WORK/producer.chain"
  expect_status 0 "publishing $N articles to $subject with linger-ms = $linger $*" -- \
    "$NEWSFLOW" -c "$WORK/producer.chain" "$@"
  expect_grep "$WORK/err" "written $N, dropped 0, failed 0" "all $N tallied as written (linger-ms = $linger $*)"
}

# stored SUBJECT: how many articles the stream of SUBJECT holds (read back by a sink).
stored() {
  printf 'fetch "nats" { servers = { "%s" } subject = "%s" consumer = "check" idle-exit = 1 stats-interval = 0 }\nformat "json" { output = "%s" }\n' \
    "$NATS_URL" "$1" "$WORK/$1.jsonl" >"$WORK/sink.chain"
  "$NEWSFLOW" -q -c "$WORK/sink.chain" 2>>"$WORK/sink.err"
  sort -u "$WORK/$1.jsonl" | wc -l
}

# A linger of a minute: commits every 7 articles and at the end send what waits.
start=$SECONDS
producer long.linger 60000 --commit-every 7
if [ $((SECONDS - start)) -lt 30 ]; then pass "the run did not wait for the linger"; else
  fail "the run took $((SECONDS - start)) s: it waited for the linger"; fi
got=$(stored long.linger)
if [ "$got" = "$N" ]; then pass "the stream holds all $N articles"; else fail "the stream holds $got of $N articles"; fi

# No linger: each message at once.
producer no.linger 0
got=$(stored no.linger)
if [ "$got" = "$N" ]; then pass "linger-ms = 0: the stream holds all $N articles"; else
  fail "linger-ms = 0: the stream holds $got of $N articles"; fi

printf 'fetch "files" { paths = { "%s" } }\nformat "nats" { servers = { "%s" } linger-ms = -1 }\n' \
  "$WORK/articles" "$NATS_URL" >"$WORK/bad.chain"
expect_status 1 "a negative linger-ms is refused" -- "$NEWSFLOW" -c "$WORK/bad.chain"
expect_grep "$WORK/err" "bad.chain:2: .*linger-ms \(-1\) must be between 0 and 60000" "the error names the chain line and the option"
finish
