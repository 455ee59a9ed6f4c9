/* test-chain.c: the chain file as users write it, and every kind of mistake they make:
 * each is reported once as FILE:LINE: with what is valid, and nothing is built. */
#include "config.h"

#include <string.h>

#include "test-util.h"

typedef struct {
  char       *dir;
  NfRegistry *registry;
} Fixture;

static int
setup (void **state)
{
  Fixture *fixture = g_new0 (Fixture, 1);
  fixture->dir = test_dir_new ();
  fixture->registry = test_registry_new ();
  *state = fixture;
  return 0;
}

static int
teardown (void **state)
{
  Fixture *fixture = *state;
  nf_registry_free (fixture->registry);
  test_dir_remove (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture);
  return 0;
}

/* Loads @text as DIR/test.chain; returns the error message ("" on success). */
static char *
load (Fixture *fixture, const char *text, char **path)
{
  *path = test_write_file (fixture->dir, "test.chain", text);
  g_autoptr (GError) error = NULL;
  g_autoptr (NfChain) chain = nf_chain_load (*path, fixture->registry, &error);
  if (chain)
    return g_strdup ("");
  assert_non_null (error);
  assert_true (g_error_matches (error, NF_ERROR, NF_ERROR_CHAIN));
  return g_strdup (error->message);
}

/* Asserts the message starts with "PATH:LINE: " and contains @needle. */
static void
assert_error_at (const char *message, const char *path, int line, const char *needle)
{
  g_autofree char *prefix = g_strdup_printf ("%s:%d: ", path, line);
  if (!g_str_has_prefix (message, prefix))
    fail_msg ("expected \"%s\" to start with \"%s\"", message, prefix);
  assert_contains (message, needle);
}

