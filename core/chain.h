/* chain.h: a chain file read, checked against the named plugins' schemas, and turned into
 * stages.  Every mistake is one GError "FILE:LINE: what is wrong". */
#ifndef NF_CHAIN_H
#define NF_CHAIN_H

#include "registry.h"
#include "stage-private.h"

G_BEGIN_DECLS

typedef struct {
  char      *path;
  GPtrArray *stages[4]; /* NfStage * per NfPluginKind, in the order written */
} NfChain;

/* Reads @path, loads the plugins it names through @registry (adding the chain's own
 * plugin-path first) and validates every option.  Plugins are not initialised yet. */
NfChain  *nf_chain_load          (const char *path, NfRegistry *registry, GError **error);
/* Gives each command-line source to a fetcher: the one declaring (in content_types) the
 * container type its bytes or its name say, else the first whose accepts_source takes it. */
gboolean  nf_chain_route_sources (NfChain *chain, const char *const *sources, GError **error);
/* When a fetcher is to read standard input ("-"), peeks at it and hands it to the fetcher
 * that declares the container type its bytes say, if another.  Call just before running:
 * it reads standard input. */
gboolean  nf_chain_route_stdin   (NfChain *chain, GError **error);
/* Initialises every stage, in chain order; the first failure stops and is returned. */
gboolean  nf_chain_init          (NfChain *chain, GError **error);
/* --isolate: every parse and extract stage runs in worker processes (isolate.h). */
void      nf_chain_isolate_all   (NfChain *chain);
void      nf_chain_free          (NfChain *chain);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NfChain, nf_chain_free)

G_END_DECLS

#endif /* NF_CHAIN_H */
