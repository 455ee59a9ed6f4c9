/* extract "ordered" (test only): an ordered extractor that numbers articles as it sees
 * them; with NF_PLUGIN_FLAG_ORDERED that number must equal the input index for any -j. */
#include <newsflow/newsflow.h>

typedef struct {
  gint64 seen;
} Ordered;

static gboolean
ordered_init (NfStage *stage, G_GNUC_UNUSED GError **error)
{
  nf_stage_set_instance (stage, g_new0 (Ordered, 1));
  return TRUE;
}

static gboolean
ordered_process (NfStage *stage, G_GNUC_UNUSED gpointer worker, NfArticle *article,
                 G_GNUC_UNUSED GError **error)
{
  Ordered *ordered = nf_stage_get_instance (stage);
  nf_article_set_field_int (article, "seen_as", ordered->seen++);
  return TRUE;
}

NF_PLUGIN_DEFINE (
  .kind = NF_PLUGIN_EXTRACT,
  .name = "ordered",
  .summary = "Test plugin that must see articles in input order",
  .flags = NF_PLUGIN_FLAG_ORDERED,
  .init = ordered_init,
  .process = ordered_process,
  .free = g_free,
);
