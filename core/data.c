/* data.c: nf_data_find, the search for data files shipped with plugins. */
#include "config.h"

#include <math.h>
#include <string.h>

#include <newsflow/data.h>
#include <newsflow/error.h>

#include "build-tree.h"

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

static GHashTable *
load_word_set (const char *path, GError **error)
{
  g_autofree char *contents = NULL;
  if (!g_file_get_contents (path, &contents, NULL, error))
    return NULL;
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto (GStrv) lines = g_strsplit (contents, "\n", -1);
  for (char **line = lines; *line; line++)
    {
      char *word = g_strstrip (*line);
      if (*word && *word != '#')
        g_hash_table_add (set, g_utf8_casefold (word, -1));
    }
  return set;
}

GHashTable *
nf_stopwords_load_all (GError **error)
{
  /* The English list marks where the lists are installed. */
  g_autofree char *english = nf_data_find ("stopwords/en.txt", error);
  if (english == NULL)
    return NULL;
  g_autofree char *dir = g_path_get_dirname (english);
  g_autoptr (GDir) handle = g_dir_open (dir, 0, error);
  if (handle == NULL)
    return NULL;
  g_autoptr (GHashTable) lists = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) g_hash_table_unref);
  const char *name;
  while ((name = g_dir_read_name (handle)))
    {
      if (!g_str_has_suffix (name, ".txt") || name[0] == '.')
        continue;
      g_autofree char *path = g_build_filename (dir, name, NULL);
      GHashTable *set = load_word_set (path, error);
      if (set == NULL)
        return NULL;
      g_hash_table_insert (lists, g_strndup (name, strlen (name) - 4), set);
    }
  return g_steal_pointer (&lists);
}

gboolean
nf_data_read_named_values (const char *contents, const char *path, const char *what, NfNamedValueFunc each,
                           gpointer user_data, GError **error)
{
  g_auto (GStrv) lines = g_strsplit (contents, "\n", -1);
  for (guint n = 0; lines[n]; n++)
    {
      char *line = g_strstrip (lines[n]);
      if (*line == '\0' || *line == '#')
        continue;
      g_auto (GStrv) fields = g_strsplit_set (line, " \t", 2);
      char *end = NULL;
      double value = fields[1] ? g_ascii_strtod (g_strstrip (fields[1]), &end) : 0;
      gboolean number = end && end != fields[1] && *end == '\0' && isfinite (value);
      if (!number || !each (fields[0], value, user_data))
        {
          g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT, "%s:%u: not %s: '%s'", path, n + 1, what, line);
          return FALSE;
        }
    }
  return TRUE;
}
