#!/bin/bash
# One large article costs memory linear in its size, within issue 12's ~20x: a generated text
# article of 1 MB and of 3 MB through parse "text" -> extract "entities" -> format "json"
# (compact and pretty), then through every extractor of the default chain, and the growth of the peak RSS (GNU time) per byte of article between
# the two stays under 20 MB per MB.  Before the streaming JSON writer the JSON tree alone made
# it ~40.  The growth leaves out the fixed footprint (libraries, the entities' lexicon).
# Skipped without GNU time and under the sanitizers, whose shadow memory is no measure.
. "$(dirname "$0")/common.sh"

skip_unless_memory_measurable

# make_article MB FILE: the samples' body paragraphs in a shuffled order (fixed seed), a blank
# line apart, as tests/bench/big-article.sh makes them.
make_article() {
  python3 - "$SAMPLES" "$1" "$2" <<'PY'
import glob, os, random, sys
samples, mb, out = sys.argv[1], float(sys.argv[2]), sys.argv[3]
paragraphs = []
for path in sorted(glob.glob(os.path.join(samples, "*.txt"))):
    blocks = open(path, encoding="utf-8").read().split("\n\n")
    paragraphs += [b for b in blocks[2:-1] if len(b) > 200]
rng = random.Random(12)
chosen, size = [], 0
while size < mb * 1000000:
    p = rng.choice(paragraphs)
    chosen.append(p)
    size += len(p.encode()) + 2
with open(out, "w", encoding="utf-8") as f:
    f.write("A large article\n\n" + "\n\n".join(chosen) + "\n")
PY
}
make_article 1 "$WORK/small.txt"
make_article 3 "$WORK/large.txt"

# all: the default chain's extractors (stats, language, entities, quotes, keywords, summary,
# dates) in compact JSON; before the article kept its attribute values shared and quotes its
# list serialised, this grew ~24 MB per MB.
for pretty in false true all; do
  extractors='extract "entities" { }'
  [ "$pretty" = all ] && extractors='extract "stats" { } extract "language" { } extract "entities" { }
extract "quotes" { } extract "keywords" { } extract "summary" { } extract "dates" { }'
  cat > "$WORK/run.chain" <<CHAIN
fetch "files" { paths = { "-" } }
parse "text" { }
$extractors
format "json" { output = "-"  pretty = $([ "$pretty" = true ] && echo true || echo false) }
CHAIN
  peaks=()
  for input in small large; do
    if ! /usr/bin/time -f '%M' -o "$WORK/time" "$NEWSFLOW" -j 1 -q -c "$WORK/run.chain" \
         "$WORK/$input.txt" > "$WORK/$input.json" 2> "$WORK/err"; then
      fail "pretty = $pretty: newsflow failed on the $input article"; cat "$WORK/err"; continue
    fi
    peaks+=("$(tail -n 1 "$WORK/time")")
  done
  [ "${#peaks[@]}" = 2 ] || continue
  entities=$(grep -o '"type" *: *"entity"' "$WORK/large.json" | wc -l)
  [ "$entities" -gt 10000 ] || fail "pretty = $pretty: only $entities entities in the 3 MB article"
  bytes=$(( $(stat -c %s "$WORK/large.txt") - $(stat -c %s "$WORK/small.txt") ))
  growth=$(awk -v a="${peaks[0]}" -v b="${peaks[1]}" -v n="$bytes" 'BEGIN { printf "%.1f", (b - a) * 1024 / n }')
  if awk -v g="$growth" 'BEGIN { exit !(g < 20) }'; then
    pass "pretty = $pretty: peak RSS grows $growth MB per MB of article ($entities entities; bound 20)"
  else
    fail "pretty = $pretty: peak RSS grows $growth MB per MB of article (${peaks[0]} -> ${peaks[1]} KB), bound 20"
  fi
done
finish
