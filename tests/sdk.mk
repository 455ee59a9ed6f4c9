# Tests of the plugin SDK: example plugin, test helpers, Lua, introspection.

# The plugin ABI, the test harness, and extract "lua" through it.
SDK_UNIT_TESTS = \
	tests/unit/test-abi \
	tests/unit/test-testing \
	tests/unit/test-testing-lua
check_PROGRAMS += $(SDK_UNIT_TESTS)
TESTS += $(SDK_UNIT_TESTS)
SDK_UNIT_LDADD = core/libnewsflow-testing.la core/libnewsflow.la $(CMOCKA_LIBS) $(GLIB_LIBS) $(JSON_GLIB_LIBS) $(CONFUSE_LIBS)
tests_unit_test_abi_SOURCES = tests/unit/test-abi.c
tests_unit_test_abi_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_abi_LDADD = $(CMOCKA_LIBS) $(GLIB_LIBS) $(CONFUSE_LIBS)
tests_unit_test_testing_SOURCES = tests/unit/test-testing.c
tests_unit_test_testing_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_testing_LDADD = $(SDK_UNIT_LDADD)
tests_unit_test_testing_lua_SOURCES = tests/unit/test-testing-lua.c
tests_unit_test_testing_lua_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_testing_lua_LDADD = $(SDK_UNIT_LDADD)

# Introspection and Lua, the real binary on fixtures.
SDK_INTEGRATION_TESTS = \
	tests/integration/sdk-introspection.sh \
	tests/integration/lua-errors.sh \
	tests/integration/lua-examples.sh
TESTS += $(SDK_INTEGRATION_TESTS)
EXTRA_DIST += $(SDK_INTEGRATION_TESTS) tests/data/lua

# The out-of-tree example, docs/examples/plugin-hello, built here too so `make check` runs
# its tests against the build tree.  Its sources are copied into the build tree: objects
# must not land in docs/examples, which is distributed whole.
check_LTLIBRARIES += tests/sdk/extract_hello.la
nodist_tests_sdk_extract_hello_la_SOURCES = tests/sdk/hello.c
tests_sdk_extract_hello_la_LDFLAGS = $(TEST_PLUGIN_LDFLAGS)
tests_sdk_extract_hello_la_LIBADD = $(PLUGIN_LIBADD)
check_PROGRAMS += tests/sdk/test-hello
TESTS += tests/sdk/test-hello
nodist_tests_sdk_test_hello_SOURCES = tests/sdk/test-hello.c tests/sdk/hello.c
tests_sdk_test_hello_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_sdk_test_hello_LDADD = $(SDK_UNIT_LDADD)
tests/sdk/hello.c tests/sdk/test-hello.c: tests/sdk/%.c: $(srcdir)/docs/examples/plugin-hello/%.c
	$(AM_V_GEN)$(MKDIR_P) tests/sdk && cp $< $@
CLEANFILES += tests/sdk/hello.c tests/sdk/test-hello.c

# The tutorial: its code blocks are the real files; its shell blocks run at installcheck.
TESTS += tests/integration/sdk-tutorial.sh
EXTRA_DIST += tests/integration/sdk-tutorial.sh tests/integration/sdk-blocks.sh \
	tests/integration/sdk-installcheck.sh docs/writing-plugins.md

# After `make install` (and in distcheck): the out-of-tree example built with pkg-config
# against the installed newsflow, tested, installed into a plugin directory and used.
installcheck-local: installcheck-plugin-hello
installcheck-plugin-hello:
	NF_BINDIR='$(DESTDIR)$(bindir)' NF_LIBDIR='$(DESTDIR)$(libdir)' \
	NF_INCLUDEDIR='$(DESTDIR)$(includedir)' NF_PLUGINDIR='$(DESTDIR)$(plugindir)' \
	NF_DESTDIR='$(DESTDIR)' NF_EXTRA_CFLAGS='$(SANITIZER_FLAGS)' $(BASH) '$(srcdir)/tests/integration/sdk-installcheck.sh' '$(srcdir)'
.PHONY: installcheck-plugin-hello
