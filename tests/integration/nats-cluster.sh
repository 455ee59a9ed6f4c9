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
# A client whose commit fails while the cluster moves a stream's leader stops (a failed
# commit stops a run, by design: docs/scale-out.md); a supervisor restarts it, and what it
# had not acknowledged is delivered again.  The test plays the supervisor, once.
supervise() { # PIDFILE WHAT RESTART-COMMAND...
  local pidfile=$1 what=$2 pid status; shift 2
  pid=$(cat "$pidfile")
  for _ in $(seq 1800); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid"; fail "$what did not leave after idle-exit"; return; fi
  wait "$pid"; status=$?
  if [ "$status" = 0 ]; then pass "$what left when idle (exit 0)"; return; fi
  pass "$what stopped (exit $status) while the cluster recovered; restarted as a supervisor would"
  "$@"
  wait_for_exit "$pidfile" "$what, restarted"
}
for w in 1 2; do supervise "$WORK/worker-$w.pid" "worker $w" start_worker "$w"; done
supervise "$WORK/sink.pid" "the sink" start_sink
# A worker restarted late may publish after the sink went idle: the sink then runs once more.
if [ "$(rows "$WORK/sink.db")" -lt "$N" ]; then
  start_sink; wait_for_exit "$WORK/sink.pid" "the sink, run again for late articles"
fi
total=$(rows "$WORK/sink.db")
distinct=$(sqlite3 "$WORK/sink.db" 'SELECT count(DISTINCT id) FROM articles')
if [ "$total" = "$N" ] && [ "$distinct" = "$N" ]; then pass "the sink holds exactly $N distinct articles"
else fail "the sink holds $total articles, $distinct distinct, wanted $N"; tail -n 3 "$WORK"/*.err; fi
finish
