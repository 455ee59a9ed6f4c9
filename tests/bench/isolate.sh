#!/bin/bash
# What crash isolation costs: the same chain (files -> text -> stats -> json) over a
# synthetic collection, in process and with --isolate (parse "text" and extract "stats" each
# in worker processes), best wall time of 3 runs each; prints the overhead per article and
# per isolated stage.  Run by hand from a build tree: tests/bench/isolate.sh [N] [JOBS]
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

# best MODE-ARGS...: the best wall time of 3 runs, in microseconds.
best() {
  local best=0
  for _ in 1 2 3; do
    local t0 t1
    t0=$(date +%s%N)
    "$NEWSFLOW" -q -j "$JOBS" "$@" -c "$WORK/bench.chain" 2>"$WORK/err" || { cat "$WORK/err" >&2; exit 1; }
    t1=$(date +%s%N)
    local us=$(( (t1 - t0) / 1000 ))
    if [ "$best" = 0 ] || [ "$us" -lt "$best" ]; then best=$us; fi
  done
  echo "$best"
}

plain=$(best)
cp "$WORK/out.jsonl" "$WORK/plain.jsonl"
isolated=$(best --isolate)
cmp -s "$WORK/out.jsonl" "$WORK/plain.jsonl" && same="identical" || same="DIFFERENT"
stages=2
awk -v n="$N" -v j="$JOBS" -v p="$plain" -v i="$isolated" -v s="$stages" -v same="$same" 'BEGIN {
  printf "%d articles of ~3 KB, -j %d, best of 3\n", n, j
  printf "in process: %.2f s (%.0f articles/s)\n", p / 1e6, n / (p / 1e6)
  printf "--isolate:  %.2f s (%.0f articles/s), output %s\n", i / 1e6, n / (i / 1e6), same
  printf "overhead:   %.1f us an article for %d isolated stages, %.1f us an article per stage (wall, %d threads)\n",
         (i - p) / n, s, (i - p) / n / s, j
}'
