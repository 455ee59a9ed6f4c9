/* stage.c: what plugins may call on NfStage, one use of a plugin in a chain: its name,
 * configuration, instance, sources, cancellation, and a formatter's rejection of pending
 * articles.  The life cycle that drives a stage is the engine's (stage-lifecycle.c). */
#include "config.h"

#include "stage-private.h"
#include <newsflow/error.h>

void
nf_stage_reject_pending (NfStage *stage, guint64 index, const GError *error)
{
  g_return_if_fail (stage != NULL && error != NULL);
  g_return_if_fail (stage->plugin->kind == NF_PLUGIN_FORMAT);
  if (stage->rejected == NULL)
    stage->rejected = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_hash_table_insert (stage->rejected, g_memdup2 (&index, sizeof index), g_strdup (error->message));
}

const char *
nf_stage_get_name (const NfStage *stage)
{
  return stage->name;
}

NfPluginKind
nf_stage_get_kind (const NfStage *stage)
{
  return stage->plugin->kind;
}

cfg_t *
nf_stage_get_config (const NfStage *stage)
{
  return stage->config;
}

const char *
nf_stage_get_location (const NfStage *stage)
{
  return stage->location;
}

void
nf_stage_set_instance (NfStage *stage, gpointer instance)
{
  stage->instance = instance;
}

gpointer
nf_stage_get_instance (const NfStage *stage)
{
  return stage->instance;
}

const char *const *
nf_stage_get_sources (const NfStage *stage)
{
  return (const char *const *) stage->sources;
}

gboolean
nf_stage_is_cancelled (const NfStage *stage)
{
  return stage->cancelled != NULL && g_atomic_int_get (stage->cancelled);
}
