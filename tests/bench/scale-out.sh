#!/usr/bin/env bash
# scale-out.sh: articles per second of the scaled-out topology (docs/scale-out.md) with one
# and with two workers, against a local single-process run of the same chain, and the
# broker's cost per article.  Run by hand; it is not part of `make check`.
#
#   tests/bench/scale-out.sh [--count N] [--binary PATH] [--keep] [--stages light|default] [--callgrind]
#
# Starts a real `nats-server -js` on a free loopback port (store in a temporary directory),
# generates N small plain-text articles, and times:
#   local      files -> parse "text" -> the stages -> format "json" (-j 1); the stages are
#              extract "stats", "keywords" (--stages light, the default) or every extractor
#              of the default chain (--stages default: the work one scales out for)
#   1 worker   fetch "nats" -> the same stages -> format "nats", one process at -j 1
#   2 workers  the same, two processes at -j 1 each, sharing one consumer
# Each worker run starts on a stream the producer filled beforehand and ends when the
# server holds N finished articles (asked from its monitoring endpoint, /jsz).  The broker's
# cost per article is (1-worker time - local time) / N: taking each item from the server,
# publishing the article and waiting for the acknowledgements.
#
# --callgrind then runs one more worker under valgrind's callgrind (on a stream of its own)
# and prints the instructions an article of fetch "nats", format "nats" and the whole
# worker: unlike seconds, they do not move with the other load of a shared machine.
set -u -o pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
srcdir=$(cd "$here/../.." && pwd)
count=5000 keep= which=light callgrind=
binary=${NEWSFLOW:-}
while [ $# -gt 0 ]; do
  case "$1" in
    --count) count=$2; shift 2 ;;
    --binary) binary=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    --stages) which=$2; shift 2 ;;
    --callgrind) callgrind=1; shift ;;
    *) echo "usage: $0 [--count N] [--binary PATH] [--keep] [--stages light|default] [--callgrind]" >&2; exit 1 ;;
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
nats-server -a 127.0.0.1 -p "$client" -m "$monitor" -js -sd "$work/store" >"$work/server.log" 2>&1 &
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
  light) stages='parse "text" { }
extract "stats" { }
extract "keywords" { }' ;;
  default) stages='parse "text" { }
extract "stats" { }
extract "language" { }
extract "entities" { }
extract "quotes" { }
extract "keywords" { }
extract "summary" { }
extract "dates" { }' ;;
  *) echo "$0: --stages is light or default" >&2; exit 1 ;;
esac

# timed FILE COMMAND...: runs COMMAND, keeping the CPU time it used in FILE (`times` in a
# subshell of its own reports that subshell's children: the command alone).
timed() { local file=$1; shift; ( "$@"; status=$?; times >"$file"; exit $status ); }
# cpu_of FILE...: CPU seconds (user + system) of the commands timed into FILEs, together.
cpu_of() {
  awk 'FNR == 2 { for (i = 1; i <= 2; i++) { split($i, t, /[ms]/); n += t[1] * 60 + t[2] } } END { print n }' "$@"
}
server_cpu() { awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) / hz }' "/proc/$server/stat"; }

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

# The local run.
printf 'fetch "files" { paths = { "%s" } }\n%s\nformat "json" { output = "-" }\n' "$work/articles" "$stages" >"$work/local.chain"
start=$(now)
timed "$work/local.times" "$binary" -q -j 1 -c "$work/local.chain" >/dev/null || { echo "$0: the local run failed" >&2; exit 1; }
local_s=$(echo "$(now) - $start" | bc -l)
local_cpu=$(cpu_of "$work/local.times")

