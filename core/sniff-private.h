/* sniff-private.h: the core's peek at standard input, so that it can be routed by its bytes. */
#ifndef NF_SNIFF_PRIVATE_H
#define NF_SNIFF_PRIVATE_H

#include <glib.h>

G_BEGIN_DECLS

/* Up to NF_SNIFF_SIZE first bytes of standard input, leaving standard input as it was for
 * whoever reads it next (a pipe is replayed through a new pipe by a thread).  NULL on a
 * terminal (a person typing: nothing to sniff) or when it cannot be read (@error set). */
GBytes *nf_stdin_peek (GError **error);

G_END_DECLS

#endif /* NF_SNIFF_PRIVATE_H */
