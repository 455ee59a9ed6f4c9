#!/bin/bash
# nats-poison.sh: an article that kills every worker taking it (kill -9 from inside, the
# test plugin extract "poison") is tried max-deliver times and then given up: its error
# record is on the error subject, next to the record of an article that simply failed, and
# every other article reaches the sink.
. "$(dirname "$0")/common.sh"
. "$(dirname "$0")/nats-server.sh"
. "$(dirname "$0")/nats-common.sh"

make_articles "$WORK/articles" 30
printf 'Poisoned headline\n\nThis one carries the POISON-MARKER.\n' >"$WORK/articles/poison.txt"
printf 'Failing headline\n\nThis one carries the FAIL-MARKER.\n' >"$WORK/articles/failing.txt"
nats_start main
EXTRA_STAGES='extract "poison" { }'
write_chains "$NATS_URL" "max-deliver = 2"
expect_status 0 "the producer publishes 32 raw items" -- "$NEWSFLOW" -q -c "$WORK/producer.chain"

# A supervisor's loop: a worker that dies is started again, until one leaves when idle.
crashes=0 status=
for _ in 1 2 3 4 5 6; do
  NEWSFLOW_PLUGIN_PATH="$TESTS_PLUGINS" "$NEWSFLOW" -j 1 --errors "$WORK/errors-$crashes.jsonl" \
    -c "$WORK/worker.chain" >/dev/null 2>>"$WORK/worker.err"
  status=$?
  [ "$status" = 137 ] || break
  crashes=$((crashes + 1))
done
if [ "$crashes" = 2 ]; then pass "the poison article killed a worker max-deliver (2) times"
else fail "the poison article killed $crashes workers, wanted 2"; tail -n 5 "$WORK/worker.err"; fi
if [ "$status" = 2 ]; then pass "the last worker left when idle, reporting failed articles (exit 2)"
else fail "the last worker: exit $status, wanted 2"; tail -n 5 "$WORK/worker.err"; fi
expect_grep "$WORK/errors-2.jsonl" '"stage":"fetch nats".*given up after 2 deliveries' \
  "the worker's own --errors file names the given-up article"

cat >"$WORK/audit.chain" <<EOF
fetch "nats" { servers = { "$NATS_URL" }  subject = "newsflow.errors"  consumer = "audit"
               error-subject = "audit.errors"  idle-exit = 2  stats-interval = 0 }
parse "json" { text-field = { "message" }  url-field = { "source" } }
format "json" { output = "$WORK/records.jsonl"  fields = { "url", "stage", "text", "deliveries" } }
EOF
expect_status 0 "the error records are read back" -- "$NEWSFLOW" -q -c "$WORK/audit.chain"
expect_grep "$WORK/records.jsonl" '"url":"[^"]*/poison.txt","stage":"fetch nats","text":"given up after 2 deliveries[^"]*","deliveries":3' \
  "the poison article's record is on the error subject"
expect_grep "$WORK/records.jsonl" '"url":"[^"]*/failing.txt","stage":"extract poison","text":"fails by design"' \
  "the failed article's record is on the error subject"
if [ "$(wc -l <"$WORK/records.jsonl")" = 2 ]; then pass "two error records, no more"
else fail "$(wc -l <"$WORK/records.jsonl") error records, wanted 2"; cat "$WORK/records.jsonl"; fi

IDLE_EXIT=3 write_chains "$NATS_URL"
expect_status 0 "the sink takes what the workers finished" -- "$NEWSFLOW" -q -c "$WORK/sink.chain"
total=$(rows "$WORK/sink.db")
if [ "$total" = 30 ]; then pass "the other 30 articles are in the sink"; else fail "the sink holds $total articles, wanted 30"; fi
finish
