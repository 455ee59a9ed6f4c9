# Tests of the formatters.
# extract "annotate" (test only) gives articles entities, quotes, keywords, a summary, a
# language and a date, what the formatters must show before the real extractors exist.
check_LTLIBRARIES += tests/plugins/extract_annotate.la
tests_plugins_extract_annotate_la_SOURCES = tests/plugins/annotate.c
tests_plugins_extract_annotate_la_LDFLAGS = -module -avoid-version -shared -rpath /nowhere $(SANITIZER_FLAGS)
tests_plugins_extract_annotate_la_LIBADD = $(PLUGIN_LIBADD)

FORMAT_TESTS = \
	tests/integration/format-all.sh \
	tests/integration/format-errors.sh \
	tests/integration/format-browser.sh \
	tests/integration/format-postgresql.sh \
	tests/integration/format-elasticsearch.sh \
	tests/integration/big-article-memory.sh \
	tests/integration/long-run-memory.sh
TESTS += $(FORMAT_TESTS)
EXTRA_DIST += $(FORMAT_TESTS) tests/data/format tests/data/http/bulk-server.py

# cmocka: the `fields` selection shared by the json, csv and elasticsearch formatters.
check_PROGRAMS += tests/unit/test-format-fields
TESTS += tests/unit/test-format-fields
tests_unit_test_format_fields_SOURCES = tests/unit/test-format-fields.c $(UNIT_COMMON)
tests_unit_test_format_fields_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_format_fields_LDADD = $(UNIT_LDADD)

# cmocka: the streaming JSON writer prints what the tree and json-glib's generator print.
check_PROGRAMS += tests/unit/test-json-writer
TESTS += tests/unit/test-json-writer
tests_unit_test_json_writer_SOURCES = tests/unit/test-json-writer.c $(UNIT_COMMON)
tests_unit_test_json_writer_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_json_writer_LDADD = $(UNIT_LDADD) -lm
