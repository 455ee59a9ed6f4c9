# tests/: cmocka unit tests, integration tests that run the real binary, test-only plugins.
# G_SLICE=always-malloc: GLib 2.74's slice allocator keeps a leaked block (a GBytes, a GList
# node) reachable in its magazines, so LeakSanitizer would not see the leak; with plain
# malloc it does (it missed extract "stats" leaking every article's field).
AM_TESTS_ENVIRONMENT = \
	NEWSFLOW_BUILD_DIR='$(abs_top_builddir)'; export NEWSFLOW_BUILD_DIR; \
	NEWSFLOW_SOURCE_DIR='$(abs_top_srcdir)'; export NEWSFLOW_SOURCE_DIR; \
	NEWSFLOW_PLUGIN_PATH=; export NEWSFLOW_PLUGIN_PATH; \
	G_DEBUG=fatal-criticals; export G_DEBUG; \
	G_SLICE=always-malloc; export G_SLICE; \
	ASAN_OPTIONS='detect_leaks=1:abort_on_error=1'; export ASAN_OPTIONS; \
	LSAN_OPTIONS='suppressions=$(abs_top_srcdir)/tests/lsan.supp'; export LSAN_OPTIONS; \
	UBSAN_OPTIONS='print_stacktrace=1:halt_on_error=1'; export UBSAN_OPTIONS;

TEST_EXTENSIONS = .sh
# A hung test must fail on its own instead of eating the whole CI budget: each test gets at
# most NF_TEST_TIMEOUT seconds (default 900; the slowest takes under a minute normally and a
# few times that under the sanitizers), then TERM, and KILL 10 s later.
TEST_TIMEOUT = timeout -k 10 $${NF_TEST_TIMEOUT:-900}
LOG_COMPILER = $(TEST_TIMEOUT)
SH_LOG_COMPILER = $(TEST_TIMEOUT) $(BASH)
BASH = bash

# Test-only plugins: modules need -rpath or libtool builds them static.
TEST_PLUGIN_LDFLAGS = -module -avoid-version -shared -rpath /nowhere $(SANITIZER_FLAGS)
check_LTLIBRARIES += \
	tests/plugins/extract_failevery3.la \
	tests/plugins/extract_misversioned.la \
	tests/plugins/extract_tagger.la \
	tests/plugins/extract_ordered.la \
	tests/plugins/fetch_acked.la \
	tests/plugins/format_flaky.la \
	tests/plugins/extract_slow.la \
	tests/plugins/extract_crash.la
tests_plugins_extract_crash_la_SOURCES = tests/plugins/crash.c
tests_plugins_extract_crash_la_LDFLAGS = $(TEST_PLUGIN_LDFLAGS)
tests_plugins_extract_crash_la_LIBADD = $(PLUGIN_LIBADD)
tests_plugins_extract_slow_la_SOURCES = tests/plugins/slow.c
tests_plugins_extract_slow_la_LDFLAGS = $(TEST_PLUGIN_LDFLAGS)
tests_plugins_extract_slow_la_LIBADD = $(PLUGIN_LIBADD)
tests_plugins_fetch_acked_la_SOURCES = tests/plugins/acked.c
tests_plugins_fetch_acked_la_LDFLAGS = $(TEST_PLUGIN_LDFLAGS)
tests_plugins_fetch_acked_la_LIBADD = $(PLUGIN_LIBADD)
tests_plugins_format_flaky_la_SOURCES = tests/plugins/flaky.c
tests_plugins_format_flaky_la_LDFLAGS = $(TEST_PLUGIN_LDFLAGS)
tests_plugins_format_flaky_la_LIBADD = $(PLUGIN_LIBADD)
tests_plugins_extract_failevery3_la_SOURCES = tests/plugins/failevery3.c
tests_plugins_extract_failevery3_la_LDFLAGS = $(TEST_PLUGIN_LDFLAGS)
tests_plugins_extract_failevery3_la_LIBADD = $(PLUGIN_LIBADD)
tests_plugins_extract_misversioned_la_SOURCES = tests/plugins/misversioned.c
tests_plugins_extract_misversioned_la_LDFLAGS = $(TEST_PLUGIN_LDFLAGS)
tests_plugins_extract_misversioned_la_LIBADD = $(PLUGIN_LIBADD)
tests_plugins_extract_tagger_la_SOURCES = tests/plugins/tagger.c
tests_plugins_extract_tagger_la_LDFLAGS = $(TEST_PLUGIN_LDFLAGS)
tests_plugins_extract_tagger_la_LIBADD = $(PLUGIN_LIBADD)
tests_plugins_extract_ordered_la_SOURCES = tests/plugins/ordered.c
tests_plugins_extract_ordered_la_LDFLAGS = $(TEST_PLUGIN_LDFLAGS)
tests_plugins_extract_ordered_la_LIBADD = $(PLUGIN_LIBADD)

