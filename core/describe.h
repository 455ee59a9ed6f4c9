/* describe.h: what --list-plugins, --describe (text or JSON) and --graph print, straight from
 * the descriptors and the loaded chain. */
#ifndef NF_DESCRIBE_H
#define NF_DESCRIBE_H

#include <json-glib/json-glib.h>

#include "chain.h"
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

/* The same as a JSON object: kind, name, summary, file, abi_version, content_types, flags,
 * options [{name, type, list, required, default, choices, description}]. */
JsonNode *nf_describe_plugin_json (const NfPluginInfo *info);
/* The chain as a Graphviz digraph: one node per stage with the options set to other than
 * their defaults, edges in the order articles flow. */
void nf_describe_chain_dot (GString *out, const NfChain *chain);

G_END_DECLS

#endif /* NF_DESCRIBE_H */
