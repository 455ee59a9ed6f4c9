#!/usr/bin/env bash
# format-sqlite.sh: how long format "sqlite" takes to write N articles (100,000 by default),
# i.e. whether batched transactions keep it at seconds, not minutes.  Run by hand; it is not
# part of `make check`.
#
#   tests/bench/format-sqlite.sh [--count N] [--collection DIR] [--binary PATH] [--jobs J]
#                                [--batch B] [--annotate] [--keep]
#
# Generates N synthetic articles (tests/bench/make-collection.py) unless --collection names
# a made one, then runs files -> text -> stats [-> annotate] twice: into format "json" on
# /dev/null (the baseline: fetch, parse, extract), and into format "sqlite".  Prints each
# run's wall time, the formatter's own time (newsflow --stats, "seconds" of the format stage,
# which excludes finish), the database size and its row counts.  --annotate adds the
# test-only extract "annotate" from the build tree (entities, quotes, keywords: the rows a
# real chain writes; build it with `make check` or `make tests/plugins/extract_annotate.la`).
set -u -o pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
prog=${0##*/}
die() { printf '%s: %s\n' "$prog" "$*" >&2; exit 1; }

count=100000 collection= binary= jobs=$(nproc 2>/dev/null || echo 1) batch=5000 annotate=0 keep=0
while [ $# -gt 0 ]; do
  case $1 in
    --count) count=${2:?}; shift 2 ;;
    --collection) collection=${2:?}; shift 2 ;;
    --binary) binary=${2:?}; shift 2 ;;
    --jobs|-j) jobs=${2:?}; shift 2 ;;
    --batch) batch=${2:?}; shift 2 ;;
    --annotate) annotate=1; shift ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done
if [ -z "$binary" ]; then
  for candidate in "${NEWSFLOW:-}" ./newsflow "${NEWSFLOW_BUILD_DIR:+$NEWSFLOW_BUILD_DIR/newsflow}"; do
    [ -n "$candidate" ] && [ -x "$candidate" ] && { binary=$candidate; break; }
  done
fi
[ -n "$binary" ] && [ -x "$binary" ] || die "no newsflow binary: run from the build tree, or pass --binary PATH"
binary=$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")
build=$(dirname "$binary")
command -v python3 >/dev/null || die "needs python3"

work=$(mktemp -d "${TMPDIR:-/tmp}/newsflow-bench-sqlite.XXXXXX") || die "no temporary directory"
trap '[ "$keep" = 1 ] && echo "kept: $work" >&2 || rm -rf "$work"' EXIT
if [ -z "$collection" ]; then
  collection=$work/collection
  echo "generating $count articles in $collection ..."
  python3 "$here/make-collection.py" --count "$count" --out "$collection" >/dev/null || die "make-collection.py failed"
fi
[ -d "$collection" ] || die "not a directory: $collection"

extract='extract "stats" { }'
if [ "$annotate" = 1 ]; then
  [ -e "$build/tests/plugins/.libs/extract_annotate.so" ] || [ -e "$build/tests/plugins/extract_annotate.so" ] \
    || die "--annotate: build the test plugin first (make tests/plugins/extract_annotate.la)"
  extract=$(printf '%s\nextract "annotate" { }' "$extract")
fi

run() { # NAME FORMAT-STAGE
  cat >"$work/$1.chain" <<CHAIN
plugin-path = { "$build/tests/plugins" }
fetch "files" { paths = { "$collection" } }
parse "text" { }
$extract
$2
CHAIN
  local start end
  start=${EPOCHREALTIME/,/.}
  "$binary" -q --stats -j "$jobs" -c "$work/$1.chain" >/dev/null 2>"$work/$1.err" \
    || { cat "$work/$1.err" >&2; die "newsflow failed on the $1 run"; }
  end=${EPOCHREALTIME/,/.}
  wall=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
  tally=$(grep '^read ' "$work/$1.err")
  stage=$(awk '$1 == "format" { print $NF }' "$work/$1.err")
}

run baseline 'format "json" { output = "-" }'
base_wall=$wall base_tally=$tally
run sqlite "format \"sqlite\" { output = \"$work/news.db\" batch = $batch }"
echo
echo "newsflow format \"sqlite\": $collection, -j $jobs, batch = $batch$([ "$annotate" = 1 ] && echo ', with extract "annotate"')"
printf '%-34s %s s   (%s)\n' "files->text->stats->json >/dev/null" "$base_wall" "$base_tally"
printf '%-34s %s s   (%s)\n' "same chain ->sqlite" "$wall" "$tally"
printf '%-34s %s s   (format stage, newsflow --stats; finish not included)\n' "sqlite formatter alone" "$stage"
awk -v a="$wall" -v b="$base_wall" 'BEGIN { printf "%-34s %.2f s\n", "difference of the wall times", a - b }'
python3 - "$work/news.db" <<'PY'
import os, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
counts = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
          for t in ("articles", "entities", "mentions", "quotes", "keywords", "sources", "annotations")}
print(f"{'database':34} {os.path.getsize(sys.argv[1]) / 1e6:.1f} MB: " + ", ".join(f"{n} {t}" for t, n in counts.items()))
PY
