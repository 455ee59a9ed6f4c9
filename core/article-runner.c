/* article-runner.c: what the runner (and the isolation and test harness built on it) may do
 * to an article that plugins may not: number it, record its failure, tell its fetcher its
 * fate, take back an isolated worker's copy.  Part of the engine, so none of it is exported
 * by libnewsflow. */
#include "config.h"

#include "article-private.h"
#include <newsflow/error.h>
#include <newsflow/safe.h>

/* Everything a stage can change moves from @from to @article (swapped, then @from is
 * released), except the raw bytes, the index, the outcome and the end notification: the
 * runner's article stays the same object when an isolated stage's worker process answers
 * with its changed copy (isolate.c). */
void
nf_article_take_contents (NfArticle *article, NfArticle *from)
{
#define SWAP(member) G_STMT_START { __typeof__ (article->member) tmp = article->member; \
    article->member = from->member; from->member = tmp; } G_STMT_END
  SWAP (id);
  SWAP (content_type);
  SWAP (title);
  SWAP (authors);
  SWAP (published);
  SWAP (language);
  SWAP (text);
  SWAP (paragraphs);
  SWAP (segmentation);
  SWAP (fields);
  SWAP (annotations);
  SWAP (drop_reason);
#undef SWAP
  nf_article_unref (from);
}

gboolean
nf_article_has_ended_notify (const NfArticle *article)
{
  return article->ended != NULL;
}

void
nf_article_notify_ended (NfArticle *article, NfArticleOutcome outcome)
{
  NfArticleEndedFunc func = g_steal_pointer (&article->ended);
  gpointer data = g_steal_pointer (&article->ended_data);
  GDestroyNotify destroy = g_steal_pointer (&article->ended_destroy);
  if (func)
    func (article, outcome, data);
  if (destroy)
    destroy (data);
}

void
nf_article_set_index (NfArticle *article, guint64 index)
{
  article->index = index;
}

void
nf_article_set_failed (NfArticle *article, const char *stage, const GError *error)
{
  g_free (article->failed_stage);
  article->failed_stage = g_strdup (stage);
  g_clear_error (&article->error);
  article->error = error ? g_error_copy (error)
                         : g_error_new_literal (NF_ERROR, NF_ERROR_FAILED, "failed without a message");
  /* Messages quote input (a path, a header line): shown on a terminal and written to the
   * errors file, they must not carry control characters or invalid UTF-8. */
  if (!nf_safe_is_displayable (article->error->message, -1))
    {
      char *shown = nf_safe_display (article->error->message, -1);
      g_free (article->error->message);
      article->error->message = shown;
    }
}
