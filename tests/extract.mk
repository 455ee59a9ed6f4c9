# Tests of the extractors keywords, summary, language, dates, dedupe and filter.
EXTRACT_UNIT_TESTS = \
	tests/unit/test-dates \
	tests/unit/test-filter \
	tests/unit/test-dedupe \
	tests/unit/test-language \
	tests/unit/test-language-textcat \
	tests/unit/test-keywords \
	tests/unit/test-summary \
	tests/unit/test-stats
check_PROGRAMS += $(EXTRACT_UNIT_TESTS)
TESTS += $(EXTRACT_UNIT_TESTS)
EXTRACT_HARNESS = $(UNIT_COMMON)
tests_unit_test_dates_SOURCES = tests/unit/test-dates.c $(EXTRACT_HARNESS)
tests_unit_test_dates_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_dates_LDADD = $(UNIT_LDADD)
tests_unit_test_filter_SOURCES = tests/unit/test-filter.c $(EXTRACT_HARNESS)
tests_unit_test_filter_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_filter_LDADD = $(UNIT_LDADD)
tests_unit_test_dedupe_SOURCES = tests/unit/test-dedupe.c $(EXTRACT_HARNESS)
tests_unit_test_dedupe_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_dedupe_LDADD = $(UNIT_LDADD)
tests_unit_test_language_SOURCES = tests/unit/test-language.c $(EXTRACT_HARNESS)
tests_unit_test_language_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_language_LDADD = $(UNIT_LDADD)
tests_unit_test_language_textcat_SOURCES = tests/unit/test-language-textcat.c $(EXTRACT_HARNESS) \
	plugins/extract/language/fingerprints.c plugins/extract/language/fingerprints.h
tests_unit_test_language_textcat_CFLAGS = $(UNIT_CFLAGS) $(EXTTEXTCAT_CFLAGS)
tests_unit_test_language_textcat_LDADD = $(UNIT_LDADD) $(EXTTEXTCAT_LIBS)
tests_unit_test_keywords_SOURCES = tests/unit/test-keywords.c $(EXTRACT_HARNESS)
tests_unit_test_keywords_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_keywords_LDADD = $(UNIT_LDADD)
tests_unit_test_summary_SOURCES = tests/unit/test-summary.c $(EXTRACT_HARNESS)
tests_unit_test_summary_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_summary_LDADD = $(UNIT_LDADD)
tests_unit_test_stats_SOURCES = tests/unit/test-stats.c $(EXTRACT_HARNESS)
tests_unit_test_stats_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_stats_LDADD = $(UNIT_LDADD)

# The default chain over the samples; dedupe with -j 1 and -j 4 over planted copies.
EXTRACT_INTEGRATION_TESTS = \
	tests/integration/extract-default-chain.sh \
	tests/integration/extract-dedupe.sh
TESTS += $(EXTRACT_INTEGRATION_TESTS)
EXTRA_DIST += $(EXTRACT_INTEGRATION_TESTS)
