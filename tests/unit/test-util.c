/* test-util.c: helpers shared by the unit tests. */
#include "config.h"

#include <string.h>

#include "test-util.h"

char *
test_dir_new (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("newsflow-test-XXXXXX", &error);
  assert_non_null (dir);
  return dir;
}

void
test_dir_remove (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;
  while (handle && (name = g_dir_read_name (handle)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        test_dir_remove (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

char *
test_write_file (const char *dir, const char *name, const char *contents)
{
  char *path = g_build_filename (dir, name, NULL);
  assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

NfRegistry *
test_registry_new (void)
{
  const char *build = g_getenv ("NEWSFLOW_BUILD_DIR");
  NfRegistry *registry = nf_registry_new ();
  g_autofree char *tests = g_build_filename (build ? build : NF_BUILD_DIR, "tests", "plugins", NULL);
  nf_registry_add_path (registry, NF_PATH_COMMAND_LINE, tests);
  nf_registry_add_path (registry, NF_PATH_BUILD_TREE,
                        NF_BUILD_DIR "/plugins/fetch:" NF_BUILD_DIR "/plugins/parse:"
                        NF_BUILD_DIR "/plugins/extract:" NF_BUILD_DIR "/plugins/format");
  return registry;
}

char *
test_samples_dir (void)
{
  const char *source = g_getenv ("NEWSFLOW_SOURCE_DIR");
  return g_build_filename (source ? source : NF_SOURCE_DIR, "docs", "examples", "articles", NULL);
}
