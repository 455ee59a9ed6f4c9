# Hostile input: names, limits and escapes (issue 12). Each test reproduces an attack or
# fault that once worked.
check_PROGRAMS += tests/unit/test-safe
TESTS += tests/unit/test-safe
tests_unit_test_safe_SOURCES = tests/unit/test-safe.c $(UNIT_COMMON)
tests_unit_test_safe_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_safe_LDADD = $(UNIT_LDADD)

HOSTILE_TESTS = \
	tests/integration/hostile-names.sh \
	tests/integration/hostile-csv.sh \
	tests/integration/hostile-lua.sh \
	tests/integration/hostile-files.sh \
	tests/integration/hostile-corpus.sh
TESTS += $(HOSTILE_TESTS)
EXTRA_DIST += $(HOSTILE_TESTS) tests/data/hostile
