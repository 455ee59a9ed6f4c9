/* extract "filter": drops the articles that fail the configured conditions (language, length,
 * a regular expression on the title or body, fields present or absent), with the reason. */
#include <string.h>

#include <newsflow/newsflow.h>

typedef struct {
  char   **languages;        /* NULL: any language */
  gboolean keep_undetermined;
  gint64   min_words;
  gint64   max_words;
  GRegex  *match;            /* keep only articles that match, or NULL */
  GRegex  *exclude;          /* drop articles that match, or NULL */
  gboolean in_title;
  gboolean in_body;
  char   **require;          /* fields that must be present */
  char   **forbid;           /* fields that must be absent */
} Filter;

static const NfOption filter_options[] = {
  NF_OPTION_STR_LIST ("languages", NULL,
                      "Keep only articles in one of these languages (ISO 639-1 codes); empty keeps "
                      "every language."),
  NF_OPTION_BOOL ("keep-undetermined", cfg_true,
                  "With languages set: keep articles whose language is undetermined."),
  NF_OPTION_INT ("min-words", 0, "Drop articles whose body has fewer words (0: no minimum)."),
  NF_OPTION_INT ("max-words", 0, "Drop articles whose body has more words (0: no maximum)."),
  NF_OPTION_STR ("match", NULL,
                 "Keep only articles where this regular expression (PCRE syntax, GRegex) "
                 "matches the title or body (see in)."),
  NF_OPTION_STR ("exclude", NULL,
                 "Drop articles where this regular expression matches the title or body (see in)."),
  NF_OPTION_CHOICE ("in", "both", "title|body|both", "Where match and exclude look."),
  NF_OPTION_BOOL ("ignore-case", cfg_false, "Match and exclude ignore letter case."),
  NF_OPTION_STR_LIST ("require-fields", NULL,
                      "Drop articles that lack any of these fields (a field an extractor adds, such "
                      "as \"summary\", or title, authors, published, language, text)."),
  NF_OPTION_STR_LIST ("forbid-fields", NULL,
                      "Drop articles that have any of these fields (\"duplicate_of\" after dedupe)."),
  NF_OPTION_END
};

static void
filter_free (gpointer instance)
{
  Filter *filter = instance;
  g_strfreev (filter->languages);
  g_clear_pointer (&filter->match, g_regex_unref);
  g_clear_pointer (&filter->exclude, g_regex_unref);
  g_strfreev (filter->require);
  g_strfreev (filter->forbid);
  g_free (filter);
}

static char **
get_list (cfg_t *config, const char *name)
{
  guint n = cfg_size (config, name);
  if (n == 0)
    return NULL;
  char **list = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    list[i] = g_strdup (cfg_getnstr (config, name, i));
  return list;
}

static GRegex *
compile (cfg_t *config, const char *name, GError **error)
{
  const char *pattern = cfg_getstr (config, name);
  if (pattern == NULL)
    return NULL;
  GRegexCompileFlags flags = G_REGEX_OPTIMIZE | (cfg_getbool (config, "ignore-case") ? G_REGEX_CASELESS : 0);
  GRegex *regex = g_regex_new (pattern, flags, 0, error);
  if (regex == NULL)
    g_prefix_error (error, "filter: %s: ", name);
  return regex;
}

static gboolean
filter_init (NfStage *stage, GError **error)
{
  cfg_t *config = nf_stage_get_config (stage);
  Filter *filter = g_new0 (Filter, 1);
  filter->languages = get_list (config, "languages");
  filter->keep_undetermined = cfg_getbool (config, "keep-undetermined");
  filter->min_words = cfg_getint (config, "min-words");
  filter->max_words = cfg_getint (config, "max-words");
  const char *in = cfg_getstr (config, "in");
  filter->in_title = strcmp (in, "body") != 0;
  filter->in_body = strcmp (in, "title") != 0;
  filter->require = get_list (config, "require-fields");
  filter->forbid = get_list (config, "forbid-fields");
  GError *local = NULL;
  /* Compiled once; GRegex matching is thread-safe, so every worker shares them. */
  filter->match = compile (config, "match", &local);
  if (local == NULL)
    filter->exclude = compile (config, "exclude", &local);
  if (local == NULL && (filter->min_words < 0 || filter->max_words < 0))
    g_set_error_literal (&local, NF_ERROR, NF_ERROR_CHAIN, "filter: min-words and max-words must not be negative");
  if (local)
    {
      g_propagate_error (error, local);
      filter_free (filter);
      return FALSE;
    }
  nf_stage_set_instance (stage, filter);
  return TRUE;
}

