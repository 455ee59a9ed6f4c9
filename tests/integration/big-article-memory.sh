#!/bin/bash
# One large article costs memory linear in its size, within issue 12's ~20x: a generated text
# article of 1 MB and of 3 MB through parse "text" -> extract "entities" -> format "json"
# (compact and pretty), then through every extractor of the default chain, and the growth of the peak RSS (GNU time) per byte of article between
# the two stays under 20 MB per MB; so does an article that repeats a title alone.  Before the streaming JSON writer the JSON tree alone made
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

# A title alone repeated through a long article ("the Defence Secretary", thousands of times,
# after as many titled names): the entities' pass over roles once looked through every
# mention for each role and kept a copy of the bearer's name per pair, 3 GB for a 2 MB
# article (here it grew 388 MB per MB).  Three names a line, an annotation every 33 bytes
# (the samples have one every 120), cost ~19 MB per MB of annotations alone: bound 40.
make_roles() {
  python3 - "$1" "$2" <<'PY'
import sys
with open(sys.argv[2], "w", encoding="utf-8") as f:
    f.write("Roles\n\n")
    for i in range(int(sys.argv[1])):
        f.write(f"Foreign Secretary Philip Hammond arrived in Baghdad on day {i}. "
                "The Defence Secretary met officials there.\n\n")
PY
}
make_roles 1000 "$WORK/roles-small.txt"
make_roles 4000 "$WORK/roles-large.txt"
printf 'fetch "files" { paths = { "-" } }\nparse "text" { }\nextract "entities" { }\nformat "json" { output = "-" }\n' \
  > "$WORK/roles.chain"
peaks=()
for input in roles-small roles-large; do
  /usr/bin/time -f '%M' -o "$WORK/time" "$NEWSFLOW" -j 1 -q -c "$WORK/roles.chain" "$WORK/$input.txt" \
    > "$WORK/$input.json" 2> "$WORK/err" || { fail "roles: newsflow failed on $input"; cat "$WORK/err"; }
  peaks+=("$(tail -n 1 "$WORK/time")")
done
bytes=$(( $(stat -c %s "$WORK/roles-large.txt") - $(stat -c %s "$WORK/roles-small.txt") ))
growth=$(awk -v a="${peaks[0]}" -v b="${peaks[1]}" -v n="$bytes" 'BEGIN { printf "%.1f", (b - a) * 1024 / n }')
if awk -v g="$growth" 'BEGIN { exit !(g < 40) }'; then
  pass "roles: peak RSS grows $growth MB per MB of article (bound 40)"
else
  fail "roles: peak RSS grows $growth MB per MB of article (${peaks[0]} -> ${peaks[1]} KB), bound 40"
fi
finish
