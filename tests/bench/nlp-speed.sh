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
  start=$(date +%s.%N)
  "$build/newsflow" -q -j "$jobs" -c "$work/$1.chain"
  end=$(date +%s.%N)
  lines=$(wc -l < "$work/$1.jsonl")
  python3 -c "import sys; n, s, e = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]); \
print(f'$1: {n} articles in {e - s:.2f} s = {n / (e - s):.0f} articles/s (-j $jobs)')" "$lines" "$start" "$end"
}
run baseline ""
run entities-quotes $'extract "entities" { }\nextract "quotes" { }'