static gboolean
has_field (NfArticle *article, const char *name)
{
  if (strcmp (name, "title") == 0)
    return nf_article_get_title (article) && *nf_article_get_title (article);
  if (strcmp (name, "authors") == 0)
    return nf_article_get_authors (article) && nf_article_get_authors (article)[0];
  if (strcmp (name, "published") == 0)
    return nf_article_get_published (article) != NULL;
  if (strcmp (name, "language") == 0)
    return nf_article_get_language (article) != NULL;
  if (strcmp (name, "text") == 0)
    return nf_article_has_text (article) && nf_article_get_text_length (article) > 0;
  return nf_article_get_field (article, name) != NULL;
}

static gboolean
matches (Filter *filter, GRegex *regex, NfArticle *article)
{
  const char *title = nf_article_get_title (article);
  if (filter->in_title && title && g_regex_match (regex, title, 0, NULL))
    return TRUE;
  return filter->in_body && nf_article_has_text (article)
         && g_regex_match_full (regex, nf_article_get_text (article), nf_article_get_text_length (article),
                                0, 0, NULL, NULL);
}

/* The first condition the article fails, as a drop reason, or NULL to keep it. */
static char *
check (Filter *filter, NfArticle *article)
{
  if (filter->languages)
    {
      const char *language = nf_article_get_language (article);
      if (language == NULL && !filter->keep_undetermined)
        return g_strdup ("filter: language undetermined");
      if (language && !g_strv_contains ((const char *const *) filter->languages, language))
        {
          g_autofree char *list = g_strjoinv (", ", filter->languages);
          return g_strdup_printf ("filter: language %s not in {%s}", language, list);
        }
    }
  if (filter->min_words > 0 || filter->max_words > 0)
    {
      gint64 words = nf_article_has_text (article) ? nf_text_count_words (nf_article_get_segmentation (article)) : 0;
      if (words < filter->min_words)
        return g_strdup_printf ("filter: fewer than %" G_GINT64_FORMAT " words (%" G_GINT64_FORMAT ")",
                                filter->min_words, words);
      if (filter->max_words > 0 && words > filter->max_words)
        return g_strdup_printf ("filter: more than %" G_GINT64_FORMAT " words (%" G_GINT64_FORMAT ")",
                                filter->max_words, words);
    }
  if (filter->match && !matches (filter, filter->match, article))
    return g_strdup_printf ("filter: does not match /%s/", g_regex_get_pattern (filter->match));
  if (filter->exclude && matches (filter, filter->exclude, article))
    return g_strdup_printf ("filter: matches /%s/", g_regex_get_pattern (filter->exclude));
  for (char **name = filter->require; name && *name; name++)
    if (!has_field (article, *name))
      return g_strdup_printf ("filter: no %s field", *name);
  for (char **name = filter->forbid; name && *name; name++)
    if (has_field (article, *name))
      return g_strdup_printf ("filter: has a %s field", *name);
  return NULL;
}

static gboolean
filter_process (NfStage *stage, G_GNUC_UNUSED gpointer worker, NfArticle *article, G_GNUC_UNUSED GError **error)
{
  g_autofree char *reason = check (nf_stage_get_instance (stage), article);
  if (reason)
    nf_article_drop (article, reason);
  return TRUE;
}

NF_PLUGIN_DEFINE (
  .kind = NF_PLUGIN_EXTRACT,
  .name = "filter",
  .summary = "Drops articles by language, length, a regular expression or fields present or absent",
  .options = filter_options,
  .init = filter_init,
  .process = filter_process,
  .free = filter_free,
);
