/* build-tree.h: whether this process runs from its build tree.  Both the engine (plugin
 * search path, default chain) and libnewsflow's data lookup (newsflow/data.h) ask, so the
 * answer lives here once, inline, rather than as an exported symbol. */
#ifndef NF_BUILD_TREE_H
#define NF_BUILD_TREE_H

#include <glib.h>

/* TRUE when the running binary lies under NF_BUILD_DIR: then freshly built plugins and the
 * source tree's data are used instead of the installed ones. */
static inline gboolean
nf_running_uninstalled (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  return exe != NULL && g_str_has_prefix (exe, NF_BUILD_DIR "/");
}

#endif /* NF_BUILD_TREE_H */
