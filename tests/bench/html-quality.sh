#!/usr/bin/env bash
# html-quality.sh: how well and how fast parse "html" extracts article text, on the
# development set of ../shared/bench/html (793 real pages with ground truth and a scorer).
#
#   tests/bench/html-quality.sh [--binary PATH] [--data DIR] [--favor F] [--keep DIR]
#                               [--scores FILE] [--before FILE] [--runs N] [--slowest]
#                               [--block-model NAME]
#
# Runs newsflow once over all pages on one thread (fetch "files" -> parse "html" ->
# format "json"), writes each page's body to <id>.txt, scores them with the set's
# evaluate.py and prints its summary line, then a table of F1/P/R per fold (held-out: ids
# that are multiples of 3, not looked at while tuning; dev: the rest) and per kind of page
# (related-story blocks, hidden copies, noscript, tables/lists/br; html-classes.py), then
# the parser's own speed (pages/s from newsflow --stats: parsing only, no start-up or
# reading), the whole run's, and, in one process and CPU time (html-speed.c), a bare
# libxml2 parse of the same pages against parse "html"'s work on them, with the ratio
# (best of --runs, 3).  It also prints how many titles equal the ground truth's.
# --scores keeps evaluate.py's per-page JSON; --before takes such a file from an earlier run
# and adds its F1 per class to the table.  With --slowest it times every page alone and
# prints the slowest ones.  --block-model runs parse "html" (and html-speed) with that block
# model (block-model = NAME: a path or "models/html-blocks.model").
# Skips (exit 0) with a message when the data set is absent: it lives outside the repository.
set -u -o pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
srcdir=$(cd "$here/../.." && pwd)
binary=${NEWSFLOW:-} data= favor=balanced keep= slowest=0 scores= before= runs=3 model=
while [ $# -gt 0 ]; do
  case $1 in
    --binary) binary=$2; shift 2 ;;
    --data) data=$2; shift 2 ;;
    --favor) favor=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    --scores) scores=$2; shift 2 ;;
    --before) before=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --slowest) slowest=1; shift ;;
    --block-model) model=$2; shift 2 ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "html-quality.sh: unknown argument $1" >&2; exit 1 ;;
  esac
done
if [ -z "$data" ]; then
  for d in /work/shared/bench/html "$srcdir/../shared/bench/html"; do
    [ -f "$d/evaluate.py" ] && { data=$d; break; }
  done
fi
if [ -z "$data" ] || [ ! -f "$data/evaluate.py" ]; then
  echo "html-quality.sh: skipped: no ../shared/bench/html data set here"
  exit 0
fi
if [ -z "$binary" ]; then
  for b in ./newsflow "$srcdir/newsflow" /tmp/build-html/newsflow; do
    [ -x "$b" ] && { binary=$b; break; }
  done
fi
[ -x "${binary:-}" ] || { echo "html-quality.sh: no newsflow binary (use --binary)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/html-quality-XXXXXX")
trap 'rm -rf "$work"' EXIT
out=${keep:-$work/out}
mkdir -p "$out"
cat > "$work/bench.chain" <<CHAIN
fetch "files" { paths = { "$data/html" } pattern = { "*.html.gz", "*.html" } }
parse "html" { favor = "$favor" min-length = 0 block-model = "$model" }
format "json" { output = "$work/articles.jsonl" }
CHAIN

# CPU time as well as wall time: on a shared machine the wall clock also counts waiting.
python3 - "$work/cpu" "$binary" -q -j 1 --stats -c "$work/bench.chain" 2> "$work/stats" <<'PY' || {
import resource, subprocess, sys, time
start = time.monotonic()
status = subprocess.call(sys.argv[2:])
wall = time.monotonic() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
open(sys.argv[1], "w").write(f"{wall} {usage.ru_utime + usage.ru_stime}\n")
sys.exit(status)
PY
  echo "html-quality.sh: newsflow failed:" >&2; cat "$work/stats" >&2; exit 1; }

