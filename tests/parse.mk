# Tests of the parsers.
PARSE_INTEGRATION_TESTS = \
	tests/integration/text-wire.sh \
	tests/integration/html-parser.sh \
	tests/integration/html-mixed.sh \
	tests/integration/html-meta.sh \
	tests/integration/html-content.sh
TESTS += $(PARSE_INTEGRATION_TESTS)
EXTRA_DIST += $(PARSE_INTEGRATION_TESTS) tests/data/html tests/data/html-content tests/data/meta

# cmocka tests of parse "html"'s parts, compiled in from the plugin's sources.
check_PROGRAMS += tests/unit/test-html
TESTS += tests/unit/test-html
tests_unit_test_html_SOURCES = tests/unit/test-html.c $(HTML_PARSER_SOURCES) $(UNIT_COMMON)
tests_unit_test_html_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/plugins/parse/html
tests_unit_test_html_CFLAGS = $(UNIT_CFLAGS) $(LIBXML_CFLAGS) $(JSON_GLIB_CFLAGS) $(ICU_CFLAGS)
tests_unit_test_html_LDADD = $(UNIT_LDADD) $(LIBXML_LIBS) $(JSON_GLIB_LIBS) $(ICU_LIBS) -lm

# cmocka tests of the html parser's metadata (title, byline, date) on hand-written pages.
check_PROGRAMS += tests/unit/test-html-meta
TESTS += tests/unit/test-html-meta
tests_unit_test_html_meta_SOURCES = tests/unit/test-html-meta.c $(HTML_PARSER_SOURCES) $(UNIT_COMMON)
tests_unit_test_html_meta_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/plugins/parse/html
tests_unit_test_html_meta_CFLAGS = $(UNIT_CFLAGS) $(LIBXML_CFLAGS) $(JSON_GLIB_CFLAGS) $(ICU_CFLAGS)
tests_unit_test_html_meta_LDADD = $(UNIT_LDADD) $(LIBXML_LIBS) $(JSON_GLIB_LIBS) $(ICU_LIBS) -lm

# The speed of parse "html" against a bare libxml2 parse, in one process (html-quality.sh).
check_PROGRAMS += tests/bench/html-speed
tests_bench_html_speed_SOURCES = tests/bench/html-speed.c $(HTML_PARSER_SOURCES)
tests_bench_html_speed_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/plugins/parse/html
tests_bench_html_speed_CFLAGS = $(AM_CFLAGS) $(LIBXML_CFLAGS) $(JSON_GLIB_CFLAGS) $(ICU_CFLAGS)
tests_bench_html_speed_LDADD = core/libnewsflow.la $(GLIB_LIBS) $(LIBXML_LIBS) $(JSON_GLIB_LIBS) $(ICU_LIBS) -lm
