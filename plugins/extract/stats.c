/* extract "stats": words, sentences, paragraphs, characters and reading time of the body,
 * as one "stats" field; words and sentences come from the shared segmentation (text.h). */
#include <newsflow/newsflow.h>

static const NfOption stats_options[] = {
  NF_OPTION_INT ("words-per-minute", 230,
                 "Reading speed used for reading_time_seconds (230 is the adult average for "
                 "non-fiction in English)."),
  NF_OPTION_END
};

static gboolean
stats_process (NfStage *stage, G_GNUC_UNUSED gpointer worker, NfArticle *article,
               G_GNUC_UNUSED GError **error)
{
  long words_per_minute = cfg_getint (nf_stage_get_config (stage), "words-per-minute");
  const NfText *segmentation = nf_article_get_segmentation (article);
  guint words = nf_text_count_words (segmentation), sentences = 0;
  nf_text_get_sentences (segmentation, &sentences);
  guint paragraphs = nf_article_get_n_paragraphs (article);
  gint64 characters = g_utf8_strlen (nf_article_get_text (article), nf_article_get_text_length (article));
  gint64 reading = words_per_minute > 0 ? (words * 60 + words_per_minute - 1) / words_per_minute : 0;

  /* A builder, not a GVariantDict, so the keys keep this order in every output. */
  GVariantBuilder stats;
  g_variant_builder_init (&stats, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&stats, "{sv}", "words", g_variant_new_int64 (words));
  g_variant_builder_add (&stats, "{sv}", "sentences", g_variant_new_int64 (sentences));
  g_variant_builder_add (&stats, "{sv}", "paragraphs", g_variant_new_int64 (paragraphs));
  g_variant_builder_add (&stats, "{sv}", "characters", g_variant_new_int64 (characters));
  g_variant_builder_add (&stats, "{sv}", "reading_time_seconds", g_variant_new_int64 (reading));
  nf_article_set_field (article, NF_FIELD_STATS, g_variant_builder_end (&stats));
  return TRUE;
}

NF_PLUGIN_DEFINE (
  .kind = NF_PLUGIN_EXTRACT,
  .name = "stats",
  .summary = "Counts words, sentences, paragraphs and characters, and estimates reading time",
  .options = stats_options,
  .process = stats_process,
);
