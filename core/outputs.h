/* outputs.h: checks on the formatters' outputs of a chain as a whole (no two writing the
 * same file or standard output), and --resume applied to the formatters that can resume. */
#ifndef NF_OUTPUTS_H
#define NF_OUTPUTS_H

#include "chain.h"

G_BEGIN_DECLS

/* Fails with "FILE:LINE: format "x": ..." when two formatters write the same file, both
 * write to standard output, or one writes the error file @errors_path (NULL: none; "-" is
 * standard error and collides with nothing). */
gboolean nf_chain_check_outputs (NfChain *chain, const char *errors_path, GError **error);
/* Sets skip-existing = true on every formatter that offers it (before nf_chain_init);
 * fails when none does. */
gboolean nf_chain_set_resume    (NfChain *chain, GError **error);

/* Removes the temporaries (".NAME.partial-PID-...") that runs which died left beside the
 * formatters' outputs, when their process is gone, saying so on standard error; for older
 * names without a PID, says how to remove them.  nf_chain_init calls it. */
void     nf_chain_remove_stale_outputs (NfChain *chain);

G_END_DECLS

#endif /* NF_OUTPUTS_H */
