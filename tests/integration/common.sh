# common.sh: sourced by the integration tests: where the binary and samples are, a scratch
# directory, and small assertions that print what differed.
set -u
BUILD=${NEWSFLOW_BUILD_DIR:?run through make check}
SOURCE=${NEWSFLOW_SOURCE_DIR:?run through make check}
NEWSFLOW="$BUILD/newsflow"
SAMPLES="$SOURCE/docs/examples/articles"
TESTS_PLUGINS="$BUILD/tests/plugins"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/newsflow-it-XXXXXX")
trap 'rm -rf "$WORK"' EXIT
failures=0

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

# expect_status WANT DESCRIPTION -- command...
expect_status() {
  want=$1; what=$2; shift 3
  "$@" >"$WORK/out" 2>"$WORK/err"; got=$?
  if [ "$got" = "$want" ]; then pass "$what (exit $got)"; else
    fail "$what: exit $got, wanted $want"; sed 's/^/  stderr: /' "$WORK/err" | head -20; fi
}

# expect_grep FILE PATTERN DESCRIPTION
expect_grep() {
  if grep -qE -- "$2" "$1"; then pass "$3"; else
    fail "$3: no line matching /$2/ in $(basename "$1")"; sed 's/^/  | /' "$1" | head -20; fi
}

# skip_unless_memory_measurable: peak RSS needs GNU time (and python3 makes the inputs); a
# sanitizer build's shadow memory is no measure of newsflow's.
skip_unless_memory_measurable() {
  [ -x /usr/bin/time ] || { echo "SKIP: no GNU time (/usr/bin/time)"; exit 77; }
  command -v python3 >/dev/null || { echo "SKIP: no python3"; exit 77; }
  if grep -q '^SANITIZER_FLAGS = -f' "$BUILD/Makefile" 2>/dev/null; then
    echo "SKIP: sanitizer build"; exit 77
  fi
}

finish() {
  if [ "$failures" -gt 0 ]; then echo "$failures check(s) failed"; exit 1; fi
  exit 0
}
