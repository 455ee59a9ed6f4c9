# Tests of scaling out on NATS JetStream: the article wire form (always), and the real
# nats-server runs of fetch and format "nats" (skipped when nats-server or libnats is missing).
check_PROGRAMS += tests/unit/test-wire
TESTS += tests/unit/test-wire
tests_unit_test_wire_SOURCES = tests/unit/test-wire.c $(UNIT_COMMON)
tests_unit_test_wire_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_wire_LDADD = $(UNIT_LDADD)

NATS_TESTS = \
	tests/integration/nats-kill.sh \
	tests/integration/nats-poison.sh \
	tests/integration/nats-restart.sh \
	tests/integration/nats-linger.sh \
	tests/integration/nats-settings.sh \
	tests/integration/nats-cluster.sh
TESTS += $(NATS_TESTS)
EXTRA_DIST += $(NATS_TESTS) tests/integration/nats-server.sh tests/integration/nats-common.sh docs/scale-out.md

# extract "poison" (test only): the article that kills every worker taking it.
check_LTLIBRARIES += tests/plugins/extract_poison.la
tests_plugins_extract_poison_la_SOURCES = tests/plugins/poison.c
tests_plugins_extract_poison_la_LDFLAGS = $(TEST_PLUGIN_LDFLAGS)
tests_plugins_extract_poison_la_LIBADD = $(PLUGIN_LIBADD)
