#!/usr/bin/env bash
# throughput.sh: how fast newsflow streams a large collection, and whether its memory stays
# flat as the collection grows.  Run by hand; it is not part of `make check`.
#
#   tests/bench/throughput.sh [--count N] [--jobs J] [--binary PATH] [--keep]
#                             [--collection DIR] [--size S] [--once]
#
# Generates N synthetic articles of about S bytes (tests/bench/make-collection.py) in a
# temporary directory, or uses the one given with --collection, and runs the chain
#   fetch "files" -> parse "text" -> extract "stats" -> format "json" (to /dev/null)
# under GNU time, twice: on all N articles and on the first N/10, and prints articles,
# total MB, wall seconds, articles/s, MB/s, peak RSS and newsflow's tally line for each;
# then the trivial chain files -> text -> json against `cat` of the same files (best of
# three each, alternating) and their ratio.
# The formatter writes to standard output, redirected to /dev/null (see run_once for why not
# `output = "/dev/null"`: older builds replaced the device).  Warns when other work was using
# the CPU just before a run.
# Exits non-zero when newsflow fails or reads fewer articles than expected.  See README.md.
set -u -o pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
srcdir=$(cd "$here/../.." && pwd)
prog=${0##*/}

usage() {
  cat <<EOF
usage: $prog [--count N] [--jobs J] [--binary PATH] [--keep] [--collection DIR] [--size S] [--once]

  --count N          articles in the large run (default 100000; with --collection: all in it)
  --jobs J           newsflow -j J (default: $(nproc 2>/dev/null || echo 1), the number of cores)
  --binary PATH      newsflow to run (default: \$NEWSFLOW, else ./newsflow, else the build tree's)
  --collection DIR   use this collection (made by make-collection.py) instead of generating one;
                     it is never deleted
  --size S           approximate bytes an article when generating (default 3000)
  --once             only the run on N articles, not the second one on N/10
  --keep             keep the temporary directory (collection, chain file, logs)
EOF
}

die() { printf '%s: %s\n' "$prog" "$*" >&2; exit 1; }
now() { local t=${EPOCHREALTIME:-$(date +%s.%N)}; printf '%s\n' "${t/,/.}"; }

count= jobs=$(nproc 2>/dev/null || echo 1) binary= keep=0 collection= size=3000 once=0
while [ $# -gt 0 ]; do
  case $1 in
    --count) count=${2:?--count needs a number}; shift 2 ;;
    --count=*) count=${1#*=}; shift ;;
    --jobs|-j) jobs=${2:?--jobs needs a number}; shift 2 ;;
    --jobs=*) jobs=${1#*=}; shift ;;
    --binary) binary=${2:?--binary needs a path}; shift 2 ;;
    --binary=*) binary=${1#*=}; shift ;;
    --collection) collection=${2:?--collection needs a directory}; shift 2 ;;
    --collection=*) collection=${1#*=}; shift ;;
    --size) size=${2:?--size needs a number}; shift 2 ;;
    --size=*) size=${1#*=}; shift ;;
    --once) once=1; shift ;;
    --keep) keep=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 1 ;;
  esac
done
is_number() { case $1 in ''|*[!0-9]*) return 1 ;; esac; }
[ -z "$count" ] || is_number "$count" || die "--count: not a number: $count"
is_number "$jobs" && [ "$jobs" -ge 1 ] || die "--jobs: not a positive number: $jobs"
is_number "$size" || die "--size: not a number: $size"

# ---- what we need ------------------------------------------------------------------------
if [ -z "$binary" ]; then
  for candidate in "${NEWSFLOW:-}" ./newsflow "${NEWSFLOW_BUILD_DIR:+$NEWSFLOW_BUILD_DIR/newsflow}" \
                   "$srcdir/newsflow"; do
    if [ -n "$candidate" ] && [ -f "$candidate" ] && [ -x "$candidate" ]; then
      binary=$candidate
      break
    fi
  done
  [ -n "$binary" ] || die "no newsflow binary: build it (./configure && make) and run from the build tree, or pass --binary PATH or set NEWSFLOW"
