# Tests of fetch "warc", fetch "jsonl", parse "json", the field map they share, and the
# .zip/.tar collections of fetch "files".
check_PROGRAMS += tests/unit/test-fieldmap
TESTS += tests/unit/test-fieldmap
tests_unit_test_fieldmap_SOURCES = tests/unit/test-fieldmap.c $(UNIT_COMMON)
tests_unit_test_fieldmap_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_fieldmap_LDADD = $(UNIT_LDADD)

FETCH_DATA_TESTS = \
	tests/integration/warc-fetch.sh \
	tests/integration/jsonl-fetch.sh \
	tests/integration/json-parser.sh \
	tests/integration/archive-files.sh
TESTS += $(FETCH_DATA_TESTS)
EXTRA_DIST += $(FETCH_DATA_TESTS) tests/data/make-warc.py tests/data/jsonl tests/data/json