static void
test_good_chain (void **state)
{
  Fixture *fixture = *state;
  g_autofree char *path = test_write_file (fixture->dir, "good.chain",
    "# a complete chain\n"
    "fetch \"files\" { paths = { \"a\", \"b\" } recursive = false }\n"
    "parse \"text\" { }\n"
    "extract \"stats\" { words-per-minute = 200 }\n"
    "extract \"tagger\" { tag = \"x\" mode = \"replace\" }\n"
    "format \"json\" { output = \"-\" }\n"
    "format \"json:pretty\" { pretty = true }\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (NfChain) chain = nf_chain_load (path, fixture->registry, &error);
  assert_null (error);
  assert_non_null (chain);
  assert_int_equal (chain->stages[NF_PLUGIN_FETCH]->len, 1);
  assert_int_equal (chain->stages[NF_PLUGIN_EXTRACT]->len, 2);
  assert_int_equal (chain->stages[NF_PLUGIN_FORMAT]->len, 2);

  /* Each stage has its own plugin's schema with its own defaults and the user's values. */
  NfStage *files = g_ptr_array_index (chain->stages[NF_PLUGIN_FETCH], 0);
  cfg_t *config = nf_stage_get_config (files);
  assert_int_equal (cfg_size (config, "paths"), 2);
  assert_string_equal (cfg_getnstr (config, "paths", 1), "b");
  assert_false (cfg_getbool (config, "recursive"));
  assert_int_equal (cfg_getint (config, "max-size"), 50 * 1024 * 1024);
  NfStage *stats = g_ptr_array_index (chain->stages[NF_PLUGIN_EXTRACT], 0);
  assert_int_equal (cfg_getint (nf_stage_get_config (stats), "words-per-minute"), 200);
  NfStage *tagger = g_ptr_array_index (chain->stages[NF_PLUGIN_EXTRACT], 1);
  assert_string_equal (cfg_getstr (nf_stage_get_config (tagger), "mode"), "replace");
  assert_int_equal (cfg_getint (nf_stage_get_config (tagger), "weight"), 1);

  NfStage *pretty = g_ptr_array_index (chain->stages[NF_PLUGIN_FORMAT], 1);
  assert_string_equal (nf_stage_get_name (pretty), "json:pretty");
  assert_true (cfg_getbool (nf_stage_get_config (pretty), "pretty"));
  g_autofree char *location = g_strdup_printf ("%s:7", path);
  assert_string_equal (nf_stage_get_location (pretty), location);
}

static void
test_unknown_plugin_lists_available (void **state)
{
  g_autofree char *path = NULL;
  g_autofree char *message = load (*state,
    "fetch \"files\" { }\n"
    "\n"
    "extract \"statz\" { }\n"
    "format \"json\" { }\n", &path);
  assert_error_at (message, path, 3, "no extract plugin named 'statz'");
  assert_contains (message, "did you mean 'stats'?");
  assert_contains (message, "available extract plugins: ");
  assert_contains (message, "failevery3, ");
  assert_contains (message, "stats");
}

static void
test_misspelled_option (void **state)
{
  g_autofree char *path = NULL;
  g_autofree char *message = load (*state,
    "fetch \"files\" { }\n"
    "format \"json\" {\n"
    "  pretty = true\n"
    "  outptu = \"x.jsonl\"\n"
    "}\n", &path);
  assert_error_at (message, path, 4, "format \"json\" has no option 'outptu'");
  assert_contains (message, "did you mean 'output'?");
  assert_contains (message, "output, pretty");
}

static void
test_misplaced_option (void **state)
{
  g_autofree char *path = NULL;
  /* "tag" exists in this chain's extract schema, but belongs to tagger, not stats. */
  g_autofree char *message = load (*state,
    "fetch \"files\" { }\n"
    "extract \"tagger\" { tag = \"t\" }\n"
    "extract \"stats\" {\n"
    "  tag = \"oops\"\n"
    "}\n"
    "format \"json\" { }\n", &path);
  assert_error_at (message, path, 4, "option 'tag' is not an option of extract \"stats\"");
  assert_contains (message, "it is one of extract \"tagger\"");
  assert_contains (message, "options of extract \"stats\": words-per-minute");
}

static void
test_wrong_type (void **state)
{
  g_autofree char *path = NULL;
  g_autofree char *message = load (*state,
    "fetch \"files\" { }\n"
    "extract \"stats\" { words-per-minute = \"fast\" }\n"
    "format \"json\" { }\n", &path);
  assert_error_at (message, path, 2, "words-per-minute");
}

static void
test_missing_required_option (void **state)
{
  g_autofree char *path = NULL;
  g_autofree char *message = load (*state,
    "fetch \"files\" { }\n"
    "extract \"tagger\" {\n"
    "  weight = 3\n"
    "}\n"
    "format \"json\" { }\n", &path);
  assert_error_at (message, path, 2, "extract \"tagger\" needs option 'tag'");
}

static void
test_invalid_choice (void **state)
{
  g_autofree char *path = NULL;
  g_autofree char *message = load (*state,
    "fetch \"files\" { }\n"
    "extract \"tagger\" { tag = \"t\"\n"
    "  mode = \"prepend\" }\n"
    "format \"json\" { }\n", &path);
  assert_error_at (message, path, 3, "'prepend' is not a valid value for option 'mode'");
  assert_contains (message, "choose one of: append, replace");
}

static void
test_no_fetcher (void **state)
{
  g_autofree char *path = NULL;
  g_autofree char *message = load (*state, "parse \"text\" { }\nformat \"json\" { }\n", &path);
  assert_error_at (message, path, 1, "the chain has no fetch stage");
}

static void
test_no_formatter (void **state)
{
  g_autofree char *path = NULL;
  g_autofree char *message = load (*state, "fetch \"files\" { }\n", &path);
  assert_error_at (message, path, 1, "the chain has no format stage");
}

static void
test_unknown_keyword (void **state)
{
  g_autofree char *path = NULL;
  g_autofree char *message = load (*state,
    "fetch \"files\" { }\n"
    "extrat \"stats\" { }\n"
    "format \"json\" { }\n", &path);
  assert_error_at (message, path, 2, "unknown keyword 'extrat'");
  assert_contains (message, "did you mean 'extract'?");
}

static void
test_duplicate_stage_needs_label (void **state)
{
  g_autofree char *path = NULL;
  g_autofree char *message = load (*state,
    "fetch \"files\" { }\n"
    "format \"json\" { }\n"
    "format \"json\" { pretty = true }\n", &path);
  assert_error_at (message, path, 3, "\"json\" is used twice");
  assert_contains (message, "\"json:2\"");
}

static void
test_syntax_error (void **state)
{
  g_autofree char *path = NULL;
  g_autofree char *message = load (*state,
    "fetch \"files\" { }\n"
    "format \"json\" { output = }\n", &path);
  assert_true (g_str_has_prefix (message, path));
  assert_contains (message, ":2: ");
}

static void
test_include_and_environment (void **state)
{
  Fixture *fixture = *state;
  g_autofree char *part = test_write_file (fixture->dir, "formats.inc",
                                           "format \"json\" { output = \"${NF_TEST_OUTPUT}\" }\n");
  g_setenv ("NF_TEST_OUTPUT", "from-env.jsonl", TRUE);
  g_autofree char *path = test_write_file (fixture->dir, "main.chain",
                                           "fetch \"files\" { }\ninclude(\"formats.inc\")\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (NfChain) chain = nf_chain_load (path, fixture->registry, &error);
  assert_null (error);
  NfStage *json = g_ptr_array_index (chain->stages[NF_PLUGIN_FORMAT], 0);
  assert_string_equal (cfg_getstr (nf_stage_get_config (json), "output"), "from-env.jsonl");
  assert_contains (nf_stage_get_location (json), "formats.inc:1");
}

static void
test_nested_include_is_relative_to_its_file (void **state)
{
  Fixture *fixture = *state;
  g_autofree char *sub = g_build_filename (fixture->dir, "parts", NULL);
  g_mkdir (sub, 0755);
  g_autofree char *inner = test_write_file (sub, "format.inc", "format \"json\" { pretty = true }\n");
  g_autofree char *outer = test_write_file (sub, "stages.inc", "fetch \"files\" { }\ninclude(\"format.inc\")\n");
  g_autofree char *path = test_write_file (fixture->dir, "nested.chain", "include(\"parts/stages.inc\")\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (NfChain) chain = nf_chain_load (path, fixture->registry, &error);
  assert_null (error);
  NfStage *json = g_ptr_array_index (chain->stages[NF_PLUGIN_FORMAT], 0);
  assert_true (cfg_getbool (nf_stage_get_config (json), "pretty"));
  assert_contains (nf_stage_get_location (json), "parts/format.inc:1");
}

static void
test_missing_file (void **state)
{
  Fixture *fixture = *state;
  g_autoptr (GError) error = NULL;
  g_autoptr (NfChain) chain = nf_chain_load ("/nonexistent/x.chain", fixture->registry, &error);
  assert_null (chain);
  assert_contains (error->message, "/nonexistent/x.chain: cannot read chain file");
}

static void
test_sources_route_to_fetcher (void **state)
{
  Fixture *fixture = *state;
  g_autofree char *path = test_write_file (fixture->dir, "r.chain",
                                           "fetch \"files\" { }\nformat \"json\" { }\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (NfChain) chain = nf_chain_load (path, fixture->registry, &error);
  const char *const sources[] = { "a.txt", "dir", NULL };
  assert_true (nf_chain_route_sources (chain, sources, &error));
  NfStage *files = g_ptr_array_index (chain->stages[NF_PLUGIN_FETCH], 0);
  assert_string_equal (nf_stage_get_sources (files)[1], "dir");
  assert_false (files->skipped);
  const char *const urls[] = { "https://example.org/a", NULL };
  assert_false (nf_chain_route_sources (chain, urls, &error));
  assert_contains (error->message, "no fetch stage of this chain accepts the source 'https://example.org/a'");
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_good_chain, setup, teardown),
    cmocka_unit_test_setup_teardown (test_unknown_plugin_lists_available, setup, teardown),
    cmocka_unit_test_setup_teardown (test_misspelled_option, setup, teardown),
    cmocka_unit_test_setup_teardown (test_misplaced_option, setup, teardown),
    cmocka_unit_test_setup_teardown (test_wrong_type, setup, teardown),
    cmocka_unit_test_setup_teardown (test_missing_required_option, setup, teardown),
    cmocka_unit_test_setup_teardown (test_invalid_choice, setup, teardown),
    cmocka_unit_test_setup_teardown (test_no_fetcher, setup, teardown),
    cmocka_unit_test_setup_teardown (test_no_formatter, setup, teardown),
    cmocka_unit_test_setup_teardown (test_unknown_keyword, setup, teardown),
    cmocka_unit_test_setup_teardown (test_duplicate_stage_needs_label, setup, teardown),
    cmocka_unit_test_setup_teardown (test_syntax_error, setup, teardown),
    cmocka_unit_test_setup_teardown (test_include_and_environment, setup, teardown),
    cmocka_unit_test_setup_teardown (test_nested_include_is_relative_to_its_file, setup, teardown),
    cmocka_unit_test_setup_teardown (test_missing_file, setup, teardown),
    cmocka_unit_test_setup_teardown (test_sources_route_to_fetcher, setup, teardown),
  };
  return cmocka_run_group_tests_name ("chain", tests, NULL, NULL);
}
