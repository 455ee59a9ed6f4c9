/* registry.h: finds plugin modules on the search path, opens them with libltdl and checks
 * their descriptors.  The only process-wide state in newsflow; used from the main thread. */
#ifndef NF_REGISTRY_H
#define NF_REGISTRY_H

#include <newsflow/plugin.h>

#include "build-tree.h"

G_BEGIN_DECLS

/* Where a plugin directory came from; earlier levels win when a plugin is found twice. */
typedef enum {
  NF_PATH_COMMAND_LINE, /* --plugin-path */
  NF_PATH_CHAIN,        /* plugin-path in the chain file */
  NF_PATH_ENVIRONMENT,  /* NEWSFLOW_PLUGIN_PATH */
  NF_PATH_BUILD_TREE,   /* the binary runs uninstalled from its build tree */
  NF_PATH_DEFAULT,      /* the configured $(pkglibdir)/plugins */
  NF_PATH_N_LEVELS
} NfPathLevel;

typedef struct _NfRegistry NfRegistry;

typedef struct {
  const NfPluginDescriptor *descriptor;
  char *path; /* the file it was opened from */
} NfPluginInfo;

NfRegistry *nf_registry_new        (void);
void        nf_registry_free       (NfRegistry *registry);
/* Adds each directory of a ':'-separated list at @level. */
void        nf_registry_add_path   (NfRegistry *registry, NfPathLevel level, const char *dirs);
/* Adds the environment variable, the build tree (when running uninstalled) and the default. */
void        nf_registry_add_standard_paths (NfRegistry *registry);
/* The directories searched, in order (NULL-terminated, owned by the registry). */
char      **nf_registry_get_search_path (NfRegistry *registry);

/* Finds and opens plugin @name of @kind.  The result stays valid until the registry is
 * freed.  Errors name the file and list the plugins of that kind that exist. */
const NfPluginInfo *nf_registry_load (NfRegistry *registry, NfPluginKind kind,
                                      const char *name, GError **error);
/* Names of the plugins of @kind found on the search path, sorted, without opening them. */
GPtrArray  *nf_registry_list_names (NfRegistry *registry, NfPluginKind kind);
/* Opens every module found.  Returns the ones that loaded (NfPluginInfo *, owned by the
 * registry) sorted by kind and name; @errors (nullable) receives one message per module that
 * did not. */
GPtrArray  *nf_registry_load_all   (NfRegistry *registry, GPtrArray *errors);

/* What the loader refuses in a descriptor (another ABI, a bad name, a missing summary or
 * callback, an undocumented option), checked once for the loader and the test harness;
 * messages start with @where (a module's path, or 'plugin "NAME"'). */
gboolean nf_plugin_descriptor_check (const NfPluginDescriptor *plugin, const char *where,
                                     GError **error);

G_END_DECLS

#endif /* NF_REGISTRY_H */
