/* extract "annotate" (test only): gives the formatters what the real entity, quote, keyword,
 * summary, language and date extractors will add, with crude rules, so their output can be
 * tested before those exist: "entity" and "quote" annotations, keywords, summary, language,
 * published date. */
#include <string.h>

#include <newsflow/newsflow.h>

typedef struct {
  GRegex *names;   /* runs of capitalised words */
  GRegex *quotes;  /* "..." and “...” of some length */
} Annotator;

static const NfOption annotate_options[] = {
  NF_OPTION_STR ("first-date", "2026-11-01T09:00:00Z",
                 "Date of the first article; article N is published N days later (modulo 28)."),
  NF_OPTION_END
};

static const char *const org_words[] = {
  "Ministry", "Authority", "Bank", "Commission", "Programme", "Organization", "Fund", "Council",
  "Court", "Union", "Partners", "Agency", "Association", "Service", "Institute", "University",
  "Office", "Department", "Party", "Corporation", NULL,
};
static const char *const place_words[] = {
  "Sea", "Africa", "America", "Asia", "Europe", "East", "Kingdom", "States", "Lake", "River",
  "City", "Island", "Mountains", NULL,
};
static const char *const stopwords[][6] = {
  { "en", " the ", " and ", " of ", " said ", " is " },
  { "de", " der ", " die ", " und ", " das ", " ist " },
  { "es", " el ", " los ", " del ", " las ", " que " },
  { "fr", " le ", " les ", " des ", " est ", " une " },
  { "pt", " o ", " os ", " do ", " da ", " não " },
};

static void
annotate_free (gpointer instance)
{
  Annotator *annotator = instance;
  g_regex_unref (annotator->names);
  g_regex_unref (annotator->quotes);
  g_free (annotator);
}

static gboolean
annotate_init (NfStage *stage, GError **error)
{
  g_autoptr (GDateTime) first = g_date_time_new_from_iso8601 (
    cfg_getstr (nf_stage_get_config (stage), "first-date"), NULL);
  if (first == NULL)
    {
      g_set_error_literal (error, NF_ERROR, NF_ERROR_CHAIN, "first-date is not an ISO 8601 date");
      return FALSE;
    }
  Annotator *annotator = g_new0 (Annotator, 1);
  annotator->names = g_regex_new ("\\b\\p{Lu}\\p{Ll}+(?:\\s(?:\\p{Lu}\\p{Ll}+|of|for))*\\s\\p{Lu}\\p{Ll}+",
                                  G_REGEX_OPTIMIZE, 0, NULL);
  annotator->quotes = g_regex_new ("[\"“][^\"”\\n]{20,}?[\"”]", G_REGEX_OPTIMIZE, 0, NULL);
  nf_stage_set_instance (stage, annotator);
  return TRUE;
}

static const char *
guess_language (const char *text)
{
  const char *best = NULL;
  guint best_count = 0;
  for (guint l = 0; l < G_N_ELEMENTS (stopwords); l++)
    {
      guint count = 0;
      for (guint w = 1; w < 6; w++)
        for (const char *p = strstr (text, stopwords[l][w]); p; p = strstr (p + 1, stopwords[l][w]))
          count++;
      if (count > best_count)
        {
          best = stopwords[l][0];
          best_count = count;
        }
    }
  return best;
}

static void
add_entities (Annotator *annotator, NfArticle *article, const char *text)
{
  g_autoptr (GMatchInfo) match = NULL;
  g_regex_match (annotator->names, text, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      int start, end;
      g_match_info_fetch_pos (match, 0, &start, &end);
      if (g_str_has_prefix (text + start, "The "))
        start += 4;
      if (memchr (text + start, ' ', end - start) == NULL)
        continue;
      g_autofree char *name = g_strndup (text + start, end - start);
      const char *label = "PERSON";
      for (guint i = 0; place_words[i]; i++)
        if (strstr (name, place_words[i]))
          label = "LOC";
      for (guint i = 0; org_words[i]; i++)
        if (strstr (name, org_words[i]))
          label = "ORG";
      NfAnnotation *entity = nf_article_add_annotation (article, "entity", start, end);
      nf_annotation_set_attr_string (entity, "label", label);
      nf_annotation_set_attr_string (entity, "canonical", name);
    }
  /* The dateline's place, "KYIV, Ukraine (Reuters) — ", as a place: "Kyiv". */
  for (guint i = 0; i < nf_article_get_n_annotations (article); i++)
    {
      NfAnnotation *dateline = nf_article_get_annotation (article, i);
      if (strcmp (nf_annotation_get_type (dateline), "dateline") != 0)
        continue;
      gsize start = nf_annotation_get_start (dateline), end = start;
      while (end < nf_annotation_get_end (dateline) && text[end] != ',' && text[end] != ' ')
        end++;
      g_autofree char *place = g_utf8_strdown (text + start, end - start);
      g_autofree char *canonical = g_strconcat ("", place, NULL);
      if (canonical[0])
        canonical[0] = g_ascii_toupper (canonical[0]);
      NfAnnotation *entity = nf_article_add_annotation (article, "entity", start, end);
      nf_annotation_set_attr_string (entity, "label", "GPE");
      nf_annotation_set_attr_string (entity, "canonical", canonical);
      break;
    }
}

