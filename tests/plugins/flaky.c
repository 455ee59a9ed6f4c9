/* format "flaky" (test only): a formatter whose commit can be made to fail, that logs
 * "commit K ok N" or "commit K failed N" (N: articles accepted since the last commit) to
 * the same kind of log as fetch "acked", so tests can see the commit points. */
#include <stdio.h>

#include <newsflow/newsflow.h>

static const NfOption flaky_options[] = {
  NF_OPTION_INT ("fail-commit", 0, "The commit (1, 2, ...) that fails; 0: none."),
  NF_OPTION_STR_REQUIRED ("log", "File the commits are appended to."),
  NF_OPTION_END
};

typedef struct {
  char  *log;
  long   fail_commit;
  long   commits;
  guint  pending;
} Flaky;

static void
flaky_free (gpointer data)
{
  Flaky *flaky = data;
  g_free (flaky->log);
  g_free (flaky);
}

static gboolean
flaky_init (NfStage *stage, G_GNUC_UNUSED GError **error)
{
  Flaky *flaky = g_new0 (Flaky, 1);
  flaky->log = g_strdup (cfg_getstr (nf_stage_get_config (stage), "log"));
  flaky->fail_commit = cfg_getint (nf_stage_get_config (stage), "fail-commit");
  nf_stage_set_instance (stage, flaky);
  return TRUE;
}

static gboolean
flaky_process (NfStage *stage, G_GNUC_UNUSED gpointer worker, G_GNUC_UNUSED NfArticle *article,
               G_GNUC_UNUSED GError **error)
{
  Flaky *flaky = nf_stage_get_instance (stage);
  flaky->pending++;
  return TRUE;
}

static gboolean
flaky_commit (NfStage *stage, GError **error)
{
  Flaky *flaky = nf_stage_get_instance (stage);
  gboolean ok = ++flaky->commits != flaky->fail_commit;
  FILE *log = fopen (flaky->log, "a");
  if (log)
    {
      fprintf (log, "commit %ld %s %u\n", flaky->commits, ok ? "ok" : "failed", flaky->pending);
      fclose (log);
    }
  flaky->pending = 0;
  if (!ok)
    g_set_error (error, NF_ERROR, NF_ERROR_IO, "commit %ld refused by design", flaky->commits);
  return ok;
}

NF_PLUGIN_DEFINE (
  .kind = NF_PLUGIN_FORMAT,
  .name = "flaky",
  .summary = "Test plugin: a formatter whose commit fails on demand",
  .options = flaky_options,
  .init = flaky_init,
  .process = flaky_process,
  .commit = flaky_commit,
  .free = flaky_free,
);
