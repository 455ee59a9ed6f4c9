/* extract "language": the body's language by libexttextcat's n-gram fingerprints, limited to
 * the languages configured, as an ISO 639-1 code; short or unclear text stays undetermined.
 * The classifier is language/fingerprints.c: libexttextcat's, re-implemented to answer the
 * same at under half the cost; only libexttextcat's data files are read. */
#include <string.h>

#include <newsflow/newsflow.h>

#include "language/fingerprints.h"

/* textcat: "a few hundred bytes will suffice"; its cost grows with the sample. */
#define SAMPLE_BYTES 768

static const char *const default_languages[] = {
  "en", "de", "fr", "es", "it", "pt", "nl", "sv", "da", "nb", "fi", "pl", "cs", "ru", "tr", "ro", "hu", "el",
};

typedef struct {
  LangFingerprints *fingerprints;  /* of the configured languages, in fpdb.conf's order */
  gboolean override;
  gboolean check_metadata;
  guint    min_words;
  guint    max_candidates;
} Language;

static const NfOption language_options[] = {
  /* The default set is in code: libconfuse fails to parse a long list default here. */
  NF_OPTION_STR_LIST ("languages", NULL,
                      "ISO 639-1 codes of the languages to tell apart (\"no\" means \"nb\"); empty "
                      "means en, de, fr, es, it, pt, nl, sv, da, nb, fi, pl, cs, ru, tr, ro, hu, el. "
                      "Text in another language is usually reported as undetermined; fewer languages "
                      "are faster and more accurate."),
  NF_OPTION_BOOL ("override", cfg_false,
                  "Replace a language the parser already set (from HTML or feed metadata). By "
                  "default such a language is kept unless check-metadata finds the text clearly in "
                  "another."),
  NF_OPTION_BOOL ("check-metadata", cfg_true,
                  "Check a language the parser set against the text: when the body is long enough "
                  "and textcat names exactly one language, another one, the text's language wins "
                  "(sites often leave lang=\"en\" on pages in other languages). false: trust the "
                  "metadata and skip the text."),
  NF_OPTION_INT ("min-words", 15,
                 "Bodies with fewer words are too short to tell and stay undetermined."),
  NF_OPTION_INT ("max-candidates", 2,
                 "textcat reports every language scoring within 3% of the best; when more than "
                 "this many do, the text is too unclear and stays undetermined."),
  NF_OPTION_STR ("fingerprints", "/usr/share/libexttextcat",
                 "Directory of libexttextcat's fpdb.conf and .lm fingerprint files (Debian "
                 "package libexttextcat-data)."),
  NF_OPTION_END
};

/* Whether the metadata's code @tag ("en", "en-US", "EN_gb", "no") names language @code. */
static gboolean
same_language (const char *tag, const char *code)
{
  gsize length = strcspn (tag, "-_");
  if (length == 2 && g_ascii_strncasecmp (tag, "no", 2) == 0)
    tag = "nb";
  return strlen (code) == length && g_ascii_strncasecmp (tag, code, length) == 0;
}

static void
language_free (gpointer instance)
{
  Language *language = instance;
  lang_fingerprints_free (language->fingerprints);
  g_free (language);
}

/* The ISO code a fingerprint file stands for: "sr-Latn.lm" -> "sr", "ace.lm" -> "ace". */
static char *
code_of_fingerprint (const char *file)
{
  gsize length = strcspn (file, "-.");
  return g_ascii_strdown (file, length);
}

/* The .lm files that fpdb.conf's @contents lists, in its order: the first word of each line
 * that is not a comment.  The words are cut out of @contents in place, which must outlive
 * the array; no line is split into a vector of its own. */
static GPtrArray *
fingerprint_files (char *contents)
{
  GPtrArray *files = g_ptr_array_new ();
  for (char *line = contents; line;)
    {
      char *newline = strchr (line, '\n');
      if (newline)
        *newline = '\0';
      /* as g_strstrip, then the first word up to a space or tab */
      char *word = line, *end = line + strlen (line);
      while (g_ascii_isspace (*word))
        word++;
      while (end > word && g_ascii_isspace (end[-1]))
        end--;
      *end = '\0';
      word[strcspn (word, " \t")] = '\0';
      if (word[0] != '#' && g_str_has_suffix (word, ".lm"))
        g_ptr_array_add (files, word);
      line = newline ? newline + 1 : NULL;
    }
  return files;
}

/* Loads the fingerprints that fpdb.conf lists for @codes, in fpdb.conf's order (the order
 * in which textcat reports equal scores), each named by its ISO code. */
