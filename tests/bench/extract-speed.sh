#!/usr/bin/env bash
# extract-speed.sh: articles per second of the whole default chain (files -> text -> stats ->
# language -> keywords -> summary -> dates -> json to /dev/null) over the 24 sample articles
# copied to N (default 10,000).  Run by hand; not part of `make check`.
#
#   tests/bench/extract-speed.sh [--count N] [--jobs J] [--binary PATH]
set -u -o pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
srcdir=$(cd "$here/../.." && pwd)
count=10000 jobs=$(nproc 2>/dev/null || echo 1) binary=${NEWSFLOW:-${NEWSFLOW_BUILD_DIR:+$NEWSFLOW_BUILD_DIR/newsflow}}
while [ $# -gt 0 ]; do
  case $1 in
    --count) count=$2; shift 2 ;;
    --jobs|-j) jobs=$2; shift 2 ;;
    --binary) binary=$2; shift 2 ;;
    *) echo "usage: $0 [--count N] [--jobs J] [--binary PATH]" >&2; exit 1 ;;
  esac
done
[ -n "$binary" ] || binary=./newsflow
[ -x "$binary" ] || { echo "$0: no newsflow binary at $binary (run from the build tree or pass --binary)" >&2; exit 1; }
# In a build tree ./newsflow is libtool's shell wrapper, whose own start-up (a shell, 15-20 ms)
# is no part of newsflow's: run the program it wraps, as an installed newsflow runs.
wrapped=$(cd "$(dirname "$binary")" && pwd)/.libs/$(basename "$binary")
if [ -x "$wrapped" ] && head -c 2 "$binary" | grep -q '#!'; then
  export LD_LIBRARY_PATH=$(cd "$(dirname "$binary")" && pwd)/core/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
  binary=$wrapped
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/newsflow-extract-speed.XXXXXX")
trap 'rm -rf "$work"' EXIT
samples=("$srcdir"/docs/examples/articles/*.txt)
for ((i = 0; i < count; i++)); do
  d=$work/in/$((i / 1000))
  [ $((i % 1000)) -eq 0 ] && mkdir -p "$d"
  ln -s "${samples[i % ${#samples[@]}]}" "$d/$(printf 'a%07d.txt' "$i")"
done
# CPU time too: on a shared machine the wall time depends on the other load, the CPU time
# per article does not.
times() { awk '{ print $14 + $15 + $16 + $17 }' /proc/$$/stat; }
cpu_before=$(times)
start=${EPOCHREALTIME/,/.}
"$binary" -q -j "$jobs" -c "$srcdir/etc/newsflow/default.chain" "$work/in" >/dev/null 2>"$work/err"
status=$?
end=${EPOCHREALTIME/,/.}
cpu_ticks=$(( $(times) - cpu_before ))
tally=$(grep -E '^read ' "$work/err" | tail -n 1)
[ "$status" -eq 0 ] || { echo "$0: newsflow failed ($status)"; cat "$work/err"; exit 1; }
awk -v a="$start" -v b="$end" -v n="$count" -v j="$jobs" -v t="$tally" -v c="$cpu_ticks" -v hz="$(getconf CLK_TCK)" \
    -v load="$(cut -d ' ' -f 1 /proc/loadavg)" 'BEGIN {
  cpu = c / hz
  printf "default chain: %d articles in %.2f s with -j %d: %.0f articles/s (%s)\n", n, b - a, j, n / (b - a), t
  printf "CPU: %.2f s (%.3f ms an article: %.0f articles/s per core); load average %s\n", cpu, 1000 * cpu / n, n / cpu, load }'
