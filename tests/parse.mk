# Tests of the parsers.
PARSE_INTEGRATION_TESTS = \
	tests/integration/text-wire.sh
TESTS += $(PARSE_INTEGRATION_TESTS)
EXTRA_DIST += $(PARSE_INTEGRATION_TESTS)
