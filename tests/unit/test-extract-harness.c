/* test-extract-harness.c: see test-extract-harness.h. */
#include "config.h"

#include <string.h>

#include "test-extract-harness.h"

Harness *
harness_new (const char *block, GError **error)
{
  Harness *harness = g_new0 (Harness, 1);
  harness->dir = test_dir_new ();
  harness->registry = test_registry_new ();
  g_autofree char *text = g_strdup_printf ("fetch \"files\" { paths = { \"-\" } }\nparse \"text\" { }\n%s\n"
                                           "format \"json\" { output = \"-\" }\n", block);
  g_autofree char *path = test_write_file (harness->dir, "unit.chain", text);
  harness->chain = nf_chain_load (path, harness->registry, error);
  if (harness->chain == NULL || !nf_chain_init (harness->chain, error))
    {
      harness_free (harness);
      return NULL;
    }
  harness->stage = g_ptr_array_index (harness->chain->stages[NF_PLUGIN_EXTRACT], 0);
  if (harness->stage->plugin->worker_new)
    {
      harness->worker = harness->stage->plugin->worker_new (harness->stage, error);
      if (harness->worker == NULL)
        {
          harness_free (harness);
          return NULL;
        }
    }
  return harness;
}

void
harness_free (Harness *harness)
{
  if (harness->worker && harness->stage->plugin->worker_free)
    harness->stage->plugin->worker_free (harness->worker);
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
  return harness->stage->plugin->process (harness->stage, harness->worker, article, error);
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
