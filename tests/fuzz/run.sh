#!/bin/bash
# make fuzz: runs each named libFuzzer target for FUZZ_SECONDS over a copy of its corpus.
#   run.sh SRCDIR BUILDDIR TARGET...
# The copy lives in BUILDDIR/tests/fuzz/work/TARGET/corpus and grows from run to run; the
# source tree is never written.  A finding stops the target and leaves its input in
# BUILDDIR/tests/fuzz/work/TARGET/; the exit status is 1 when any target found something.
set -u
srcdir=$1 builddir=$2
shift 2
seconds=${FUZZ_SECONDS:-60}
# libFuzzer's defaults, with the sanitizers' reports made fatal and LeakSanitizer's known
# libconfuse leak suppressed.
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1}:detect_leaks=1
export UBSAN_OPTIONS='print_stacktrace=1:halt_on_error=1'
export LSAN_OPTIONS="suppressions=$srcdir/tests/lsan.supp"
status=0
for target in "$@"; do
  program=$builddir/tests/fuzz/fuzz-$target
  seeds=$srcdir/tests/fuzz/corpus/$target
  if [ ! -x "$program" ] || [ ! -d "$seeds" ]; then
    echo "fuzz: no target \"$target\" (have: $(ls "$srcdir/tests/fuzz/corpus" | tr '\n' ' '))" >&2
    exit 2
  fi
  work=$builddir/tests/fuzz/work/$target
  mkdir -p "$work/corpus"
  cp -n "$seeds"/* "$work/corpus/" 2>/dev/null
  echo "== fuzz-$target: $seconds s, corpus $work/corpus"
  if "$program" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
       -artifact_prefix="$work/" "$work/corpus" > "$work/log" 2>&1; then
    grep -E '^stat::number_of_executed_units|^Done' "$work/log" | tail -2
  else
    status=1
    tail -40 "$work/log" >&2
    echo "fuzz-$target: FINDING, input in $work/ (crash-*, leak-*, timeout-*, oom-*); fix it and" \
         "add the input to tests/fuzz/corpus/$target/ as crash-<what>" >&2
  fi
done
exit $status
