/* extract "summary": an extractive summary of the body's `sentences` best sentences, kept in
 * text order, as the "summary" field and "summary-sentence" annotations.  Two methods: lead
 * (the first sentences: news is written in an inverted pyramid) and TextRank (Mihalcea and
 * Tarau 2004: PageRank over sentences linked by shared content words).  The default is the one
 * that scored better in tests/bench/extract-summary.py (see newsflow.chain(5)). */
#include <math.h>
#include <string.h>

#include <newsflow/newsflow.h>

typedef enum { METHOD_LEAD, METHOD_TEXTRANK } Method;

/* TextRank compares every pair of sentences: beyond this many (a book, not a story) the
 * later ones are not candidates, so time and memory stay bounded. */
#define TEXTRANK_MAX_SENTENCES 400

typedef struct {
  Method      method;
  guint       sentences;
  guint       min_words;
  GHashTable *stopwords; /* language -> set of case-folded words (TextRank only) */
  char       *default_language;
} Summary;

static const NfOption summary_options[] = {
  NF_OPTION_INT ("sentences", 3, "How many sentences the summary has (fewer when the body is shorter)."),
  NF_OPTION_CHOICE ("method", "lead", "lead|textrank",
                    "lead: the first sentences; textrank: the most central sentences by TextRank. "
                    "On our measurement lead is the better (newsflow.chain(5))."),
  NF_OPTION_INT ("min-words", 6,
                 "Sentences with fewer words (captions, sign-offs, \"Read more.\") are never chosen."),
  NF_OPTION_STR ("default-language", "en",
                 "Stopwords for TextRank when the article's language is undetermined."),
  NF_OPTION_END
};

static void
summary_free (gpointer instance)
{
  Summary *summary = instance;
  g_clear_pointer (&summary->stopwords, g_hash_table_unref);
  g_free (summary->default_language);
  g_free (summary);
}

static gboolean
summary_init (NfStage *stage, GError **error)
{
  cfg_t *config = nf_stage_get_config (stage);
  if (cfg_getint (config, "sentences") < 1 || cfg_getint (config, "min-words") < 0)
    {
      g_set_error_literal (error, NF_ERROR, NF_ERROR_CHAIN, "summary: sentences must be 1 or more and min-words 0 or more");
      return FALSE;
    }
  Summary *summary = g_new0 (Summary, 1);
  summary->sentences = cfg_getint (config, "sentences");
  summary->min_words = cfg_getint (config, "min-words");
  summary->method = strcmp (cfg_getstr (config, "method"), "textrank") == 0 ? METHOD_TEXTRANK : METHOD_LEAD;
  summary->default_language = g_strdup (cfg_getstr (config, "default-language"));
  if (summary->method == METHOD_TEXTRANK)
    {
      /* TextRank compares content words; without any stopword list it still works. */
      g_autoptr (GError) local = NULL;
      summary->stopwords = nf_stopwords_load_all (&local);
      if (summary->stopwords == NULL && !g_error_matches (local, NF_ERROR, NF_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          summary_free (summary);
          return FALSE;
        }
    }
  if (summary->stopwords == NULL)
    summary->stopwords = g_hash_table_new (g_str_hash, g_str_equal);
  nf_stage_set_instance (stage, summary);
  return TRUE;
}

/* ---- TextRank ---- */

static int
compare_ints (gconstpointer a, gconstpointer b)
{
  int x = *(const int *) a, y = *(const int *) b;
  return (x > y) - (x < y);
}

/* The content words of each of the first @n sentences as sorted, distinct word ids. */
static GArray **
sentence_words (NfArticle *article, GHashTable *stopwords, guint n)
{
  const char *text = nf_article_get_text (article);
  const NfText *segmentation = nf_article_get_segmentation (article);
  guint n_tokens;
  const NfToken *tokens = nf_text_get_tokens (segmentation, &n_tokens);
  GArray **words = g_new (GArray *, n);
  for (guint s = 0; s < n; s++)
    words[s] = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < n_tokens; i++)
    {
      if (tokens[i].sentence >= n)
        break;
      if (tokens[i].kind != NF_TOKEN_WORD)
        continue;
      char *folded = g_utf8_casefold (text + tokens[i].start, tokens[i].end - tokens[i].start);
      if (g_utf8_strlen (folded, -1) < 2 || (stopwords && g_hash_table_contains (stopwords, folded)))
        {
          g_free (folded);
          continue;
        }
      gpointer id;
      if (g_hash_table_lookup_extended (ids, folded, NULL, &id))
        g_free (folded);
      else
        {
          id = GUINT_TO_POINTER (g_hash_table_size (ids));
          g_hash_table_insert (ids, folded, id);
        }
      int value = GPOINTER_TO_INT (id);
      g_array_append_val (words[tokens[i].sentence], value);
    }
  for (guint s = 0; s < n; s++)
    {
      GArray *list = words[s];
      g_array_sort (list, compare_ints);
      guint kept = 0;
      for (guint i = 0; i < list->len; i++)
        if (kept == 0 || g_array_index (list, int, i) != g_array_index (list, int, kept - 1))
          g_array_index (list, int, kept++) = g_array_index (list, int, i);
      g_array_set_size (list, kept);
    }
  return words;
}

