#!/usr/bin/env bash
# stage-instructions.sh: instructions each stage of a chain executes per article, counted by
# valgrind's callgrind.  Unlike seconds, the count does not move with the other load of a
# shared machine, so a change of a few percent in one extractor shows; compare two builds
# with --baseline.  Run by hand; not part of `make check`.
#
#   tests/bench/stage-instructions.sh [--binary PATH] [--baseline PATH] [--count N] [--chain FILE]
#
# Runs the chain (default: etc/newsflow/default.chain) at -j 1 over N (default 240) copies of
# the sample articles and prints, for every plugin's process function, the instructions an
# article (inclusive: what it calls counts), and the whole run's.  PATH is a build directory's
# newsflow (the libtool wrapper is resolved to the real binary).
set -u -o pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
srcdir=$(cd "$here/../.." && pwd)
binary=./newsflow baseline= count=240 chain=$srcdir/etc/newsflow/default.chain
while [ $# -gt 0 ]; do
  case $1 in
    --binary) binary=$2; shift 2 ;;
    --baseline) baseline=$2; shift 2 ;;
    --count) count=$2; shift 2 ;;
    --chain) chain=$2; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "stage-instructions.sh: unknown argument $1" >&2; exit 1 ;;
  esac
done
command -v valgrind > /dev/null && command -v callgrind_annotate > /dev/null \
  || { echo "stage-instructions.sh: needs valgrind (apt-get install valgrind)" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/stage-instructions.XXXXXX")
trap 'rm -rf "$work"' EXIT
samples=("$srcdir"/docs/examples/articles/*.txt)
mkdir "$work/in"
for ((i = 0; i < count; i++)); do
  ln -s "${samples[i % ${#samples[@]}]}" "$work/in/$(printf 'a%06d.txt' "$i")"
done

# prints "function instructions-an-article" lines for one build
measure() {
  local newsflow=$1 dir real
  dir=$(cd "$(dirname "$newsflow")" && pwd)
  real=$dir/.libs/$(basename "$newsflow")
  [ -x "$real" ] || real=$dir/$(basename "$newsflow")
  LD_LIBRARY_PATH=$dir/core/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH} \
    valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" "$real" -q -j 1 -c "$chain" "$work/in" \
    > /dev/null 2> "$work/valgrind.err" || { cat "$work/valgrind.err" >&2; exit 1; }
  callgrind_annotate --inclusive=yes --threshold=100 "$work/cg.out" 2> /dev/null | awk -v n="$count" '
    /PROGRAM TOTALS/ { gsub(",", "", $1); printf "%s %.0f\n", "whole-run", $1 / n }
    { line = $0; sub(/ \[[^]]*\]$/, "", line); m = split(line, w, " "); name = w[m] }
    name ~ /plugins\/.*:[a-z_]+_process$/ {
      f = name; sub(/.*:/, "", f)
      if (seen[f]++) next  # the largest comes first: the one with what it calls
      gsub(",", "", $1); printf "%s %.0f\n", f, $1 / n }'
}
measure "$binary" > "$work/new"
if [ -n "$baseline" ]; then
  measure "$baseline" > "$work/old"
  printf '%-22s %14s %14s %8s\n' "function" "baseline/art" "this/art" "change"
  join -a 2 <(sort "$work/old") <(sort "$work/new") | awk 'NF == 3 { printf "%-22s %14d %14d %+7.1f%%\n", $1, $2, $3, 100 * ($3 - $2) / $2 }
    NF == 2 { printf "%-22s %14s %14d\n", $1, "-", $2 }'
else
  printf '%-22s %14s\n' "function" "instructions/art"
  sort "$work/new" | awk '{ printf "%-22s %14d\n", $1, $2 }'
fi
