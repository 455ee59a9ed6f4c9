#!/bin/bash
# What crash isolation costs: the same chain (files -> text -> stats -> json) over a
# synthetic collection, in process and with --isolate (parse "text" and extract "stats" each
# in worker processes), best wall time of 3 runs each; prints the overhead per article and
# per isolated stage, in wall and CPU time.  Run by hand from a build tree: tests/bench/isolate.sh [N] [JOBS]
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
N=${1:-10000}
JOBS=${2:-2}
NEWSFLOW=${NEWSFLOW:-$(pwd)/newsflow}
[ -x "$NEWSFLOW" ] || { echo "run from a build tree (no ./newsflow), or set NEWSFLOW" >&2; exit 1; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/newsflow-bench-isolate-XXXXXX")
trap 'rm -rf "$WORK"' EXIT

python3 "$HERE/make-collection.py" --out "$WORK/in" --count "$N" --size 3000 >/dev/null
cat > "$WORK/bench.chain" <<CHAIN
fetch "files" { paths = { "$WORK/in" } }
parse "text" { }
extract "stats" { }
format "json" { output = "$WORK/out.jsonl" }
CHAIN

# best ARGS...: "WALL CPU" of the run with the best wall time of 3, in microseconds; CPU is
# user + system of newsflow and its worker processes (less sensitive to a loaded machine).
best() {
  local best=0 cpu=0
  for _ in 1 2 3; do
    /usr/bin/time -f "%e %U %S" -o "$WORK/time" "$NEWSFLOW" -q -j "$JOBS" "$@" -c "$WORK/bench.chain" 2>"$WORK/err" \
      || { cat "$WORK/err" >&2; exit 1; }
    read -r wall user sys < "$WORK/time"
    local us c
    us=$(awk -v w="$wall" 'BEGIN { printf "%d", w * 1e6 }')
    c=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%d", (u + s) * 1e6 }')
    if [ "$best" = 0 ] || [ "$us" -lt "$best" ]; then best=$us; cpu=$c; fi
  done
  echo "$best $cpu"
}

read -r plain plain_cpu <<< "$(best)"
cp "$WORK/out.jsonl" "$WORK/plain.jsonl"
read -r isolated isolated_cpu <<< "$(best --isolate)"
cmp -s "$WORK/out.jsonl" "$WORK/plain.jsonl" && same="identical" || same="DIFFERENT"
stages=2
awk -v n="$N" -v j="$JOBS" -v p="$plain" -v i="$isolated" -v pc="$plain_cpu" -v ic="$isolated_cpu" \
    -v s="$stages" -v same="$same" 'BEGIN {
  printf "%d articles of ~3 KB, -j %d, best of 3\n", n, j
  printf "in process: %.2f s wall, %.2f s CPU (%.0f articles/s)\n", p / 1e6, pc / 1e6, n / (p / 1e6)
  printf "--isolate:  %.2f s wall, %.2f s CPU (%.0f articles/s), output %s\n", i / 1e6, ic / 1e6, n / (i / 1e6), same
  printf "overhead an article per isolated stage (%d stages): %.0f us wall, %.0f us CPU\n",
         s, (i - p) / n / s, (ic - pc) / n / s
}'
