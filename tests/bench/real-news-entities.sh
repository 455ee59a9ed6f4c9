#!/bin/bash
# real-news-entities.sh: scores extract "entities" on 24 real news articles against the
# hand-made gold in real-news-entities.jsonl (issue 11: entities on news never tuned on).
#   tests/bench/real-news-entities.sh [BUILD_DIR [--show]]   (default: the current directory)
# --show is passed to the scorer: it prints every miss (reading them makes the set no longer
# unseen: note it beside any figure measured after).
# The articles are from ../shared/bench/keywords (research use only: they are never copied
# into the project; only their ids and the annotations are).  The selection rule: the sorted
# file names of duc2001/articles, every 13th starting at index 6 (0-based: 6, 19, ..., 149;
# 12 files), and of 500n/articles, every 18th starting at index 9 (9, 27, ..., 207; 12
# files).  The gold lists every distinct person, place and organization named in each body
# (headline not annotated) and was written and committed before newsflow was run on them.
# The metric is tests/data/quotes/score.py --entities (distinct referents per article); the
# articles are scored with the default chain's settings and again with convention = "conll",
# the gold's own convention.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
source_dir=$(cd "$here/../.." && pwd)
build=${1:-${NEWSFLOW_BUILD_DIR:-.}}
[ $# -gt 0 ] && shift
python=${PYTHON:-python3}
data=${KEYWORDS_BENCH_DATA:-$source_dir/../shared/bench/keywords}
[ -d "$data" ] || data=/work/shared/bench/keywords
if [ ! -d "$data/duc2001/articles" ] || [ ! -d "$data/500n/articles" ]; then
  echo "real-news-entities: no articles in ../shared/bench/keywords: skipped"
  exit 0
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/real-news-entities-XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir "$work/fold"
# the selection (sed's first~step counts lines from 1: line 7 is index 6)
{ (cd "$data/duc2001/articles" && ls | LC_ALL=C sort | sed -n '7~13p' | sed "s|^|$data/duc2001/articles/|")
  (cd "$data/500n/articles" && ls | LC_ALL=C sort | sed -n '10~18p' | sed "s|^|$data/500n/articles/|")
} > "$work/selection"
xargs cp -t "$work/fold" < "$work/selection"
cp "$here/real-news-entities.jsonl" "$work/fold/entities.jsonl"
# the chosen files must be the ones annotated, no more and no fewer
(cd "$work/fold" && ls *.txt | sed 's/\.txt$//' | LC_ALL=C sort) > "$work/chosen"
"$python" -c 'import json, sys
print("\n".join(sorted(json.loads(l)["id"] for l in open(sys.argv[1]) if l.strip())))' \
  "$work/fold/entities.jsonl" > "$work/annotated"
if ! cmp -s "$work/chosen" "$work/annotated"; then
  echo "real-news-entities: the selection differs from the gold's ids:" >&2
  diff "$work/chosen" "$work/annotated" >&2 || true
  exit 1
fi
# the default chain's settings, then convention = "conll", the gold's own convention (a
# country is always a place; a people in the plural a nationality)
for convention in re3d conll; do
  cat > "$work/entities.chain" <<CHAIN
fetch "files" { paths = { "$work/fold" } pattern = { "*.txt" } }
parse "text" { }
extract "entities" { convention = "$convention" }
format "json" { output = "$work/out-$convention.jsonl" }
CHAIN
  "$build/newsflow" -q -c "$work/entities.chain"
done
cp "$work/out-re3d.jsonl" "$work/out.jsonl"
echo "== entities, 24 real news articles (12 DUC-2001, 12 500N; gold written before any run)"
"$python" "$source_dir/tests/data/quotes/score.py" "$work/fold" "$work/out.jsonl" --entities "$@"
echo "== the same with convention = \"conll\""
"$python" "$source_dir/tests/data/quotes/score.py" "$work/fold" "$work/out-conll.jsonl" --entities "$@"
if [ -n "${REAL_NEWS_KEEP:-}" ]; then cp "$work/out.jsonl" "$REAL_NEWS_KEEP"/; fi
