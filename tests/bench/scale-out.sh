#!/usr/bin/env bash
# scale-out.sh: articles per second of the scaled-out topology (docs/scale-out.md) with one
# and with two workers, against a local single-process run of the same chain, and the
# broker's cost per article.  Run by hand; it is not part of `make check`.
#
#   tests/bench/scale-out.sh [--count N] [--binary PATH] [--keep] [--stages light|default|both]
#                            [--server-procs P] [--storage file|memory] [--callgrind]
#
# Starts a real `nats-server -js` on a free loopback port (store in a temporary directory,
# file storage: the durable default), generates N small plain-text articles, and times, for
# each set of stages (--stages both, the default, runs light then default):
#   local      files -> parse "text" -> the stages -> format "json" (-j 1); the stages are
#              extract "stats", "keywords" (light) or every extractor of the default chain
#              (default: the work one scales out for)
#   1 worker   fetch "nats" -> the same stages -> format "nats", one process at -j 1
#   2 workers  the same, two processes at -j 1 each, sharing one consumer
# Each worker run starts on a stream the producer filled beforehand and ends when the
# server holds N finished articles (asked from its monitoring endpoint, /jsz).  "Steady"
# rates count from the moment the server holds a fifth of the finished articles to the end,
# leaving out start-up (loading word lists, connecting), which a long-running worker pays
# once; for the local run, the time of a one-article run is taken off instead.  The broker's
# cost per article is the 1-worker steady time an article less the local one: taking each
# item from the server, publishing the article and waiting for the acknowledgements.
#
# CPU an article is read from /proc over the same stretch: of nats-server, of the worker
# processes (every thread), and of each worker's busiest thread (the pipeline stage that sets
# its pace: nf-worker, the extractors, with the default stages).  Two workers cannot finish
# an article faster than their CPU an article (workers W2 + server S2, measured in the
# 2-worker run: batching makes it lower than one worker's) spread over every core, so
#     speedup of 2 workers <= 1-worker steady time * cores / (W2 + S2),
# and on an idle machine, where one worker goes at the pace of its busiest thread C1 or of
# the cores if it and the server fill them (W1 + S1),
#     ~ max(C1, (W1 + S1) / cores) * cores / (W2 + S2)   (an estimate: CPU is elastic).
# The same share for the local run (its busiest thread's part of its CPU, whole run) estimates
# two local runs against one, with no broker at all.
# --server-procs P runs nats-server with GOMAXPROCS=P (Go's default: every core); with the
# broker on the workers' own two cores, 1 spares the Go scheduler's spinning.
# --storage memory creates the streams in memory (not durable: a comparison, not the
# figure that counts).
#
# --callgrind then runs one more worker under valgrind's callgrind (on a stream of its own)
# and prints the instructions an article of fetch "nats", format "nats" and the whole
# worker: unlike seconds, they do not move with the other load of a shared machine.
set -u -o pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
srcdir=$(cd "$here/../.." && pwd)
count=10000 keep= which=both callgrind= server_procs= storage=file
binary=${NEWSFLOW:-}
while [ $# -gt 0 ]; do
  case "$1" in
    --count) count=$2; shift 2 ;;
    --binary) binary=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    --stages) which=$2; shift 2 ;;
    --server-procs) server_procs=$2; shift 2 ;;
    --storage) storage=$2; shift 2 ;;
    --callgrind) callgrind=1; shift ;;
    *) echo "usage: $0 [--count N] [--binary PATH] [--keep] [--stages light|default|both] [--server-procs P] [--storage file|memory] [--callgrind]" >&2; exit 1 ;;
  esac
done
if [ -z "$binary" ]; then
  for candidate in ./newsflow "$srcdir/build/newsflow"; do
    [ -x "$candidate" ] && { binary=$candidate; break; }
  done
