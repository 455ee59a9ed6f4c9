/* describe.h: what --list-plugins and --describe print, straight from the descriptors. */
#ifndef NF_DESCRIBE_H
#define NF_DESCRIBE_H

#include "registry.h"

G_BEGIN_DECLS

/* One line per plugin: kind, name, summary, file. */
void nf_describe_list    (GString *out, GPtrArray *infos);
/* A plugin's summary, content types and every option with type, default and description. */
void nf_describe_plugin  (GString *out, const NfPluginInfo *info);
/* "string", "list of integers", ... */
const char *nf_describe_option_type (const cfg_opt_t *opt);
/* The default in chain syntax, or NULL when there is none. */
char *nf_describe_option_default (const cfg_opt_t *opt);

G_END_DECLS

#endif /* NF_DESCRIBE_H */