python3 - "$work/articles.jsonl" "$out" "$data/ground-truth.json" <<'PY'
import json, os, sys
truth = json.load(open(sys.argv[3], encoding="utf-8"))
titles = same = 0
norm = lambda t: " ".join((t or "").split()).casefold()
for line in open(sys.argv[1], encoding="utf-8"):
    a = json.loads(line)
    page = os.path.basename(a["source"]).split(".")[0]
    with open(os.path.join(sys.argv[2], page + ".txt"), "w", encoding="utf-8") as f:
        f.write(a.get("text") or "")
    if truth.get(page, {}).get("title"):
        titles += 1
        same += norm(a.get("title")) == norm(truth[page]["title"])
if titles:
    print(f"titles: {same}/{titles} identical to the ground truth's ({100 * same / titles:.1f}%)")
PY
scores=${scores:-$work/scores.json}
python3 "$data/evaluate.py" --data "$data" --pred "$out" --json "$scores" | tail -1
mkdir -p "$work/one"
for f in "$data"/html/*; do
  id=$(basename "$f"); id=${id%%.*}
  gzip -dc "$f" > "$work/one/$id.html" 2>/dev/null || cp "$f" "$work/one/$id.html"
done
python3 "$here/html-classes.py" "$work/one" "$scores" ${before:+"$before"}
pages=$(ls "$out" | wc -l)
parse_line=$(grep -E 'parse html' "$work/stats" | head -1)
echo "stats: $parse_line"
python3 - "$pages" "$(cat "$work/cpu")" "$parse_line" <<'PY'
import sys
pages, (wall, cpu), line = int(sys.argv[1]), map(float, sys.argv[2].split()), sys.argv[3]
print(f"whole run: {pages} pages, {wall:.2f} s wall, {cpu:.2f} s CPU = {pages / cpu:.1f} pages per CPU second "
      "(read, gunzip, parse, JSON out; one thread)")
fields = line.split()
if fields:
    secs = max(float(fields[-1]), 1e-6)  # newsflow --stats: the last column is seconds
    print(f"parse html alone: {pages / secs:.1f} pages/s ({1000 * secs / pages:.2f} ms a page)")
PY

# The yardstick: libxml2 parsing the same pages and nothing else, in one process with the
# options parse "html" uses, against what parse "html" does to a page (decode, parse,
# metadata, body), in CPU time of that thread: tests/bench/html-speed, built by make check.
speed=$(dirname "$binary")/tests/bench/html-speed
[ -x "$speed" ] || make -s -C "$(dirname "$binary")" tests/bench/html-speed > /dev/null 2>&1
if [ -x "$speed" ]; then
  python3 - $("$speed" --runs "$runs" ${model:+--model "$model"} "$work"/one/*.html) "$runs" <<'PY'
import sys
n, bare, ours, runs = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
print(f"in one process, CPU time, best of {runs}: libxml2 bare parse {n / bare:.1f} pages/s "
      f"({1000 * bare / n:.2f} ms a page); parse html {n / ours:.1f} pages/s ({1000 * ours / n:.2f} ms a page) "
      f"= {ours / bare:.2f}x the bare parse's time")
PY
else
  echo "libxml2 bare parse: not measured (no tests/bench/html-speed next to $binary: make check builds it)"
fi

if [ "$slowest" = 1 ]; then
  cat > "$work/one.chain" <<CHAIN
fetch "files" { }
parse "html" { favor = "$favor" min-length = 0 block-model = "$model" }
format "json" { output = "/dev/null" }
CHAIN
  for f in "$work"/one/*.html; do
    # Best of three, so that a scheduling hiccup is not taken for a slow page.
    best=
    for _ in 1 2 3; do
      t=$("$binary" -q -j 1 --stats -c "$work/one.chain" "$f" 2>&1 >/dev/null | grep -E 'parse html' | head -1)
      best="$best|$t"
    done
    echo "$(basename "$f" .html)$best"
  done > "$work/times"
  python3 - "$work/times" <<'PY'
import re, sys
rows = []
for line in open(sys.argv[1]):
    page, *runs = line.rstrip("\n").split("|")
    ms = [1000 * float(r.split()[-1]) for r in runs if r.split()]
    if ms:
        rows.append((min(ms), page))
rows.sort(reverse=True)
print("slowest pages (ms, best of 3): " + ", ".join(f"{p} {t:.1f}" for t, p in rows[:5]))
PY
fi
