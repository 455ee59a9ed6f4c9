# nats-common.sh: sourced by the NATS tests after nats-server.sh: a generated collection,
# the producer/worker/sink chains of docs/scale-out.md pointed at the test's servers,
# background workers and sink, and the comparison of a sink with a single-process run.
command -v sqlite3 >/dev/null || { echo "SKIP: sqlite3 is needed to read the sink"; exit 77; }

# What every worker runs between fetch and format (and the single-process reference too).
WORKER_STAGES='parse "text" { }
extract "stats" { }
extract "keywords" { }'
# Short enough that a killed worker's messages come back within the test; workers idle
# longer than that before they leave, so someone is there to take them.
ACK_WAIT=3
IDLE_EXIT=7

# make_articles DIR N: N small plain-text articles (headline, two paragraphs), all different.
make_articles() {
  mkdir -p "$1"
  awk -v dir="$1" -v n="$2" 'BEGIN {
    split("Kyiv Vilnius Auckland Lagos Lima Oslo Hanoi Quito Accra Riga", city, " ")
    split("grain harbour election festival budget bridge vaccine drought rail court", topic, " ")
    for (i = 1; i <= n; i++) {
      f = sprintf("%s/%05d.txt", dir, i)
      c = city[i % 10 + 1]; t = topic[int(i / 10) % 10 + 1]
      printf "%s %s talks resume, round %d\n\n", c, t, i > f
      printf "Officials in %s said on Monday that the %s talks, number %d, would resume next week after a pause.\n\n", c, t, i > f
      printf "Critics of the %s plan in %s asked for a review of item %d before any vote.\n", t, c, i * 7 > f
      close(f)
    }
  }'
}

# write_chains URLS [FETCH-EXTRA]: producer, worker and sink chains for the servers URLS
# (a chain string, commas between several).
write_chains() {
  local servers="servers = { \"$1\" }" extra=${2:-}
  cat >"$WORK/producer.chain" <<EOF
fetch "files" { paths = { "$WORK/articles" } }
format "nats" { $servers  subject = "newsflow.raw"  payload = "raw"  ${PRODUCER_EXTRA:-} }
EOF
  cat >"$WORK/worker.chain" <<EOF
fetch "nats" { $servers  subject = "newsflow.raw"  consumer = "workers"  batch = 50
               ack-wait = $ACK_WAIT  idle-exit = $IDLE_EXIT  stats-interval = 2  $extra }
$WORKER_STAGES
${EXTRA_STAGES:-}
format "nats" { $servers  subject = "newsflow.articles"  ${PRODUCER_EXTRA:-} }
EOF
  cat >"$WORK/sink.chain" <<EOF
fetch "nats" { $servers  subject = "newsflow.articles"  consumer = "sink"  batch = 200
               ack-wait = $ACK_WAIT  idle-exit = $IDLE_EXIT  stats-interval = 2  $extra }
format "sqlite" { output = "$WORK/sink.db"  mode = "append" }
EOF
}

# start_worker N / start_sink: in the background, pid in $WORK/NAME.pid, stderr in NAME.err.
start_worker() {
  NEWSFLOW_PLUGIN_PATH="$TESTS_PLUGINS" "$NEWSFLOW" -j 1 -c "$WORK/worker.chain" \
    >"$WORK/worker-$1.out" 2>>"$WORK/worker-$1.err" &
  echo $! >"$WORK/worker-$1.pid"
}
start_sink() {
  "$NEWSFLOW" -c "$WORK/sink.chain" >"$WORK/sink.out" 2>>"$WORK/sink.err" &
  echo $! >"$WORK/sink.pid"
}

rows() { sqlite3 -cmd '.timeout 5000' "$1" 'SELECT count(*) FROM articles' 2>/dev/null || echo 0; }

# wait_for_rows DB N: until the sink committed N articles (at most three minutes: a CI
# machine running other tests beside this one is slow).
wait_for_rows() {
  for _ in $(seq 1800); do
    [ "$(rows "$1")" -ge "$2" ] && return 0
    sleep 0.1
  done
  fail "the sink never reached $2 articles (it has $(rows "$1"))"
  tail -n 3 "$WORK"/*.err
  finish
}

# wait_for_exit PIDFILE WHAT: waits for a background run (at most three minutes), which
# must leave with status 0 (idle-exit).
wait_for_exit() {
  local pid; pid=$(cat "$1")
  for _ in $(seq 1800); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid"; fail "$2 did not leave after idle-exit"; return; fi
  wait "$pid"; local status=$?
  if [ "$status" = 0 ]; then pass "$2 left when idle (exit 0)"; else fail "$2: exit $status"; fi
}

# compare_with_local SINK LOCAL: every article (and its keywords) of the sink equals the
# single-process run's.
compare_with_local() {
  local query='SELECT id, source, title, authors, published, language, summary, text, fields FROM articles ORDER BY id;
               SELECT article_id, rank, keyword, score FROM keywords ORDER BY article_id, rank;'
  sqlite3 "$1" "$query" >"$WORK/sink.dump"
  sqlite3 "$2" "$query" >"$WORK/local.dump"
  if cmp -s "$WORK/sink.dump" "$WORK/local.dump"; then
    pass "each article in the sink equals the single-process run's ($(wc -l <"$WORK/local.dump") rows compared)"
  else
    fail "the sink differs from the single-process run"; diff "$WORK/local.dump" "$WORK/sink.dump" | head -10
  fi
}
