/* stage-lifecycle.c: a stage's life cycle (init, worker_new, process, commit, finish,
 * worker_free, free), driven from here by both the runner and the test harness, so a plugin
 * tested with the harness runs exactly as it will in a chain.  Part of the engine: none of
 * it is exported by libnewsflow (plugins see only the accessors in stage.c). */
#include "config.h"

#include "article-private.h"
#include "isolate.h"
#include "stage-private.h"
#include <newsflow/error.h>

NfStage *
nf_stage_new (const NfPluginDescriptor *plugin, const char *name, const char *location,
              cfg_t *config)
{
  NfStage *stage = g_new0 (NfStage, 1);
  stage->plugin = plugin;
  stage->name = g_strdup (name);
  stage->location = g_strdup (location);
  stage->config = config;
  return stage;
}

gboolean
nf_stage_init (NfStage *stage, GError **error)
{
  g_autoptr (GError) local = NULL;
  if (stage->plugin->init && !stage->plugin->init (stage, &local))
    {
      g_set_error (error, NF_ERROR, NF_ERROR_PLUGIN, "%s: %s \"%s\": %s", stage->location,
                   nf_plugin_kind_to_string (stage->plugin->kind), stage->name,
                   local ? local->message : "initialisation failed without a message");
      return FALSE;
    }
  return TRUE;
}

void
nf_stage_free (NfStage *stage)
{
  if (stage == NULL)
    return;
  /* Also after a failed init: whatever it had set as the instance is the plugin's to free. */
  if (stage->plugin->free && stage->instance)
    stage->plugin->free (stage->instance);
  if (stage->config)
    cfg_free (stage->config);
  g_strfreev (stage->sources);
  g_clear_pointer (&stage->rejected, g_hash_table_unref);
  g_free (stage->name);
  g_free (stage->location);
  g_free (stage->chain_path);
  g_free (stage->search_path);
  g_free (stage);
}

gboolean
nf_stage_worker_new (NfStage *stage, gpointer *worker, GError **error)
{
  *worker = NULL;
  /* An isolated stage's per-thread state is its worker process, started on first use. */
  if (stage->isolate)
    {
      *worker = nf_isolate_new (stage);
      return TRUE;
    }
  if (stage->plugin->worker_new == NULL)
    return TRUE;
  g_autoptr (GError) local = NULL;
  *worker = stage->plugin->worker_new (stage, &local);
  /* NULL without an error is a plugin that needs no state for this thread. */
  if (*worker == NULL && local)
    {
      g_autofree char *name = nf_stage_describe (stage);
      g_set_error (error, NF_ERROR, NF_ERROR_PLUGIN, "%s: %s", name, local->message);
      return FALSE;
    }
  return TRUE;
}

void
nf_stage_worker_free (NfStage *stage, gpointer worker)
{
  if (stage->isolate)
    nf_isolate_free (worker);
  else if (worker && stage->plugin->worker_free)
    stage->plugin->worker_free (worker);
}

gboolean
nf_stage_process (NfStage *stage, gpointer worker, NfArticle *article, GError **error)
{
  g_autoptr (GError) local = NULL;
  gboolean ok = stage->isolate ? nf_isolate_process (worker, article, &local)
                               : stage->plugin->process (stage, worker, article, &local);
  if (ok)
    return TRUE;
  if (local == NULL)
    local = g_error_new_literal (NF_ERROR, NF_ERROR_FAILED, "failed without a message");
  g_autofree char *name = nf_stage_describe (stage);
  nf_article_set_failed (article, name, local);
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

GHashTable *
nf_stage_take_rejected (NfStage *stage)
{
  return g_steal_pointer (&stage->rejected);
}

gboolean
nf_stage_commit (NfStage *stage, GError **error)
{
  if (stage->plugin->commit == NULL)
    return TRUE;
  g_autoptr (GError) local = NULL;
  if (stage->plugin->commit (stage, &local))
    return TRUE;
  if (local == NULL)
    local = g_error_new_literal (NF_ERROR, NF_ERROR_FAILED, "commit failed without a message");
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

gboolean
nf_stage_finish (NfStage *stage, GError **error)
{
  g_autoptr (GError) local = NULL;
  if (stage->plugin->finish == NULL || stage->plugin->finish (stage, &local))
    return TRUE;
  g_autofree char *name = nf_stage_describe (stage);
  g_set_error (error, NF_ERROR, NF_ERROR_FAILED, "%s: %s", name,
               local ? local->message : "finish failed without a message");
  return FALSE;
}

char *
nf_stage_describe (const NfStage *stage)
{
  return g_strdup_printf ("%s %s", nf_plugin_kind_to_string (stage->plugin->kind), stage->name);
}
