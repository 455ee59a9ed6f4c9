/* data.c: nf_data_find, the search for data files shipped with plugins. */
#include "config.h"

#include <newsflow/data.h>
#include <newsflow/error.h>

#include "registry.h"

char *
nf_data_find (const char *relative, GError **error)
{
  g_autoptr (GPtrArray) dirs = g_ptr_array_new_with_free_func (g_free);
  const char *env = g_getenv ("NEWSFLOW_DATA_PATH");
  if (env)
    {
      g_auto (GStrv) parts = g_strsplit (env, G_SEARCHPATH_SEPARATOR_S, -1);
      for (char **part = parts; *part; part++)
        if (**part)
          g_ptr_array_add (dirs, g_strdup (*part));
    }
  if (nf_running_uninstalled ())
    g_ptr_array_add (dirs, g_strdup (NF_SOURCE_DIR "/etc/newsflow"));
  g_ptr_array_add (dirs, g_strdup (NF_DATA_DIR));

  for (guint i = 0; i < dirs->len; i++)
    {
      char *path = g_build_filename (g_ptr_array_index (dirs, i), relative, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return path;
      g_free (path);
    }
  g_ptr_array_add (dirs, NULL);
  g_autofree char *searched = g_strjoinv (", ", (char **) dirs->pdata);
  g_set_error (error, NF_ERROR, NF_ERROR_NOT_FOUND, "data file '%s' not found (searched %s)", relative, searched);
  return NULL;
}
