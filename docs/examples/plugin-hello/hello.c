/* extract "hello": the example plugin of docs/writing-plugins.md.  It greets an article's
 * first author in a "greeting" field, marks the lede (the first sentence) with a "lede"
 * annotation, and fails, drops or keeps articles without a title. */
#include <string.h>

#include <newsflow/newsflow.h>

static const NfOption hello_options[] = {
  NF_OPTION_STR ("greeting", "Hello", "The word to greet the first author with."),
  NF_OPTION_CHOICE ("untitled", "fail", "fail|drop|keep",
                    "What to do with an article without a title: count it as failed, "
                    "drop it, or keep it without a greeting."),
  NF_OPTION_INT ("max-lede", 400,
                 "Longest lede to mark, in bytes; a longer first sentence is not marked."),
  NF_OPTION_END
};

/* The instance: made by init, shared by every worker thread, read-only afterwards. */
typedef struct {
  char   *greeting;
  char   *untitled;
  gsize   max_lede;
  GRegex *sentence_end; /* matching with a GRegex is thread-safe */
} Hello;

/* Per worker: a buffer reused from one article to the next, so never shared. */
typedef struct {
  GString *buffer;
} HelloWorker;

static void
hello_free (gpointer instance)
{
  Hello *hello = instance;
  g_free (hello->greeting);
  g_free (hello->untitled);
  g_regex_unref (hello->sentence_end);
  g_free (hello);
}

static gboolean
hello_init (NfStage *stage, GError **error)
{
  cfg_t *config = nf_stage_get_config (stage);
  const char *greeting = cfg_getstr (config, "greeting");
  long max_lede = cfg_getint (config, "max-lede");
  if (greeting == NULL || *greeting == '\0')
    {
      g_set_error (error, NF_ERROR, NF_ERROR_CHAIN, "greeting must not be empty");
      return FALSE;
    }
  if (max_lede < 1)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_CHAIN, "max-lede must be 1 or more, not %ld", max_lede);
      return FALSE;
    }
  /* A sentence ends at . ! or ? (and closing quotes) before the end of the paragraph or a
   * space and something that is not a lower-case letter ("Go!" she said. is one). */
  GRegex *sentence_end = g_regex_new ("[.!?][\"'\u201d\u2019)]*(?=\\s*$|\\s+(?!\\p{Ll}))", 0, 0, error);
  if (sentence_end == NULL)
    return FALSE;

  Hello *hello = g_new0 (Hello, 1);
  hello->greeting = g_strdup (greeting);
  hello->untitled = g_strdup (cfg_getstr (config, "untitled"));
  hello->max_lede = (gsize) max_lede;
  hello->sentence_end = sentence_end;
  nf_stage_set_instance (stage, hello);
  return TRUE;
}

static gpointer
hello_worker_new (G_GNUC_UNUSED NfStage *stage, G_GNUC_UNUSED GError **error)
{
  HelloWorker *worker = g_new0 (HelloWorker, 1);
  worker->buffer = g_string_new (NULL);
  return worker;
}

static void
hello_worker_free (gpointer data)
{
  HelloWorker *worker = data;
  g_string_free (worker->buffer, TRUE);
  g_free (worker);
}

/* Marks the first sentence of the first paragraph, unless it is longer than max-lede. */
static void
mark_lede (const Hello *hello, NfArticle *article)
{
  if (nf_article_get_n_paragraphs (article) == 0)
    return;
  const char *text = nf_article_get_text (article);
  gsize start, end;
  nf_article_get_paragraph_span (article, 0, &start, &end);
  g_autoptr (GMatchInfo) match = NULL;
  if (g_regex_match_full (hello->sentence_end, text, end, start, 0, &match, NULL))
    {
      int match_end;
      g_match_info_fetch_pos (match, 0, NULL, &match_end);
      end = (gsize) match_end;
    }
  if (end - start > hello->max_lede)
    return;
  NfAnnotation *lede = nf_article_add_annotation (article, "lede", start, end);
  nf_annotation_set_attr_int64 (lede, "characters", g_utf8_strlen (text + start, end - start));
}

static gboolean
hello_process (NfStage *stage, gpointer data, NfArticle *article, GError **error)
{
  const Hello *hello = nf_stage_get_instance (stage);
  HelloWorker *worker = data;
  const char *title = nf_article_get_title (article);
  /* This thread's own buffer: every thread that runs the stage has its worker data. */
  GString *buffer = worker->buffer;

  if (title == NULL || *title == '\0')
    {
      if (strcmp (hello->untitled, "fail") == 0)
        {
          g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT,
                       "the article has no title (untitled = \"fail\")");
          return FALSE;
        }
      if (strcmp (hello->untitled, "drop") == 0)
        {
          nf_article_drop (article, "no title");
          return TRUE;
        }
    }
  else
    {
      const char *const *authors = nf_article_get_authors (article);
      g_string_printf (buffer, "%s, %s!", hello->greeting,
                       authors && authors[0] ? authors[0] : "reader");
      nf_article_set_field_string (article, "greeting", buffer->str);
    }
  mark_lede (hello, article);
  return TRUE;
}

NF_PLUGIN_DEFINE (
  .kind = NF_PLUGIN_EXTRACT,
  .name = "hello",
  .summary = "Greets the first author and marks the lede",
  .options = hello_options,
  .init = hello_init,
  .worker_new = hello_worker_new,
  .worker_free = hello_worker_free,
  .process = hello_process,
  .free = hello_free,
);
