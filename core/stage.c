/* stage.c: NfStage, one use of a plugin in a chain, and the accessors plugins call on it. */
#include "config.h"

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
  g_free (stage->name);
  g_free (stage->location);
  g_free (stage);
}

char *
nf_stage_describe (const NfStage *stage)
{
  return g_strdup_printf ("%s %s", nf_plugin_kind_to_string (stage->plugin->kind), stage->name);
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
