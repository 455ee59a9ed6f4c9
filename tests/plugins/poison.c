/* extract "poison" (test only): kills its own process (SIGKILL, like a segfault or the OOM
 * killer) on an article whose body holds "POISON-MARKER", after a pause that lets the
 * articles ahead of it end, and fails one holding "FAIL-MARKER" with an error: the article
 * that brings down every worker that takes it, and an ordinary failure, for the NATS tests. */
#include <signal.h>
#include <string.h>

#include <newsflow/newsflow.h>

static gboolean
poison_process (G_GNUC_UNUSED NfStage *stage, G_GNUC_UNUSED gpointer worker, NfArticle *article,
                GError **error)
{
  const char *text = nf_article_get_text (article);
  if (text && strstr (text, "POISON-MARKER"))
    {
      /* The articles ahead of it end first: the worker commits its batch at least every
       * second, and only then acknowledges them.  Killed at once, an article just ahead
       * (the failing one of nats-poison.sh) shares its fate on a loaded machine; what a
       * kill does to the articles in flight is nats-kill.sh's test. */
      g_usleep (2500 * 1000);
      raise (SIGKILL);
    }
  if (text && strstr (text, "FAIL-MARKER"))
    {
      g_set_error_literal (error, NF_ERROR, NF_ERROR_FAILED, "fails by design");
      return FALSE;
    }
  return TRUE;
}

NF_PLUGIN_DEFINE (
  .kind = NF_PLUGIN_EXTRACT,
  .name = "poison",
  .summary = "Test plugin: kills its process on POISON-MARKER, fails on FAIL-MARKER",
  .process = poison_process,
);
