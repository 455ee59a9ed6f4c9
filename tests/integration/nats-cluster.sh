#!/bin/bash
# nats-cluster.sh: a three-node JetStream cluster with streams of three replicas; one node
# is killed mid-run.  The clients move to the other two and every article reaches the sink.
. "$(dirname "$0")/common.sh"
. "$(dirname "$0")/nats-server.sh"
. "$(dirname "$0")/nats-common.sh"

N=2000
make_articles "$WORK/articles" "$N"
nats_cluster_start 3
urls="$(nats_url n1),$(nats_url n2),$(nats_url n3)"
PRODUCER_EXTRA="replicas = 3" write_chains "$urls" "replicas = 3"
expect_status 0 "the producer publishes $N raw items to the cluster" -- "$NEWSFLOW" -q -c "$WORK/producer.chain"
start_worker 1; start_worker 2
start_sink
wait_for_rows "$WORK/sink.db" 400
nats_stop n2 KILL
pass "node n2 killed with $(rows "$WORK/sink.db") articles in the sink"
for w in 1 2; do wait_for_exit "$WORK/worker-$w.pid" "worker $w"; done
wait_for_exit "$WORK/sink.pid" "the sink"
total=$(rows "$WORK/sink.db")
distinct=$(sqlite3 "$WORK/sink.db" 'SELECT count(DISTINCT id) FROM articles')
if [ "$total" = "$N" ] && [ "$distinct" = "$N" ]; then pass "the sink holds exactly $N distinct articles"
else fail "the sink holds $total articles, $distinct distinct, wanted $N"; tail -n 3 "$WORK"/*.err; fi
finish
