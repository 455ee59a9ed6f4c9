/* outputs.c: the formatters' outputs of a chain checked together, before anything runs:
 * two formatters interleaving records in one file (or on standard output) corrupt both. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "outputs.h"
#include <newsflow/error.h>

static gboolean
declares_option (const NfStage *stage, const char *name, cfg_type_t type)
{
  for (const NfOption *option = stage->plugin->options; option && option->opt.name; option++)
    if (strcmp (option->opt.name, name) == 0 && option->opt.type == type)
      return TRUE;
  return FALSE;
}

/* The file a path names, the same however it is spelled ("out.jsonl", "./out.jsonl"). */
static char *
canonical_path (const char *path)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *dir = g_path_get_dirname (absolute);
  g_autofree char *base = g_path_get_basename (absolute);
  g_autofree char *real = realpath (dir, NULL);
  return real ? g_build_filename (real, base, NULL) : g_steal_pointer (&absolute);
}

/* Devices such as /dev/null take any number of writers. */
static gboolean
is_shared_device (const char *path)
{
  struct stat st;
  return stat (path, &st) == 0 && S_ISCHR (st.st_mode);
}

gboolean
nf_chain_check_outputs (NfChain *chain, const char *errors_path, GError **error)
{
  g_autoptr (GHashTable) writers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (errors_path && strcmp (errors_path, "-") != 0 && !is_shared_device (errors_path))
    g_hash_table_insert (writers, canonical_path (errors_path), NULL);
  GPtrArray *formatters = chain->stages[NF_PLUGIN_FORMAT];
  for (guint i = 0; i < formatters->len; i++)
    {
      NfStage *stage = g_ptr_array_index (formatters, i);
      if (!declares_option (stage, "output", CFGT_STR))
        continue;
      const char *output = cfg_getstr (stage->config, "output");
      if (output == NULL || *output == '\0' || is_shared_device (output))
        continue;
      char *key = strcmp (output, "-") == 0 ? g_strdup ("-") : canonical_path (output);
      NfStage *other = NULL;
      if (!g_hash_table_lookup_extended (writers, key, NULL, (gpointer *) &other))
        {
          g_hash_table_insert (writers, key, stage);
          continue;
        }
      g_free (key);
      const char *what = strcmp (output, "-") == 0 ? " (standard output)" : "";
      if (other)
        g_set_error (error, NF_ERROR, NF_ERROR_CHAIN,
                     "%s: format \"%s\": output \"%s\"%s is also written by format \"%s\" (%s): "
                     "give each formatter its own output", stage->location, stage->name, output,
                     what, other->name, other->location);
      else
        g_set_error (error, NF_ERROR, NF_ERROR_CHAIN,
                     "%s: format \"%s\": output \"%s\" is also the error file (--errors)",
                     stage->location, stage->name, output);
      return FALSE;
    }
  return TRUE;
}

gboolean
nf_chain_set_resume (NfChain *chain, GError **error)
{
  guint resuming = 0;
  GPtrArray *formatters = chain->stages[NF_PLUGIN_FORMAT];
  for (guint i = 0; i < formatters->len; i++)
    {
      NfStage *stage = g_ptr_array_index (formatters, i);
      if (stage->plugin->has_article == NULL || !declares_option (stage, "skip-existing", CFGT_BOOL))
        continue;
      cfg_setbool (stage->config, "skip-existing", cfg_true);
      resuming++;
    }
  if (resuming == 0)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_CHAIN,
                   "%s: --resume: no formatter of the chain can tell which articles its output "
                   "holds (format \"json\" and \"sqlite\" can)", chain->path);
      return FALSE;
    }
  return TRUE;
}
