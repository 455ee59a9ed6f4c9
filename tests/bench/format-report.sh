#!/usr/bin/env bash
# format-report.sh: the HTML report of the sample collection, and screenshots of it taken by
# headless Chromium, so people can look at what format "html" makes.  Run by hand from the
# build tree; not part of `make check`.
#
#   tests/bench/format-report.sh [--out DIR] [--binary PATH] [--no-annotate]
#
# Writes DIR/report.html (default DIR: ./format-report), DIR/report-top.png (1280x1600: the
# overview charts and the index) and DIR/report-article.png (the first article, its entities
# and quotes highlighted).  The chain is files -> text -> stats -> the test-only extract
# "annotate" (crude entities, quotes, keywords, summary, language and dates, built by
# `make check` or `make tests/plugins/extract_annotate.la`) -> html; with --no-annotate, or
# when that plugin is not built, the report shows what stats alone gives.
set -u -o pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
srcdir=$(cd "$here/../.." && pwd)
prog=${0##*/}
die() { printf '%s: %s\n' "$prog" "$*" >&2; exit 1; }

out=format-report binary= annotate=1
while [ $# -gt 0 ]; do
  case $1 in
    --out) out=${2:?}; shift 2 ;;
    --binary) binary=${2:?}; shift 2 ;;
    --no-annotate) annotate=0; shift ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done
if [ -z "$binary" ]; then
  for candidate in "${NEWSFLOW:-}" ./newsflow "${NEWSFLOW_BUILD_DIR:+$NEWSFLOW_BUILD_DIR/newsflow}"; do
    [ -n "$candidate" ] && [ -x "$candidate" ] && { binary=$candidate; break; }
  done
fi
[ -n "$binary" ] && [ -x "$binary" ] || die "no newsflow binary: run from the build tree, or pass --binary PATH"
build=$(cd "$(dirname "$binary")" && pwd)
chromium=${CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || die "needs $chromium for the screenshots: apt-get install chromium"

if [ "$annotate" = 1 ] && [ ! -e "$build/tests/plugins/.libs/extract_annotate.so" ] \
   && [ ! -e "$build/tests/plugins/extract_annotate.so" ]; then
  echo "$prog: extract \"annotate\" is not built (make tests/plugins/extract_annotate.la): report without entities" >&2
  annotate=0
fi
mkdir -p "$out" || die "cannot make $out"
out=$(cd "$out" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/newsflow-report.XXXXXX") || die "no temporary directory"
trap 'rm -rf "$work"' EXIT

{
  printf 'plugin-path = { "%s/tests/plugins" }\n' "$build"
  printf 'fetch "files" { paths = { "%s/docs/examples/articles" } }\n' "$srcdir"
  printf 'parse "text" { }\nextract "stats" { }\n'
  [ "$annotate" = 1 ] && printf 'extract "annotate" { }\n'
  printf 'format "html" { output = "%s/report.html" title = "newsflow: sample collection" }\n' "$out"
} >"$work/report.chain"
"$binary" -q -c "$work/report.chain" || die "newsflow failed"

shoot() { # PNG HEIGHT URL
  "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$(mktemp -d "$work/profile-XXXXXX")" --hide-scrollbars \
    --window-size=1280,"$2" --screenshot="$1" "$3" >/dev/null 2>&1 || die "chromium failed on $3"
}
shoot "$out/report-top.png" 1600 "file://$out/report.html"
# The first article alone: the same report of one file, so its section is at the top.
sed "s|docs/examples/articles\"|docs/examples/articles/01-kyiv-grain-corridor.txt\"|; s|report.html|one.html|" \
  "$work/report.chain" >"$work/one.chain"
"$binary" -q -c "$work/one.chain" && shoot "$out/report-article.png" 2000 "file://$out/one.html"
rm -f "$out/one.html"
printf 'report:      %s (%s bytes)\nscreenshots: %s\n             %s\n' "$out/report.html" \
  "$(wc -c <"$out/report.html")" "$out/report-top.png" "$out/report-article.png"