/* The speaker of a quote: the first person named within 150 bytes after it, else the last
 * one before it. */
static const char *
find_speaker (NfArticle *article, gsize quote_start, gsize quote_end)
{
  const char *before = NULL;
  for (guint i = 0; i < nf_article_get_n_annotations (article); i++)
    {
      NfAnnotation *a = nf_article_get_annotation (article, i);
      const char *label = nf_annotation_get_attr_string (a, "label");
      if (strcmp (nf_annotation_get_type (a), "entity") != 0 || g_strcmp0 (label, "PERSON") != 0)
        continue;
      gsize start = nf_annotation_get_start (a);
      if (start >= quote_end && start < quote_end + 150)
        return nf_annotation_get_attr_string (a, "canonical");
      if (start < quote_start)
        before = nf_annotation_get_attr_string (a, "canonical");
    }
  return before;
}

static void
add_quotes (Annotator *annotator, NfArticle *article, const char *text)
{
  g_autoptr (GMatchInfo) match = NULL;
  g_regex_match (annotator->quotes, text, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      int start, end;
      g_match_info_fetch_pos (match, 0, &start, &end);
      g_autofree char *speaker = g_strdup (find_speaker (article, start, end));
      NfAnnotation *quote = nf_article_add_annotation (article, "quote", start, end);
      if (speaker)
        nf_annotation_set_attr_string (quote, "speaker", speaker);
      nf_annotation_set_attr_string (quote, "cue", "said");
    }
}

static gint
by_count (gconstpointer a, gconstpointer b, gpointer counts)
{
  guint ca = GPOINTER_TO_UINT (g_hash_table_lookup (counts, *(const char **) a));
  guint cb = GPOINTER_TO_UINT (g_hash_table_lookup (counts, *(const char **) b));
  return ca != cb ? (cb > ca ? 1 : -1) : strcmp (*(const char **) a, *(const char **) b);
}

static void
add_keywords (NfArticle *article, const char *text)
{
  g_autoptr (GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto (GStrv) words = g_regex_split_simple ("[^\\p{L}]+", text, 0, 0);
  guint total = 0;
  for (guint i = 0; words[i]; i++)
    if (g_utf8_strlen (words[i], -1) >= 7)
      {
        char *word = g_utf8_strdown (words[i], -1);
        guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, word));
        g_hash_table_replace (counts, word, GUINT_TO_POINTER (count + 1));
        total++;
      }
  g_autoptr (GPtrArray) keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  g_ptr_array_sort_with_data (keys, by_count, counts);
  GVariantBuilder list;
  g_variant_builder_init (&list, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; i < MIN (keys->len, 5u); i++)
    {
      const char *word = g_ptr_array_index (keys, i);
      GVariantBuilder keyword;
      g_variant_builder_init (&keyword, G_VARIANT_TYPE_VARDICT);
      g_variant_builder_add (&keyword, "{sv}", "phrase", g_variant_new_string (word));
      g_variant_builder_add (&keyword, "{sv}", "score", g_variant_new_double (
        GPOINTER_TO_UINT (g_hash_table_lookup (counts, word)) / (double) MAX (total, 1u)));
      g_variant_builder_add_value (&list, g_variant_builder_end (&keyword));
    }
  nf_article_set_field (article, "keywords", g_variant_builder_end (&list));
}

static gboolean
annotate_process (NfStage *stage, G_GNUC_UNUSED gpointer worker, NfArticle *article,
                  G_GNUC_UNUSED GError **error)
{
  Annotator *annotator = nf_stage_get_instance (stage);
  const char *text = nf_article_get_text (article);
  add_entities (annotator, article, text);
  add_quotes (annotator, article, text);
  add_keywords (article, text);
  gsize first_end = 0, ignored;
  nf_article_get_paragraph_span (article, 0, &ignored, &first_end);
  g_autofree char *first = g_strndup (text, first_end);
  const char *stop = strstr (first, ". ");
  g_autofree char *summary = stop ? g_strndup (first, stop + 1 - first) : g_strdup (first);
  nf_article_set_field_string (article, "summary", summary);
  nf_article_set_language (article, guess_language (text));
  g_autoptr (GDateTime) first_date = g_date_time_new_from_iso8601 (
    cfg_getstr (nf_stage_get_config (stage), "first-date"), NULL);
  g_autoptr (GDateTime) published = g_date_time_add_days (first_date, nf_article_get_index (article) % 28);
  nf_article_set_published (article, published);
  return TRUE;
}

NF_PLUGIN_DEFINE (
  .kind = NF_PLUGIN_EXTRACT,
  .name = "annotate",
  .summary = "Test plugin: crude entities, quotes, keywords, summary, language and date",
  .options = annotate_options,
  .init = annotate_init,
  .process = annotate_process,
  .free = annotate_free,
);
