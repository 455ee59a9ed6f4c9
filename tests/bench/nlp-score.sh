#!/bin/bash
# nlp-score.sh: runs files -> text -> entities -> quotes -> json over the real articles with
# gold annotations in ../shared/bench/text (when present) and prints the scorer's results.
#   tests/bench/nlp-score.sh [BUILD_DIR]      (default: the current directory)
# Entities are scored twice: with our spans (titles left out) and with the title added to
# titled mentions, the form the re3d gold uses ("Defense Secretary Ash Carter").
set -eu
here=$(cd "$(dirname "$0")" && pwd)
source_dir=$(cd "$here/../.." && pwd)
build=${1:-${NEWSFLOW_BUILD_DIR:-.}}
data=${NLP_BENCH_DATA:-$source_dir/../shared/bench/text}
[ -d "$data" ] || data=/work/shared/bench/text
if [ ! -f "$data/score.py" ]; then
  echo "nlp-score: no gold data in ../shared/bench/text: skipped"
  exit 0
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/nlp-score-XXXXXX")
trap 'rm -rf "$work"' EXIT
cat > "$work/score.chain" <<CHAIN
fetch "files" { paths = { "$data/articles" } pattern = { "*.txt" } }
parse "text" { }
extract "entities" { }
extract "quotes" { }
format "json" { output = "$work/out.jsonl" }
CHAIN
"$build/newsflow" -q -c "$work/score.chain"
python3 "$here/nlp-score.py" "$work/out.jsonl" > "$work/pred.jsonl"
python3 "$here/nlp-score.py" --title-mentions "$work/out.jsonl" > "$work/pred-titles.jsonl"
echo "== entities (spans without titles)"
python3 "$data/score.py" entities --data "$data" --pred "$work/pred.jsonl"
echo "== entities (titled mentions also given with their title)"
python3 "$data/score.py" entities --data "$data" --pred "$work/pred-titles.jsonl"
# The entity rules were developed on the centcom-* and usstate-* articles; the ukgov-* ones
# are held out to show whether a change generalises.
ids_of () { (cd "$data/articles" && ls $1 2>/dev/null | sed 's/\.txt$//' | paste -sd, -); }
for part in "centcom-*.txt usstate-*.txt:development" "ukgov-*.txt:held-out"; do
  ids=$(ids_of "${part%%:*}")
  [ -n "$ids" ] || continue
  echo "== entities, ${part##*:} articles (${part%%:*}; spans without titles)"
  python3 "$data/score.py" entities --data "$data" --pred "$work/pred.jsonl" --ids "$ids" | tail -1
  python3 "$here/nlp-score.py" --by-type "$data" "$work/pred.jsonl" $(echo "${part%%:*}" | sed 's/\*\.txt//g')
  printf 'with titled mentions: '
  python3 "$data/score.py" entities --data "$data" --pred "$work/pred-titles.jsonl" --ids "$ids" | tail -1
done
echo "== quotes"
python3 "$data/score.py" quotes --data "$data" --pred "$work/pred.jsonl"
# The quote rules were tuned on this set and on the development fold of the project's own
# fixtures (tests/data/quotes/dev); the held-out fold was written first and never tuned on.
for fold in dev:development heldout:held-out; do
  sed "s|$data/articles|$source_dir/tests/data/quotes/${fold%%:*}|; s|$work/out.jsonl|$work/quotes-${fold%%:*}.jsonl|" \
    "$work/score.chain" > "$work/quotes.chain"
  "$build/newsflow" -q -c "$work/quotes.chain"
  printf '== quotes, project fixtures, %s fold: ' "${fold##*:}"
  python3 "$source_dir/tests/data/quotes/score.py" "$source_dir/tests/data/quotes/${fold%%:*}" "$work/quotes-${fold%%:*}.jsonl"
done
if [ -n "${NLP_SCORE_KEEP:-}" ]; then cp "$work"/*.jsonl "$NLP_SCORE_KEEP"/; fi
