#!/usr/bin/env bash
# meta-quality.sh: how well and how fast parse "html" finds each page's title, authors and
# publication date, on the development set ../shared/bench/meta (546 real pages with gold
# from the trafilatura evaluation set, and its scorer score.py).
#
#   tests/bench/meta-quality.sh [--binary PATH] [--baseline PATH] [--data DIR] [--fold all|dev|held-out] [--per-page] [--date-misses] [--no-speed]
#
# Runs newsflow once over the pages (fetch "files" -> parse "html" { min-length = 0 } ->
# format "json") and prints score.py's figures beside those of issue 19's table.  --fold
# scores one part: "held-out" is every third page by sorted id (the pages the metadata work
# was never tuned on), "dev" the other two thirds.  Then the parser's speed on
# ../shared/bench/html (pages/s from newsflow --stats, parsing only), and with --baseline the
# same figure for another build measured in the same run, alternating, best of three each.
# --date-misses lists the fold's pages whose day is not the gold's: id, our day, the gold's,
# where ours came from (published_from) and the URL (read the pages of the dev fold only).
# Skips (exit 0) with a message when the data set is absent: it lives outside the repository.
set -u -o pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
srcdir=$(cd "$here/../.." && pwd)
binary=${NEWSFLOW:-} baseline= data= fold=all per_page= date_misses= speed=1
while [ $# -gt 0 ]; do
  case $1 in
    --binary) binary=$2; shift 2 ;;
    --baseline) baseline=$2; shift 2 ;;
    --data) data=$2; shift 2 ;;
    --fold) fold=$2; shift 2 ;;
    --per-page) per_page=--per-page; shift ;;
    --date-misses) date_misses=1; shift ;;
    --no-speed) speed=0; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "meta-quality.sh: unknown argument $1" >&2; exit 1 ;;
  esac
done
case $fold in all|dev|held-out) ;; *) echo "meta-quality.sh: --fold is all, dev or held-out" >&2; exit 1 ;; esac
if [ -z "$data" ]; then
  for d in /work/shared/bench/meta "$srcdir/../shared/bench/meta"; do
    [ -f "$d/score.py" ] && { data=$d; break; }
  done
fi
if [ -z "$data" ] || [ ! -f "$data/score.py" ]; then
  echo "meta-quality.sh: skipped: no ../shared/bench/meta data set here"
  exit 0
fi
if [ -z "$binary" ]; then
  for b in ./newsflow "$srcdir/build/newsflow" "$srcdir/newsflow"; do
    [ -x "$b" ] && { binary=$b; break; }
  done
fi
[ -x "${binary:-}" ] || { echo "meta-quality.sh: no newsflow binary (use --binary)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/meta-quality-XXXXXX")
trap 'rm -rf "$work"' EXIT

# The fold: a copy of the data directory's gold with only the chosen pages.
mkdir -p "$work/data"
python3 - "$data/gold.jsonl" "$work/data/gold.jsonl" "$fold" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
ids = sorted(r["id"] for r in rows)
held = {i for n, i in enumerate(ids) if n % 3 == 2}
keep = {"all": lambda i: True, "dev": lambda i: i not in held, "held-out": lambda i: i in held}[sys.argv[3]]
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for r in rows:
        if keep(r["id"]):
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
PY

cat > "$work/meta.chain" <<CHAIN
fetch "files" { paths = { "$data/pages" } pattern = { "*.html.gz", "*.html" } }
parse "html" { min-length = 0 }
format "json" { output = "$work/pred.jsonl" }
CHAIN
"$binary" -q -j 1 -c "$work/meta.chain" 2> "$work/errors" \
  || { echo "meta-quality.sh: newsflow failed:" >&2; cat "$work/errors" >&2; exit 1; }

echo "fold: $fold ($(wc -l < "$work/data/gold.jsonl") pages; held-out = every third page by sorted id)"
echo "issue 19, newsflow before: title exact 0.821, authors F1 0.623, false bylines 63/196, date same-day 0.619 coverage 0.695"
echo "issue 19, trafilatura 2.2: title exact 0.716, authors F1 0.652, false bylines 70/196, date same-day 0.861 coverage 1.000"
echo "issue 19, htmldate 1.10:                                                             date same-day 0.861 coverage 1.000"
echo "newsflow now:"
python3 "$data/score.py" --data "$work/data" --pred "$work/pred.jsonl" $per_page
if [ -n "$date_misses" ]; then
  echo "date misses (id, ours, gold, provenance, url):"
  python3 - "$data/score.py" "$work/data/gold.jsonl" "$work/pred.jsonl" <<'PY'
import importlib.util, json, os, sys
spec = importlib.util.spec_from_file_location("score", sys.argv[1])
score = importlib.util.module_from_spec(spec); spec.loader.exec_module(score)
pred = {}
for line in open(sys.argv[3], encoding="utf-8"):
    if line.strip():
        r = json.loads(line)
        pred[os.path.basename(r.get("source") or "").split(".")[0] or r.get("id")] = r
for line in open(sys.argv[2], encoding="utf-8"):
    g = json.loads(line)
    gold = score.norm_date(g.get("date"))
    p = pred.get(g["id"], {})
    ours = score.norm_date(p.get("published_local") or p.get("published"))
    if gold and ours != gold:
        print(g["id"], ours or "-", gold, p.get("published_from") or "-", g.get("url", ""))
PY
fi

# Speed on the html set: parse "html" alone, as --stats reports it.
html=$(dirname "$data")/html
[ "$speed" = 1 ] && [ -d "$html/html" ] || exit 0
cat > "$work/speed.chain" <<CHAIN
fetch "files" { paths = { "$html/html" } pattern = { "*.html.gz", "*.html" } }
parse "html" { min-length = 0 }
format "json" { output = "/dev/null" }
CHAIN
pages=$(ls "$html/html" | wc -l)
speed() {
  "$1" -q -j 1 --stats -c "$work/speed.chain" 2>&1 >/dev/null | grep -E 'parse html' | head -1 \
    | awk -v n="$pages" '{ s = $NF + 0; if (s > 0) printf "%.1f\n", n / s }'
}
best_new=0 best_old=0
for _ in 1 2 3; do
  v=$(speed "$binary"); [ -n "$v" ] && best_new=$(python3 -c "print(max($best_new, $v))")
  if [ -n "$baseline" ]; then
    v=$(speed "$baseline"); [ -n "$v" ] && best_old=$(python3 -c "print(max($best_old, $v))")
  fi
done
echo "parse html speed on $pages pages of $(basename "$(dirname "$html")")/html: $best_new pages/s (best of 3, one thread)"
if [ -n "$baseline" ]; then
  echo "baseline $baseline: $best_old pages/s; ratio $(python3 -c "print(f'{$best_new / max($best_old, 1e-9):.3f}')")"
fi
