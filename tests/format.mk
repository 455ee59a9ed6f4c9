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
	tests/integration/format-browser.sh
TESTS += $(FORMAT_TESTS)
EXTRA_DIST += $(FORMAT_TESTS) tests/data/format
