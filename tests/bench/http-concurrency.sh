#!/usr/bin/env bash
# http-concurrency.sh: how much fetch "http" gains from concurrent transfers.  Run by hand;
# it is not part of `make check` (which only checks that 200 URLs arrive, in order).
#
#   tests/bench/http-concurrency.sh [--count N] [--delay MS] [--concurrency C] [--binary PATH]
#
# Starts the loopback test server (tests/data/http/server.py), whose /delay/MS/N pages answer
# after MS milliseconds (a stand-in for network latency), and runs
#   fetch "http" -> parse "text" -> format "json" (to /dev/null)
# over N such URLs twice: with concurrency = 1 (serial) and concurrency = C.  Prints both
# wall times, the speed-up, and both tallies; exits non-zero if a run loses an article.
set -u -o pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
srcdir=$(cd "$here/../.." && pwd)
prog=${0##*/}
count=200 delay=20 concurrency=16 binary=
die() { printf '%s: %s\n' "$prog" "$*" >&2; exit 1; }
while [ $# -gt 0 ]; do
  case $1 in
    --count) count=${2:?}; shift 2 ;;
    --delay) delay=${2:?}; shift 2 ;;
    --concurrency) concurrency=${2:?}; shift 2 ;;
    --binary) binary=${2:?}; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done
for n in "$count" "$delay" "$concurrency"; do
  case $n in ''|*[!0-9]*) die "not a number: $n" ;; esac
done
if [ -z "$binary" ]; then
  for candidate in "${NEWSFLOW:-}" ./newsflow "${NEWSFLOW_BUILD_DIR:+$NEWSFLOW_BUILD_DIR/newsflow}" "$srcdir/newsflow"; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then binary=$candidate; break; fi
  done
fi
[ -n "$binary" ] && [ -x "$binary" ] || die "no newsflow binary: run from the build tree, or pass --binary PATH"
command -v python3 >/dev/null || die "needs python3 for the loopback server"

work=$(mktemp -d "${TMPDIR:-/tmp}/newsflow-http-bench.XXXXXX") || die "no temporary directory"
python3 "$srcdir/tests/data/http/server.py" >"$work/port" 2>"$work/server-err" &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(head -n 1 "$work/port")
[ -n "$port" ] || die "the test server did not start: $(cat "$work/server-err")"
for i in $(seq 1 "$count"); do echo "http://127.0.0.1:$port/delay/$delay/$i"; done >"$work/urls"

# run C: wall seconds of a run with concurrency C; its tally in $work/tally-C.
run() {
  printf 'fetch "http" { urls-file = "%s" concurrency = %s }\nparse "text" { }\nformat "json" { output = "-" }\n' \
    "$work/urls" "$1" >"$work/chain-$1"
  local start end
  start=${EPOCHREALTIME/,/.}
  "$binary" -c "$work/chain-$1" -j 2 >/dev/null 2>"$work/err-$1" || die "newsflow failed (concurrency $1): $(tail -3 "$work/err-$1")"
  end=${EPOCHREALTIME/,/.}
  grep -E '^read ' "$work/err-$1" >"$work/tally-$1"
  grep -q "^read $count, written $count," "$work/tally-$1" || die "articles lost (concurrency $1): $(cat "$work/tally-$1")"
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }'
}

serial=$(run 1)
parallel=$(run "$concurrency")
printf 'fetch "http": %s URLs answered after %s ms each by a loopback server (%s)\n' "$count" "$delay" "$binary"
printf '%-16s %9s\n' "concurrency" "seconds"
printf '%-16s %9s   %s\n' 1 "$serial" "$(cat "$work/tally-1")"
printf '%-16s %9s   %s\n' "$concurrency" "$parallel" "$(cat "$work/tally-$concurrency")"
awk -v s="$serial" -v p="$parallel" 'BEGIN { printf "speed-up: x%.1f\n", s / p }'