fi
[ -x "$binary" ] || { echo "$0: no newsflow binary (use --binary)" >&2; exit 1; }
for tool in nats-server bc; do
  command -v "$tool" >/dev/null || { echo "$0: $tool is needed" >&2; exit 1; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/newsflow-scale-XXXXXX")
server=
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null; [ -n "$keep" ] || rm -rf "$work"; }
trap cleanup EXIT
now() { local t=${EPOCHREALTIME:-$(date +%s.%N)}; printf '%s\n' "${t/,/.}"; }

port() { echo $((20000 + RANDOM % 40000)); }
client=$(port) monitor=$(port)
${server_procs:+env GOMAXPROCS=$server_procs} nats-server -a 127.0.0.1 -p "$client" -m "$monitor" -js -sd "$work/store" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 100); do grep -q "Server is ready" "$work/server.log" && break; sleep 0.1; done
url="nats://127.0.0.1:$client"

mkdir -p "$work/articles"
awk -v dir="$work/articles" -v n="$count" 'BEGIN {
  split("Kyiv Vilnius Auckland Lagos Lima Oslo Hanoi Quito Accra Riga", city, " ")
  for (i = 1; i <= n; i++) {
    f = sprintf("%s/%06d.txt", dir, i); c = city[i % 10 + 1]
    printf "%s budget talks resume, round %d\n\n", c, i > f
    for (p = 0; p < 6; p++)
      printf "Officials in %s said on Monday that talks number %d would resume next week after a pause of %d days, and critics asked for a review.\n\n", c, i, p > f
    close(f)
  }
}'

case $which in
  light | default) sets=$which ;;
  both) sets="light default" ;;
  *) echo "$0: --stages is light, default or both" >&2; exit 1 ;;
esac
stages_of() {
  case $1 in
    light) printf '%s\n' 'parse "text" { }' 'extract "stats" { }' 'extract "keywords" { }' ;;
    default) printf '%s\n' 'parse "text" { }' 'extract "stats" { }' 'extract "language" { }' \
      'extract "entities" { }' 'extract "quotes" { }' 'extract "keywords" { }' 'extract "summary" { }' \
      'extract "dates" { }' ;;
  esac
}
mkdir -p "$work/one"
cp "$work/articles/000001.txt" "$work/one/"

# timed FILE COMMAND...: runs COMMAND, keeping the CPU time it used in FILE (`times` in a
# subshell of its own reports that subshell's children: the command alone).
timed() { local file=$1; shift; ( "$@"; status=$?; times >"$file"; exit $status ); }
# cpu_of FILE...: CPU seconds (user + system) of the commands timed into FILEs, together.
cpu_of() {
  awk 'FNR == 2 { for (i = 1; i <= 2; i++) { split($i, t, /[ms]/); n += t[1] * 60 + t[2] } } END { print n }' "$@"
}
hz=$(getconf CLK_TCK)
server_cpu() { awk -v hz="$hz" '{ print ($14 + $15) / hz }' "/proc/$server/stat"; }
# threads_cpu PID...: CPU seconds of the processes' threads together, and of each process's
# busiest thread (summed over the processes): the pipeline stage that sets a process's pace,
# its extracting thread (nf-worker) with the default stages.  One awk over /proc, cheap
# enough not to delay the polling.
threads_cpu() {
  local pid
  for pid in "$@"; do
    awk -v hz="$hz" '{ sub(/.*\) /, ""); ticks = $12 + $13; all += ticks; if (ticks > top) top = ticks }
      END { printf "%d %d\n", all, top }' /proc/"$pid"/task/*/stat 2>/dev/null
  done | awk -v hz="$hz" '{ all += $1; top += $2 } END { printf "%.2f %.2f\n", all / hz, top / hz }'
}

# workers_below PID...: the newsflow processes among the descendants of PIDs (the timed
# subshells; libtool's wrapper execs the program).
workers_below() {
  local pid child
  for pid in "$@"; do
    for child in $(pgrep -P "$pid"); do
      case $(cat "/proc/$child/comm" 2>/dev/null) in
        newsflow | lt-newsflow) echo "$child" ;;
        *) workers_below "$child" ;;
      esac
    done
  done
}

