#!/bin/bash
# Long runs you can watch: the progress line with total, share and time left (files counted
# ahead; a WARC by bytes), --stats=json, and the Prometheus metrics file kept current while
# the run goes on and read back with the Prometheus client library's own parser.
. "$(dirname "$0")/common.sh"

mkdir -p "$WORK/articles"
for i in $(seq -w 1 40); do
  printf 'Budget talks resume, round %s\n\nOfficials said on Monday that the talks would resume.\n' "$i" > "$WORK/articles/a$i.txt"
done
cat > "$WORK/slow.chain" <<'CHAIN'
fetch "files" { }
parse "text" { }
extract "slow" { ms = 40 }
format "json" { }
CHAIN
run_slow() { NEWSFLOW_PLUGIN_PATH="$TESTS_PLUGINS" "$NEWSFLOW" -j 1 -c "$WORK/slow.chain" "$@"; }

# --progress where standard error is not a terminal: a plain line each interval, with the
# total the files fetcher counted ahead, the share done and the time left.
expect_status 0 "--progress into a file" -- run_slow --progress=0.2 "$WORK/articles"
expect_grep "$WORK/err" "^newsflow: [0-9]+ of 40 articles \([0-9.]+%\), [0-9]+/s, [0-9]+:[0-9]{2} left$" \
  "a line with total, share and time left"
expect_grep "$WORK/err" "^newsflow: 40 of 40 articles \(100.0%\)" "the last line says all of them"
expect_status 1 "--progress=0 is refused" -- "$NEWSFLOW" --progress=0 "$SAMPLES"
expect_grep "$WORK/err" "--progress=0: a number of seconds" "says what --progress takes"
# Without --progress and not on a terminal: nothing but the tally.
expect_status 0 "no progress lines by default off a terminal" -- run_slow "$WORK/articles"
[ "$(wc -l < "$WORK/err")" = 1 ] && pass "only the tally on stderr" || fail "stderr: $(cat "$WORK/err")"

# A WARC's progress is its bytes read.
python3 "$SOURCE/tests/data/make-warc.py" big "$WORK/crawl.warc.gz" 300k
cat > "$WORK/warc.chain" <<'CHAIN'
fetch "warc" { }
parse "text" { }
extract "slow" { ms = 5 }
format "json" { }
CHAIN
expect_status 0 "--progress on a WARC" -- env NEWSFLOW_PLUGIN_PATH="$TESTS_PLUGINS" "$NEWSFLOW" -j 1 --progress=0.2 -c "$WORK/warc.chain" "$WORK/crawl.warc.gz"
expect_grep "$WORK/err" "^newsflow: [0-9]+ articles, [0-9.]+% of [0-9.]+ kB read, [0-9]+/s, [0-9]+:[0-9]{2} left$" \
  "a WARC's share done by bytes read"

# --stats=json: one JSON line with the tally and every stage.
expect_status 0 "--stats=json" -- "$NEWSFLOW" -q --stats=json "$SAMPLES"
if command -v jq >/dev/null; then
  grep '^{' "$WORK/err" > "$WORK/stats.json"
  [ "$(jq -r '[.read, .written, .dropped, .failed] | join(" ")' "$WORK/stats.json")" = "24 24 0 0" ] \
    && pass "the JSON tally" || fail "tally in $(cat "$WORK/stats.json")"
  [ "$(jq -r '.stages[] | select(.kind == "extract" and .name == "stats") | .items' "$WORK/stats.json")" = 24 ] \
    && pass "the JSON stage table" || fail "stages in $(cat "$WORK/stats.json")"
  # The CPU the stages used is measured, not left at zero.
  [ "$(jq '([.stages[].cpu_seconds] | add) > 0 and .cpu_seconds > 0' "$WORK/stats.json")" = true ] \
    && pass "CPU seconds per stage" || fail "no CPU figures in $(cat "$WORK/stats.json")"
else
  fail "jq is needed (the quick start installs it)"
fi
expect_status 1 "--stats=yaml is refused" -- "$NEWSFLOW" --stats=yaml "$SAMPLES"
expect_grep "$WORK/err" "--stats=yaml: say table or json" "says which formats there are"
expect_status 0 "--stats still prints the table" -- "$NEWSFLOW" -q --stats "$SAMPLES"
expect_grep "$WORK/err" "^extract stats +24 +0 +0 " "the table"

# --metrics: the file is there while the run goes on, and at the end holds the tally.
run_slow -q --metrics "$WORK/newsflow.prom" --metrics-interval 1 "$WORK/articles" > /dev/null 2>&1 &
runner=$!
seen_while_running=
while kill -0 "$runner" 2>/dev/null; do
  [ -s "$WORK/newsflow.prom" ] && { seen_while_running=1; cp "$WORK/newsflow.prom" "$WORK/early.prom"; break; }
  sleep 0.1
done
wait "$runner"; status=$?
[ "$status" = 0 ] && pass "the metrics run ends well" || fail "the metrics run: exit $status"
[ -n "$seen_while_running" ] && pass "the metrics file is written while the run goes on" \
  || fail "no metrics file before the end of a run of ~2 s"
expect_status 1 "--metrics-interval without --metrics" -- "$NEWSFLOW" --metrics-interval 5 "$SAMPLES"

# Read back with the Prometheus client's parser (Debian: python3-prometheus-client).
parser=
for python in python3 /usr/bin/python3; do
  "$python" -c 'import prometheus_client.parser' 2>/dev/null && { parser=$python; break; }
done
if [ -n "$parser" ]; then
  "$parser" - "$WORK/newsflow.prom" > "$WORK/samples" <<'PY' || fail "the metrics file does not parse"
import sys
from prometheus_client.parser import text_string_to_metric_families
for family in text_string_to_metric_families(open(sys.argv[1]).read()):
    for sample in family.samples:
        labels = ",".join(f"{k}={v}" for k, v in sorted(sample.labels.items()))
        print(f"{sample.name}{{{labels}}} {sample.value:g}")
PY
  expect_grep "$WORK/samples" "^newsflow_articles_read_total\{\} 40$" "read counter"
  expect_grep "$WORK/samples" "^newsflow_articles_written_total\{\} 40$" "written counter"
  expect_grep "$WORK/samples" "^newsflow_articles_in_flight\{\} 0$" "nothing in flight at the end"
  expect_grep "$WORK/samples" "^newsflow_stage_items_total\{kind=extract,stage=slow\} 40$" "per-stage items"
  expect_grep "$WORK/samples" "^newsflow_stage_seconds_total\{kind=extract,stage=slow\} [1-9]" "per-stage time"
  expect_grep "$WORK/samples" "^newsflow_progress_ratio\{\} 1$" "progress at the end"
else
  fail "python3-prometheus-client is needed (the quick start installs it)"
fi
finish
