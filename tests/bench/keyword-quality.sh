#!/usr/bin/env bash
# keyword-quality.sh: how well and how fast extract "keywords" picks the key phrases readers
# picked, on ../shared/bench/keywords (DUC-2001 and 500N-KPCrowd halves; score.py).
#
#   tests/bench/keyword-quality.sh [--binary PATH] [--data DIR]
#
# Runs the chain files -> text -> language -> keywords once per method (the English
# noun-phrase method with its learned ranker, "rules": with the hand-made ranking instead,
# ranker = "rules", "words": with unit = "words", and YAKE, side by side in one run) over both sets, and prints
# score.py's F1@5, F1@10 and R@10 for each set and for its two folds (A: the articles at
# even positions in name order, on which the method was developed; B: the odd ones, held
# out), then the keywords stage's articles/s from --stats for each method: the best of
# --repeat runs (3), alternating the methods, since a shared machine's load moves single
# runs by 2x.
# Skips (exit 0) without the data.
set -u -o pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
srcdir=$(cd "$here/../.." && pwd)
binary=${NEWSFLOW:-} data= repeat=3
while [ $# -gt 0 ]; do
  case $1 in
    --binary) binary=$2; shift 2 ;;
    --data) data=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "keyword-quality.sh: unknown argument $1" >&2; exit 1 ;;
  esac
done
if [ -z "$data" ]; then
  for d in /work/shared/bench/keywords "$srcdir/../shared/bench/keywords"; do
    [ -f "$d/score.py" ] && { data=$d; break; }
  done
fi
if [ -z "$data" ] || [ ! -f "$data/score.py" ]; then
  echo "keyword-quality.sh: skipped: no ../shared/bench/keywords data set here"
  exit 0
fi
if [ -z "$binary" ]; then
  for b in ./newsflow "$srcdir/build/newsflow" "$srcdir/newsflow"; do
    [ -x "$b" ] && { binary=$b; break; }
  done
fi
[ -x "$binary" ] || { echo "keyword-quality.sh: no newsflow binary (use --binary)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for method in phrases rules words yake; do
  options="method = \"$method\""
  [ "$method" = rules ] && options='method = "phrases" ranker = "rules"'
  [ "$method" = words ] && options='method = "phrases" unit = "words"'
  cat > "$work/$method.chain" <<CHAIN
fetch "files" { }
parse "text" { }
extract "language" { }
extract "keywords" { $options }
format "json" { output = "-" fields = { "source", "keywords" } }
CHAIN
done

# A fold's gold: the set's gold lines whose article is at an even (A) or odd (B) position.
fold_gold() { # set fold -> directory usable as score.py --data
  local set=$1 fold=$2 dir="$work/gold-$1-$2"
  mkdir -p "$dir"
  ln -sfn "$data/$set/articles" "$dir/articles"
  python3 - "$data/$set" "$fold" > "$dir/gold.jsonl" <<'PY'
import json, os, sys
d, fold = sys.argv[1], sys.argv[2]
ids = sorted(f[:-4] for f in os.listdir(d + "/articles") if f.endswith(".txt"))
keep = set(ids[0::2] if fold == "A" else ids[1::2])
for line in open(d + "/gold.jsonl", encoding="utf-8"):
    if json.loads(line)["id"] in keep:
        sys.stdout.write(line)
PY
  echo "$dir"
}

printf '%-8s %-9s %-6s %s\n' method set fold "score.py"
for method in phrases rules words yake; do
  for set in duc2001 500n; do
    "$binary" -q -j 1 --stats -c "$work/$method.chain" "$data/$set/articles" \
      > "$work/$method-$set.jsonl" 2> "$work/$method-$set.stats"
    for fold in all A B; do
      if [ "$fold" = all ]; then gold="$data/$set"; else gold=$(fold_gold "$set" "$fold"); fi
      printf '%-8s %-9s %-6s %s\n' "$method" "$set" "$fold" \
        "$(python3 "$data/score.py" --data "$gold" --pred "$work/$method-$set.jsonl")"
    done
  done
done
echo
# Speed: the keywords stage alone (--stats), best of $repeat runs per method, alternating.
for run in $(seq "$repeat"); do
  for method in phrases rules yake; do
    for set in duc2001 500n; do
      "$binary" -q -j 1 --stats -c "$work/$method.chain" "$data/$set/articles" 2>&1 >/dev/null \
        | awk -v m="$method" -v r="$run" '$1 == "extract" && $2 == "keywords" { print m, r, $3, $6 }'
    done
  done
done | awk '{ n[$1 " " $2] += $3; s[$1 " " $2] += $4 }
  END { for (k in n) { split(k, p, " "); rate = n[k] / s[k];
          if (rate > best[p[1]]) { best[p[1]] = rate; count[p[1]] = n[k] } }
        for (m in best) printf "%-8s keywords stage: %d articles, %.2f ms each, %.0f articles/s (one thread, best run)\n", m, count[m], 1000 / best[m], best[m] }' | sort
