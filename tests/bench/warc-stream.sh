#!/usr/bin/env bash
# warc-stream.sh: fetch "warc" -> parse "text" -> format "json" over a generated WARC, to show
# that memory stays flat however large the archive (issue: peak RSS under 100 MB for 1 GB).
# Run by hand; not part of `make check`.
#
#   tests/bench/warc-stream.sh [SIZE] [--gz] [--jobs J] [--binary PATH] [--keep]
#
# SIZE is the WARC's size (suffix k, M or G; default 1G).  --gz writes a .warc.gz with a gzip
# member per record, as Common Crawl does.  Prints records, MB, seconds, MB/s, records/s,
# peak RSS (GNU time) and newsflow's tally; exits non-zero when newsflow fails, does not
# account for every record, or peaks above 100 MB.
set -u -o pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
srcdir=$(cd "$here/../.." && pwd)
size=1G gz=0 jobs=$(nproc 2>/dev/null || echo 1) binary=${NEWSFLOW:-} keep=0
while [ $# -gt 0 ]; do
  case $1 in
    --gz) gz=1; shift ;;
    --jobs) jobs=${2:?--jobs needs a number}; shift 2 ;;
    --binary) binary=${2:?--binary needs a path}; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    -*) echo "warc-stream.sh: unknown option $1" >&2; exit 1 ;;
    *) size=$1; shift ;;
  esac
done
if [ -z "$binary" ]; then
  for candidate in ./newsflow "$srcdir/build/newsflow"; do
    [ -x "$candidate" ] && { binary=$candidate; break; }
  done
fi
[ -x "$binary" ] || { echo "warc-stream.sh: no newsflow binary (use --binary or run from the build dir)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "warc-stream.sh: needs GNU time (/usr/bin/time, Debian package time)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/warc-stream-XXXXXX")
[ "$keep" = 1 ] && echo "keeping $work" || trap 'rm -rf "$work"' EXIT
warc="$work/bench.warc"
[ "$gz" = 1 ] && warc="$warc.gz"
python3 "$srcdir/tests/data/make-warc.py" big "$warc" "$size" > "$work/made" || exit 1
records=$(awk '{print $2}' "$work/made")
bytes=$(stat -c %s "$warc")

cat > "$work/bench.chain" <<CHAIN
fetch "warc" { }
parse "text" { }
format "json" { output = "/dev/null" }
CHAIN
/usr/bin/time -v -o "$work/time" "$binary" -q -j "$jobs" -c "$work/bench.chain" "$warc" 2> "$work/err"
status=$?
tally=$(grep '^read ' "$work/err")
seconds=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$work/time")
rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time")
awk -v r="$records" -v b="$bytes" -v s="$seconds" -v kb="$rss_kb" -v j="$jobs" -v f="${warc##*/}" 'BEGIN {
  printf "file          %s\n", f
  printf "records       %d\n", r
  printf "MB            %.1f\n", b / 1048576
  printf "jobs          %d\n", j
  printf "seconds       %.2f\n", s
  printf "MB/s          %.1f\n", b / 1048576 / (s > 0 ? s : 1e-9)
  printf "records/s     %.0f\n", r / (s > 0 ? s : 1e-9)
  printf "peak RSS MB   %.1f\n", kb / 1024
}'
echo "tally         $tally"
[ "$status" = 0 ] || { echo "FAIL: newsflow exited $status"; sed 's/^/  /' "$work/err" | head; exit 1; }
[ "$tally" = "read $records, written $records, dropped 0, failed 0" ] || { echo "FAIL: not every record written"; exit 1; }
[ "$rss_kb" -lt 102400 ] || { echo "FAIL: peak RSS above 100 MB"; exit 1; }