# cmocka unit tests of the core.
UNIT_TESTS = \
	tests/unit/test-article \
	tests/unit/test-chain \
	tests/unit/test-loader \
	tests/unit/test-runner \
	tests/unit/test-text \
	tests/unit/test-date \
	tests/unit/test-report
check_PROGRAMS += $(UNIT_TESTS)
TESTS += $(UNIT_TESTS)
UNIT_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
UNIT_LDADD = core/libnewsflow-engine.la core/libnewsflow.la $(CMOCKA_LIBS) $(GLIB_LIBS) $(JSON_GLIB_LIBS) $(CONFUSE_LIBS)
UNIT_COMMON = tests/unit/test-util.c tests/unit/test-util.h
tests_unit_test_article_SOURCES = tests/unit/test-article.c $(UNIT_COMMON)
tests_unit_test_article_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_article_LDADD = $(UNIT_LDADD)
tests_unit_test_chain_SOURCES = tests/unit/test-chain.c $(UNIT_COMMON)
tests_unit_test_chain_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_chain_LDADD = $(UNIT_LDADD)
tests_unit_test_loader_SOURCES = tests/unit/test-loader.c $(UNIT_COMMON)
tests_unit_test_loader_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_loader_LDADD = $(UNIT_LDADD)
tests_unit_test_runner_SOURCES = tests/unit/test-runner.c $(UNIT_COMMON)
tests_unit_test_runner_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_runner_LDADD = $(UNIT_LDADD)
tests_unit_test_text_SOURCES = tests/unit/test-text.c $(UNIT_COMMON)
tests_unit_test_text_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_text_LDADD = $(UNIT_LDADD)
tests_unit_test_date_SOURCES = tests/unit/test-date.c $(UNIT_COMMON)
tests_unit_test_date_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_date_LDADD = $(UNIT_LDADD)
tests_unit_test_report_SOURCES = tests/unit/test-report.c $(UNIT_COMMON)
tests_unit_test_report_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_report_LDADD = $(UNIT_LDADD)

# Integration tests: the real binary on fixtures.
INTEGRATION_TESTS = \
	tests/integration/quickstart.sh \
	tests/integration/text-parser.sh \
	tests/integration/chain-errors.sh \
	tests/integration/cli.sh \
	tests/integration/progress-metrics.sh \
	tests/integration/interrupt.sh \
	tests/integration/commit-faults.sh \
	tests/integration/resume.sh \
	tests/integration/architecture.sh \
	tests/integration/exports.sh \
	tests/integration/names.sh \
	tests/integration/isolate.sh \
	tests/integration/stale-partial.sh
TESTS += $(INTEGRATION_TESTS)
EXTRA_DIST += $(INTEGRATION_TESTS) tests/integration/common.sh tests/lsan.supp
# The benchmarks, file by file: tests/bench/ also holds html-speed, built by make check, and
# naming the folder would ship the build's copy of it (binary and objects) in the tarball.
EXTRA_DIST += \
	tests/bench/README.md \
	tests/bench/big-article.sh \
	tests/bench/hostile-shapes.sh \
	tests/bench/extract-speed.sh \
	tests/bench/extract-summary.py \
	tests/bench/format-report.sh \
	tests/bench/format-sqlite.sh \
	tests/bench/html-classes.py \
	tests/bench/html-quality.sh \
	tests/bench/http-concurrency.sh \
	tests/bench/isolate.sh \
	tests/bench/keyword-quality.sh \
	tests/bench/keyword-train.py \
	tests/bench/make-collection.py \
	tests/bench/meta-quality.sh \
	tests/bench/nlp-score.py \
	tests/bench/nlp-score.sh \
	tests/bench/nlp-speed.sh \
	tests/bench/real-news-entities.jsonl \
	tests/bench/real-news-entities.sh \
	tests/bench/scale-out.sh \
	tests/bench/throughput.sh \
	tests/bench/warc-stream.sh

# After `make install` (and in distcheck): the installed binary loads plain .so modules the
# way it must on Debian, where .la files are stripped, and runs the default chain.
installcheck-local:
	tmp=$$(mktemp -d) && cp '$(DESTDIR)$(plugindir)'/*.so "$$tmp"/ && \
	'$(DESTDIR)$(bindir)/newsflow' --plugin-path "$$tmp" --list-plugins > "$$tmp/list" && \
	grep -q "$$tmp/fetch_files.so" "$$tmp/list" && \
	'$(DESTDIR)$(bindir)/newsflow' --plugin-path "$$tmp" -q '$(srcdir)/docs/examples/articles' > "$$tmp/out.jsonl" && \
	test "$$(wc -l < "$$tmp/out.jsonl")" -eq 24; status=$$?; rm -rf "$$tmp"; \
	if test $$status -eq 0; then echo "installcheck: installed newsflow loads .so plugins: ok"; fi; exit $$status

include tests/fetch.mk
include tests/fetch-data.mk
include tests/parse.mk
include tests/nlp.mk
include tests/extract.mk
include tests/format.mk
include tests/sdk.mk
include tests/nats.mk
include tests/hostile.mk
include tests/fuzz.mk