fi
[ -f "$binary" ] && [ -x "$binary" ] || die "not an executable: $binary"
binary=$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")

timer=/usr/bin/time
if ! { [ -x "$timer" ] && "$timer" -v true >/dev/null 2>&1; }; then
  die "needs GNU time for the peak RSS (/usr/bin/time -v): apt-get install time"
fi
command -v python3 >/dev/null || die "needs python3 to generate the collection"

work=$(mktemp -d "${TMPDIR:-/tmp}/newsflow-bench.XXXXXX") || die "cannot make a temporary directory"
cleanup() {
  if [ "$keep" = 1 ]; then
    printf 'kept: %s\n' "$work" >&2
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- the collection ----------------------------------------------------------------------
if [ -n "$collection" ]; then
  [ -d "$collection" ] || die "--collection: not a directory: $collection"
  collection=$(cd "$collection" && pwd)
else
  collection=$work/collection
  : "${count:=100000}"
  printf 'generating %s articles of about %s bytes in %s ...\n' "$count" "$size" "$collection"
  gen_start=$(now)
  python3 "$here/make-collection.py" --count "$count" --size "$size" --out "$collection" >/dev/null \
    || die "make-collection.py failed"
  awk -v a="$gen_start" -v b="$(now)" 'BEGIN { printf "generated in %.1f s\n", b - a }'
  # Write the new files out now: otherwise the kernel's writeback of a few hundred MB runs
  # during the timed runs and takes a core from newsflow (on 2 cores: ~30% fewer articles/s).
  sync
fi

# Every file the fetcher will read, in its order (name order, directory by directory; the
# collection's names sort the same way whole), as "PATH<TAB>BYTES".
LC_ALL=C find "$collection" -type f ! -name '.*' ! -name 'README*' ! -name '*~' -printf '%p\t%s\n' \
  | LC_ALL=C sort -t "$(printf '\t')" -k1,1 >"$work/files" || die "cannot list $collection"
available=$(wc -l <"$work/files")
[ "$available" -gt 0 ] || die "no articles in $collection"
: "${count:=$available}"
[ "$count" -ge 1 ] || die "--count must be at least 1"
[ "$count" -le "$available" ] || die "$collection holds $available articles, fewer than --count $count"

# select M: the chain's paths for the first M articles (whole directories where they fit,
# single files for the rest) into $work/paths-M, and their total size in bytes on stdout.
select_first() {
  awk -F '\t' -v m="$1" -v top="$collection" -v out="$work/paths-$1" -v available="$available" '
    { dir = $1; sub(/\/[^\/]*$/, "", dir); in_dir[dir]++
      if (NR <= m) { bytes += $2; file[NR] = $1; parent[NR] = dir; picked[dir]++ } }
    END {
      if (m == available) print top > out
      else
        for (i = 1; i <= m; i++) {
          if (picked[parent[i]] == in_dir[parent[i]]) {
            if (parent[i] != last) print parent[i] > out
            last = parent[i]
          } else print file[i] > out
        }
      printf "%.0f\n", bytes
    }' "$work/files"
}

chain_string() { # a libconfuse double-quoted string
  local s=${1//\\/\\\\}
  printf '"%s"' "${s//\"/\\\"}"
}

# cpu_in_use: percent of all cores busy over one second (from /proc/stat), empty if unknown.
cpu_in_use() {
  local a b
  a=$(head -n 1 /proc/stat 2>/dev/null) || return 0
  sleep 1
  b=$(head -n 1 /proc/stat 2>/dev/null) || return 0
  printf '%s\n%s\n' "$a" "$b" | awk '
    { idle[NR] = $5 + $6; total[NR] = 0; for (i = 2; i <= NF; i++) total[NR] += $i }
    END { t = total[2] - total[1]; if (t > 0) printf "%d\n", 100 * (1 - (idle[2] - idle[1]) / t) }'
}

# ---- one run -----------------------------------------------------------------------------
# run_once M: runs newsflow on the first M articles; sets r_* for the summary.
run_once() {
  local m=$1 chain=$work/chain-$1 bytes paths= path
  bytes=$(select_first "$m") || die "cannot select $m articles"
  while IFS= read -r path; do paths+=${paths:+$',\n    '}$(chain_string "$path"); done <"$work/paths-$m"
  # Output goes to standard output, which is /dev/null.  Not `output = "/dev/null"`: up to
  # 31d49e3 format "json" wrote a temporary file beside its output and renamed it over the
  # output at the end, i.e. /dev/.null.partial-XXXXXX over /dev/null (as root that replaced
  # the device with a regular file; as anyone else it failed: permission denied).  Later
  # builds write devices in place, but this script may be pointed at an older binary.
  {
    printf '# throughput.sh: %s articles\n' "$m"
    printf 'fetch "files" {\n  paths = {\n    %s\n  }\n}\n' "$paths"
    printf 'parse "text" { }\n'
    printf 'extract "stats" { }\n'
    printf 'format "json" {\n  output = "-"\n}\n'
  } >"$chain"

  # Other work on the machine takes cores from newsflow: say so, the figures will be low.
  local used
  used=$(cpu_in_use)
  if [ -n "$used" ] && [ "$used" -ge 20 ]; then
    printf '%s: warning: %s%% of the CPU was in use by other work just before this run: its figures will be low\n' \
      "$prog" "$used" >&2
    busy+=("$used%")
  fi
  printf 'running: %s -q -c %s -j %s >/dev/null\n' "$binary" "$chain" "$jobs"
  local start end status
  start=$(now)
  "$timer" -v -o "$work/time-$m" "$binary" -q -c "$chain" -j "$jobs" >/dev/null 2>"$work/stderr-$m"
  status=$?
  end=$(now)

  local tally
  tally=$(grep -E '^read [0-9]+, written [0-9]+, dropped [0-9]+, failed [0-9]+$' "$work/stderr-$m" | tail -n 1)
  if [ "$status" -ne 0 ]; then
    printf '%s: newsflow failed (exit status %s) on %s articles; its standard error:\n' "$prog" "$status" "$m" >&2
    sed 's/^/  /' "$work/stderr-$m" >&2
    grep -E 'Command (exited|terminated)' "$work/time-$m" >&2
    [ "$status" -ne 2 ] || printf '(some articles failed; -q hides why: run %s -c CHAIN without -q, or with --errors FILE)\n' "$binary" >&2
    [ "$keep" = 1 ] || printf '(rerun with --keep to keep the chain file and logs)\n' >&2
    exit 1
  fi
  [ -n "$tally" ] || die "no tally line in newsflow's standard error ($work/stderr-$m)"
  local read=${tally#read }; read=${read%%,*}
  [ "$read" -eq "$m" ] || die "newsflow read $read articles, expected $m: $tally"

  r_articles=$read
  r_bytes=$bytes
  r_seconds=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')
  r_rss_kb=$(awk -F ': ' '/Maximum resident set size/ { print $2 }' "$work/time-$m")
  r_tally=$tally
  r_times=$(awk -F ': ' '/User time/ { u = $2 } /System time/ { s = $2 } /Percent of CPU/ { c = $2 }
                         END { printf "user %s s, system %s s, CPU %s", u, s, c }' "$work/time-$m")
}

results=()
tallies=()
busy=()
summarise() { # label
  local line
  line=$(awk -v label="$1" -v n="$r_articles" -v b="$r_bytes" -v s="$r_seconds" -v rss="$r_rss_kb" 'BEGIN {
    printf "%-12s %10d %10.1f %9.2f %12.0f %9.1f %14.1f", label, n, b / 1e6, s, n / s, b / 1e6 / s, rss / 1024 }')
  results+=("$line")
  tallies+=("$(printf '%-12s %s   (%s)' "$1" "$r_tally" "$r_times")")
}

run_once "$count"
large_rss=$r_rss_kb
summarise "N=$count"
if [ "$once" = 0 ]; then
  small=$((count / 10))
  if [ "$small" -ge 1 ]; then
    run_once "$small"
    small_rss=$r_rss_kb
    summarise "N/10=$small"
  else
    once=1
  fi
fi

# ---- side by side with cat ---------------------------------------------------------------
# The trivial chain (files -> text -> json, nothing extracted) against `cat` reading and
# writing the same bytes (issue 15: within 3x), on the run's articles, alternating the two
# and keeping the best of three each, since a shared machine's load moves single runs.
m=$count
select_first "$m" >/dev/null
paths=
while IFS= read -r path; do paths+=${paths:+$',\n    '}$(chain_string "$path"); done <"$work/paths-$m"
printf 'fetch "files" {\n  paths = {\n    %s\n  }\n}\nparse "text" { }\nformat "json" {\n  output = "-"\n}\n' \
  "$paths" >"$work/trivial.chain"
head -n "$m" "$work/files" | cut -f 1 | tr '\n' '\0' >"$work/list-$m"
best_cat= best_trivial=
for _ in 1 2 3; do
  start=$(now)
  xargs -0 cat <"$work/list-$m" >/dev/null || die "cat failed"
  s=$(awk -v a="$start" -v b="$(now)" 'BEGIN { printf "%.3f", b - a }')
  best_cat=$(awk -v s="$s" -v b="$best_cat" 'BEGIN { print (b == "" || s < b) ? s : b }')
  start=$(now)
  "$binary" -q -c "$work/trivial.chain" -j "$jobs" >/dev/null 2>"$work/stderr-trivial" \
    || die "the trivial chain failed: $(tail -n 3 "$work/stderr-trivial")"
  s=$(awk -v a="$start" -v b="$(now)" 'BEGIN { printf "%.3f", b - a }')
  best_trivial=$(awk -v s="$s" -v b="$best_trivial" 'BEGIN { print (b == "" || s < b) ? s : b }')
done

# ---- report ------------------------------------------------------------------------------
echo
printf 'newsflow throughput: %s -q -j %s, files -> text -> stats -> json (to /dev/null)\n' "$binary" "$jobs"
printf 'collection: %s (%s cores, MB = 10^6 bytes, RSS in MiB)\n\n' "$collection" "$(nproc 2>/dev/null || echo '?')"
printf '%-12s %10s %10s %9s %12s %9s %14s\n' "run" "articles" "total MB" "seconds" "articles/s" "MB/s" "peak RSS MiB"
printf '%s\n' "${results[@]}"
echo
printf 'tally %s\n' "${tallies[@]}"
if [ "${#busy[@]}" -gt 0 ]; then
  printf '\nwarning: other work used %s of the CPU just before %s of the runs: newsflow did not have\nevery core (the CPU percentage in the tally lines shows what it got); rerun when the machine is idle.\n' \
    "${busy[*]}" "${#busy[@]}"
fi
echo
awk -v j="$jobs" -v n="$m" -v t="$best_trivial" -v c="$best_cat" 'BEGIN {
  printf "files -> text -> json, -j %s: %.3f s for %d articles; cat of the same files: %.3f s; ratio %.2fx (goal <= 3)\n",
         j, t, n, c, t / (c > 0 ? c : 0.001) }'
if [ "$once" = 0 ]; then
  echo
  awk -v big="$large_rss" -v little="$small_rss" -v n="$count" -v m="$small" 'BEGIN {
    printf "peak RSS: %.1f MiB for %d articles, %.1f MiB for %d (x%.2f for 10x the articles)\n",
           big / 1024, n, little / 1024, m, big / little }'
fi
