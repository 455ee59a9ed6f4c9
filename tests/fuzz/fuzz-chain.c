/* fuzz-chain.c: the chain loader on an arbitrary chain file, against this build's plugins:
 * syntax, includes, option tables, plugin lookup.  Only nf_chain_load runs; no stage is
 * initialised, so no output is opened and nothing is fetched. */
#include "config.h"

#include "fuzz.h"
#include "chain.h"
#include "registry.h"

static NfRegistry *registry;

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  (void) argc, (void) argv;
  fuzz_setup ();
  registry = nf_registry_new ();
  nf_registry_add_standard_paths (registry);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *path = fuzz_write_input ("input.chain", data, size);
  g_autoptr (GError) error = NULL;
  NfChain *chain = nf_chain_load (path, registry, &error);
  g_clear_pointer (&chain, nf_chain_free);
  return 0;
}
