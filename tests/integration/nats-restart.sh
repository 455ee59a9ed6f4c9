#!/bin/bash
# nats-restart.sh: the server stopped and started again mid-run (same port, same store):
# the workers and the sink reconnect by themselves and no article is lost or doubled.
. "$(dirname "$0")/common.sh"
. "$(dirname "$0")/nats-server.sh"
. "$(dirname "$0")/nats-common.sh"

N=3000
make_articles "$WORK/articles" "$N"
nats_start main
write_chains "$NATS_URL"
expect_status 0 "the producer publishes $N raw items" -- "$NEWSFLOW" -q -c "$WORK/producer.chain"
start_worker 1; start_worker 2
start_sink
wait_for_rows "$WORK/sink.db" 600
nats_restart main
pass "server restarted with $(rows "$WORK/sink.db") articles in the sink"
for w in 1 2; do wait_for_exit "$WORK/worker-$w.pid" "worker $w"; done
wait_for_exit "$WORK/sink.pid" "the sink"
total=$(rows "$WORK/sink.db")
distinct=$(sqlite3 "$WORK/sink.db" 'SELECT count(DISTINCT id) FROM articles')
if [ "$total" = "$N" ] && [ "$distinct" = "$N" ]; then pass "the sink holds exactly $N distinct articles"
else fail "the sink holds $total articles, $distinct distinct, wanted $N"; tail -n 3 "$WORK"/*.err; fi
finish
