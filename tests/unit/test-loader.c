/* test-loader.c: finding and opening plugin modules: a missing plugin lists what exists,
 * a module built for another ABI is refused with its file named, listing sees everything. */
#include "config.h"

#include <string.h>

#include "test-util.h"

static void
test_loads_bundled_plugin (G_GNUC_UNUSED void **state)
{
  NfRegistry *registry = test_registry_new ();
  g_autoptr (GError) error = NULL;
  const NfPluginInfo *info = nf_registry_load (registry, NF_PLUGIN_PARSE, "text", &error);
  assert_null (error);
  assert_string_equal (info->descriptor->name, "text");
  assert_int_equal (info->descriptor->kind, NF_PLUGIN_PARSE);
  assert_contains (info->path, "parse_text");
  /* Loading again gives the same module. */
  assert_ptr_equal (nf_registry_load (registry, NF_PLUGIN_PARSE, "text", NULL), info);
  nf_registry_free (registry);
}

static void
test_missing_plugin (G_GNUC_UNUSED void **state)
{
  NfRegistry *registry = test_registry_new ();
  g_autoptr (GError) error = NULL;
  assert_null (nf_registry_load (registry, NF_PLUGIN_FORMAT, "yaml", &error));
  assert_true (g_error_matches (error, NF_ERROR, NF_ERROR_NOT_FOUND));
  assert_contains (error->message, "no format plugin named 'yaml'");
  assert_contains (error->message, "available format plugins: ");
  assert_contains (error->message, "json");
  nf_registry_free (registry);
}

static void
test_abi_mismatch_is_refused (G_GNUC_UNUSED void **state)
{
  NfRegistry *registry = test_registry_new ();
  g_autoptr (GError) error = NULL;
  assert_null (nf_registry_load (registry, NF_PLUGIN_EXTRACT, "misversioned", &error));
  assert_true (g_error_matches (error, NF_ERROR, NF_ERROR_PLUGIN));
  assert_contains (error->message, "extract_misversioned");
  g_autofree char *expected = g_strdup_printf ("built for plugin ABI %d", NF_ABI_VERSION + 998);
  assert_contains (error->message, expected);
  assert_contains (error->message, "rebuild the plugin");
  nf_registry_free (registry);
}

static void
test_not_a_module (G_GNUC_UNUSED void **state)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *junk = test_write_file (dir, "extract_junk.so", "this is not an ELF file");
  NfRegistry *registry = nf_registry_new ();
  nf_registry_add_path (registry, NF_PATH_COMMAND_LINE, dir);
  g_autoptr (GError) error = NULL;
  assert_null (nf_registry_load (registry, NF_PLUGIN_EXTRACT, "junk", &error));
  assert_contains (error->message, junk);
  assert_contains (error->message, "cannot load module");
  nf_registry_free (registry);
  test_dir_remove (dir);
}

static void
test_list_and_load_all (G_GNUC_UNUSED void **state)
{
  NfRegistry *registry = test_registry_new ();
  g_autoptr (GPtrArray) names = nf_registry_list_names (registry, NF_PLUGIN_FETCH);
  gboolean has_files = FALSE;
  for (guint i = 0; i < names->len; i++)
    has_files |= g_strcmp0 (g_ptr_array_index (names, i), "files") == 0;
  assert_true (has_files);
  for (guint i = 1; i < names->len; i++) /* sorted */
    assert_true (g_strcmp0 (g_ptr_array_index (names, i - 1), g_ptr_array_index (names, i)) < 0);

  g_autoptr (GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) infos = nf_registry_load_all (registry, errors);
  assert_true (infos->len >= 7);
  assert_int_equal (errors->len, 1); /* the misversioned test module */
  assert_contains (g_ptr_array_index (errors, 0), "misversioned");
  /* Sorted by kind, then name. */
  const NfPluginInfo *first = g_ptr_array_index (infos, 0);
  assert_int_equal (first->descriptor->kind, NF_PLUGIN_FETCH);
  nf_registry_free (registry);
}

static void
test_search_path_order (G_GNUC_UNUSED void **state)
{
  NfRegistry *registry = nf_registry_new ();
  nf_registry_add_path (registry, NF_PATH_DEFAULT, "/default");
  nf_registry_add_path (registry, NF_PATH_COMMAND_LINE, "/cli1:/cli2");
  nf_registry_add_path (registry, NF_PATH_CHAIN, "/chain");
  char **path = nf_registry_get_search_path (registry);
  assert_string_equal (path[0], "/cli1");
  assert_string_equal (path[1], "/cli2");
  assert_string_equal (path[2], "/chain");
  assert_string_equal (path[3], "/default");
  assert_null (path[4]);
  nf_registry_free (registry);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_loads_bundled_plugin),
    cmocka_unit_test (test_missing_plugin),
    cmocka_unit_test (test_abi_mismatch_is_refused),
    cmocka_unit_test (test_not_a_module),
    cmocka_unit_test (test_list_and_load_all),
    cmocka_unit_test (test_search_path_order),
  };
  return cmocka_run_group_tests_name ("loader", tests, NULL, NULL);
}
