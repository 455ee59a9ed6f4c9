/* extract "stats": words, sentences, paragraphs, characters and reading time of the body,
 * as one "stats" field; words and sentences come from the shared segmentation (text.h). */
#include <string.h>

#include <newsflow/newsflow.h>

static const NfOption stats_options[] = {
  NF_OPTION_INT ("words-per-minute", 230,
                 "Reading speed used for reading_time_seconds (230 is the adult average for "
                 "non-fiction in English)."),
  NF_OPTION_END
};

/* The characters of @length bytes of valid UTF-8 without NUL (an article's text): the bytes
 * that start one, that is all but the continuation bytes 10xxxxxx, counted eight at a time.
 * The same count as g_utf8_strlen(), which steps through the text a character at a time. */
static gint64
utf8_length (const char *text, gsize length)
{
  gsize k = 0, continuation = 0;
  for (; k + 8 <= length; k += 8)
    {
      guint64 x;
      memcpy (&x, text + k, 8);
      /* bit 0 of each byte: its bit 7 set and its bit 6 clear; at most 8, so the multiply
       * sums the bytes into the top one */
      guint64 bits = (x >> 7) & ~(x >> 6) & G_GUINT64_CONSTANT (0x0101010101010101);
      continuation += (bits * G_GUINT64_CONSTANT (0x0101010101010101)) >> 56;
    }
  for (; k < length; k++)
    continuation += ((guchar) text[k] & 0xC0) == 0x80;
  return (gint64) (length - continuation);
}

/* The keys, in output order, made once a stage: a key's GVariant is immutable, so every
 * article's entries share it instead of building and validating the same strings again. */
static const char *const stats_keys[] = {
  "words", "sentences", "paragraphs", "characters", "reading_time_seconds",
};

typedef struct {
  long      words_per_minute;
  GVariant *keys[G_N_ELEMENTS (stats_keys)];
} Stats;

static gboolean
stats_init (NfStage *stage, G_GNUC_UNUSED GError **error)
{
  Stats *stats = g_new0 (Stats, 1);
  stats->words_per_minute = cfg_getint (nf_stage_get_config (stage), "words-per-minute");
  for (gsize i = 0; i < G_N_ELEMENTS (stats_keys); i++)
    stats->keys[i] = g_variant_ref_sink (g_variant_new_string (stats_keys[i]));
  nf_stage_set_instance (stage, stats);
  return TRUE;
}

static void
stats_free (gpointer instance)
{
  Stats *stats = instance;
  for (gsize i = 0; i < G_N_ELEMENTS (stats_keys); i++)
    g_variant_unref (stats->keys[i]);
  g_free (stats);
}

static GVariant *
stats_entry (GVariant *key, gint64 value)
{
  /* the entry takes a reference of the (not floating) key */
  return g_variant_new_dict_entry (key, g_variant_new_variant (g_variant_new_int64 (value)));
}

static gboolean
stats_process (NfStage *stage, G_GNUC_UNUSED gpointer worker, NfArticle *article,
               G_GNUC_UNUSED GError **error)
{
  const Stats *stats = nf_stage_get_instance (stage);
  long words_per_minute = stats->words_per_minute;
  const NfText *segmentation = nf_article_get_segmentation (article);
  guint words = nf_text_count_words (segmentation), sentences = 0;
  nf_text_get_sentences (segmentation, &sentences);
  guint paragraphs = nf_article_get_n_paragraphs (article);
  gint64 characters = utf8_length (nf_article_get_text (article), nf_article_get_text_length (article));
  gint64 reading = words_per_minute > 0 ? (words * 60 + words_per_minute - 1) / words_per_minute : 0;

  /* An array, not a GVariantDict, so the keys keep this order in every output; built from
   * its entries, not with g_variant_builder_add(), which parses a format string for each. */
  GVariant *const *keys = stats->keys;
  GVariant *entries[] = {
    stats_entry (keys[0], words),
    stats_entry (keys[1], sentences),
    stats_entry (keys[2], paragraphs),
    stats_entry (keys[3], characters),
    stats_entry (keys[4], reading),
  };
  nf_article_set_field (article, NF_FIELD_STATS,
                        g_variant_new_array (G_VARIANT_TYPE ("{sv}"), entries, G_N_ELEMENTS (entries)));
  return TRUE;
}

NF_PLUGIN_DEFINE (
  .kind = NF_PLUGIN_EXTRACT,
  .name = "stats",
  .summary = "Counts words, sentences, paragraphs and characters, and estimates reading time",
  .options = stats_options,
  .init = stats_init,
  .process = stats_process,
  .free = stats_free,
);