static guint
overlap (GArray *a, GArray *b)
{
  guint i = 0, j = 0, shared = 0;
  while (i < a->len && j < b->len)
    {
      int x = g_array_index (a, int, i), y = g_array_index (b, int, j);
      if (x == y)
        shared++, i++, j++;
      else if (x < y)
        i++;
      else
        j++;
    }
  return shared;
}

/* PageRank scores of the sentences over Mihalcea and Tarau's similarity
 * |shared words| / (log |S1| + log |S2|); ineligible sentences score -1. */
static double *
textrank (Summary *summary, NfArticle *article, const gboolean *eligible, guint n)
{
  const char *language = nf_article_get_language (article);
  if (language == NULL)
    language = summary->default_language;
  GHashTable *stopwords = g_hash_table_lookup (summary->stopwords, strcmp (language, "nb") == 0 ? "no" : language);
  GArray **words = sentence_words (article, stopwords, n);
  g_autofree double *weight = g_new0 (double, (gsize) n * n);
  g_autofree double *out = g_new0 (double, n);
  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      {
        if (!eligible[i] || !eligible[j] || words[i]->len < 2 || words[j]->len < 2)
          continue;
        double w = overlap (words[i], words[j]) / (log (words[i]->len) + log (words[j]->len));
        weight[i * n + j] = weight[j * n + i] = w;
        out[i] += w;
        out[j] += w;
      }
  double *score = g_new (double, n);
  g_autofree double *next = g_new (double, n);
  for (guint i = 0; i < n; i++)
    score[i] = 1.0;
  const double damping = 0.85;
  for (int iteration = 0; iteration < 100; iteration++)
    {
      double change = 0;
      for (guint i = 0; i < n; i++)
        {
          double sum = 0;
          for (guint j = 0; j < n; j++)
            if (weight[j * n + i] > 0)
              sum += weight[j * n + i] / out[j] * score[j];
          next[i] = (1 - damping) + damping * sum;
          change += fabs (next[i] - score[i]);
        }
      memcpy (score, next, n * sizeof (double));
      if (change < 1e-6 * n)
        break;
    }
  for (guint i = 0; i < n; i++)
    {
      if (!eligible[i])
        score[i] = -1;
      g_array_unref (words[i]);
    }
  g_free (words);
  return score;
}

/* ---- the stage ---- */

typedef struct {
  guint  index;
  double score;
} Ranked;

