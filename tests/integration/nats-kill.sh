#!/bin/bash
# nats-kill.sh: 10,000 articles from a producer through three workers into a SQLite sink on
# a real JetStream server, with one worker killed (kill -9) mid-run and the sink killed
# (kill -9) and restarted: the sink holds exactly 10,000 distinct articles, and each equals
# what a single-process run of the same chain writes.
. "$(dirname "$0")/common.sh"
. "$(dirname "$0")/nats-server.sh"
. "$(dirname "$0")/nats-common.sh"

N=10000
make_articles "$WORK/articles" "$N"
nats_start main

# The single-process reference: the worker's stages writing straight to SQLite.
cat >"$WORK/local.chain" <<EOF
fetch "files" { paths = { "$WORK/articles" } }
$WORKER_STAGES
format "sqlite" { output = "$WORK/local.db" }
EOF
expect_status 0 "single-process run of the chain" -- "$NEWSFLOW" -q -j 1 -c "$WORK/local.chain"

write_chains "$NATS_URL"
expect_status 0 "the producer publishes $N raw items" -- "$NEWSFLOW" -q -c "$WORK/producer.chain"

start_worker 1; start_worker 2; start_worker 3
start_sink

# Mid-run: a worker and then the sink die without a chance to say anything.
wait_for_rows "$WORK/sink.db" 800
kill -9 "$(cat "$WORK/worker-2.pid")"
wait "$(cat "$WORK/worker-2.pid")" 2>/dev/null
pass "worker 2 killed (kill -9) with $(rows "$WORK/sink.db") articles in the sink"
wait_for_rows "$WORK/sink.db" 3000
kill -9 "$(cat "$WORK/sink.pid")"
wait "$(cat "$WORK/sink.pid")" 2>/dev/null
pass "sink killed (kill -9) with $(rows "$WORK/sink.db") articles committed"
start_sink

for w in 1 3; do wait_for_exit "$WORK/worker-$w.pid" "worker $w"; done
wait_for_exit "$WORK/sink.pid" "the restarted sink"

total=$(rows "$WORK/sink.db")
distinct=$(sqlite3 "$WORK/sink.db" 'SELECT count(DISTINCT id) FROM articles')
if [ "$total" = "$N" ] && [ "$distinct" = "$N" ]; then pass "the sink holds exactly $N distinct articles"
else fail "the sink holds $total articles, $distinct distinct, wanted $N"; fi
compare_with_local "$WORK/sink.db" "$WORK/local.db"
expect_grep "$WORK/worker-1.err" "redelivered|acknowledged" "workers report their tally"
finish
