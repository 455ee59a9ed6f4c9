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