static LangFingerprints *
load_fingerprints (const char *dir, char **codes, guint n_codes, GError **error)
{
  g_autofree char *conf = g_build_filename (dir, "fpdb.conf", NULL);
  g_autofree char *contents = NULL;
  if (!g_file_get_contents (conf, &contents, NULL, error))
    {
      g_prefix_error (error, "language: cannot read libexttextcat's fingerprint list "
                      "(install libexttextcat-data or set fingerprints): ");
      return NULL;
    }
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autofree gboolean *found = g_new0 (gboolean, n_codes);
  g_autoptr (GPtrArray) files = fingerprint_files (contents);
  for (guint f = 0; f < files->len; f++)
    {
      const char *file = files->pdata[f];
      g_autofree char *code = code_of_fingerprint (file);
      for (guint i = 0; i < n_codes; i++)
        if (!found[i] && strcmp (codes[i], code) == 0)
          {
            /* The first fingerprint of a code wins: "sr-Cyrl" before "sr-Latn" as listed. */
            found[i] = TRUE;
            g_ptr_array_add (names, g_strdup (code));
            g_ptr_array_add (paths, g_build_filename (dir, file, NULL));
          }
    }
  for (guint i = 0; i < n_codes; i++)
    if (!found[i])
      {
        /* the list of known codes only now, for the message */
        g_autoptr (GString) known = g_string_new (NULL);
        for (guint f = 0; f < files->len; f++)
          {
            g_autofree char *code = code_of_fingerprint (files->pdata[f]);
            g_string_append_printf (known, "%s%s", known->len ? ", " : "", code);
          }
        g_set_error (error, NF_ERROR, NF_ERROR_CHAIN,
                     "language: no fingerprint for language '%s' in %s; known: %s",
                     codes[i], conf, known->str);
        return NULL;
      }
  g_autoptr (GError) local = NULL;
  LangFingerprints *fingerprints = lang_fingerprints_load ((char **) names->pdata, (char **) paths->pdata,
                                                          names->len, &local);
  if (fingerprints == NULL)
    g_set_error (error, NF_ERROR, NF_ERROR_PLUGIN,
                 "language: could not load the fingerprints in %s: %s", dir, local->message);
  return fingerprints;
}

static gboolean
language_init (NfStage *stage, GError **error)
{
  cfg_t *config = nf_stage_get_config (stage);
  g_autoptr (GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < cfg_size (config, "languages"); i++)
    {
      char *code = g_ascii_strdown (cfg_getnstr (config, "languages", i), -1);
      if (strcmp (code, "no") == 0)
        {
          g_free (code);
          code = g_strdup ("nb");
        }
      g_ptr_array_add (codes, code);
    }
  if (codes->len == 0)
    for (gsize i = 0; i < G_N_ELEMENTS (default_languages); i++)
      g_ptr_array_add (codes, g_strdup (default_languages[i]));
  if (cfg_getint (config, "min-words") < 0 || cfg_getint (config, "max-candidates") < 1)
    {
      g_set_error_literal (error, NF_ERROR, NF_ERROR_CHAIN,
                           "language: min-words must be 0 or more and max-candidates 1 or more");
      return FALSE;
    }
  Language *language = g_new0 (Language, 1);
  const char *dir = cfg_getstr (config, "fingerprints");
  language->override = cfg_getbool (config, "override");
  language->check_metadata = cfg_getbool (config, "check-metadata");
  language->min_words = cfg_getint (config, "min-words");
  language->max_candidates = cfg_getint (config, "max-candidates");
  language->fingerprints = load_fingerprints (dir, (char **) codes->pdata, codes->len, error);
  if (language->fingerprints == NULL)
    {
      language_free (language);
      return FALSE;
    }
  nf_stage_set_instance (stage, language);
  return TRUE;
}

/* Counting scratch memory: one per worker thread. */
static gpointer
language_worker_new (G_GNUC_UNUSED NfStage *stage, G_GNUC_UNUSED GError **error)
{
  return lang_scratch_new ();
}

static void
language_worker_free (gpointer worker)
{
  lang_scratch_free (worker);
}

static gboolean
language_process (NfStage *stage, gpointer worker, NfArticle *article, G_GNUC_UNUSED GError **error)
{
  Language *language = nf_stage_get_instance (stage);
  const char *given = nf_article_get_language (article);
  if (given && !language->override && !language->check_metadata)
    return TRUE;
  if (!nf_article_has_text (article)
      || nf_text_count_words (nf_article_get_segmentation (article)) < language->min_words)
    {
      if (language->override)
        nf_article_set_language (article, NULL);
      return TRUE;
    }
  /* nf_article_set_language below may free it */
  g_autofree char *metadata = given && !language->override ? g_strdup (given) : NULL;

  const char *text = nf_article_get_text (article);
  gsize length = nf_article_get_text_length (article);
  if (length > SAMPLE_BYTES)
    length = g_utf8_find_prev_char (text, text + SAMPLE_BYTES + 1) - text;

  guint candidates[LANG_MAX_CANDIDATES];
  int n = lang_fingerprints_classify (language->fingerprints, worker, text, length, candidates, NULL);
  /* n is 0 (unknown), negative (too short) or the number of near-equal candidates, best
   * first; several means textcat cannot tell them apart. */
  const char *code = n >= 1 && (guint) n <= language->max_candidates
    ? lang_fingerprints_name (language->fingerprints, candidates[0]) : NULL;
  /* the metadata stands unless the text clearly says another language */
  if (!metadata || (n == 1 && !same_language (metadata, code)))
    nf_article_set_language (article, code);
  return TRUE;
}

NF_PLUGIN_DEFINE (
  .kind = NF_PLUGIN_EXTRACT,
  .name = "language",
  .summary = "Detects the body's language with libexttextcat's fingerprints, among the languages configured",
  .options = language_options,
  .init = language_init,
  .worker_new = language_worker_new,
  .worker_free = language_worker_free,
  .process = language_process,
  .free = language_free,
);
