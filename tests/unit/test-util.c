/* test-util.c: helpers shared by the unit tests. */
#include "config.h"

#include <stdio.h>
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

Harness *
harness_new (const char *block, GError **error)
{
  Harness *harness = g_new0 (Harness, 1);
  harness->dir = test_dir_new ();
  harness->registry = test_registry_new ();
  harness->workers = g_ptr_array_new ();
  g_autofree char *text = g_strdup_printf ("fetch \"files\" { paths = { \"-\" } }\nparse \"text\" { }\n%s\n"
                                           "format \"json\" { output = \"-\" }\n", block);
  g_autofree char *path = test_write_file (harness->dir, "unit.chain", text);
  harness->chain = nf_chain_load (path, harness->registry, error);
  if (harness->chain == NULL || !nf_chain_init (harness->chain, error))
    {
      harness_free (harness);
      return NULL;
    }
  GPtrArray *stages = harness->chain->stages[NF_PLUGIN_EXTRACT];
  harness->stage = stages->len ? g_ptr_array_index (stages, 0) : NULL;
  for (guint i = 0; i < stages->len; i++)
    {
      NfStage *stage = g_ptr_array_index (stages, i);
      gpointer worker = NULL;
      g_autoptr (GError) local = NULL;
      if (stage->plugin->worker_new)
        worker = stage->plugin->worker_new (stage, &local);
      g_ptr_array_add (harness->workers, worker);
      if (local)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          harness_free (harness);
          return NULL;
        }
    }
  return harness;
}

void
harness_free (Harness *harness)
{
  for (guint i = 0; harness->chain && i < harness->workers->len; i++)
    {
      NfStage *stage = g_ptr_array_index (harness->chain->stages[NF_PLUGIN_EXTRACT], i);
      gpointer worker = g_ptr_array_index (harness->workers, i);
      if (worker && stage->plugin->worker_free)
        stage->plugin->worker_free (worker);
    }
  g_ptr_array_unref (harness->workers);
  g_clear_pointer (&harness->chain, nf_chain_free);
  nf_registry_free (harness->registry);
  test_dir_remove (harness->dir);
  g_free (harness->dir);
  g_free (harness);
}

NfArticle *
harness_article (const char *title, const char *paragraphs, const char *published, const char *language)
{
  NfArticle *article = nf_article_new ("unit-test");
  nf_article_set_title (article, title);
  g_auto (GStrv) parts = g_strsplit (paragraphs, "\n\n", -1);
  nf_article_set_paragraphs (article, (const char *const *) parts, -1);
  if (published)
    {
      int y, m, d;
      assert_int_equal (sscanf (published, "%d-%d-%d", &y, &m, &d), 3);
      g_autoptr (GDateTime) date = g_date_time_new_utc (y, m, d, 12, 0, 0);
      nf_article_set_published (article, date);
    }
  if (language)
    nf_article_set_language (article, language);
  return article;
}

gboolean
harness_process (Harness *harness, NfArticle *article, GError **error)
{
  GPtrArray *stages = harness->chain->stages[NF_PLUGIN_EXTRACT];
  for (guint i = 0; i < stages->len && !nf_article_is_dropped (article); i++)
    {
      NfStage *stage = g_ptr_array_index (stages, i);
      if (!stage->plugin->process (stage, g_ptr_array_index (harness->workers, i), article, error))
        return FALSE;
    }
  return TRUE;
}

NfAnnotation *
harness_find_annotation (NfArticle *article, const char *type, const char *text)
{
  const char *body = nf_article_get_text (article);
  for (guint i = 0; i < nf_article_get_n_annotations (article); i++)
    {
      NfAnnotation *annotation = nf_article_get_annotation (article, i);
      gsize start = nf_annotation_get_start (annotation), end = nf_annotation_get_end (annotation);
      if (strcmp (nf_annotation_get_type (annotation), type) == 0 && end - start == strlen (text)
          && memcmp (body + start, text, end - start) == 0)
        return annotation;
    }
  return NULL;
}

int
harness_setup (void **state, const char *block)
{
  g_autoptr (GError) error = NULL;
  *state = harness_new (block, &error);
  assert_null (error);
  return 0;
}

int
harness_teardown (void **state)
{
  harness_free (*state);
  return 0;
}
