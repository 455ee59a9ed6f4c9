/* error.c: the NF_ERROR domain and the names of plugin kinds, shared by core and plugins. */
#include "config.h"

#include <string.h>

#include <newsflow/error.h>
#include <newsflow/plugin.h>

G_DEFINE_QUARK (nf-error-quark, nf_error)

static const char *const kind_words[] = { "fetch", "parse", "extract", "format" };

const char *
nf_plugin_kind_to_string (NfPluginKind kind)
{
  return (guint) kind < G_N_ELEMENTS (kind_words) ? kind_words[kind] : "unknown";
}

gboolean
nf_plugin_kind_from_string (const char *word, NfPluginKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_words); i++)
    if (g_strcmp0 (word, kind_words[i]) == 0)
      {
        *kind = (NfPluginKind) i;
        return TRUE;
      }
  return FALSE;
}
