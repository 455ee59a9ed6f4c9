/* outputs.c: the formatters' outputs of a chain checked together, before anything runs:
 * two formatters interleaving records in one file (or on standard output) corrupt both. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

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
                   "holds (format \"json\", \"sqlite\" and \"postgresql\" can)", chain->path);
      return FALSE;
    }
  return TRUE;
}

/* ---- temporaries of runs that died ------------------------------------------------------
 * A formatter writes ".NAME.partial-PID-XXXXXX" beside NAME (nf_output_open, format
 * "sqlite") and renames it at the end; a run killed by a signal (a crashing plugin without
 * isolate, kill -9, a power cut) leaves it behind.  Its PID says whether the run that
 * wrote it is gone. */

/* The PID in "PREFIX.partial-PID-...", or 0 for an older name without one. */
static pid_t
partial_pid (const char *name, gsize prefix_length)
{
  const char *digits = name + prefix_length;
  char *end = NULL;
  guint64 pid = g_ascii_strtoull (digits, &end, 10);
  return end != digits && *end == '-' && pid > 0 && pid <= G_MAXINT32 ? (pid_t) pid : 0;
}

static void
remove_stale_in (const char *dir, const char *base)
{
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
  if (listing == NULL)
    return;
  g_autofree char *prefix = base ? g_strdup_printf (".%s.partial-", base) : NULL;
  const char *name;
  while ((name = g_dir_read_name (listing)))
    {
      gsize prefix_length;
      if (prefix)
        {
          if (!g_str_has_prefix (name, prefix))
            continue;
          prefix_length = strlen (prefix);
        }
      else
        {
          /* Inside an output directory: any ".X.partial-PID-..." of a file it holds. */
          const char *mark = name[0] == '.' ? strstr (name, ".partial-") : NULL;
          if (mark == NULL)
            continue;
          prefix_length = (gsize) (mark - name) + strlen (".partial-");
        }
      g_autofree char *path = g_build_filename (dir, name, NULL);
      pid_t pid = partial_pid (name, prefix_length);
      if (pid == 0)
        {
          if (prefix) /* an older name: who wrote it cannot be told */
            g_printerr ("newsflow: %s may be left by an earlier run that did not finish; "
                        "if no other run writes there, remove it: rm -- '%s'\n", path, path);
          continue;
        }
      if (pid == getpid () || kill (pid, 0) == 0 || errno != ESRCH)
        continue; /* still being written (another run, or ours) */
      if (unlink (path) == 0)
        g_printerr ("newsflow: removed %s, left by an earlier run (process %d) that did not finish\n",
                    path, (int) pid);
      else
        g_printerr ("newsflow: %s is left by an earlier run (process %d) that did not finish, "
                    "and cannot be removed (%s): rm -- '%s'\n", path, (int) pid, g_strerror (errno), path);
    }
}

void
nf_chain_remove_stale_outputs (NfChain *chain)
{
  GPtrArray *formatters = chain->stages[NF_PLUGIN_FORMAT];
  for (guint i = 0; i < formatters->len; i++)
    {
      NfStage *stage = g_ptr_array_index (formatters, i);
      if (!declares_option (stage, "output", CFGT_STR))
        continue;
      const char *output = cfg_getstr (stage->config, "output");
      if (output == NULL || *output == '\0' || strcmp (output, "-") == 0)
        continue;
      struct stat st;
      if (stat (output, &st) == 0 && !S_ISREG (st.st_mode) && !S_ISDIR (st.st_mode))
        continue; /* a device or FIFO is written in place */
      if (stat (output, &st) == 0 && S_ISDIR (st.st_mode))
        {
          remove_stale_in (output, NULL);
          continue;
        }
      g_autofree char *dir = g_path_get_dirname (output);
      g_autofree char *base = g_path_get_basename (output);
      remove_stale_in (dir, base);
    }
}
