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

/* The keys, in output order: an array, not a GVariantDict, so they keep this order in every
 * output. */
static const char *const stats_keys[] = {
  "words", "sentences", "paragraphs", "characters", "reading_time_seconds",
};
#define N_STATS G_N_ELEMENTS (stats_keys)

/* The field as GLib builds it: an a{sv} of int64 values. */
static GVariant *
stats_tree (const gint64 values[N_STATS])
{
  GVariant *entries[N_STATS];
  for (gsize i = 0; i < N_STATS; i++)
    entries[i] = g_variant_new_dict_entry (g_variant_new_string (stats_keys[i]),
                                           g_variant_new_variant (g_variant_new_int64 (values[i])));
  return g_variant_ref_sink (g_variant_new_array (G_VARIANT_TYPE ("{sv}"), entries, N_STATS));
}

/* The keys and the types are the same in every article and an int64 has a fixed size, so the
 * serialised field is the same bytes but for the five values: the stage keeps GLib's
 * serialisation of it and where each value lies in it, and an article's field is a copy with
 * its values written in, instead of a tree of 16 GVariants serialised again. */
typedef struct {
  long    words_per_minute;
  GBytes *serialised;          /* stats_tree() of zeros */
  gsize   offsets[N_STATS];    /* of each int64 in it */
} Stats;

static gboolean
stats_init (NfStage *stage, GError **error)
{
  g_autofree Stats *stats = g_new0 (Stats, 1);
  stats->words_per_minute = cfg_getint (nf_stage_get_config (stage), "words-per-minute");
  gint64 values[N_STATS] = { 0 };
  g_autoptr (GVariant) zeros = stats_tree (values);
  g_autoptr (GBytes) serialised = g_variant_get_data_as_bytes (zeros);
  gsize size = g_bytes_get_size (serialised);
  /* each value's place: where a marker written in its stead shows in GLib's bytes */
  const gint64 marker = G_GINT64_CONSTANT (0x0123456789abcdef);
  for (gsize i = 0; i < N_STATS; i++)
    {
      values[i] = marker;
      g_autoptr (GVariant) marked = stats_tree (values);
      values[i] = 0;
      const guint8 *with = g_variant_get_data (marked);
      gsize k = 0;
      while (k + sizeof marker <= size && memcmp (with + k, &marker, sizeof marker) != 0)
        k++;
      if (g_variant_get_size (marked) != size || k + sizeof marker > size)
        {
          g_set_error_literal (error, NF_ERROR, NF_ERROR_PLUGIN, "stats: unexpected serialisation of the field");
          return FALSE;
        }
      stats->offsets[i] = k;
    }
  stats->serialised = g_steal_pointer (&serialised);
  nf_stage_set_instance (stage, g_steal_pointer (&stats));
  return TRUE;
}

static void
stats_free (gpointer instance)
{
  Stats *stats = instance;
  g_bytes_unref (stats->serialised);
  g_free (stats);
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
  gint64 characters = nf_utf8_length (nf_article_get_text (article), nf_article_get_text_length (article));
  gint64 reading = words_per_minute > 0 ? (words * 60 + words_per_minute - 1) / words_per_minute : 0;

  const gint64 values[N_STATS] = { words, sentences, paragraphs, characters, reading };
  gsize size;
  const void *serialised = g_bytes_get_data (stats->serialised, &size);
  /* g_malloc's blocks are aligned for the int64s */
  guint8 *data = g_malloc (size);
  memcpy (data, serialised, size);
  for (gsize i = 0; i < N_STATS; i++)
    memcpy (data + stats->offsets[i], &values[i], sizeof values[i]);
  /* the variant takes a reference of its own: ours goes when this function returns */
  g_autoptr (GBytes) bytes = g_bytes_new_take (data, size);
  nf_article_set_field (article, NF_FIELD_STATS, g_variant_new_from_bytes (G_VARIANT_TYPE_VARDICT, bytes, TRUE));
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