# Messages in stream $1, asked from the server's monitoring endpoint (/jsz) with bash alone:
# it is asked every 20 ms while the workers run, and a curl and a jq process each time took
# a fifth of a core from them.
stream_messages() {
  local reply= line
  exec 3<>"/dev/tcp/127.0.0.1/$monitor" || { echo 0; return; }
  printf 'GET /jsz?streams=true HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
  while IFS= read -r line <&3; do reply+=$line; done
  exec 3<&-
  # The reply is indented JSON: the first "messages" after the stream's name is its count.
  [[ $reply == *\"$1\"* ]] || { echo 0; return; }
  reply=${reply#*\"$1\"}
  [[ $reply =~ \"messages\":[[:space:]]*([0-9]+) ]] && echo "${BASH_REMATCH[1]}" || echo 0
}

# run_workers SET K: K workers on a stream of their own, filled first.  Sets workers_s (wall
# time), and the CPU an article of the server, the workers and their extracting threads
# between a fifth of the articles done and all of them (start-up left out).
run_workers() {
  local set=$1 k=$2 raw="bench-$1-$2.raw" out="bench-$1-$2.articles" pids= real_pids= pid
  printf 'fetch "files" { paths = { "%s" } }\nformat "nats" { servers = { "%s" } subject = "%s" payload = "raw" storage = "%s" }\n' \
    "$work/articles" "$url" "$raw" "$storage" >"$work/producer-$set-$k.chain"
  start=$(now)
  "$binary" -q -c "$work/producer-$set-$k.chain" || { echo "$0: the producer failed" >&2; exit 1; }
  produce_s=$(echo "$(now) - $start" | bc -l)
  cat >"$work/worker-$set-$k.chain" <<EOF
fetch "nats" { servers = { "$url" } subject = "$raw" consumer = "workers" stats-interval = 0 idle-exit = 2 }
$stages
format "nats" { servers = { "$url" } subject = "$out" storage = "$storage" }
EOF
  start=$(now)
  for i in $(seq "$k"); do timed "$work/worker-$set-$k-$i.times" "$binary" -q -j 1 -c "$work/worker-$set-$k.chain" & pids="$pids $!"; done
  local stream; stream=$(echo "$out" | tr 'a-z.' 'A-Z_')
  local done0 server0 workers0 extracting0 done1
  until real_pids=$(workers_below $pids); [ "$(echo $real_pids | wc -w)" -ge "$k" ]; do sleep 0.02; done
  until done0=$(stream_messages "$stream"); [ "$done0" -ge $((count / 5)) ]; do sleep 0.01; done
  local time0; time0=$(now)
  server0=$(server_cpu)
  read -r workers0 extracting0 < <(threads_cpu $real_pids)
  until done1=$(stream_messages "$stream"); [ "$done1" -ge "$count" ]; do sleep 0.01; done
  local time1; time1=$(now)
  workers_s=$(echo "$time1 - $start" | bc -l)
  local per=$((done1 - done0)) workers1 extracting1
  server_us=$(echo "($(server_cpu) - $server0) * 1000000 / $per" | bc -l)
  read -r workers1 extracting1 < <(threads_cpu $real_pids)
  workers_us=$(echo "($workers1 - $workers0) * 1000000 / $per" | bc -l)
  extracting_us=$(echo "($extracting1 - $extracting0) * 1000000 / $per" | bc -l)
  steady_us=$(echo "($time1 - $time0) * 1000000 / $per" | bc -l)
  wait $pids
}

rate() { printf '%.0f' "$(echo "$count / $1" | bc -l)"; }
for set in $sets; do
  stages=$(stages_of "$set")
  # The local run, and one of a single article: its CPU is start-up, left out of the
  # local CPU an article as the workers' is.
  printf 'fetch "files" { paths = { "%s" } }\n%s\nformat "json" { output = "-" }\n' "$work/articles" "$stages" >"$work/local-$set.chain"
  printf 'fetch "files" { paths = { "%s" } }\n%s\nformat "json" { output = "-" }\n' "$work/one" "$stages" >"$work/one-$set.chain"
  start=$(now)
  timed "$work/one-$set.times" "$binary" -q -j 1 -c "$work/one-$set.chain" >/dev/null || { echo "$0: the local run failed" >&2; exit 1; }
  one_article_s=$(echo "$(now) - $start" | bc -l)
  start=$(now)
  timed "$work/local-$set.times" "$binary" -q -j 1 -c "$work/local-$set.chain" >/dev/null &
  local_job=$!
  # Its threads, read every tenth of a second until it ends: the last reading gives the
  # share of its CPU that its busiest thread took.
  local_pid= local_threads="0 0"
  while kill -0 "$local_job" 2>/dev/null; do
    [ -n "$local_pid" ] || local_pid=$(workers_below "$local_job")
    [ -n "$local_pid" ] && reading=$(threads_cpu $local_pid) && [ -n "$reading" ] && local_threads=$reading
    sleep 0.1
  done
  wait "$local_job" || { echo "$0: the local run failed" >&2; exit 1; }
  local_s=$(echo "$(now) - $start" | bc -l)
  local_us=$(echo "($(cpu_of "$work/local-$set.times") - $(cpu_of "$work/one-$set.times")) * 1000000 / ($count - 1)" | bc -l)
  local_steady_us=$(echo "($local_s - $one_article_s) * 1000000 / ($count - 1)" | bc -l)

  run_workers "$set" 1; one_s=$workers_s produce1_s=$produce_s one_steady=$steady_us
  one_server=$server_us one_workers=$workers_us one_extracting=$extracting_us
  run_workers "$set" 2; two_s=$workers_s two_steady=$steady_us

  printf '== stages %s: %s\n' "$set" "$(echo $(sed -n 's/^[a-z]* "\([a-z]*\)".*/\1/p' <<<"$stages"))"
  printf 'articles: %d (plain text, ~%d bytes), every process at -j 1, nats-server GOMAXPROCS=%s, %s storage\n' \
    "$count" "$(($(cat "$work/articles/000001.txt" | wc -c)))" "${server_procs:-default}" "$storage"
  printf '%-30s %7.2f s %6s articles/s; steady %6.0f/s\n' "local (files -> json)" "$local_s" "$(rate "$local_s")" \
    "$(echo "1000000 / $local_steady_us" | bc -l)"
  printf '%-30s %7.2f s %6s articles/s\n' "producer (files -> nats raw)" "$produce1_s" "$(rate "$produce1_s")"
  printf '%-30s %7.2f s %6s articles/s; steady %6.0f/s\n' "1 worker (nats -> nats)" "$one_s" "$(rate "$one_s")" \
    "$(echo "1000000 / $one_steady" | bc -l)"
  printf '%-30s %7.2f s %6s articles/s; steady %6.0f/s  (%.2fx one worker; steady %.2fx)\n' "2 workers (nats -> nats)" \
    "$two_s" "$(rate "$two_s")" "$(echo "1000000 / $two_steady" | bc -l)" "$(echo "$one_s / $two_s" | bc -l)" \
    "$(echo "$one_steady / $two_steady" | bc -l)"
  printf 'broker cost (steady): %.0f us an article, %.0f%% of the local run'"'"'s time per article\n' \
    "$(echo "$one_steady - $local_steady_us" | bc -l)" "$(echo "($one_steady - $local_steady_us) * 100 / $local_steady_us" | bc -l)"
  printf 'CPU an article: local run %.0f us; 1 worker %.0f us (busiest thread %.0f) + nats-server %.0f us; 2 workers %.0f us (busiest threads %.0f) + nats-server %.0f us\n' \
    "$local_us" "$one_workers" "$one_extracting" "$one_server" "$workers_us" "$extracting_us" "$server_us"
  cores=$(nproc)
  read -r local_all local_top <<<"$local_threads"
  [ "$(echo "$local_all > 0" | bc)" = 1 ] && printf 'without a broker: one local run'"'"'s busiest thread took %.0f%% of its CPU, so two local runs ~%.2fx one on an idle machine (estimate)\n' \
    "$(echo "$local_top * 100 / $local_all" | bc -l)" "$(echo "$local_top * $cores / $local_all" | bc -l)"
  # Two workers need W2 + S2 of CPU an article (their own figures: batching makes them lower
  # than one worker's), at best spread over every core.  One worker on an idle machine goes
  # at the pace of its busiest thread, or of the cores if it and the server fill them.
  two_cpu=$(echo "$workers_us + $server_us" | bc -l)
  if [ "$(echo "$two_cpu > 0 && $one_extracting > 0" | bc)" = 1 ]; then
    one_idle=$(echo "m = ($one_workers + $one_server) / $cores; if ($one_extracting > m) m = $one_extracting; m" | bc -l)
    printf 'bound on %d cores: 2 workers <= %.2fx one worker (1-worker steady time x %d / (W2 + S2)); on an idle machine ~%.2fx (max(busiest thread, (W1 + S1) / %d) x %d / (W2 + S2))\n' \
      "$cores" "$(echo "$one_steady * $cores / $two_cpu" | bc -l)" "$cores" \
      "$(echo "$one_idle * $cores / $two_cpu" | bc -l)" "$cores" "$cores"
  else
    echo "bound: the stretch measured was too short for /proc's clock ticks; raise --count"
  fi
done
uptime | sed 's/^/machine: /'

# One worker under callgrind: instructions an article of the nats stages and of the whole
# process (libtool's wrapper resolved to the real binary, as stage-instructions.sh does).
if [ -n "$callgrind" ]; then
  command -v valgrind >/dev/null && command -v callgrind_annotate >/dev/null \
    || { echo "$0: --callgrind needs valgrind" >&2; exit 1; }
  dir=$(cd "$(dirname "$binary")" && pwd)
  real=$dir/.libs/$(basename "$binary")
  [ -x "$real" ] || real=$dir/$(basename "$binary")
  printf 'fetch "files" { paths = { "%s" } }\nformat "nats" { servers = { "%s" } subject = "benchcg.raw" payload = "raw" }\n' \
    "$work/articles" "$url" >"$work/producer-cg.chain"
  "$binary" -q -c "$work/producer-cg.chain" || { echo "$0: the producer failed" >&2; exit 1; }
  sed -e "s/bench-$set-1\.raw/benchcg.raw/" -e "s/bench-$set-1\.articles/benchcg.articles/" "$work/worker-$set-1.chain" >"$work/worker-cg.chain"
  LD_LIBRARY_PATH=$dir/core/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH} \
    valgrind --tool=callgrind --callgrind-out-file="$work/worker.cg" "$real" -q -j 1 -c "$work/worker-cg.chain" \
    >/dev/null 2>"$work/valgrind.err" || { cat "$work/valgrind.err" >&2; exit 1; }
  callgrind_annotate --inclusive=yes --threshold=100 "$work/worker.cg" 2>/dev/null | awk -v n="$count" '
    /PROGRAM TOTALS/ { gsub(",", "", $1); whole = $1 }
    /plugins\/nats\/fetch\.c:nats_fetch / && !f { gsub(",", "", $1); f = $1 }
    /plugins\/nats\/format\.c:nats_process / && !p { gsub(",", "", $1); p = $1 }
    END { printf "instructions an article (callgrind, one worker): fetch \"nats\" %.0f, format \"nats\" %.0f, whole worker %.0f\n", f / n, p / n, whole / n }'
fi
