/* fetch "acked" (test only): a source that waits for each article's end, as a message
 * broker's consumer does: every article carries an ended notification that appends
 * "ended INDEX OUTCOME" to a log file, so tests can check when and how often it runs. */
#include <stdio.h>
#include <string.h>

#include <newsflow/newsflow.h>

static const NfOption acked_options[] = {
  NF_OPTION_INT ("count", 10, "Articles to produce."),
  NF_OPTION_STR_REQUIRED ("log", "File the notifications are appended to."),
  NF_OPTION_END
};

typedef struct {
  char    *log;
  guint64  index;
} Ack;

static void
ack_free (gpointer data)
{
  Ack *ack = data;
  g_free (ack->log);
  g_free (ack);
}

static void
on_ended (G_GNUC_UNUSED NfArticle *article, NfArticleOutcome outcome, gpointer user_data)
{
  static const char *const names[] = { "written", "dropped", "failed" };
  Ack *ack = user_data;
  FILE *log = fopen (ack->log, "a");
  if (log == NULL)
    return;
  fprintf (log, "ended %" G_GUINT64_FORMAT " %s\n", ack->index, names[outcome]);
  fclose (log);
}

static gboolean
acked_fetch (NfStage *stage, NfSink *sink, G_GNUC_UNUSED GError **error)
{
  cfg_t *config = nf_stage_get_config (stage);
  for (long i = 0; i < cfg_getint (config, "count"); i++)
    {
      g_autofree char *source = g_strdup_printf ("acked:%ld", i);
      g_autofree char *text = g_strdup_printf ("Article %ld\n\nBody of article %ld.\n", i, i);
      NfArticle *article = nf_article_new (source);
      g_autoptr (GBytes) raw = g_bytes_new (text, strlen (text));
      nf_article_set_raw (article, raw, "text/plain");
      Ack *ack = g_new0 (Ack, 1);
      ack->log = g_strdup (cfg_getstr (config, "log"));
      ack->index = i;
      nf_article_set_ended_notify (article, on_ended, ack, ack_free);
      if (!nf_sink_push (sink, article))
        break;
    }
  return TRUE;
}

NF_PLUGIN_DEFINE (
  .kind = NF_PLUGIN_FETCH,
  .name = "acked",
  .summary = "Test plugin: articles whose end is logged",
  .options = acked_options,
  .fetch = acked_fetch,
);
