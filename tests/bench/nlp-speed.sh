#!/bin/bash
# nlp-speed.sh: articles per second of files -> text -> entities -> quotes -> json over the
# sample collection (docs/examples/articles) copied to COUNT articles (default 10000).
# Run by hand; not part of `make check`.
#   tests/bench/nlp-speed.sh [BUILD_DIR] [COUNT] [JOBS]
# Also times files -> text -> json alone, so the extractors' own cost can be read off.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
source_dir=$(cd "$here/../.." && pwd)
build=${1:-${NEWSFLOW_BUILD_DIR:-.}}
count=${2:-10000}
jobs=${3:-2}
samples="$source_dir/docs/examples/articles"
work=$(mktemp -d "${TMPDIR:-/tmp}/nlp-speed-XXXXXX")
trap 'rm -rf "$work"' EXIT

n=0 copy=0
mkdir -p "$work/articles"
while [ "$n" -lt "$count" ]; do
  dir="$work/articles/$(printf '%04d' "$copy")"
  mkdir -p "$dir"
  for f in "$samples"/*.txt; do
    [ "$n" -lt "$count" ] || break
    cp "$f" "$dir/"
    n=$((n + 1))
  done
  copy=$((copy + 1))
done

run() { # NAME EXTRACTORS
  cat > "$work/$1.chain" <<CHAIN
fetch "files" { paths = { "$work/articles" } }
parse "text" { }
$2
format "json" { output = "$work/$1.jsonl" }
CHAIN
  # wall time, and CPU time (user + system, from the children's rusage): on a machine
  # shared with other work the CPU time per article is the steadier figure
  python3 - "$build/newsflow" "$jobs" "$work/$1.chain" "$work/$1.jsonl" "$1" <<'PY'
import resource, subprocess, sys, time
binary, jobs, chain, output, name = sys.argv[1:]
start = time.monotonic()
subprocess.run([binary, '-q', '-j', jobs, '-c', chain], check=True, stderr=subprocess.DEVNULL)
wall = time.monotonic() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = usage.ru_utime + usage.ru_stime
n = sum(1 for _ in open(output, encoding='utf-8'))
print(f'{name}: {n} articles in {wall:.2f} s = {n / wall:.0f} articles/s (-j {jobs}); '
      f'CPU {cpu:.2f} s = {1000 * cpu / n:.3f} ms/article')
PY
}
run baseline ""
run entities-quotes $'extract "entities" { }\nextract "quotes" { }'
