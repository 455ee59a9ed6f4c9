#!/usr/bin/env bash
# hostile-shapes.sh: whether any extractor costs more than linear time on a long article made
# of one shape repeated (what a hostile or broken source sends).  Run by hand; not part of
# `make check` (timing is no test on a shared machine; big-article-memory.sh bounds memory).
#
#   tests/bench/hostile-shapes.sh [--binary PATH] [--reps N] [--shape NAME]...
#
# For each shape, writes one text article of N paragraphs (default 5,000) and one of 4N,
# runs fetch "files" -> parse "text" -> EXTRACTORS -> format "json" (to /dev/null) with
# each default extractor alone (quotes after entities, as in the default chain), and prints
# the CPU seconds at both sizes and their ratio: near 4 is linear, near 16 quadratic.  A
# line is marked when the ratio passes 6 and the larger run takes more than 0.3 s.
# Shapes (each found superlinear once, and fixed; see NEWS):
#   roles     "Foreign Secretary X arrived ... The Defence Secretary met ..." (entities)
#   places    "in Austin, Texas" (entities: a mention removed from the middle of the array)
#   names     thousands of distinct two- and three-word names (keywords' names merge)
#   unclosed  a quotation that never closes (quotes: the pieces of one quotation)
#   minister  "the minister said" with no minister named (quotes: a title nobody bore)
#   quotes    one speaker quoted over and over
#   he        "He said ... She said ..." with nobody named
#   colons    "<person> said:" and an unquoted statement (quotes' references)
#   dates     dates in many formats
#   paren     deep parentheses
#   onepara   one paragraph of the whole article
set -u -o pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
binary=${NEWSFLOW:-./newsflow} reps=5000 shapes=()
while [ $# -gt 0 ]; do
  case $1 in
    --binary) binary=$2; shift 2 ;;
    --reps) reps=$2; shift 2 ;;
    --shape) shapes+=("$2"); shift 2 ;;
    -h|--help) sed -n '2,27p' "$0"; exit 0 ;;
    *) echo "hostile-shapes.sh: unknown argument $1" >&2; exit 1 ;;
  esac
done
[ ${#shapes[@]} -gt 0 ] || shapes=(roles places names unclosed minister quotes he colons dates paren onepara)
[ -x "$binary" ] || { echo "hostile-shapes.sh: no newsflow at $binary (use --binary)" >&2; exit 1; }
# the program libtool's wrapper runs, so that its shell is not timed
real=$binary
if [ -x "$(dirname "$binary")/.libs/newsflow" ]; then
  real=$(dirname "$binary")/.libs/newsflow
  export LD_LIBRARY_PATH=$(cd "$(dirname "$binary")" && pwd)/core/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/hostile-shapes-XXXXXX")
trap 'rm -rf "$work"' EXIT

# write_shape SHAPE REPS FILE
write_shape () {
  python3 - "$1" "$2" "$3" <<'PY'
import random, sys
shape, reps, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rng = random.Random(3)
people = ["Ana Lima", "John Smith", "Marta Ruiz", "Kenji Watanabe", "Olu Adebayo", "Petra Novak"]
def letters(i):
    return chr(65 + i % 26) + chr(97 + (i // 26) % 26) + chr(97 + (i // 676) % 26)
paragraphs = []
for i in range(reps):
    if shape == "roles":
        p = f"Foreign Secretary Philip Hammond arrived in Baghdad on day {i}. The Defence Secretary met officials there."
    elif shape == "places":
        p = f"Officials met in Austin, Texas on day {i} to talk about roads."
    elif shape == "names":
        p = f"Officer {letters(i)}son Marlow{letters(i)} met Judge {letters(i)}ntin Hale in {letters(i)}ville."
    elif shape == "unclosed":
        p = f"\u201cThe report {i} was late, said the clerk to {rng.choice(people)} and nobody"
    elif shape == "minister":
        p = f"The minister said on day {i} that the plan would work."
    elif shape == "quotes":
        p = f"\u201cWe will finish bridge number {i} this year,\u201d said John Smith, the minister."
    elif shape == "he":
        p = f"He said the work on section {i} would go on. She said it would not."
    elif shape == "colons":
        p = f"{rng.choice(people)} said:\n\nI am proud of our team and we will win game {i}."
    elif shape == "dates":
        p = f"On March {i % 28 + 1}, {1990 + i % 30}, the office opened; on 2021-0{i % 9 + 1}-1{i % 9} it closed."
    elif shape == "paren":
        p = "(" * 50 + f"word {i}" + ")" * 50
    elif shape == "onepara":
        p = f"The council met again on day {i} and {rng.choice(people)} spoke about the budget."
    else:
        sys.exit(f"hostile-shapes.sh: no shape {shape}")
    paragraphs.append(p)
sep = " " if shape == "onepara" else "\n\n"
with open(out, "w", encoding="utf-8") as f:
    f.write(f"A long {shape} article\n\n" + sep.join(paragraphs) + "\n")
PY
}

printf '%-10s %-34s %8s %8s %6s\n' shape extractors "CPU s/4" "CPU s" ratio
for shape in "${shapes[@]}"; do
  mkdir -p "$work/$shape-small" "$work/$shape-large"
  write_shape "$shape" "$reps" "$work/$shape-small/a.txt" || exit 1
  write_shape "$shape" $((reps * 4)) "$work/$shape-large/a.txt" || exit 1
  for extractors in 'stats' 'language' 'entities' 'entities quotes' 'keywords' 'summary' 'dates'; do
    seconds=()
    for size in small large; do
      {
        echo "fetch \"files\" { paths = { \"$work/$shape-$size\" } pattern = { \"*.txt\" } }"
        echo 'parse "text" { }'
        for e in $extractors; do echo "extract \"$e\" { }"; done
        echo 'format "json" { output = "/dev/null" }'
      } > "$work/run.chain"
      /usr/bin/time -o "$work/time" -f '%U %S' "$real" -q -j 1 -c "$work/run.chain" > /dev/null 2> "$work/err" \
        || { echo "hostile-shapes.sh: $shape/$size with $extractors failed:" >&2; cat "$work/err" >&2; exit 1; }
      seconds+=("$(awk '{ print $1 + $2 }' "$work/time")")
    done
    awk -v s="$shape" -v e="$extractors" -v a="${seconds[0]}" -v b="${seconds[1]}" 'BEGIN {
      r = a > 0.01 ? b / a : 0
      printf "%-10s %-34s %8.2f %8.2f %6.1f%s\n", s, e, a, b, r, (r > 6 && b > 0.3) ? "  <- more than linear" : "" }'
  done
done