static gint
compare_ranked (gconstpointer a, gconstpointer b)
{
  const Ranked *x = a, *y = b;
  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

static gint
compare_index (gconstpointer a, gconstpointer b)
{
  const Ranked *x = a, *y = b;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* Where the text after the dateline ("BRUSSELS, Nov 26 (Reuters) - ") begins, or 0. */
static gsize
dateline_end (NfArticle *article)
{
  for (guint i = 0; i < nf_article_get_n_annotations (article); i++)
    {
      NfAnnotation *annotation = nf_article_get_annotation (article, i);
      if (strcmp (nf_annotation_get_type (annotation), "dateline") == 0 && nf_annotation_get_start (annotation) == 0)
        return nf_annotation_get_end (annotation);
    }
  return 0;
}

static gboolean
summary_process (NfStage *stage, G_GNUC_UNUSED gpointer worker, NfArticle *article, G_GNUC_UNUSED GError **error)
{
  Summary *summary = nf_stage_get_instance (stage);
  if (!nf_article_has_text (article))
    return TRUE;
  const char *text = nf_article_get_text (article);
  const NfText *segmentation = nf_article_get_segmentation (article);
  guint n;
  const NfSentence *sentences = nf_text_get_sentences (segmentation, &n);
  const NfToken *tokens = nf_text_get_tokens (segmentation, NULL);
  if (n == 0)
    return TRUE;

  g_autofree gboolean *eligible = g_new0 (gboolean, n);
  guint n_eligible = 0;
  for (guint s = 0; s < n; s++)
    {
      guint words = 0;
      for (guint t = sentences[s].first_token; t < sentences[s].first_token + sentences[s].n_tokens; t++)
        words += tokens[t].kind == NF_TOKEN_WORD || tokens[t].kind == NF_TOKEN_NUMBER;
      eligible[s] = words >= summary->min_words
                    && (summary->method != METHOD_TEXTRANK || s < TEXTRANK_MAX_SENTENCES);
      n_eligible += eligible[s];
    }
  if (n_eligible == 0) /* a body of short sentences: take them as they come */
    for (guint s = 0; s < MIN (n, TEXTRANK_MAX_SENTENCES); s++)
      eligible[s] = TRUE;

  g_autofree double *scores = NULL;
  if (summary->method == METHOD_TEXTRANK)
    scores = textrank (summary, article, eligible, MIN (n, TEXTRANK_MAX_SENTENCES));
  g_autoptr (GArray) ranked = g_array_sized_new (FALSE, FALSE, sizeof (Ranked), n);
  for (guint s = 0; s < n; s++)
    if (eligible[s])
      {
        Ranked r = { s, scores ? scores[s] : -(double) s };
        g_array_append_val (ranked, r);
      }
  g_array_sort (ranked, compare_ranked);
  g_array_set_size (ranked, MIN (ranked->len, summary->sentences));
  g_array_sort (ranked, compare_index);

  gsize skip = dateline_end (article);
  GString *out = g_string_new (NULL);
  for (guint r = 0; r < ranked->len; r++)
    {
      const Ranked *chosen = &g_array_index (ranked, Ranked, r);
      const NfSentence *sentence = &sentences[chosen->index];
      gsize start = sentence->start;
      if (skip > start && skip < sentence->end)
        start = skip;
      if (out->len)
        g_string_append_c (out, ' ');
      g_string_append_len (out, text + start, sentence->end - start);
      NfAnnotation *annotation = nf_article_add_annotation (article, NF_ANNOTATION_SUMMARY_SENTENCE, start, sentence->end);
      if (scores)
        nf_annotation_set_attr (annotation, "score", g_variant_new_double (chosen->score));
    }
  nf_article_set_field_string (article, NF_FIELD_SUMMARY, out->str);
  g_string_free (out, TRUE);
  return TRUE;
}

NF_PLUGIN_DEFINE (
  .kind = NF_PLUGIN_EXTRACT,
  .name = "summary",
  .summary = "Extractive summary: the lead sentences or the most central ones by TextRank",
  .options = summary_options,
  .init = summary_init,
  .process = summary_process,
  .free = summary_free,
);
