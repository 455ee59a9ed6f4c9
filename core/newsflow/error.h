/* newsflow/error.h: the GError domain and codes every part of newsflow reports with.
 * Plugins set these on the GError ** they are handed; the core prints the message. */
#ifndef NEWSFLOW_ERROR_H
#define NEWSFLOW_ERROR_H

#include <glib.h>

G_BEGIN_DECLS

#define NF_ERROR (nf_error_quark ())
GQuark nf_error_quark (void);

typedef enum {
  NF_ERROR_FAILED,        /* anything without a more precise code */
  NF_ERROR_INVALID_INPUT, /* the item's bytes are malformed (bad UTF-8, broken markup, ...) */
  NF_ERROR_IO,            /* reading or writing a file or stream failed */
  NF_ERROR_TOO_LARGE,     /* the item exceeds a configured size limit */
  NF_ERROR_UNSUPPORTED,   /* no stage can handle the item (e.g. no parser for its type) */
  NF_ERROR_CHAIN,         /* the chain file is wrong (syntax, options, stages) */
  NF_ERROR_PLUGIN,        /* a plugin could not be loaded or initialised */
  NF_ERROR_NOT_FOUND,     /* a named plugin, file or item does not exist */
} NfError;

G_END_DECLS

#endif /* NEWSFLOW_ERROR_H */