# run_workers K: K workers on a stream of their own, filled first.
run_workers() {
  local k=$1 raw="bench$1.raw" out="bench$1.articles" pids=
  printf 'fetch "files" { paths = { "%s" } }\nformat "nats" { servers = { "%s" } subject = "%s" payload = "raw" }\n' \
    "$work/articles" "$url" "$raw" >"$work/producer$k.chain"
  start=$(now)
  "$binary" -q -c "$work/producer$k.chain" || { echo "$0: the producer failed" >&2; exit 1; }
  produce_s=$(echo "$(now) - $start" | bc -l)
  cat >"$work/worker$k.chain" <<EOF
fetch "nats" { servers = { "$url" } subject = "$raw" consumer = "workers" stats-interval = 0 idle-exit = 2 }
$stages
format "nats" { servers = { "$url" } subject = "$out" }
EOF
  start=$(now) server0=$(server_cpu)
  for i in $(seq "$k"); do timed "$work/worker$k-$i.times" "$binary" -q -j 1 -c "$work/worker$k.chain" & pids="$pids $!"; done
  local stream; stream=$(echo "$out" | tr 'a-z.' 'A-Z_')
  until [ "$(stream_messages "$stream")" -ge "$count" ]; do sleep 0.02; done
  workers_s=$(echo "$(now) - $start" | bc -l)
  server_used=$(echo "$(server_cpu) - $server0" | bc -l)
  wait $pids
  workers_used=$(cpu_of "$work"/worker"$k"-*.times)
}

run_workers 1; one_s=$workers_s; produce1_s=$produce_s
one_worker_cpu=$workers_used one_server_cpu=$server_used
run_workers 2; two_s=$workers_s

rate() { printf '%.0f' "$(echo "$count / $1" | bc -l)"; }
printf 'articles: %d (plain text, ~%d bytes), stages: %s, every process at -j 1\n' \
  "$count" "$(($(cat "$work/articles/000001.txt" | wc -c)))" "$(echo $(sed -n 's/^[a-z]* "\([a-z]*\)".*/\1/p' <<<"$stages"))"
printf '%-34s %8.2f s  %7s articles/s\n' "local (files -> json)" "$local_s" "$(rate "$local_s")"
printf '%-34s %8.2f s  %7s articles/s\n' "producer (files -> nats raw)" "$produce1_s" "$(rate "$produce1_s")"
printf '%-34s %8.2f s  %7s articles/s\n' "1 worker (nats -> nats)" "$one_s" "$(rate "$one_s")"
printf '%-34s %8.2f s  %7s articles/s  (%.2fx one worker)\n' "2 workers (nats -> nats)" "$two_s" "$(rate "$two_s")" \
  "$(echo "$one_s / $two_s" | bc -l)"
printf 'broker cost: %.0f us an article, %.0f%% of the local run'"'"'s time per article\n' \
  "$(echo "($one_s - $local_s) * 1000000 / $count" | bc -l)" "$(echo "($one_s - $local_s) * 100 / $local_s" | bc -l)"
us() { printf '%.0f' "$(echo "$1 * 1000000 / $count" | bc -l)"; }
printf 'CPU an article: local run %s us; 1 worker %s us + nats-server %s us (2 workers: %s + %s)\n' \
  "$(us "$local_cpu")" "$(us "$one_worker_cpu")" "$(us "$one_server_cpu")" "$(us "$workers_used")" "$(us "$server_used")"
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
  sed -e 's/bench1\.raw/benchcg.raw/' -e 's/bench1\.articles/benchcg.articles/' "$work/worker1.chain" >"$work/worker-cg.chain"
  LD_LIBRARY_PATH=$dir/core/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH} \
    valgrind --tool=callgrind --callgrind-out-file="$work/worker.cg" "$real" -q -j 1 -c "$work/worker-cg.chain" \
    >/dev/null 2>"$work/valgrind.err" || { cat "$work/valgrind.err" >&2; exit 1; }
  callgrind_annotate --inclusive=yes --threshold=100 "$work/worker.cg" 2>/dev/null | awk -v n="$count" '
    /PROGRAM TOTALS/ { gsub(",", "", $1); whole = $1 }
    /plugins\/nats\/fetch\.c:nats_fetch / && !f { gsub(",", "", $1); f = $1 }
    /plugins\/nats\/format\.c:nats_process / && !p { gsub(",", "", $1); p = $1 }
    END { printf "instructions an article (callgrind, one worker): fetch \"nats\" %.0f, format \"nats\" %.0f, whole worker %.0f\n", f / n, p / n, whole / n }'
fi
