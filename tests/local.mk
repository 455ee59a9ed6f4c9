# tests/: cmocka unit tests, integration tests that run the real binary, test-only plugins.
AM_TESTS_ENVIRONMENT = \
	NEWSFLOW_BUILD_DIR='$(abs_top_builddir)'; export NEWSFLOW_BUILD_DIR; \
	NEWSFLOW_SOURCE_DIR='$(abs_top_srcdir)'; export NEWSFLOW_SOURCE_DIR; \
	NEWSFLOW_PLUGIN_PATH=; export NEWSFLOW_PLUGIN_PATH; \
	ASAN_OPTIONS='detect_leaks=1:abort_on_error=1'; export ASAN_OPTIONS; \
	UBSAN_OPTIONS='print_stacktrace=1:halt_on_error=1'; export UBSAN_OPTIONS;
