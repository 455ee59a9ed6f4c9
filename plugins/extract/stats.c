/* extract "stats": words, sentences, paragraphs, characters and reading time of the body,
 * as one "stats" field. */
#include <string.h>

#include <newsflow/newsflow.h>

static const NfOption stats_options[] = {
  NF_OPTION_INT ("words-per-minute", 230,
                 "Reading speed used for reading_time_seconds (230 is the adult average for "
                 "non-fiction in English)."),
  NF_OPTION_END
};

/* Words whose trailing period does not end a sentence. */
static const char *const abbreviations[] = {
  "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "cmdr",
  "sen", "rep", "gov", "pres", "gov", "rev", "st", "jr", "sr", "inc", "ltd", "co", "corp",
  "vs", "etc", "no", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
  "nov", "dec", "ill", "calif", "mass", "fla", "wash", "u.s", "u.n", "u.k", "e.u", "a.m", "p.m",
  "approx", "dept", "est", "fig", "mt", "ft", NULL,
};

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

/* TRUE if the word ending just before @dot is an abbreviation or an initial ("J."). */
static gboolean
is_abbreviation (const char *start, const char *dot)
{
  const char *p = dot;
  while (p > start)
    {
      const char *prev = g_utf8_prev_char (p);
      gunichar c = g_utf8_get_char (prev);
      if (!is_word_char (c) && c != '.')
        break;
      p = prev;
    }
  if (dot - p == 0)
    return FALSE;
  if (g_utf8_strlen (p, dot - p) == 1)
    return g_unichar_isupper (g_utf8_get_char (p)); /* an initial */
  g_autofree char *word = g_utf8_strdown (p, dot - p);
  return g_strv_contains (abbreviations, word);
}

static gboolean
is_closing (gunichar c)
{
  return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x201D || c == 0x2019 || c == 0xBB;
}

/* Sentences of one paragraph: a run of . ! ? … that is followed by the end of the paragraph
 * or by space and something that can start a sentence, and is not an abbreviation. */
static guint
count_sentences (const char *start, const char *end)
{
  guint sentences = 0;
  gboolean has_content = FALSE;
  for (const char *p = start; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (is_word_char (c))
        has_content = TRUE;
      if (c != '.' && c != '!' && c != '?' && c != 0x2026)
        continue;
      const char *q = g_utf8_next_char (p);
      while (q < end && (strchr (".!?", *q) || is_closing (g_utf8_get_char (q))))
        q = g_utf8_next_char (q);
      gboolean boundary = q >= end;
      if (!boundary && g_unichar_isspace (g_utf8_get_char (q)))
        {
          while (q < end && g_unichar_isspace (g_utf8_get_char (q)))
            q = g_utf8_next_char (q);
          gunichar next = q < end ? g_utf8_get_char (q) : 0;
          boundary = q >= end || !g_unichar_islower (next);
        }
      if (boundary && c == '.' && is_abbreviation (start, p))
        boundary = FALSE;
      if (boundary && has_content)
        {
          sentences++;
          has_content = FALSE;
        }
      p = g_utf8_prev_char (q); /* continue after the punctuation run */
    }
  return sentences + (has_content ? 1 : 0);
}

static guint
count_words (const char *start, const char *end)
{
  guint words = 0;
  gboolean in_word = FALSE;
  for (const char *p = start; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      /* "don't", "U.S." and "3.5" stay one word. */
      gboolean joins = in_word && (c == '\'' || c == 0x2019 || c == '.' || c == '-')
                       && g_utf8_next_char (p) < end && is_word_char (g_utf8_get_char (g_utf8_next_char (p)));
      if (is_word_char (c) || joins)
        {
          if (!in_word)
            words++;
          in_word = TRUE;
        }
      else
        in_word = FALSE;
    }
  return words;
}

static gboolean
stats_process (NfStage *stage, G_GNUC_UNUSED gpointer worker, NfArticle *article,
               G_GNUC_UNUSED GError **error)
{
  long words_per_minute = cfg_getint (nf_stage_get_config (stage), "words-per-minute");
  const char *text = nf_article_get_text (article);
  guint words = 0, sentences = 0, paragraphs = nf_article_get_n_paragraphs (article);
  for (guint i = 0; i < paragraphs; i++)
    {
      gsize start, end;
      nf_article_get_paragraph_span (article, i, &start, &end);
      words += count_words (text + start, text + end);
      sentences += count_sentences (text + start, text + end);
    }
  gint64 characters = g_utf8_strlen (text, nf_article_get_text_length (article));
  gint64 reading = words_per_minute > 0 ? (words * 60 + words_per_minute - 1) / words_per_minute : 0;

  /* A builder, not a GVariantDict, so the keys keep this order in every output. */
  GVariantBuilder stats;
  g_variant_builder_init (&stats, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&stats, "{sv}", "words", g_variant_new_int64 (words));
  g_variant_builder_add (&stats, "{sv}", "sentences", g_variant_new_int64 (sentences));
  g_variant_builder_add (&stats, "{sv}", "paragraphs", g_variant_new_int64 (paragraphs));
  g_variant_builder_add (&stats, "{sv}", "characters", g_variant_new_int64 (characters));
  g_variant_builder_add (&stats, "{sv}", "reading_time_seconds", g_variant_new_int64 (reading));
  nf_article_set_field (article, "stats", g_variant_builder_end (&stats));
  return TRUE;
}

NF_PLUGIN_DEFINE (
  .kind = NF_PLUGIN_EXTRACT,
  .name = "stats",
  .summary = "Counts words, sentences, paragraphs and characters, and estimates reading time",
  .options = stats_options,
  .process = stats_process,
);
