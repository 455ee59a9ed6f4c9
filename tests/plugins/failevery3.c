/* extract "failevery3" (test only): fails every third article (input index 2, 5, 8, ...) so
 * tests can check that failures are counted, reported and do not stop a run. */
#include <newsflow/newsflow.h>

static gboolean
failevery3_process (G_GNUC_UNUSED NfStage *stage, G_GNUC_UNUSED gpointer worker,
                    NfArticle *article, GError **error)
{
  if (nf_article_get_index (article) % 3 == 2)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_FAILED, "article %" G_GUINT64_FORMAT " fails by design",
                   nf_article_get_index (article));
      return FALSE;
    }
  nf_article_set_field_bool (article, "survived", TRUE);
  return TRUE;
}

NF_PLUGIN_DEFINE (
  .kind = NF_PLUGIN_EXTRACT,
  .name = "failevery3",
  .summary = "Test plugin: fails every third article",
  .process = failevery3_process,
);
