#!/bin/bash
# A long run's memory stays flat: every extractor of the default chain over 1,500 and then
# 15,000 short articles (fetch "jsonl", -j 2), and the peak RSS (GNU time) of the longer run
# exceeds the shorter one's by less than 2 MB.  Anything an extractor keeps per article shows
# as growth: extract "stats" once leaked each article's field (~270 bytes an article, 3.6 MB
# here), unseen by LeakSanitizer because GLib's slice allocator kept the block reachable.
# The caches that are meant to grow (the keywords' vocabulary, up to 100,000 words) are full
# after the first run's articles: all of them reuse the samples' words, titles included.
# Skipped without GNU time and under the sanitizers, whose shadow memory is no measure.
. "$(dirname "$0")/common.sh"

skip_unless_memory_measurable

# make_articles N FILE: N articles of three of the samples' paragraphs each, chosen by the
# article's number, and a title of a paragraph's first words, as JSON Lines.
make_articles() {
  python3 - "$SAMPLES" "$1" "$2" <<'PY'
import glob, json, os, sys
samples, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
paragraphs = []
for path in sorted(glob.glob(os.path.join(samples, "*.txt"))):
    blocks = open(path, encoding="utf-8").read().split("\n\n")
    paragraphs += [b.strip() for b in blocks[2:] if len(b) > 80]
with open(out, "w", encoding="utf-8") as f:
    for i in range(n):
        body = "\n\n".join(paragraphs[(i * k) % len(paragraphs)] for k in (1, 7, 13))
        title = " ".join(paragraphs[i % len(paragraphs)].split()[:6])
        f.write(json.dumps({"id": "a%06d" % i, "title": title, "text": body}) + "\n")
PY
}

peaks=()
for n in 1500 15000; do
  make_articles "$n" "$WORK/articles-$n.jsonl"
  cat > "$WORK/run-$n.chain" <<CHAIN
fetch "jsonl" { paths = { "$WORK/articles-$n.jsonl" } }
extract "stats" { }
extract "language" { }
extract "entities" { }
extract "quotes" { }
extract "keywords" { }
extract "summary" { }
extract "dates" { }
format "json" { output = "-" }
CHAIN
  if ! /usr/bin/time -f '%M' -o "$WORK/time" "$NEWSFLOW" -j 2 -q -c "$WORK/run-$n.chain" \
       > /dev/null 2> "$WORK/err"; then
    fail "newsflow failed on $n articles"; cat "$WORK/err"; continue
  fi
  expect_grep "$WORK/err" "read $n, written $n, dropped 0, failed 0" "$n articles written"
  peaks+=("$(tail -n 1 "$WORK/time")")
done
if [ "${#peaks[@]}" = 2 ]; then
  growth=$(( peaks[1] - peaks[0] ))
  if [ "$growth" -lt 2048 ]; then
    pass "peak RSS ${peaks[0]} KB for 1,500 articles, ${peaks[1]} KB for 15,000 (grows $growth KB; bound 2,048)"
  else
    fail "peak RSS ${peaks[0]} KB for 1,500 articles, ${peaks[1]} KB for 15,000: grows $growth KB (bound 2,048)"
  fi
fi
finish
