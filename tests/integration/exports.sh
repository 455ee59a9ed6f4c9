#!/bin/bash
# exports.sh: libnewsflow exports exactly its public API.  Every dynamic symbol of
# libnewsflow.so is a function declared in a public header (core/newsflow/*.h), and every
# function declared there is exported (one kept in the engine would leave plugins with an
# undefined symbol at load time); libnewsflow-testing exports only nf_test_*.  The engine
# (loader, runner, reports, isolation) is linked into the binary and the harness instead.
. "$(dirname "$0")/common.sh"

lib="$BUILD/core/.libs/libnewsflow.so"
testing="$BUILD/core/.libs/libnewsflow-testing.so"
if ! command -v nm > /dev/null || [ ! -f "$lib" ]; then
  echo "SKIP: needs nm and a shared libnewsflow"
  exit 77
fi

# Declarations: names followed by "(" outside preprocessor lines and comments.
sed -e 's:/\*.*\*/::g' -e '/\/\*/,/\*\//d' -e '/^[[:space:]]*#/d' \
    "$SOURCE"/core/newsflow/*.h "$BUILD"/core/newsflow/version.h \
  | grep -oE '\bnf_[a-z0-9_]+[[:space:]]*\(' | sed 's/[[:space:]]*($//' | sort -u > "$WORK/declared"
grep -v '^nf_test_' "$WORK/declared" > "$WORK/declared-lib"
grep '^nf_test_' "$WORK/declared" > "$WORK/declared-testing"
exported () { nm -D --defined-only "$1" | awk '$2 ~ /^[TDBRVW]$/ { print $3 }' | sort -u; }
exported "$lib" > "$WORK/exported-lib"
exported "$testing" > "$WORK/exported-testing"

comm -13 "$WORK/declared-lib" "$WORK/exported-lib" > "$WORK/private"
comm -23 "$WORK/declared-lib" "$WORK/exported-lib" > "$WORK/missing"
if [ -s "$WORK/private" ]; then
  fail "libnewsflow exports symbols no public header declares:"; sed 's/^/  /' "$WORK/private"
else pass "libnewsflow exports only the public API ($(wc -l < "$WORK/exported-lib") symbols)"; fi
if [ -s "$WORK/missing" ]; then
  fail "public functions libnewsflow does not export:"; sed 's/^/  /' "$WORK/missing"
else pass "every public function is exported"; fi
if ! cmp -s "$WORK/declared-testing" "$WORK/exported-testing"; then
  fail "libnewsflow-testing exports other than testing.h declares:"
  diff "$WORK/declared-testing" "$WORK/exported-testing" | sed 's/^/  /'
else pass "libnewsflow-testing exports only newsflow/testing.h"; fi
finish
