# Tests of the entities and quotes extractors and the text services.
NLP_UNIT_TESTS = \
	tests/unit/test-entities \
	tests/unit/test-quotes \
	tests/unit/test-references \
	tests/unit/test-quotes-linear \
	tests/unit/test-ner
check_PROGRAMS += $(NLP_UNIT_TESTS)
TESTS += $(NLP_UNIT_TESTS)
tests_unit_test_entities_SOURCES = tests/unit/test-entities.c $(UNIT_COMMON)
tests_unit_test_entities_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_entities_LDADD = $(UNIT_LDADD)
# the perceptron, the tagger's features and the "entities" field's writer (passes.c),
# compiled in: they are no public API
tests_unit_test_ner_SOURCES = tests/unit/test-ner.c $(UNIT_COMMON) $(NLP_LEXICON) $(NLP_TAGGER) \
	plugins/extract/entities/passes.c plugins/extract/entities/passes.h
tests_unit_test_ner_CPPFLAGS = $(AM_CPPFLAGS) -I$(srcdir)/plugins/extract
tests_unit_test_ner_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_ner_LDADD = $(UNIT_LDADD) -lm
tests_unit_test_quotes_SOURCES = tests/unit/test-quotes.c $(UNIT_COMMON)
tests_unit_test_quotes_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_quotes_LDADD = $(UNIT_LDADD)
tests_unit_test_references_SOURCES = tests/unit/test-references.c $(UNIT_COMMON)
tests_unit_test_references_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_references_LDADD = $(UNIT_LDADD)
# the plugin's steps, compiled in: counts of the work done as articles grow (issue 12)
tests_unit_test_quotes_linear_SOURCES = tests/unit/test-quotes-linear.c $(UNIT_COMMON) $(QUOTES_STEPS) $(NLP_LEXICON)
tests_unit_test_quotes_linear_CPPFLAGS = $(AM_CPPFLAGS) -I$(srcdir)/plugins/extract
tests_unit_test_quotes_linear_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_quotes_linear_LDADD = $(UNIT_LDADD)

NLP_INTEGRATION_TESTS = \
	tests/integration/entities-samples.sh \
	tests/integration/quotes-samples.sh \
	tests/integration/quotes-fixtures.sh \
	tests/integration/entities-train.sh \
	tests/integration/entities-model.sh
TESTS += $(NLP_INTEGRATION_TESTS)
EXTRA_DIST += $(NLP_INTEGRATION_TESTS)
EXTRA_DIST += tests/data/quotes
