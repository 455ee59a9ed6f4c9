#!/usr/bin/env bash
# big-article.sh: what one large article costs, stage by stage: CPU seconds and peak memory as
# a multiple of the article's size (issue 12's bound is ~20x, and no stage may be worse than
# linear).  Run by hand; it is not part of `make check`.
#
#   tests/bench/big-article.sh [--mb M] [--binary PATH] [--keep]
#
# Builds a text article of about M MB (default 6) from the paragraphs of the bundled samples
# (docs/examples/articles), shuffled with a fixed seed, and the same at a quarter of the size.
# Runs fetch "files" -> parse "text" -> [extractors] -> format "json" to /dev/null under GNU
# time with no extractor, each default extractor alone (quotes after entities, as in the
# default chain) and the whole default list, and prints CPU seconds at both sizes, their
# ratio (near 4 is linear, near 16 quadratic), the peak RSS at full size and MB/MB, the
# growth of the peak per byte of article between the two sizes.
set -u -o pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
srcdir=$(cd "$here/../.." && pwd)
prog=${0##*/}
mb=6 keep=0 binary=${NEWSFLOW:-}

while [ $# -gt 0 ]; do
  case $1 in
    --mb) mb=$2; shift 2 ;;
    --binary) binary=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "$prog: unknown argument $1" >&2; exit 2 ;;
  esac
done
if [ -z "$binary" ]; then
  for b in ./newsflow "$srcdir/build/newsflow"; do [ -x "$b" ] && { binary=$b; break; }; done
fi
[ -x "$binary" ] || { echo "$prog: no newsflow binary (use --binary)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "$prog: needs python3" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "$prog: needs GNU time (apt-get install time)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/newsflow-big.XXXXXX")
[ "$keep" = 1 ] && echo "keeping $work" || trap 'rm -rf "$work"' EXIT

python3 - "$srcdir/docs/examples/articles" "$work" "$mb" <<'EOF'
import glob, os, random, sys
samples, work, mb = sys.argv[1], sys.argv[2], float(sys.argv[3])
paragraphs = []
for path in sorted(glob.glob(os.path.join(samples, "*.txt"))):
    blocks = open(path, encoding="utf-8").read().split("\n\n")
    paragraphs += [b for b in blocks[2:-1] if len(b) > 200]   # body paragraphs, no header
rng = random.Random(12)
for name, target in (("quarter.txt", mb * 250000), ("full.txt", mb * 1000000)):
    out, size = [], 0
    while size < target:
        p = rng.choice(paragraphs)
        out.append(p)
        size += len(p.encode()) + 2
    with open(os.path.join(work, name), "w", encoding="utf-8") as f:
        f.write("A large article\n\n" + "\n\n".join(out) + "\n")
EOF

chain() {
  echo 'fetch "files" { paths = { "-" } }'
  echo 'parse "text" { }'
  for e in "$@"; do echo "extract \"$e\" { }"; done
  echo 'format "json" { output = "-" }'
}

printf '%-40s %8s %8s %7s %8s %8s\n' "extractors" "CPU s/4" "CPU s" "ratio" "RSS MB" "MB/MB"
status=0
for set in "" stats language entities "entities quotes" keywords summary dates \
           "stats language entities quotes keywords summary dates"; do
  # shellcheck disable=SC2086
  chain $set > "$work/run.chain"
  results=()
  for input in quarter.txt full.txt; do
    if ! /usr/bin/time -f '%U %S %M' -o "$work/time" "$binary" -j 1 -q -c "$work/run.chain" \
         "$work/$input" > /dev/null 2> "$work/err"; then
      echo "$prog: newsflow failed on $input with [$set]:" >&2
      cat "$work/err" >&2
      status=1
    fi
    read -r user sys kb < "$work/time"
    results+=("$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" "$kb" \
              "$(stat -c %s "$work/$input")")
  done
  # MB/MB: the peak's growth per byte of article between the two sizes, which leaves out the
  # binary's fixed footprint (libraries, models) that dominates small articles.
  awk -v name="${set:-(parse and json only)}" -v c1="${results[0]}" -v k1="${results[1]}" \
      -v b1="${results[2]}" -v c2="${results[3]}" -v k2="${results[4]}" -v b2="${results[5]}" \
      'BEGIN { printf "%-40s %8.2f %8.2f %7.1f %8.1f %8.1f\n", substr(name, 1, 40), c1, c2,
               (c1 > 0 ? c2 / c1 : 0), k2 / 1024, (k2 - k1) * 1024 / (b2 - b1) }'
done
exit $status
